/**
 * How report cells read on paper and on screen: thousands separators, fixed decimals, percentages
 * with one decimal, dates as stored, blanks for nulls.
 */
import type { ReportColumn } from '../api/reports-api.ts'
import type { FieldValue } from '../dictionary/types.ts'

const intFmt = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 })
const decFmts = new Map<number, Intl.NumberFormat>()

export function formatNumber(v: number, decimals: number): string {
  if (decimals <= 0) return intFmt.format(v)
  let f = decFmts.get(decimals)
  if (!f) decFmts.set(decimals, (f = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })))
  return f.format(v)
}

export function formatPercent(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`
}

export function formatCell(c: ReportColumn, v: FieldValue | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v === 'number') {
    if (c.kind === 'percent') return formatPercent(v)
    if (c.kind === 'int') return formatNumber(v, 0)
    if (c.kind === 'decimal') return formatNumber(v, c.decimals ?? 2)
    return String(v)
  }
  return v
}

/** A column header's text with its unit: 总投资（万元）; percentages carry no unit. */
export function headerLabel(c: ReportColumn, locale: 'zh' | 'en'): string {
  const unit = c.unit && c.kind !== 'percent' && c.unit[locale] ? (locale === 'zh' ? `（${c.unit.zh}）` : ` (${c.unit.en})`) : ''
  return c.label[locale] + unit
}
