/**
 * Grid columns from the field dictionary: groups, labels with units, formatters, editors and
 * alignment. No label is written here; they all come from shared/dictionary.
 */
import type { ColDef, ColGroupDef, ValueFormatterParams } from 'ag-grid-community'
import type { EntityKey, FieldDef, FieldValue, Label } from '../../../shared/dictionary/types.ts'
import { ENTITIES } from '../../../shared/dictionary/index.ts'
import type { Locale } from '../i18n.tsx'

export interface GridRow {
  id: number
  [key: string]: FieldValue
}

const nf0 = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 })
const nfCache = new Map<number, Intl.NumberFormat>()
function numberFormat(decimals: number): Intl.NumberFormat {
  let f = nfCache.get(decimals)
  if (!f) nfCache.set(decimals, (f = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: decimals })))
  return f
}

export function formatValue(field: FieldDef, v: FieldValue | undefined, locale: Locale): string {
  if (v === null || v === undefined || v === '') return ''
  switch (field.type) {
    case 'int':
      return typeof v === 'number' ? nf0.format(v) : String(v)
    case 'decimal':
      return typeof v === 'number' ? numberFormat(field.decimals ?? 2).format(v) : String(v)
    case 'bool':
      return v === true ? (locale === 'zh' ? '是' : 'Yes') : locale === 'zh' ? '否' : 'No'
    case 'enum': {
      if (locale === 'zh') return String(v)
      return field.enumValues?.find((e) => e.value === v)?.en ?? String(v)
    }
    default:
      return String(v)
  }
}

export function headerLabel(field: FieldDef, locale: Locale, inGroup: boolean): string {
  const base = (inGroup && field.short ? field.short : field.label)[locale]
  // English count headers already name their unit ("Households"); money, areas and distances keep theirs
  if (!field.unit || (locale === 'en' && field.type === 'int')) return base
  return locale === 'zh' ? `${base}（${field.unit.zh}）` : `${base} (${field.unit.en})`
}

/*
 * Column widths: one rule for every grid. A column is at least as wide as its header needs to wrap
 * only between words (English) or between characters outside a bracket (Chinese), in at most two
 * lines beside the filter icon, and as wide as the longest choice it can show (enum labels, check
 * marks). The dictionary's `width` is the floor. Text is measured with the grid's own font.
 */
/** cell and header padding on each side, px (the theme's cellHorizontalPadding) */
export const CELL_PADDING = 8
const FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif'
// header: padding both sides, the filter button (16), and 4 px so a measured text is not a pixel short
const HEADER_CHROME = 2 * CELL_PADDING + 16 + 4
/** a header this close to fitting on one line gets it (Chromium keeps a line that just fits and cuts it off with …) */
const ONE_LINE_SLACK = 10
const CELL_CHROME = 2 * CELL_PADDING + 4
let measureCtx: CanvasRenderingContext2D | null | undefined
/** Width of a text in the grid's font (13 px), px; an estimate where there is no canvas. */
export function textWidth(text: string, bold = false): number {
  if (measureCtx === undefined) measureCtx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')
  if (measureCtx) {
    measureCtx.font = `${bold ? 600 : 400} 13px ${FONT}`
    return Math.ceil(measureCtx.measureText(text).width)
  }
  let w = 0
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? 13 : 7.5
  return Math.ceil(w * (bold ? 1.06 : 1))
}
const CJK = /[\u2e80-\u9fff\uf900-\ufaff]/
const OPENING = '（(【《“'
const NO_LINE_START = '）)】》”、，。：；！？'
/**
 * The pieces a header line may not break inside, as Chromium breaks it: words at spaces and after
 * hyphens; Chinese between characters, but never before an opening bracket or closing punctuation,
 * nor after an opening bracket ("户数（户）" breaks only between 户 and 数).
 */
function unbreakable(text: string): string[] {
  const out: string[] = []
  let cur = ''
  const chars = [...text]
  chars.forEach((b, i) => {
    const a = chars[i - 1]
    if (b === ' ') {
      if (cur) out.push(cur)
      cur = ''
      return
    }
    const may = a !== undefined && a !== ' ' && cur !== '' && ((a === '-' && !CJK.test(b)) || ((CJK.test(a) || CJK.test(b)) && !OPENING.includes(a) && !OPENING.includes(b) && !NO_LINE_START.includes(b)))
    if (may) {
      out.push(cur)
      cur = ''
    }
    cur += b
  })
  if (cur) out.push(cur)
  return out.length > 0 ? out : [text]
}
/** Width a header text needs (at least floor): no word broken, at most two lines. */
function fitHeader(floor: number, text: string): number {
  const one = textWidth(text) + HEADER_CHROME
  const longest = Math.max(0, ...unbreakable(text).map((w) => textWidth(w)))
  const twoLines = Math.ceil(textWidth(text) / 2) + 8
  const w = Math.max(floor, longest + HEADER_CHROME, twoLines + HEADER_CHROME)
  return one <= w + ONE_LINE_SLACK ? Math.max(w, one) : w
}
/** Width a cell needs to show any of these texts whole. */
export function cellWidth(texts: readonly string[], bold = false): number {
  return Math.max(0, ...texts.map((t) => textWidth(t, bold))) + CELL_CHROME
}
/** The one rule: the floor, the header, and the texts the column can show. */
export function fitWidth(floor: number, header: string, texts: readonly string[] = []): number {
  return fitHeader(Math.max(floor, texts.length > 0 ? cellWidth(texts) : 0), header)
}

/** The texts an enum or bool column can show in a locale (for its width). */
function choiceTexts(field: FieldDef, locale: Locale): string[] {
  if (field.type === 'enum') return (field.enumValues ?? []).map((e) => (locale === 'zh' ? e.value : e.en))
  if (field.type === 'bool') return [formatValue(field, true, locale), formatValue(field, false, locale)]
  return []
}

export interface ColumnOptions {
  locale: Locale
  /** display text for a site id (facility and workshop grids) */
  siteName?: (id: number) => string
  /** a cell renderer/editor per field type, supplied by the grid layer */
  editorFor?: (field: FieldDef) => Partial<ColDef<GridRow>>
  /** extra per-column options (cell class rules for checks, etc.) */
  decorate?: (field: FieldDef, col: ColDef<GridRow>) => ColDef<GridRow>
}

export function fieldColumn(field: FieldDef, opts: ColumnOptions, inGroup: boolean): ColDef<GridRow> {
  const numeric = field.type === 'int' || field.type === 'decimal'
  let col: ColDef<GridRow> = {
    colId: field.key,
    field: field.key,
    headerName: headerLabel(field, opts.locale, inGroup),
    headerTooltip: field.label[opts.locale],
    // initial*: a column-defs update (locale, check marks) must not undo the user's widths and hidden columns
    initialWidth: fitWidth(field.width ?? 110, headerLabel(field, opts.locale, inGroup), choiceTexts(field, opts.locale)),
    editable: !field.readOnly && !field.derived,
    initialHide: field.hiddenByDefault ?? false,
    type: numeric ? 'rightAligned' : undefined,
    filter: numeric ? 'agNumberColumnFilter' : 'agTextColumnFilter',
    valueFormatter: (p: ValueFormatterParams<GridRow>) =>
      field.type === 'site' && typeof p.value === 'number' && opts.siteName ? opts.siteName(p.value) : formatValue(field, p.value as FieldValue, opts.locale),
    ...(opts.editorFor?.(field) ?? {}),
  }
  if (field.type === 'site' && opts.siteName) {
    const name = opts.siteName
    col.filterValueGetter = (p) => {
      const v = p.data?.[field.key]
      return typeof v === 'number' ? name(v) : ''
    }
    col.comparator = (a: FieldValue, b: FieldValue) => (typeof a === 'number' ? name(a) : '').localeCompare(typeof b === 'number' ? name(b) : '', 'zh-CN')
  }
  if (opts.decorate) col = opts.decorate(field, col)
  return col
}

/** Column groups in dictionary order: consecutive fields with the same group share a header. */
export function entityColumns(entity: EntityKey, opts: ColumnOptions): (ColDef<GridRow> | ColGroupDef<GridRow>)[] {
  const out: (ColDef<GridRow> | ColGroupDef<GridRow>)[] = []
  let current: { group: Label; children: ColDef<GridRow>[] } | null = null
  const flush = (): void => {
    if (!current) return
    const g: { group: Label; children: ColDef<GridRow>[] } = current
    out.push({ groupId: `g:${g.group.zh}:${out.length}`, headerName: g.group[opts.locale], children: g.children, marryChildren: true })
    current = null
  }
  for (const field of ENTITIES[entity].fields) {
    if (!field.group) {
      flush()
      out.push(fieldColumn(field, opts, false))
      continue
    }
    if (!current || current.group.zh !== field.group.zh) {
      flush()
      current = { group: field.group, children: [] }
    }
    current.children.push(fieldColumn(field, opts, true))
  }
  flush()
  return out
}
