/**
 * Facility completion roll-ups (应配建 / 已建成 / 在建 / 未开工 / 完成率, late for move-in, overdue) by
 * category, type and region (prefecture → county). `facilityRollup(plan, {region})` is the one
 * implementation: the facilities page, the dashboard and the printed summaries all call it. The
 * flags come from shared/facilities/schedule.ts, so the Gantt and the grid mark the same rows.
 */
import type { FacilityRollup, RollupCounts, RollupRegionRow } from '../../../shared/api/facilities-api.ts'
import { FACILITY_CATEGORIES, FACILITY_TYPES } from '../../../shared/dictionary/facility-fields.ts'
import { FLAG_BUILDING, FLAG_BUILT, FLAG_LATE_FOR_MOVE_IN, FLAG_OVERDUE } from '../../../shared/facilities/schedule.ts'
import type { Plan } from '../plan.ts'
import { countySummaryStore } from '../repositories/county-summary-store.ts'
import { scheduleRepo } from './facility-context.ts'

const UNCATEGORISED = '未分类'

export function emptyCounts(): RollupCounts {
  return { required: 0, built: 0, building: 0, notStarted: 0, rate: 0, lateForMoveIn: 0, overdue: 0 }
}

/**
 * The key the counts are stored under in county_summary: this version, then the as-of date. Bump the
 * version whenever what a stored count means changes (v2: late for move-in is moveInLateness — shared
 * facilities excluded, unfinished after a past move-in counted), so caches written by an older build
 * are never read and every county regroups once.
 */
const STORE_VERSION = 'v2'
export const rollupStoreKey = (asOf: string): string => `${STORE_VERSION}|${asOf}`

/** Counts as stored per county: [required, built, building, notStarted, lateForMoveIn, overdue]. */
type Packed = [number, number, number, number, number, number]
/** One county's counts by category or by type, as stored in county_summary. */
type CountyCounts = Record<string, Packed>

/** Add n facilities with these schedule flags (progress, late for move-in, overdue) to a packed line. */
function addPacked(p: Packed, flags: number, n: number): void {
  p[0] += n
  if (flags & FLAG_BUILT) p[1] += n
  else if (flags & FLAG_BUILDING) p[2] += n
  else p[3] += n
  if (flags & FLAG_LATE_FOR_MOVE_IN) p[4] += n
  if (flags & FLAG_OVERDUE) p[5] += n
}

function addTo(c: RollupCounts, p: Packed): void {
  c.required += p[0]
  c.built += p[1]
  c.building += p[2]
  c.notStarted += p[3]
  c.lateForMoveIn += p[4]
  c.overdue += p[5]
}

function finish(c: RollupCounts): RollupCounts {
  c.rate = c.required > 0 ? Math.round((c.built / c.required) * 10000) / 10000 : 0
  return c
}

/**
 * Every county's counts under a region by category (and by type when asked): the stored ones, and
 * the stale ones regrouped from the facility rows and stored (both breakdowns at once).
 */
function countyCounts(plan: Plan, region: string | null, asOf: string, withTypes: boolean): { byCategory: Map<string, CountyCounts>; byType: Map<string, CountyCounts> } {
  const repo = scheduleRepo(plan)
  const regroup = (counties: string[]): Map<string, { facility: CountyCounts; facility_type: CountyCounts }> => {
    const out = new Map<string, { facility: CountyCounts; facility_type: CountyCounts }>()
    for (const [county, category, type, flags, n] of repo.groupFacilities(null, asOf, counties)) {
      let k = out.get(county)
      if (!k) out.set(county, (k = { facility: {}, facility_type: {} }))
      addPacked((k.facility[category ?? UNCATEGORISED] ??= [0, 0, 0, 0, 0, 0]), flags, n)
      addPacked((k.facility_type[type ?? UNCATEGORISED] ??= [0, 0, 0, 0, 0, 0]), flags, n)
    }
    return out
  }
  const got = countySummaryStore(plan.db).valuesOf<{ facility: CountyCounts; facility_type: CountyCounts }, CountyCounts>(withTypes ? ['facility', 'facility_type'] : ['facility'], region, regroup, rollupStoreKey(asOf))
  return { byCategory: got.get('facility')!, byType: got.get('facility_type') ?? new Map() }
}

/**
 * The roll-up of a region. `byType: false` leaves the per-type lines empty (the summaries show
 * categories and regions only, and skip reading ~24 stored types per county).
 */
export function facilityRollup(plan: Plan, opts: { region?: string | null; byType?: boolean } = {}): FacilityRollup {
  const region = opts.region ?? null
  const withTypes = opts.byType ?? true
  const asOf = plan.settings.settings().as_of_date
  const total = emptyCounts()
  const byCategory = new Map<string, RollupCounts>()
  const byType = new Map<string, RollupCounts>()
  const byCounty = new Map<string, { all: RollupCounts; cats: Map<string, RollupCounts> }>()
  const counts = countyCounts(plan, region, asOf, withTypes)
  for (const [county, k] of counts.byCategory) {
    const cats = Object.entries(k)
    const all = emptyCounts()
    const countyCats = new Map<string, RollupCounts>()
    for (const [cat, p] of cats) {
      addTo(all, p)
      addTo(total, p)
      let c = byCategory.get(cat)
      if (!c) byCategory.set(cat, (c = emptyCounts()))
      addTo(c, p)
      const kc = emptyCounts()
      addTo(kc, p)
      countyCats.set(cat, kc)
    }
    byCounty.set(county, { all, cats: countyCats })
  }
  for (const k of counts.byType.values()) {
    for (const [type, p] of Object.entries(k)) {
      let tc = byType.get(type)
      if (!tc) byType.set(type, (tc = emptyCounts()))
      addTo(tc, p)
    }
  }

  // regions: provinces (when the scope spans several), prefectures, counties
  const merge = (into: RollupCounts, from: RollupCounts): void => {
    into.required += from.required
    into.built += from.built
    into.building += from.building
    into.notStarted += from.notStarted
    into.lateForMoveIn += from.lateForMoveIn
    into.overdue += from.overdue
  }
  const regionRows = new Map<string, RollupRegionRow>()
  const ensure = (code: string, level: 1 | 2 | 3): RollupRegionRow => {
    let row = regionRows.get(code)
    if (!row) regionRows.set(code, (row = { code, name: plan.regions.get(code)?.name ?? code, level, ...emptyCounts(), byCategory: {} }))
    return row
  }
  const provinces = new Set([...byCounty.keys()].map((c) => c.slice(0, 2)))
  const prefOf = new Map<string, string>()
  for (const [code, k] of byCounty) {
    const chain = plan.regions.chain(code)
    const pref = chain.find((x) => x.level === 2)?.code ?? `${code.slice(0, 4)}00`
    prefOf.set(code, pref)
    const targets: RollupRegionRow[] = [ensure(code, 3), ensure(pref, 2)]
    if (provinces.size > 1) targets.push(ensure(`${code.slice(0, 2)}0000`, 1))
    for (const row of targets) {
      merge(row, k.all)
      for (const [cat, cc] of k.cats) merge((row.byCategory[cat] ??= emptyCounts()), cc)
    }
  }
  const byRegion = [...regionRows.values()]
    .sort((a, b) => {
      // province, then its prefectures each followed by its counties
      const key = (r: RollupRegionRow): string => (r.level === 1 ? r.code.slice(0, 2) : r.level === 2 ? r.code : `${prefOf.get(r.code) ?? r.code}~${r.code}`)
      return key(a).localeCompare(key(b))
    })
    .map((r) => {
      finish(r)
      for (const c of Object.values(r.byCategory)) finish(c)
      return r
    })

  const catOrder = [...FACILITY_CATEGORIES.map((c) => c.value), UNCATEGORISED]
  const catLabel = new Map(FACILITY_CATEGORIES.map((c) => [c.value, { zh: c.value, en: c.en }]))
  const typeDef = new Map(FACILITY_TYPES.map((t) => [t.value, t]))
  return {
    region,
    asOf,
    total: finish(total),
    byCategory: catOrder
      .filter((c) => byCategory.has(c))
      .map((c) => ({ category: c, label: catLabel.get(c) ?? { zh: c, en: 'Uncategorised' }, ...finish(byCategory.get(c)!) })),
    byType: [...FACILITY_TYPES.map((t) => t.value), UNCATEGORISED]
      .filter((t) => byType.has(t))
      .map((t) => ({ type: t, category: typeDef.get(t)?.category ?? UNCATEGORISED, label: { zh: t, en: typeDef.get(t)?.en ?? 'Unknown type' }, ...finish(byType.get(t)!) })),
    byRegion,
  }
}
