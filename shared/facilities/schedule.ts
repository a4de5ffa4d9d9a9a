/**
 * Facility schedule arithmetic shared by the service and the renderer: dates of month or day
 * precision as day numbers, a facility's progress (built / building / not started), and the two
 * flags the schedule tool marks — overdue (past its planned end, not complete, at the as-of date) and
 * late for move-in (see `moveInLateness`). One implementation so the roll-ups (facilities page,
 * dashboard, printed summaries), the Gantt, the grid and the checks rule agree.
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
  /** 建设性质: a facility shared with the surroundings (共享周边) is not built for the site */
  nature?: unknown
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

/** The nature of a facility the site shares with its surroundings: nothing is built, so nothing is late. */
export const SHARED_NATURE = '共享周边'

/** Why a facility is late for its site's move-in (see moveInLateness). */
export type MoveInLateness =
  /** its completion — the actual end when known, else the planned end — is after the move-in date */
  | { kind: 'finishesAfter'; key: 'actual_end' | 'planned_end'; date: string }
  /** the move-in date has passed (at the as-of date) and the facility is still not complete */
  | { kind: 'unfinished'; status: string | null }

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

/**
 * THE definition of "late for move-in" (同步建设, domain.md check 3): a facility of a site with a
 * move-in date, not shared with the surroundings, whose planned or actual completion (the actual end
 * when known, else the planned end) is after the move-in date, or which is not complete although the
 * move-in date has passed at the as-of date. Null when it is not late.
 */
export function moveInLateness(f: ScheduleFields, moveIn: unknown, asOf: string): MoveInLateness | null {
  const mi = text(moveIn)
  if (mi === null || dayOf(mi, 'start') === null || f.nature === SHARED_NATURE) return null
  const actual = text(f.actual_end)
  const planned = text(f.planned_end)
  const done = actual !== null ? { key: 'actual_end' as const, date: actual } : planned !== null ? { key: 'planned_end' as const, date: planned } : null
  if (done && dayOf(done.date, 'start') !== null && compareDates(done.date, mi) > 0) return { kind: 'finishesAfter', ...done }
  if (progressOf(f) !== 'built' && compareDates(asOf, mi) > 0) return { kind: 'unfinished', status: text(f.status) }
  return null
}

/** True when moveInLateness finds the facility late. */
export function isLateForMoveIn(f: ScheduleFields, moveIn: unknown, asOf: string): boolean {
  return moveInLateness(f, moveIn, asOf) !== null
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
