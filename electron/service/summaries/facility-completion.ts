/**
 * Facility completion by category (应配建 / 已建成 / 在建 / 完成率) for the dashboard, the printed report
 * and the Excel sheet. The figures are the facilities module's facilityRollup(plan, {region}) — the one
 * implementation the facilities page also shows, so a planner sees the same numbers everywhere —
 * memoised until the plan's data changes. A county's own view (its sites as rows) classifies the
 * county's facility rows with the same progressOf and moveInLateness rules, per site.
 */
import type { FacilityCategoryFigures } from '../../../shared/api/reports-api.ts'
import type { RollupCounts } from '../../../shared/api/facilities-api.ts'
import { FACILITY_CATEGORIES } from '../../../shared/dictionary/index.ts'
import { isLateForMoveIn, progressOf } from '../../../shared/facilities/schedule.ts'
import { facilityRollup } from '../facilities/facility-rollup.ts'
import type { Plan } from '../plan.ts'
import { summaryRepositoryOf } from '../repositories/summary-repository.ts'

export const UNCATEGORISED = { zh: '未分类', en: 'Uncategorised' }
const UNCATEGORISED_KEY = '未分类'

export interface CompletionCounts {
  planned: number
  built: number
  building: number
  /** late for move-in (shared/facilities/schedule.ts moveInLateness) */
  late: number
}

/** Counts per category value ('未分类' for rows without one). */
export type CategoryCounts = Map<string, CompletionCounts>

function fromRollup(c: RollupCounts): CompletionCounts {
  return { planned: c.required, built: c.built, building: c.building, late: c.lateForMoveIn }
}

/** The plan's (or a region's) facility roll-up, computed once per data version. */
function rollup(plan: Plan, region: string | null): ReturnType<typeof facilityRollup> {
  return summaryRepositoryOf(plan.db).memoised('facilityRollup', region, () => facilityRollup(plan, { region, byType: false }))
}

/** Counts per county and category under a region. */
export function completionByCounty(plan: Plan, region: string | null): Map<string, CategoryCounts> {
  const out = new Map<string, CategoryCounts>()
  for (const r of rollup(plan, region).byRegion) {
    if (r.level !== 3) continue
    out.set(r.code, new Map(Object.entries(r.byCategory).map(([cat, c]) => [cat, fromRollup(c)])))
  }
  return out
}

/** Counts per site and category under a region (a county's own view), by the same progress rule. */
export function completionBySite(plan: Plan, region: string | null): Map<string, CategoryCounts> {
  const out = new Map<string, CategoryCounts>()
  const asOf = plan.settings.settings().as_of_date
  for (const [siteId, category, status, actualStart, actualEnd, plannedEnd, nature, moveIn] of summaryRepositoryOf(plan.db).facilityProgressRows(region)) {
    const key = String(siteId)
    let cats = out.get(key)
    if (!cats) out.set(key, (cats = new Map()))
    const cat = category ?? UNCATEGORISED_KEY
    let c = cats.get(cat)
    if (!c) cats.set(cat, (c = { planned: 0, built: 0, building: 0, late: 0 }))
    const f = { status, actual_start: actualStart, actual_end: actualEnd, planned_end: plannedEnd, nature }
    const p = progressOf(f)
    c.planned++
    if (isLateForMoveIn(f, moveIn, asOf)) c.late++
    if (p === 'built') c.built++
    else if (p === 'building') c.building++
  }
  return out
}

/** Figures per dictionary category (in dictionary order), plus 未分类 when rows lack a category. */
export function categoryFigures(counts: Iterable<CategoryCounts>): FacilityCategoryFigures[] {
  const by = new Map<string, CompletionCounts>()
  for (const cats of counts) {
    for (const [cat, c] of cats) {
      const e = by.get(cat) ?? { planned: 0, built: 0, building: 0, late: 0 }
      e.planned += c.planned
      e.built += c.built
      e.building += c.building
      e.late += c.late
      by.set(cat, e)
    }
  }
  const out: FacilityCategoryFigures[] = []
  const push = (category: string, label: { zh: string; en: string }, e: CompletionCounts): void => {
    out.push({ category, label, planned: e.planned, built: e.built, building: e.building, notStarted: e.planned - e.built - e.building, rate: e.planned > 0 ? e.built / e.planned : null, lateForMoveIn: e.late })
  }
  for (const c of FACILITY_CATEGORIES) push(c.value, { zh: c.value, en: c.en }, by.get(c.value) ?? { planned: 0, built: 0, building: 0, late: 0 })
  const known = new Set(FACILITY_CATEGORIES.map((c) => c.value))
  const other = { planned: 0, built: 0, building: 0, late: 0 }
  for (const [k, e] of by) {
    if (known.has(k)) continue
    other.planned += e.planned
    other.built += e.built
    other.building += e.building
    other.late += e.late
  }
  if (other.planned > 0) push('', UNCATEGORISED, other)
  return out
}

/** All categories of one leaf summed: 应配建 and 已建成 (a completion rate's parts). */
export function totalOf(cats: CategoryCounts | undefined): CompletionCounts {
  const t = { planned: 0, built: 0, building: 0, late: 0 }
  for (const c of cats?.values() ?? []) {
    t.planned += c.planned
    t.built += c.built
    t.building += c.building
    t.late += c.late
  }
  return t
}
