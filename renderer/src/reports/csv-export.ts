/**
 * CSV export of any grid view or report, handed to the user as a download. A grid view is exported as
 * displayed (visible columns, current filter and sort) through AG Grid Community's own CSV writer.
 */
import type { GridApi } from 'ag-grid-community'
import { BOM, neutraliseCsvText } from '../../../shared/reports/csv-text.ts'
import { CHECK_COLUMN } from '../checks/grid-decorations.ts'
import { ROWNUM } from '../grid/sheet.ts'

export { reportCsv } from '../../../shared/reports/csv-text.ts'

/** Columns of the grid that are furniture, not data: the row numbers and the check marks. */
const NOT_DATA = new Set([ROWNUM, CHECK_COLUMN])

/**
 * The grid's current view as CSV text (BOM included): the visible columns, the extra (derived) ones
 * beside the dictionary's included (a facility's county and slip, a site's employment coverage), rows
 * after filter and sort, with the group header row.
 */
export function gridCsv<T>(api: GridApi<T>): string {
  const columnKeys = api.getAllDisplayedColumns().filter((c) => !NOT_DATA.has(c.getColId()) && (c.getColDef().field !== undefined || c.getColDef().valueGetter !== undefined))
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
