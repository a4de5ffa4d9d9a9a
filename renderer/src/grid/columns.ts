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
    initialWidth: field.width ?? 110,
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
