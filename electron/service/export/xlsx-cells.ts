/**
 * Cell-level rules every exported workbook follows: text that a spreadsheet would run as a formula is
 * neutralised, column widths fit Chinese text (a CJK character is two width units), and number and
 * date formats follow the kind of value.
 */
import type { FieldDef } from '../../../shared/dictionary/types.ts'

/**
 * Text starting with =, +, -, @, a tab or a carriage return would be read as a formula by Excel, WPS or
 * LibreOffice when the cell is edited or the sheet is saved as CSV (formula injection): such text is
 * written with a leading apostrophe, the usual neutralisation, so it always stays text.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

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

/** A stored date ('2019-12-31') as a date cell; month-only values ('2019-12') stay text so their precision survives. */
export function dateCell(value: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : value
}

/** 1 → A, 27 → AA */
export function columnLetter(n: number): string {
  let s = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s
  return s
}
