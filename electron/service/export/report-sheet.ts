/**
 * One summary table (ReportTable) as a worksheet in the official layout: title, as-of line, unit line,
 * two-row grouped headers, rows with 小计/合计/总计 rows written as formulas (SUBTOTAL(9, …) so a
 * 合计 over a block ignores the 小计 rows inside it, ratios as a division of the row's own cells),
 * and the 填表人 / 审核人 footer. The formulas carry their computed results, so a reader that does
 * not recalculate still shows the same figures as the print preview.
 */
import type ExcelJS from 'exceljs'
import type { ReportColumn, ReportRowKind, ReportTable } from '../../../shared/api/reports-api.ts'
import type { FieldValue } from '../../../shared/dictionary/types.ts'
import { pageSetup, TITLE_STYLE, writeTwoRowHeader } from './sheet-layout.ts'
import { columnLetter, columnWidth, dateCell, dateFormat, decimalFormat, FMT_DATE, FMT_INT, FMT_PERCENT, FMT_TEXT, needsTextFormat, StyleCache } from './xlsx-cells.ts'

/** Sheet names of the summary sheets (at most 31 characters, unique). */
export const REPORT_SHEET_NAMES: Record<ReportTable['kind'], string> = {
  headline: '主要指标',
  register: '安置点明细',
  facilities: '设施完成情况',
  employment: '就业情况',
  workshops: '扶贫车间情况',
  'large-sites': '800人以上安置点',
  checks: '问题清单',
}

const RANK: Record<ReportRowKind, number> = { detail: 0, subtotal: 1, total: 2, grand: 3 }

function numFmt(c: ReportColumn): string | undefined {
  if (c.kind === 'int') return FMT_INT
  if (c.kind === 'decimal') return decimalFormat(c.decimals ?? 2)
  if (c.kind === 'percent') return FMT_PERCENT
  if (c.kind === 'date') return FMT_DATE
  return undefined
}

function plain(c: ReportColumn, v: FieldValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null
  if (typeof v === 'number') return v
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (c.kind === 'date') return dateCell(v)
  return v
}

/** The style of one cell when it differs from its column's: month-only dates, text that must stay text. */
function cellFormat(c: ReportColumn, v: FieldValue): string | undefined {
  if (typeof v === 'string' && c.kind === 'date') return dateFormat(v)
  if (typeof v === 'string' && needsTextFormat(v)) return FMT_TEXT
  return numFmt(c)
}

type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter

export async function writeReportSheet(wb: WorkbookWriter, t: ReportTable, styles: StyleCache = new StyleCache()): Promise<string> {
  const name = REPORT_SHEET_NAMES[t.kind]
  const cols = t.columns
  const n = cols.length
  const headerRow = 4
  const firstData = headerRow + 2
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: firstData - 1, topLeftCell: `C${firstData}`, activeCell: `A${firstData}` }],
    pageSetup: pageSetup(t.paper.size, `${headerRow}:${headerRow + 1}`),
    headerFooter: { oddFooter: `&L${t.header.compilingUnit ? `编制单位：${t.header.compilingUnit}` : ''}&C第 &P 页 共 &N 页` },
  })
  ws.columns = cols.map((c) => {
    const texts = [c.label.zh + (c.unit && c.kind !== 'percent' ? `（${c.unit.zh}）` : '')]
    for (const r of t.rows.slice(0, 400)) {
      const v = r.cells[c.key]
      if (typeof v === 'string') texts.push(v)
      else if (typeof v === 'number') texts.push(v.toFixed(c.kind === 'decimal' ? (c.decimals ?? 2) : 0) + '00')
    }
    const fmt = numFmt(c)
    return { key: c.key, width: columnWidth(texts, Math.max(6, Math.round(c.width * 0.9)), 40), ...(fmt ? { style: { numFmt: fmt } } : {}) }
  })
  const line = (row: number, text: string, style: Partial<ExcelJS.Style>, height: number): void => {
    const r = ws.getRow(row)
    r.getCell(1).value = text
    r.getCell(1).style = style
    r.height = height
    ws.mergeCells(row, 1, row, n)
    r.commit()
  }
  line(1, t.header.title, TITLE_STYLE, 30)
  line(2, `${t.name.zh}　${t.header.asOf}`, { font: { name: '宋体', size: 11 }, alignment: { horizontal: 'center' } }, 20)
  const unit = ws.getRow(3)
  unit.getCell(1).value = t.header.compilingUnit ? `填报单位：${t.header.compilingUnit}` : ''
  unit.getCell(n).value = t.header.unitLine
  unit.getCell(n).alignment = { horizontal: 'right' }
  unit.commit()
  writeTwoRowHeader(
    ws,
    headerRow,
    cols.map((c) => ({ group: c.group?.zh ?? null, text: c.label.zh + (c.unit && c.kind !== 'percent' && c.unit.zh ? `（${c.unit.zh}）` : '') })),
  )

  const colIndex = new Map(cols.map((c, i) => [c.key, i + 1]))
  // the row where each rank's block last closed (for a closing row's range)
  const lastClose: number[] = [firstData - 1, firstData - 1, firstData - 1, firstData - 1]
  let r = firstData - 1
  for (const row of t.rows) {
    r++
    const rank = RANK[row.kind]
    let start = firstData - 1
    for (let k = rank; k < 4; k++) start = Math.max(start, lastClose[k]!)
    const values = cols.map((c, i): ExcelJS.CellValue => {
      const v = row.cells[c.key] ?? null
      if (rank === 0 || i === 0) return plain(c, v)
      const L = columnLetter(i + 1)
      if (c.total === 'sum' && r - 1 > start) return { formula: `SUBTOTAL(9,${L}${start + 1}:${L}${r - 1})`, result: typeof v === 'number' ? v : 0 }
      if (c.total === 'ratio' && c.ratio) {
        const a = colIndex.get(c.ratio[0])
        const b = colIndex.get(c.ratio[1])
        if (a && b) {
          const A = `${columnLetter(a)}${r}`
          const B = `${columnLetter(b)}${r}`
          return { formula: `IF(${B}=0,"",${A}/${B})`, result: typeof v === 'number' ? v : '' }
        }
      }
      return plain(c, v)
    })
    const added = ws.addRow(values)
    // shared style objects: exceljs resolves a style it has seen before without rehashing it
    for (let i = 0; i < n; i++) {
      if (values[i] !== null && values[i] !== undefined) added.getCell(i + 1).style = styles.of(cellFormat(cols[i]!, row.cells[cols[i]!.key] ?? null), rank > 0)
    }
    if (rank > 0) lastClose[rank] = r
    added.commit()
  }
  if (t.notice) {
    r++
    const nr = ws.getRow(r)
    nr.getCell(1).value = `${t.notice.zh}（${t.notice.en}）`
    ws.mergeCells(r, 1, r, n)
    nr.commit()
  }
  r += 2
  const foot = ws.getRow(r)
  const third = Math.max(1, Math.floor(n / 3))
  foot.getCell(1).value = `填表人：${t.header.preparer}`
  foot.getCell(1 + third).value = `审核人：${t.header.reviewer}`
  foot.getCell(Math.min(n, 1 + 2 * third)).value = `填报日期：${t.header.date}`
  foot.commit()
  await ws.commit()
  return name
}
