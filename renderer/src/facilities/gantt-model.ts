/**
 * The Gantt's model, shared by the screen chart and the print pages: GanttData flattened into display
 * rows (county header → site header → facilities), and the time scale (pixels per day by zoom, the
 * year / quarter / month ticks). Pure functions, no DOM.
 */
import type { GanttData } from '../../../shared/api/facilities-api.ts'
import { dayOf, FLAG_BUILT } from '../../../shared/facilities/schedule.ts'

export type Zoom = 'month' | 'quarter' | 'year'

export const PX_PER_DAY: Record<Zoom, number> = { month: 3.2, quarter: 1.1, year: 0.36 }

export interface FacilityBar {
  id: number
  siteIndex: number
  name: string
  type: string
  category: string
  status: string | null
  planned_start: string | null
  planned_end: string | null
  actual_start: string | null
  actual_end: string | null
  /** 建设性质 (a facility shared with the surroundings is never late for move-in) */
  nature: string | null
  flags: number
}

export type DisplayRow =
  | { kind: 'county'; code: string; name: string; facilities: number; late: number }
  | { kind: 'site'; siteIndex: number; name: string; moveIn: string | null; facilities: number; late: number }
  | { kind: 'facility'; bar: FacilityBar }

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

export function barsOf(data: GanttData): FacilityBar[] {
  return data.rows.map((r) => ({
    id: r[0] as number,
    siteIndex: r[1] as number,
    name: String(r[2] ?? ''),
    type: String(r[3] ?? ''),
    category: String(r[4] ?? ''),
    status: str(r[5]),
    planned_start: str(r[6]),
    planned_end: str(r[7]),
    actual_start: str(r[8]),
    actual_end: str(r[9]),
    flags: Number(r[10] ?? 0),
    nature: str(r[11]),
  }))
}

/** County header, then each site header followed by its facility rows (bars in data order). */
export function displayRows(data: GanttData, bars: readonly FacilityBar[], collapsed: ReadonlySet<string> = new Set()): DisplayRow[] {
  const bySite = new Map<number, FacilityBar[]>()
  for (const b of bars) {
    let list = bySite.get(b.siteIndex)
    if (!list) bySite.set(b.siteIndex, (list = []))
    list.push(b)
  }
  const out: DisplayRow[] = []
  let county: (DisplayRow & { kind: 'county' }) | null = null
  data.sites.forEach((s, i) => {
    const list = bySite.get(i)
    if (!list || list.length === 0) return
    if (!county || county.code !== s.countyCode) {
      county = { kind: 'county', code: s.countyCode, name: data.countyNames[s.countyCode] ?? s.county, facilities: 0, late: 0 }
      out.push(county)
    }
    const late = list.filter((b) => b.flags & 2).length
    county.facilities += list.length
    county.late += late
    if (collapsed.has(s.countyCode)) return
    out.push({ kind: 'site', siteIndex: i, name: s.name, moveIn: s.moveIn, facilities: list.length, late })
    if (collapsed.has(`site:${s.id}`)) return
    for (const b of list) out.push({ kind: 'facility', bar: b })
  })
  return out
}

export interface TimeScale {
  zoom: Zoom
  pxPerDay: number
  /** day number at x = 0 */
  startDay: number
  endDay: number
  width: number
  x(day: number): number
  day(x: number): number
}

const yearStartDay = (y: number): number => Date.UTC(y, 0, 1) / 86400000

/** A scale covering the span, padded to whole years (month zoom: whole quarters) either side. */
export function timeScale(span: { from: string; to: string } | null, asOf: string, zoom: Zoom, pxPerDay = PX_PER_DAY[zoom]): TimeScale {
  const asOfDay = dayOf(asOf, 'end') ?? 0
  const from = span ? Math.min(dayOf(span.from, 'start') ?? asOfDay, asOfDay) : asOfDay - 365
  const to = span ? Math.max(dayOf(span.to, 'end') ?? asOfDay, asOfDay) : asOfDay + 365
  const y0 = new Date(from * 86400000).getUTCFullYear()
  const y1 = new Date(to * 86400000).getUTCFullYear()
  const startDay = yearStartDay(y0)
  const endDay = yearStartDay(y1 + 1)
  return {
    zoom,
    pxPerDay,
    startDay,
    endDay,
    width: (endDay - startDay) * pxPerDay,
    x: (day) => (day - startDay) * pxPerDay,
    day: (x) => x / pxPerDay + startDay,
  }
}

export interface Tick {
  day: number
  label: string
  major: boolean
}

/** Upper tier (years) and lower tier (months, quarters or half-years) between two days. */
export function ticks(fromDay: number, toDay: number, zoom: Zoom): { upper: Tick[]; lower: Tick[] } {
  const upper: Tick[] = []
  const lower: Tick[] = []
  const d0 = new Date(fromDay * 86400000)
  let y = d0.getUTCFullYear()
  let m = d0.getUTCMonth()
  const step = zoom === 'month' ? 1 : zoom === 'quarter' ? 3 : 6
  m = Math.floor(m / step) * step
  for (;;) {
    const day = Date.UTC(y, m, 1) / 86400000
    if (day > toDay) break
    if (m === 0) upper.push({ day, label: `${y}年`, major: true })
    const label = zoom === 'month' ? `${m + 1}月` : zoom === 'quarter' ? `Q${m / 3 + 1}` : m === 0 ? '上半年' : '下半年'
    lower.push({ day, label, major: m === 0 })
    m += step
    if (m >= 12) {
      m -= 12
      y++
    }
  }
  const yStart = Date.UTC(d0.getUTCFullYear(), 0, 1) / 86400000
  if (upper.length === 0 || upper[0]!.day > fromDay) upper.unshift({ day: Math.max(yStart, fromDay), label: `${d0.getUTCFullYear()}年`, major: true })
  return { upper, lower }
}

/** Bar extent in days for a pair of dates; a lone date is a one-day marker; none is null. */
export function barDays(start: string | null, end: string | null): { from: number; to: number } | null {
  const s = dayOf(start, 'start')
  const e = dayOf(end, 'end')
  if (s === null && e === null) return null
  const from = s ?? e!
  const to = e ?? s!
  return to >= from ? { from, to: to + 1 } : { from: to, to: from + 1 }
}

/**
 * The days a facility's planned or actual bar covers, as every Gantt draws it: an actual bar still
 * under way (started, not finished, not marked built) runs to the as-of date.
 */
export function barSpan(bar: FacilityBar, which: 'planned' | 'actual', asOf: string): { from: number; to: number } | null {
  if (which === 'planned') return barDays(bar.planned_start, bar.planned_end)
  if (bar.actual_start && !bar.actual_end && !(bar.flags & FLAG_BUILT)) return barDays(bar.actual_start, asOf)
  return barDays(bar.actual_start, bar.actual_end)
}
