/**
 * Column widths and the font size of a printed summary, so every column fits the paper: a number
 * never wraps (it would read as two figures), so each numeric column gets at least the width of its
 * widest figure (a province's 总计 in the register: 16,553,313.44). Rows stay on one line where a font
 * of 9 px or more allows it (fewer pages); otherwise the text columns wrap, and the font steps down
 * (to 7 px at the least) rather than squeeze them too much. The preview and the PDF use the same layout.
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
/** wrapping text columns keep at least this share of their one-line width */
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

/** The widest run of digits or Latin letters in a text (a line may break at a dash or a CJK character, not inside it). */
export function longestTokenEm(text: string): number {
  let best = 0
  for (const token of text.match(/[0-9A-Za-z.,%]+/g) ?? []) best = Math.max(best, textEm(token))
  return best
}

export interface ReportLayout {
  /** share of the table width per column (sums to 1) */
  widths: number[]
  fontPx: number
}

/** text longer than this (em) may wrap: a long site name takes two lines rather than squeeze every other column */
const TEXT_CAP_EM = 12
/** fonts tried, largest first, before any text is allowed to wrap */
const ONE_LINE_MIN_FONT_PX = 9

/** The width each column needs in em to show its widest cell on one line (text capped at TEXT_CAP_EM). */
function needsEm(t: ReportTable): number[] {
  return t.columns.map((c: ReportColumn) => {
    let em = 0
    for (const r of t.rows) {
      const text = formatCell(c, r.cells[c.key])
      // closing rows are bold; their labels (南明区小计) may wrap
      if (text && (c.kind !== 'text' || r.kind === 'detail')) em = Math.max(em, textEm(text) * (r.kind === 'detail' ? 1 : 1.06))
    }
    // a header wraps, but not inside a word of two CJK characters, nor inside a number (10000人以上)
    const header = headerLabel(c, 'zh')
    em = Math.max(em, Math.min(2, textEm(header)), longestTokenEm(header))
    return c.kind === 'text' ? Math.min(em, TEXT_CAP_EM) : em
  })
}

/**
 * The layout at a font size: every column its need, the room left over shared by the designed widths;
 * when the needs do not fit, the text columns share what the figures leave (share < 1: they wrap).
 */
function layoutAt(cols: readonly ReportColumn[], needs: readonly number[], design: readonly number[], page: number, font: number): { widths: number[]; share: number } {
  const need = needs.map((em) => em * font + CELL_PAD)
  const total = need.reduce((a, w) => a + w, 0)
  if (total <= page) {
    const extra = page - total
    const designTotal = design.reduce((a, w) => a + w, 0) || 1
    return { widths: need.map((w, i) => w + (extra * design[i]!) / designTotal), share: 1 }
  }
  const isText = cols.map((c) => c.kind === 'text')
  const numTotal = need.reduce((a, w, i) => a + (isText[i] ? 0 : w), 0)
  const textTotal = total - numTotal
  const share = textTotal > 0 ? Math.max(0, (page - numTotal) / textTotal) : 0
  return { widths: need.map((w, i) => (isText[i] ? w * share : w)), share }
}

export function reportLayout(t: ReportTable, paper: 'A4' | 'A3'): ReportLayout {
  const cols = t.columns
  const page = CONTENT_WIDTH_MM[paper] * PX_PER_MM
  const weight = cols.reduce((a, c) => a + c.width, 0) || 1
  const design = cols.map((c) => (c.width / weight) * page)
  const needs = needsEm(t)
  // one line per row at the largest font that allows it (rows per page), else the largest font at
  // which figures fit and text keeps most of its width, else the smallest font
  let chosen: { widths: number[]; font: number } | null = null
  for (let font = BASE_FONT_PX; font >= ONE_LINE_MIN_FONT_PX && !chosen; font -= 0.5) {
    const l = layoutAt(cols, needs, design, page, font)
    if (l.share >= 1) chosen = { widths: l.widths, font }
  }
  for (let font = BASE_FONT_PX; font >= MIN_FONT_PX && !chosen; font -= 0.5) {
    const l = layoutAt(cols, needs, design, page, font)
    if (l.share >= TEXT_MIN_SHARE || font === MIN_FONT_PX) chosen = { widths: l.widths, font }
  }
  const { widths, font } = chosen ?? { widths: design, font: MIN_FONT_PX }
  const sum = widths.reduce((a, w) => a + w, 0) || 1
  return { widths: widths.map((w) => w / sum), fontPx: font }
}
