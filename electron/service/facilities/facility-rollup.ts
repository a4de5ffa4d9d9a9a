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
import { scheduleRepo } from './facility-context.ts'

const UNCATEGORISED = '未分类'

export function emptyCounts(): RollupCounts {
  return { required: 0, built: 0, building: 0, notStarted: 0, rate: 0, lateForMoveIn: 0, overdue: 0 }
}

/** Add n facilities with these schedule flags (progress, late for move-in, overdue) to a line. */
function add(c: RollupCounts, flags: number, n: number): void {
  c.required += n
  if (flags & FLAG_BUILT) c.built += n
  else if (flags & FLAG_BUILDING) c.building += n
  else c.notStarted += n
  if (flags & FLAG_LATE_FOR_MOVE_IN) c.lateForMoveIn += n
  if (flags & FLAG_OVERDUE) c.overdue += n
}

function finish(c: RollupCounts): RollupCounts {
  c.rate = c.required > 0 ? Math.round((c.built / c.required) * 10000) / 10000 : 0
  return c
}

export function facilityRollup(plan: Plan, opts: { region?: string | null } = {}): FacilityRollup {
  const region = opts.region ?? null
  const asOf = plan.settings.settings().as_of_date
  const groups = scheduleRepo(plan).rollupGroups(region, asOf)
  const total = emptyCounts()
  const byCategory = new Map<string, RollupCounts>()
  const byType = new Map<string, RollupCounts>()
  const byCounty = new Map<string, { all: RollupCounts; cats: Map<string, RollupCounts> }>()
  for (const [county, category, type, flags, n] of groups) {
    const cat = category ?? UNCATEGORISED
    add(total, flags, n)
    let c = byCategory.get(cat)
    if (!c) byCategory.set(cat, (c = emptyCounts()))
    add(c, flags, n)
    const t = type ?? UNCATEGORISED
    let tc = byType.get(t)
    if (!tc) byType.set(t, (tc = emptyCounts()))
    add(tc, flags, n)
    let k = byCounty.get(county)
    if (!k) byCounty.set(county, (k = { all: emptyCounts(), cats: new Map() }))
    add(k.all, flags, n)
    let kc = k.cats.get(cat)
    if (!kc) k.cats.set(cat, (kc = emptyCounts()))
    add(kc, flags, n)
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
