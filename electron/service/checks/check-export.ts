/**
 * The violation list as an Excel workbook (exceljs, streaming writer: a national plan can list
 * 100,000+ violations): one row per violation with its rule, region, row, field (dictionary label),
 * the message in Chinese and English, and the planner's explanation.
 */
import { loadExcel } from '../lazy-libs.ts'
import { fieldOf } from '../../../shared/dictionary/index.ts'
import { ENTITIES } from '../../../shared/dictionary/index.ts'
import { ruleById, type Violation } from '../../../shared/rules/index.ts'
import type { RegionRepository } from '../repositories/region-repository.ts'

export const EXPORT_COLUMNS = [
  { header: '序号', en: 'No.', width: 7 },
  { header: '严重程度', en: 'Severity', width: 9 },
  { header: '规则', en: 'Rule', width: 34 },
  { header: '市（州）', en: 'Prefecture', width: 14 },
  { header: '县（市、区）', en: 'County', width: 14 },
  { header: '对象', en: 'Entity', width: 10 },
  { header: '行', en: 'Row', width: 36 },
  { header: '字段', en: 'Field', width: 16 },
  { header: '问题', en: 'Problem', width: 60 },
  { header: 'Problem (English)', en: 'Problem (English)', width: 60 },
  { header: '说明', en: 'Explanation', width: 30 },
] as const

/** Order for lists: errors first, then rule, region and row. */
export function sortViolations(list: Violation[]): Violation[] {
  return list.sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.ruleId.localeCompare(b.ruleId) ||
      (a.regionCode ?? '').localeCompare(b.regionCode ?? '') ||
      a.rowId - b.rowId,
  )
}

export async function exportViolations(path: string, list: Violation[], regions: RegionRepository, title: string): Promise<void> {
  const excel = await loadExcel()
  const wb = new excel.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false })
  const ws = wb.addWorksheet('检查结果', { views: [{ state: 'frozen', ySplit: 3 }] })
  ws.columns = EXPORT_COLUMNS.map((c) => ({ width: c.width }))
  const titleRow = ws.addRow([`${title}检查结果`])
  titleRow.font = { bold: true, size: 14 }
  titleRow.commit()
  ws.addRow([`共 ${list.length} 条 / ${list.length} violations`]).commit()
  const head = ws.addRow(EXPORT_COLUMNS.map((c) => (c.header === c.en ? c.header : `${c.header} ${c.en}`)))
  head.font = { bold: true }
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }
    cell.border = { bottom: { style: 'thin' } }
  })
  head.commit()
  const names = new Map<string, [string, string]>()
  const regionNames = (code: string | null): [string, string] => {
    if (!code) return ['', '']
    let n = names.get(code)
    if (!n) {
      const county = regions.get(code)
      const pref = county?.parentCode ? regions.get(county.parentCode) : undefined
      names.set(code, (n = [pref && pref.level === 2 ? pref.name : '', county?.name ?? code]))
    }
    return n
  }
  let i = 0
  for (const v of list) {
    const rule = ruleById(v.ruleId)
    const [pref, county] = regionNames(v.regionCode)
    const row = ws.addRow([
      ++i,
      v.severity === 'error' ? '错误' : '警告',
      rule ? `${rule.title.zh}（${v.ruleId}）` : v.ruleId,
      pref,
      county,
      ENTITIES[v.entity].label.zh,
      v.rowKey,
      fieldOf(v.entity, v.field)?.label.zh ?? v.field,
      v.message.zh,
      v.message.en,
      v.explained ? `已说明：${v.explained.comment}` : '',
    ])
    if (v.severity === 'error') row.getCell(2).font = { color: { argb: 'FFC62828' }, bold: true }
    row.commit()
  }
  ws.commit()
  await wb.commit()
}
