/**
 * Open any return: decide the format from the bytes (not the extension alone), enforce the size
 * limits, and hand back sheets of raw cells. Every failure is a clear, bilingual message.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname } from 'node:path'
import { importErrors } from './errors.ts'
import { readCsv } from './read-csv.ts'
import { readXls } from './read-xls.ts'
import { readXlsx } from './read-xlsx.ts'
import { DEFAULT_LIMITS, type RawWorkbook, type ReadLimits, type ReadOptions } from './types.ts'

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

export function resolveLimits(opts: ReadOptions): ReadLimits {
  return { ...DEFAULT_LIMITS, ...(opts.limits ?? {}) }
}

export function readFileBytes(path: string, opts: ReadOptions = {}): Buffer {
  const limits = resolveLimits(opts)
  if (!existsSync(path) || !statSync(path).isFile()) throw importErrors.notFound(path)
  if (statSync(path).size > limits.maxFileBytes) throw importErrors.tooBigFile(Math.round(limits.maxFileBytes / 1048576))
  return readFileSync(path)
}

export async function readWorkbook(buf: Buffer, fileName: string, opts: ReadOptions = {}): Promise<RawWorkbook> {
  const limits = resolveLimits(opts)
  if (buf.length > limits.maxFileBytes) throw importErrors.tooBigFile(Math.round(limits.maxFileBytes / 1048576))
  if (buf.length === 0) throw importErrors.empty()
  const ext = extname(fileName).toLowerCase()
  let wb: RawWorkbook
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 0x03 || buf[2] === 0x05 || buf[2] === 0x07)) {
    wb = await readXlsx(buf, limits, opts)
  } else if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE_MAGIC)) {
    // an encrypted .xlsx is an OLE container holding an EncryptedPackage stream
    if (buf.includes(Buffer.from('EncryptedPackage', 'utf16le'))) throw importErrors.password()
    wb = await readXls(buf, limits, opts)
  } else if (ext === '.xlsx' || ext === '.xlsm' || ext === '.xls' || ext === '.et') {
    // named like a workbook but not one: truncated, or some other file renamed
    if (buf.length >= 2 && buf[0] === 0x50 && buf[1] === 0x4b) throw importErrors.corrupt()
    if (/^\s*<(\?xml|html|table)/i.test(buf.subarray(0, 200).toString('latin1'))) wb = await readXls(buf, limits, opts)
    else throw importErrors.notSpreadsheet()
  } else {
    wb = readCsv(buf, limits, opts)
  }
  if (!wb.sheets.some((s) => s.rows.some((r) => r !== undefined))) throw importErrors.empty()
  return wb
}
