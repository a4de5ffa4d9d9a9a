/**
 * The Gantt's data for a region or one site: facility rows grouped by site (sites in county, code
 * order; facilities in catalogue order), sent as compact arrays with each row's schedule flags
 * (overdue, late for move-in, built, building) computed by shared/facilities/schedule.ts.
 */
import { GANTT_COLUMNS, GANTT_MAX_ROWS, type GanttCell, type GanttData, type GanttSite } from '../../../shared/api/facilities-api.ts'
import { CATEGORY_ORDER, TYPE_ORDER } from '../../../shared/facilities/catalogue.ts'
import { dateOfDay, dayOf, scheduleFlags } from '../../../shared/facilities/schedule.ts'
import type { Plan } from '../plan.ts'
import { scheduleRepo } from './facility-context.ts'

export function facilityGantt(plan: Plan, opts: { region?: string | null; siteId?: number }): GanttData {
  const repo = scheduleRepo(plan)
  const asOf = plan.settings.settings().as_of_date
  const region = opts.region ?? null
  if (opts.siteId === undefined) {
    const n = repo.countFacilities(region)
    if (n > GANTT_MAX_ROWS) return { region, asOf, sites: [], columns: GANTT_COLUMNS, rows: [], span: null, countyNames: {}, tooMany: n }
  }
  const briefs = opts.siteId !== undefined ? repo.sites({ siteIds: [opts.siteId] }) : repo.sites({ region })
  const siteIndex = new Map<number, number>()
  const sites: GanttSite[] = briefs.map((s, i) => {
    siteIndex.set(s.id, i)
    return { id: s.id, name: s.name, countyCode: s.county_code, county: s.county ?? '', moveIn: s.move_in_date, people: s.planned_people }
  })
  const raw = repo.ganttRows(region, opts.siteId)
  let lo = Infinity
  let hi = -Infinity
  const widen = (d: unknown, edge: 'start' | 'end'): void => {
    const n = dayOf(d, edge)
    if (n === null) return
    if (n < lo) lo = n
    if (n > hi) hi = n
  }
  const rows: GanttCell[][] = []
  for (const r of raw) {
    const [id, siteId, name, type, category, status, ps, pe, as, ae, nature] = r
    const si = siteIndex.get(siteId)
    if (si === undefined) continue
    const flags = scheduleFlags({ status, planned_start: ps, planned_end: pe, actual_start: as, actual_end: ae, nature }, sites[si]!.moveIn, asOf)
    widen(ps, 'start')
    widen(pe, 'end')
    widen(as, 'start')
    widen(ae, 'end')
    rows.push([id, si, name, type, category, status, ps, pe, as, ae, flags, nature])
  }
  for (const s of sites) widen(s.moveIn, 'start')
  // within a site, catalogue order (category, type), then id; sites keep their order
  const ord = (row: GanttCell[]): number => (CATEGORY_ORDER.get(String(row[4])) ?? 9) * 1000 + (TYPE_ORDER.get(String(row[3])) ?? 999)
  rows.sort((a, b) => (a[1] as number) - (b[1] as number) || ord(a) - ord(b) || (a[0] as number) - (b[0] as number))
  const countyNames: Record<string, string> = {}
  for (const s of sites) if (!(s.countyCode in countyNames)) countyNames[s.countyCode] = plan.regions.get(s.countyCode)?.name ?? s.county
  return {
    region,
    asOf,
    sites,
    columns: GANTT_COLUMNS,
    rows,
    span: lo === Infinity ? null : { from: dateOfDay(lo), to: dateOfDay(hi) },
    countyNames,
  }
}
