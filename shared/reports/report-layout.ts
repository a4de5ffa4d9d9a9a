/**
 * Column widths and the font size of a printed summary, so every column fits the paper: a number
 * never wraps (it would read as two figures), so each numeric column gets at least the width of its
 * widest figure (a province's 总计 in the register: 16,553,313.44), taken from the text columns, which
 * wrap; when that would squeeze the text columns too much, the whole table's font steps down (to 7 px
 * at the least). The preview and the PDF use the same layout, so the preview shows what prints.
 */
import type { ReportColumn, ReportTable } from '../api/reports-api.ts'
import { formatCell, headerLabel } from './report-format.ts'

/** Printable width of each paper in landscape with the 10 mm side margins of the @page rule. */
export const CONTENT_WIDTH_MM: Record<'A4' | 'A3', number> = { A4: 277, A3: 400 }
const PX_PER_MM = 96 / 25.4
/** cell padding (3 px each side) and border, in px */
const CELL_PAD = 8
export const BASE_FONT_PX = 11
const MIN_FONT_PX = 7
/** text columns keep at least this share of their designed width */
const TEXT_MIN_SHARE = 0.7

/** Estimated width of text in em: CJK and full-width characters one em, digits and Latin about half. */
export function textEm(text: string): number {
  let w = 0
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0
    if (c >= 0x2e80) w += 1
    else if (ch === ',' || ch === '.' || ch === ':') w += 0.3
    else if (ch === '%') w += 0.85
    else w += 0.58
  }
  return w
}

export interface ReportLayout {
  /** share of the table width per column (sums to 1) */
  widths: number[]
  fontPx: number
}

/** Widest figure of each numeric column in em (bold closing rows a little wider); 0 for text columns. */
function numericNeeds(t: ReportTable): number[] {
  return t.columns.map((c: ReportColumn) => {
    if (c.kind === 'text') return 0
    let em = 0
    for (const r of t.rows) {
      const text = formatCell(c, r.cells[c.key])
      if (text) em = Math.max(em, textEm(text) * (r.kind === 'detail' ? 1 : 1.06))
    }
    // a one-level header does not wrap inside a word of two CJK characters
    return Math.max(em, Math.min(2, textEm(headerLabel(c, 'zh'))))
  })
}

export function reportLayout(t: ReportTable, paper: 'A4' | 'A3'): ReportLayout {
  const cols = t.columns
  const page = CONTENT_WIDTH_MM[paper] * PX_PER_MM
  const total = cols.reduce((a, c) => a + c.width, 0) || 1
  const design = cols.map((c) => (c.width / total) * page)
  const needs = numericNeeds(t)
  const isText = cols.map((c) => c.kind === 'text')
  const textDesign = design.reduce((a, w, i) => a + (isText[i] ? w : 0), 0)
  const at = (font: number): { widths: number[]; share: number } => {
    const num = design.map((w, i) => (isText[i] ? 0 : Math.max(w, needs[i]! * font + CELL_PAD)))
    const numTotal = num.reduce((a, w) => a + w, 0)
    const share = textDesign > 0 ? (page - numTotal) / textDesign : numTotal <= page ? 1 : 0
    return { widths: design.map((w, i) => (isText[i] ? w * Math.max(share, 0) : num[i]!)), share }
  }
  let font = BASE_FONT_PX
  let fit = at(font)
  while (font > MIN_FONT_PX && (fit.share < TEXT_MIN_SHARE || fit.widths.reduce((a, w) => a + w, 0) > page + 0.5)) {
    font -= 0.5
    fit = at(font)
  }
  const sum = fit.widths.reduce((a, w) => a + w, 0) || 1
  return { widths: fit.widths.map((w) => w / sum), fontPx: font }
}
