/**
 * Small pure helpers the rules share: reading numbers and dates from a row, comparing dates of mixed
 * precision (a month alone, '2019-12', against a day), and writing values the way planners read them
 * (1,320 with thousands separators).
 */
import { requireField } from '../dictionary/index.ts'
import type { EntityKey, FieldValue, Label, RowValues } from '../dictionary/types.ts'

export function num(row: RowValues | undefined, key: string): number | null {
  const v = row?.[key]
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

export function str(row: RowValues | undefined, key: string): string | null {
  const v = row?.[key]
  return typeof v === 'string' && v !== '' ? v : null
}

function groupThousands(int: string): string {
  if (int.length <= 3) return int
  let out = int.slice(0, int.length % 3 || 3)
  for (let i = out.length; i < int.length; i += 3) out += `,${int.slice(i, i + 3)}`
  return out
}

/** 1320 → "1,320"; 24.56789 → "24.57" (hand-rolled: Intl formatting is slow for 100,000 messages) */
export function fmt(n: number, decimals = 2): string {
  if (!Number.isFinite(n)) return String(n)
  if (Number.isInteger(n)) return n < 0 ? `-${groupThousands(String(-n))}` : groupThousands(String(n))
  const fixed = Math.abs(n).toFixed(decimals)
  const dot = fixed.indexOf('.')
  const int = dot < 0 ? fixed : fixed.slice(0, dot)
  let frac = dot < 0 ? '' : fixed.slice(dot + 1)
  while (frac.endsWith('0')) frac = frac.slice(0, -1)
  const out = frac ? `${groupThousands(int)}.${frac}` : groupThousands(int)
  return n < 0 && out !== '0' ? `-${out}` : out
}

/** "85.3%" */
export function pct(x: number): string {
  return `${fmt(x * 100, 1)}%`
}

/**
 * Compare two stored dates ('YYYY-MM' or 'YYYY-MM-DD'). When either is a month alone, only months are
 * compared (2019-12 is not later than 2019-12-31). Negative: a before b.
 */
export function compareDates(a: string, b: string): number {
  const n = a.length === 7 || b.length === 7 ? 7 : 10
  const x = a.slice(0, n)
  const y = b.slice(0, n)
  return x < y ? -1 : x > y ? 1 : 0
}

/** The dictionary label of a field (messages never spell a field name themselves). */
export function label(entity: EntityKey, key: string): Label {
  return requireField(entity, key).label
}

export function value(v: FieldValue): string {
  if (typeof v === 'number') return fmt(v)
  return v === null ? '' : String(v)
}
