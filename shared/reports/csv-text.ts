/**
 * CSV text in UTF-8 with a BOM (so Excel and WPS open the Chinese correctly): a report table row by
 * row, and the rule that neutralises text a spreadsheet would run as a formula (=, +, -, @, tab) with a
 * leading apostrophe. Pure, so the renderer's grid CSV and the tests share it.
 */
import type { ReportTable } from '../api/reports-api.ts'
import { formatCell, headerLabel } from './report-format.ts'

export const BOM = '\ufeff'

/** A spreadsheet would read text starting with these as a formula. */
export function neutraliseCsvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A report table as CSV: two header lines (group, column), then every row as shown on paper. */
export function reportCsv(t: ReportTable): string {
  const lines: string[] = []
  lines.push(quote(t.header.title))
  lines.push(t.columns.map((c) => quote(c.group?.zh ?? '')).join(','))
  lines.push(t.columns.map((c) => quote(headerLabel(c, 'zh'))).join(','))
  const cell = (c: ReportTable['columns'][number], v: unknown): string => {
    if (typeof v === 'number' && c.kind !== 'percent') return String(Math.round(v * 1e6) / 1e6)
    return neutraliseCsvText(formatCell(c, v as Parameters<typeof formatCell>[1]))
  }
  for (const r of t.rows) lines.push(t.columns.map((c) => quote(cell(c, r.cells[c.key]))).join(','))
  return BOM + lines.join('\r\n') + '\r\n'
}

