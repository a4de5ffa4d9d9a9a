/**
 * Cell-level rules every exported workbook follows: text that a spreadsheet would run as a formula is
 * neutralised by its cell format (the value stays as it is), column widths fit Chinese text (a CJK
 * character is two width units), and number and date formats follow the kind of value.
 */
import type ExcelJS from 'exceljs'
import type { FieldDef } from '../../../shared/dictionary/types.ts'

/**
 * Text starting with =, +, -, @, a tab or a carriage return would be read as a formula by Excel, WPS or
 * LibreOffice when the cell is edited (formula injection). A string cell is never run as written, so
 * the value itself is left alone (it must read back unchanged); such cells get the text number format
 * ('@', what Excel's quote prefix amounts to) so an edit keeps them text. Text starting with an
 * apostrophe gets it too: Excel would take that apostrophe for a quote prefix and drop it on an edit.
 */
export function needsTextFormat(text: string): boolean {
  return /^[=+\-@\t\r']/.test(text)
}

export const FMT_TEXT = '@'

/** Display width of text in Excel's character units: CJK and full-width characters count two. */
export function textWidth(text: string): number {
  let w = 0
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0
    w += c >= 0x2e80 && !(c >= 0xff61 && c <= 0xff9f) ? 2 : 1
  }
  return w
}

/** A column width (Excel units) for a header and sample values, within sensible bounds. */
export function columnWidth(texts: readonly string[], min = 6, max = 48): number {
  let w = min
  for (const t of texts) w = Math.max(w, textWidth(t) + 2)
  return Math.min(w, max)
}

export const FMT_INT = '#,##0'
export const FMT_PERCENT = '0.0%'
export const FMT_DATE = 'yyyy-mm-dd'
export const FMT_MONTH = 'yyyy-mm'

export function decimalFormat(decimals: number): string {
  return decimals <= 0 ? FMT_INT : `#,##0.${'0'.repeat(decimals)}`
}

/** The Excel number format of a dictionary field, or undefined for text. */
export function fieldFormat(f: FieldDef): string | undefined {
  if (f.type === 'int') return FMT_INT
  if (f.type === 'decimal') {
    // coordinates keep every digit and no thousands separator
    if (f.key === 'lat' || f.key === 'lon') return '0.000000'
    return decimalFormat(f.decimals ?? 2)
  }
  if (f.type === 'date') return FMT_DATE
  return undefined
}

/**
 * A stored date as a real Excel date: '2019-12-31' on its day, a month-only '2019-12' on the first of
 * the month, shown with the month format (dateFormat) so its precision survives the round trip (the
 * importer reads a date cell whose format shows no day as a month). Anything else stays text.
 */
export function dateCell(value: string): Date | string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value)
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1)) : value
}

/** The number format of a stored date: month-only values show as yyyy-mm. */
export function dateFormat(value: string): string {
  return /^\d{4}-\d{2}$/.test(value) ? FMT_MONTH : FMT_DATE
}

/**
 * Shared style objects per number format (and boldness), one cache per workbook: exceljs's writer
 * resolves a style object it has seen before from a WeakMap instead of hashing a fresh copy for every
 * cell (a fifth of the export's time). Never set a font or format on a cell that holds one of these:
 * exceljs's setters change the style object in place, that is every cell sharing it.
 */
export class StyleCache {
  private readonly styles = new Map<string, Partial<ExcelJS.Style>>()

  of(numFmt: string | undefined, bold = false): Partial<ExcelJS.Style> {
    const key = `${bold ? 'b' : ''}:${numFmt ?? ''}`
    let s = this.styles.get(key)
    if (!s) {
      s = { ...(numFmt ? { numFmt } : {}), ...(bold ? { font: { bold: true } } : {}) }
      this.styles.set(key, s)
    }
    return s
  }
}

/** 1 → A, 27 → AA */
export function columnLetter(n: number): string {
  let s = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s
  return s
}
