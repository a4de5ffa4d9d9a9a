/**
 * CSV export of what a grid or report shows, in UTF-8 with a BOM so Excel and WPS open the Chinese
 * text correctly. A grid view is exported as displayed (visible columns, current filter and sort)
 * through AG Grid Community's own CSV writer; a report table row by row. Text a spreadsheet would
 * run as a formula (=, +, -, @, tab) is neutralised with a leading apostrophe.
 */
import type { GridApi } from 'ag-grid-community'
import type { ReportTable } from '../../../shared/api/reports-api.ts'
import { formatCell, headerLabel } from './format.ts'

export const BOM = '\ufeff'

/** A spreadsheet would read text starting with these as a formula. */
export function neutraliseCsvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The grid's current view as CSV text (BOM included): visible data columns, rows after filter and sort, with the group header row. */
export function gridCsv<T>(api: GridApi<T>): string {
  const columnKeys = api.getAllDisplayedColumns().filter((c) => c.getColDef().field !== undefined)
  const csv =
    api.getDataAsCsv({
      columnKeys,
      processCellCallback: (p) => {
        const v: unknown = p.value
        if (v === null || v === undefined) return ''
        const shown = p.formatValue(v)
        // numbers stay plain numbers (no thousands separators); a number shown as a name (a site) is the name
        if (typeof v === 'number') return /^[-\d,.\s%]*$/.test(shown) ? String(v) : neutraliseCsvText(shown)
        if (typeof v === 'boolean') return shown || (v ? '是' : '否')
        return neutraliseCsvText(String(v))
      },
    }) ?? ''
  return BOM + csv
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

/** Hand text to the user as a file download. */
export function downloadText(text: string, fileName: string, mime = 'text/csv;charset=utf-8'): void {
  downloadBlob(new Blob([text], { type: mime }), fileName)
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}
