/**
 * Facility schedule arithmetic shared by the service and the renderer: dates of month or day
 * precision as day numbers, a facility's progress (built / building / not started), and the two
 * flags the schedule tool marks — overdue (past its planned end, not complete, at the as-of date) and
 * late for move-in (complete, or projected to complete, after its site's move-in date). One
 * implementation so the roll-up, the Gantt and the grid agree.
 */

/** Statuses that mean the facility is complete. */
export const BUILT_STATUSES: readonly string[] = ['已完工', '已交付使用']

const MONTH = /^(\d{4})-(\d{2})$/
const DAY = /^(\d{4})-(\d{2})-(\d{2})/

/** True when a date string is a month alone ('2019-12'). */
export function isMonthOnly(date: string): boolean {
  return MONTH.test(date)
}

/** Days since 1970-01-01 (UTC) of a stored date; a month alone is its first day ('start') or last day ('end'). */
export function dayOf(date: unknown, edge: 'start' | 'end'): number | null {
  if (typeof date !== 'string') return null
  const m = MONTH.exec(date)
  if (m) {
    const y = Number(m[1])
    const mo = Number(m[2])
    return edge === 'start' ? Date.UTC(y, mo - 1, 1) / 86400000 : Date.UTC(y, mo, 0) / 86400000
  }
  const d = DAY.exec(date)
  if (d) return Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) / 86400000
  return null
}

/** 'YYYY-MM-DD' of a day number. */
export function dateOfDay(day: number): string {
  return new Date(Math.round(day) * 86400000).toISOString().slice(0, 10)
}

/** 'YYYY-MM' of a day number. */
export function monthOfDay(day: number): string {
  return dateOfDay(day).slice(0, 7)
}

/** Month index (year*12 + month-1) of a date of either precision. */
export function monthIndexOf(date: unknown): number | null {
  if (typeof date !== 'string') return null
  const m = /^(\d{4})-(\d{2})/.exec(date)
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : null
}

export type Progress = 'built' | 'building' | 'notStarted'

/** The schedule fields of a facility the flags read. */
export interface ScheduleFields {
  status?: unknown
  planned_start?: unknown
  planned_end?: unknown
  actual_start?: unknown
  actual_end?: unknown
}

/** Built when the status says complete (or, with no status, an actual end is given); building when started. */
export function progressOf(f: ScheduleFields): Progress {
  const s = typeof f.status === 'string' ? f.status : null
  if (s !== null) {
    if (BUILT_STATUSES.includes(s)) return 'built'
    if (s === '在建') return 'building'
    if (s === '未开工') return 'notStarted'
  }
  if (typeof f.actual_end === 'string') return 'built'
  if (typeof f.actual_start === 'string') return 'building'
  return 'notStarted'
}

/** Compare two dates: at month level when either is a month alone, else by day. Negative when a < b. */
export function compareDates(a: string, b: string): number {
  if (isMonthOnly(a) || isMonthOnly(b)) return (monthIndexOf(a) ?? 0) - (monthIndexOf(b) ?? 0)
  return (dayOf(a, 'start') ?? 0) - (dayOf(b, 'start') ?? 0)
}

/** Past its planned end at the as-of date and not complete. */
export function isOverdue(f: ScheduleFields, asOf: string): boolean {
  if (progressOf(f) === 'built') return false
  return typeof f.planned_end === 'string' && compareDates(f.planned_end, asOf) < 0
}

/**
 * Complete after the site's move-in date, or — not complete yet — planned to finish after it or
 * still unfinished at an as-of date past it.
 */
export function isLateForMoveIn(f: ScheduleFields, moveIn: unknown, asOf: string): boolean {
  if (typeof moveIn !== 'string' || dayOf(moveIn, 'start') === null) return false
  if (progressOf(f) === 'built') return typeof f.actual_end === 'string' && compareDates(f.actual_end, moveIn) > 0
  if (compareDates(asOf, moveIn) > 0) return true
  return typeof f.planned_end === 'string' && compareDates(f.planned_end, moveIn) > 0
}

/** Bit flags a Gantt row carries. */
export const FLAG_OVERDUE = 1
export const FLAG_LATE_FOR_MOVE_IN = 2
export const FLAG_BUILT = 4
export const FLAG_BUILDING = 8

export function scheduleFlags(f: ScheduleFields, moveIn: unknown, asOf: string): number {
  const p = progressOf(f)
  return (isOverdue(f, asOf) ? FLAG_OVERDUE : 0) | (isLateForMoveIn(f, moveIn, asOf) ? FLAG_LATE_FOR_MOVE_IN : 0) | (p === 'built' ? FLAG_BUILT : 0) | (p === 'building' ? FLAG_BUILDING : 0)
}

/** Days between two dates read at the same edge (end dates at their end, start dates at their start). */
export function slipDays(current: unknown, baseline: unknown, edge: 'start' | 'end'): number | null {
  const a = dayOf(current, edge)
  const b = dayOf(baseline, edge)
  return a === null || b === null ? null : Math.round(a - b)
}

/** Move a stored date by whole days, keeping month precision (rounded to the nearest month) when it had it. */
export function shiftDate(date: string, days: number, edge: 'start' | 'end'): string {
  const d = dayOf(date, edge)
  if (d === null) return date
  const moved = d + days
  if (!isMonthOnly(date)) return dateOfDay(moved)
  // the month whose start (or end) is nearest the moved day
  const mid = dateOfDay(moved + (edge === 'end' ? -14 : 14))
  return mid.slice(0, 7)
}
