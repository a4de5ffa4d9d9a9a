/**
 * What a fill handle drag, Ctrl+D or Ctrl+R writes, as Excel does it: copy the seed cells, or continue
 * a series — numbers along their linear trend, dates by month (month-precision or same day of month)
 * or by day, text ending in a number ("安置点1", "520281-001") by its number. Pure, so it is unit-tested.
 */
import type { FieldValue } from '../dictionary/types.ts'

export type FillMode = 'copy' | 'series'

const MONTH = /^(\d{4})-(\d{2})$/
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const TRAILING_NUMBER = /^(.*?)(\d+)$/

function mod(a: number, n: number): number {
  return ((a % n) + n) % n
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

function monthIndex(iso: string): number | null {
  const m = MONTH.exec(iso) ?? DAY.exec(iso)
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : null
}

function dayNumber(iso: string): number | null {
  const m = DAY.exec(iso)
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000 : null
}

function fromDayNumber(d: number): string {
  const t = new Date(d * 86400000)
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
}

function addMonths(iso: string, months: number): string {
  const idx = monthIndex(iso)!
  const n = idx + months
  const y = Math.floor(n / 12)
  const m = mod(n, 12) + 1
  const d = DAY.exec(iso)
  if (!d) return `${y}-${pad(m)}`
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${y}-${pad(m)}-${pad(Math.min(Number(d[3]), last))}`
}

/** Round away floating-point noise (0.1 + 0.2) to the seed's own decimals plus a margin. */
function clean(x: number, decimals: number): number {
  const f = 10 ** Math.min(10, decimals + 6)
  const r = Math.round(x * f) / f
  const f2 = 10 ** decimals
  return Math.abs(Math.round(r * f2) / f2 - r) < 1e-9 ? Math.round(r * f2) / f2 : r
}

function decimalsOf(n: number): number {
  const s = String(n)
  const i = s.indexOf('.')
  return i < 0 ? 0 : s.length - i - 1
}

/** Least-squares line through (0, v0) … (n-1, vn-1), as Excel's linear fill. */
function linear(values: number[]): { a: number; b: number } {
  const n = values.length
  if (n === 1) return { a: values[0]!, b: 0 }
  let sx = 0
  let sy = 0
  let sxx = 0
  let sxy = 0
  for (let i = 0; i < n; i++) {
    const v = values[i]!
    sx += i
    sy += v
    sxx += i * i
    sxy += i * v
  }
  const b = (n * sxy - sx * sy) / (n * sxx - sx * sx)
  return { a: (sy - b * sx) / n, b }
}

/** Is the seed a series the 'series' mode can continue (and 'auto' should)? */
export function seriesKind(seed: readonly FieldValue[]): 'number' | 'month' | 'day' | 'text-number' | null {
  if (seed.length === 0) return null
  if (seed.every((v) => typeof v === 'number')) return 'number'
  if (seed.every((v) => typeof v === 'string' && MONTH.test(v))) return 'month'
  if (seed.every((v) => typeof v === 'string' && DAY.test(v))) {
    if (seed.length === 1) return 'day'
    const days = seed.map((v) => Number(DAY.exec(v as string)![3]))
    return days.every((d) => d === days[0]) && monthIndex(seed[0] as string) !== monthIndex(seed[1] as string) ? 'month' : 'day'
  }
  if (seed.every((v) => typeof v === 'string' && TRAILING_NUMBER.test(v))) {
    const prefixes = seed.map((v) => TRAILING_NUMBER.exec(v as string)![1])
    if (prefixes.every((p) => p === prefixes[0])) return 'text-number'
  }
  return null
}

/**
 * The default mode of a drag, as Excel: one number is copied, two or more numbers continue their
 * trend; dates and numbered text continue; anything else is copied.
 */
export function defaultFillMode(seed: readonly FieldValue[]): FillMode {
  const kind = seriesKind(seed)
  if (kind === null) return 'copy'
  if (kind === 'number' && seed.length === 1) return 'copy'
  return 'series'
}

/**
 * Values for the given positions relative to the seed: the seed sits at 0 … n-1; a fill down/right
 * asks for n, n+1, …; a fill up/left for -1, -2, ….
 */
export function continueSeries(seed: readonly FieldValue[], positions: readonly number[], mode: FillMode): FieldValue[] {
  const n = seed.length
  if (n === 0) return positions.map(() => null)
  const copy = (): FieldValue[] => positions.map((p) => seed[mod(p, n)] ?? null)
  if (mode === 'copy') return copy()
  const kind = seriesKind(seed)
  switch (kind) {
    case 'number': {
      const nums = seed as number[]
      const decimals = Math.max(...nums.map(decimalsOf))
      const { a, b } = n === 1 ? { a: nums[0]!, b: 1 } : linear(nums)
      return positions.map((p) => clean(a + b * p, decimals))
    }
    case 'month': {
      const first = seed[0] as string
      const idx = seed.map((v) => monthIndex(v as string)!)
      const step = n === 1 ? 1 : idx[n - 1]! - idx[n - 2]!
      const base = n === 1 ? 0 : idx[n - 1]! - idx[0]! - step * (n - 1)
      return positions.map((p) => addMonths(first, base + step * p))
    }
    case 'day': {
      const days = seed.map((v) => dayNumber(v as string)!)
      const step = n === 1 ? 1 : days[n - 1]! - days[n - 2]!
      const last = days[n - 1]!
      return positions.map((p) => fromDayNumber(last + step * (p - (n - 1))))
    }
    case 'text-number': {
      const parts = seed.map((v) => TRAILING_NUMBER.exec(v as string)!)
      const prefix = parts[0]![1]!
      const width = parts[n - 1]![2]!.length
      const nums = parts.map((m) => Number(m[2]))
      const step = n === 1 ? 1 : nums[n - 1]! - nums[n - 2]!
      const last = nums[n - 1]!
      return positions.map((p) => {
        const v = last + step * (p - (n - 1))
        return v < 0 ? (seed[mod(p, n)] ?? null) : `${prefix}${pad(v, parts[0]![2]!.startsWith('0') ? width : 1)}`
      })
    }
    default:
      return copy()
  }
}
