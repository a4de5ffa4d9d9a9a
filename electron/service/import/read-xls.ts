/**
 * Old .xls (BIFF8) files through @e965/xlsx 0.20.3, the maintained SheetJS build (npm's `xlsx` 0.18.5
 * carries CVE-2023-30533 and CVE-2024-22363 and is never used). Merges and hidden rows come from the
 * sheet's !merges and !rows; numbers in date formats become dates.
 */
import type * as XlsxTypes from '@e965/xlsx'
import { loadXlsx } from '../lazy-libs.ts'
import { importErrors, throwIfAborted } from './errors.ts'
import type { MergeRange, RawCell, RawSheet, RawWorkbook, ReadLimits, ReadOptions } from './types.ts'

export async function readXls(buf: Buffer, limits: ReadLimits, opts: ReadOptions = {}): Promise<RawWorkbook> {
  const XLSX = await loadXlsx()
  let wb: XlsxTypes.WorkBook
  try {
    wb = XLSX.read(buf, { type: 'buffer', cellDates: false, cellNF: true, cellFormula: false, cellHTML: false, cellStyles: false, sheetRows: limits.maxRows + 2, dense: true, WTF: false })
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    if (/password|encrypt/i.test(msg)) throw importErrors.password()
    throw importErrors.corrupt(msg.slice(0, 120))
  }
  const sheets: RawSheet[] = []
  for (const name of wb.SheetNames) {
    throwIfAborted(opts.signal)
    const ws = wb.Sheets[name]
    if (!ws) continue
    const ref = ws['!ref']
    const rows: (RawCell[] | undefined)[] = []
    const hiddenRows = new Set<number>()
    const merges: MergeRange[] = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 }))
    if (ref) {
      const range = XLSX.utils.decode_range(ref)
      if (range.e.r + 1 > limits.maxRows) throw importErrors.tooManyRows(name, limits.maxRows)
      const dense = (ws as unknown as { '!data'?: (XlsxTypes.CellObject | undefined)[][] })['!data'] ?? []
      for (let r = range.s.r; r <= range.e.r; r++) {
        const src = dense[r]
        if (!src) continue
        const cells: RawCell[] = []
        let any = false
        for (let c = 0; c < src.length; c++) {
          const cell = src[c]
          let v: RawCell = null
          if (cell && cell.v !== undefined && cell.v !== null) {
            if (cell.t === 'n' && typeof cell.v === 'number' && cell.z && XLSX.SSF.is_date(String(cell.z))) {
              const d = XLSX.SSF.parse_date_code(cell.v)
              v = new Date(Date.UTC(d.y, d.m - 1, d.d))
            } else if (cell.t === 'e') v = null
            else v = cell.v as RawCell
          }
          cells[c] = v
          if (v !== null) any = true
        }
        if (any) rows[r + 1] = cells
      }
      ;(ws['!rows'] ?? []).forEach((info, i) => {
        if (info?.hidden) hiddenRows.add(i + 1)
      })
    }
    const hidden = (wb.Workbook?.Sheets?.find((s) => s.name === name)?.Hidden ?? 0) !== 0
    sheets.push({ name, hidden, rows, merges, hiddenRows })
  }
  return { format: 'xls', sheets }
}
