/**
 * The clear, bilingual refusals of the import: every way a file can be unreadable gets a message
 * that says what is wrong and how to fix it (usually: re-save it from Excel or WPS as .xlsx).
 */
import { AppError, appError } from '../../../shared/api/errors.ts'

const RESAVE_ZH = '请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx）再导入'
const RESAVE_EN = 'open it in Excel or WPS and save it as an Excel workbook (.xlsx), then import again'

const mb = (bytes: number): string => (bytes < 1048576 ? (bytes / 1048576).toFixed(2) : String(Math.round(bytes / 1048576)))

export const importErrors = {
  corrupt: (detail?: string): AppError =>
    appError('IMPORT_FAILED', `文件已损坏或不完整，无法读取${detail ? `（${detail}）` : ''}；${RESAVE_ZH}`, `The file is damaged or incomplete and cannot be read${detail ? ` (${detail})` : ''}; ${RESAVE_EN}`),
  password: (): AppError =>
    appError('IMPORT_FAILED', `工作簿设有打开密码，无法读取；请在 Excel 中取消密码（文件 › 信息 › 保护工作簿）后另存再导入`, 'The workbook is password-protected and cannot be read; remove the password in Excel (File › Info › Protect Workbook), save it, and import again'),
  empty: (): AppError => appError('IMPORT_FAILED', '工作簿是空的：没有任何含数据的工作表', 'The workbook is empty: no sheet holds any data'),
  notSpreadsheet: (): AppError =>
    appError('IMPORT_FAILED', `这不是电子表格文件（支持 .xlsx、.xls、.csv）；${RESAVE_ZH}`, `This is not a spreadsheet (supported: .xlsx, .xls, .csv); ${RESAVE_EN}`),
  tooBigUnpacked: (limitBytes: number): AppError => {
    const limitMb = mb(limitBytes)
    return appError('IMPORT_FAILED', `工作簿解压后超过 ${limitMb} MB 的上限，已拒绝读取（文件可能异常）`, `The workbook unpacks to more than the ${limitMb} MB limit and was refused (the file may be malformed)`)
  },
  tooBigFile: (limitMb: number): AppError => appError('IMPORT_FAILED', `文件超过 ${limitMb} MB 的上限`, `The file is larger than the ${limitMb} MB limit`),
  tooManyRows: (sheet: string, limit: number): AppError =>
    appError('IMPORT_FAILED', `工作表“${sheet}”超过 ${limit.toLocaleString('en-US')} 行的上限；请拆分后分批导入`, `Sheet "${sheet}" has more than the ${limit.toLocaleString('en-US')}-row limit; split it and import in parts`),
  noSheet: (name: string, names: string[]): AppError =>
    appError('IMPORT_FAILED', `找不到工作表“${name}”（现有：${names.join('、')}）`, `No sheet named "${name}" (sheets: ${names.join(', ')})`),
  noHeader: (): AppError =>
    appError('IMPORT_FAILED', '没有找到可识别的表头（如“安置点名称”“规划安置户数”）；请确认这是安置点、设施或车间报表', 'No recognisable header row was found (such as 安置点名称 or 规划安置户数); check that this is a return of sites, facilities or workshops'),
  unknownCounty: (text: string): AppError => appError('INVALID_INPUT', `未找到县级区划“${text}”`, `No county matches "${text}"`),
  cancelled: (): AppError => appError('CANCELLED', '导入已取消，未写入任何内容', 'The import was cancelled; nothing was written'),
  notFound: (path: string): AppError => appError('NOT_FOUND', `找不到文件“${path}”`, `File not found: "${path}"`),
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw importErrors.cancelled()
}
