/**
 * Proposing new workshops for a plan: gathers the region's jobseekers (labour − employed), the spare
 * posts of operating workshops and the candidate locations (every site, plus the planner's points),
 * builds the covering model (placement-model.ts), solves it exactly with HiGHS in a worker
 * (solver-worker.ts) and turns the answer into proposals (named after the site they stand at, "…
 * 新建车间 1") with the sites each serves and the marginal value of each. Coverage before and after,
 * by site and county, is the coverage table's own function (workshops/coverage.ts regionCoverage) with
 * the proposals added as operating workshops, so after ≥ before at every site and the figures match
 * what the coverage table shows. The gap is always proven: the solver's bound (or, before it has one,
 * every jobseeker covered) against the value of the set returned. A model too big to solve in
 * time is refused up front with the prefectures to solve one at a time: there is no heuristic fallback.
 */
import type { CandidatePoint, CountyBeforeAfter, PlacementResult, Proposal, SiteBeforeAfter } from '../../../shared/api/workshops-api.ts'
import type { Label } from '../../../shared/dictionary/types.ts'
import type { Plan } from '../plan.ts'
import { WorkshopCoverageRepository } from '../repositories/workshop-coverage-repository.ts'
import type { WorkshopLocationRecord } from '../repositories/workshop-coverage-repository.ts'
import { OPERATING, regionCoverage } from '../workshops/coverage.ts'
import { buildModel, findPairs, type BuiltModel, type CandidateSite, type DemandSite, type ExistingWorkshop, type PlacementInstance } from './placement-model.ts'
import { placementSettings } from './placement-settings.ts'
import { SolverWorker, type MarginalOutcome, type MipOutcome, type SolveProgress } from './solver-worker.ts'

export interface PlaceRequest {
  k?: number | undefined
  budgetWan?: number | undefined
  radiusKm?: number | undefined
  region?: string | null | undefined
  candidates?: CandidatePoint[] | undefined
  sitesAsCandidates?: boolean | undefined
  timeLimitS?: number | undefined
  gapTolerance?: number | undefined
}

/** Above these sizes a model is refused and a per-prefecture run offered (measured: see bench/cases/workshops.ts). */
export const MAX_PAIRS = 250_000
export const MAX_CANDIDATES = 15_000

export interface PlaceOptions {
  onProgress?: (p: SolveProgress) => void
  signal?: AbortSignal
}

const round1 = (x: number): number => Math.round(x * 10) / 10

function reducedRegions(plan: Plan, region: string | null, siteCounties: string[]): { code: string; name: string; sites: number }[] {
  const counts = new Map<string, number>()
  for (const c of siteCounties) {
    // prefecture of the county, or the county itself when a prefecture was already chosen
    const key = region && /^\d{4}00$/.test(region) ? c : `${c.slice(0, 4)}00`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts.entries()]
    .map(([code, sites]) => ({ code, name: plan.regions.get(code)?.name ?? code, sites }))
    .sort((a, b) => b.sites - a.sites)
}

export async function placeWorkshops(plan: Plan, req: PlaceRequest, opts: PlaceOptions = {}): Promise<PlacementResult> {
  const t0 = performance.now()
  const settings = placementSettings(plan)
  const radiusKm = req.radiusKm ?? plan.settings.settings().commute_radius_km
  const region = req.region ?? null
  const k = req.k ?? null
  const budgetWan = k === null ? (req.budgetWan ?? null) : null
  const repo = new WorkshopCoverageRepository(plan.db)
  // coverage before: the coverage table's figures for the region
  const { sites: siteRows, coverage: beforeCov, workshops: workshopRows } = regionCoverage(repo, region, radiusKm)
  const located = siteRows.filter((s) => s.lat !== null && s.lon !== null)
  const sites: DemandSite[] = located.map((s) => {
    const u = Math.max(0, s.labour - s.employed)
    return { id: s.id, lat: s.lat!, lon: s.lon!, unemployed: u, priority: Math.min(u, s.zeroHouseholds) }
  })
  const existing: ExistingWorkshop[] = workshopRows
    .filter((w) => w.status === OPERATING && w.lat !== null && w.lon !== null)
    .map((w) => ({ id: w.id, lat: w.lat!, lon: w.lon!, vacancies: Math.max(0, (w.designedJobs ?? w.jobs) - w.jobs) }))
  const candidates: CandidateSite[] = []
  const nextNumber = newWorkshopNumbers(workshopRows)
  if (req.sitesAsCandidates !== false)
    for (const s of located) candidates.push({ key: `site:${s.id}`, name: `${s.name} ${NEW_WORKSHOP} ${nextNumber(s.id)}`, lat: s.lat!, lon: s.lon!, jobs: settings.newWorkshopJobs, costWan: settings.newWorkshopCostWan, atSiteId: s.id })
  ;[...settings.candidates, ...(req.candidates ?? [])].forEach((c, n) =>
    candidates.push({ key: `point:${n}`, name: c.name, lat: c.lat, lon: c.lon, jobs: c.jobs ?? settings.newWorkshopJobs, costWan: c.costWan ?? settings.newWorkshopCostWan, atSiteId: null }),
  )
  const inst: PlacementInstance = { sites, candidates, existing, radiusKm, k, budgetWan, zeroWeight: settings.zeroEmploymentWeight, baseWeight: settings.baseWeight }
  const found = findPairs(inst)
  const unemployed = sites.reduce((a, s) => a + s.unemployed, 0)
  const nY = found.kept.length
  const pairs = found.candPairs.site.length + found.exPairs.site.length
  const size = { sites: sites.length, candidates: nY, existing: existing.filter((e) => e.vacancies > 0).length, pairs, columns: nY + pairs + 2 * sites.length, rows: sites.length + nY + existing.length + found.candPairs.site.length + 1 }
  const base: PlacementResult = {
    status: 'nothing-to-do', message: { zh: '', en: '' }, radiusKm, region, k, budgetWan, size, objective: 0, bound: 0, gap: 0, seconds: 0,
    unemployed, coveredBefore: 0, coveredAfter: 0, proposals: [], sites: [], counties: [], reducedRegions: [],
  }
  if (pairs > MAX_PAIRS || nY > MAX_CANDIDATES) {
    return {
      ...base,
      status: 'too-large',
      message: {
        zh: `模型过大（${nY.toLocaleString()} 个候选点、${pairs.toLocaleString()} 个点对），无法在时限内精确求解。请按市州（或县）分别求解：在左侧区划树中选择一个市州，或点击下列地区。`,
        en: `The model is too large (${nY.toLocaleString()} candidates, ${pairs.toLocaleString()} pairs) to solve exactly in time. Solve it one prefecture (or county) at a time: choose one in the region tree or below.`,
      },
      reducedRegions: reducedRegions(plan, region, located.map((s) => s.countyCode)),
    }
  }
  if (unemployed === 0 || nY === 0) {
    const msg: Label = unemployed === 0
      ? { zh: '所选地区的搬迁劳动力均已就业，无需新建车间。', en: 'All relocated labour in the region is employed: no new workshop is needed.' }
      : { zh: '没有候选点能在通勤半径内覆盖待就业劳动力。', en: 'No candidate location reaches any jobseeker within the commute radius.' }
    return { ...base, message: msg }
  }
  const solver = new SolverWorker(opts.signal)
  solver.onProgress = opts.onProgress
  let mip: MipOutcome
  let fixed: BuiltModel
  let marg: MarginalOutcome
  // with whole-number weights, jobs and jobseekers every optimum is a whole number (a network flow for
  // any set of open workshops), so a bound less than 1 above the incumbent proves it optimal
  const integral = Number.isInteger(inst.zeroWeight) && Number.isInteger(inst.baseWeight) && candidates.every((c) => Number.isInteger(c.jobs))
  const tolerance = req.gapTolerance ?? 1e-4
  try {
    opts.onProgress?.({ phase: 'before', seconds: 0, primal: null, dual: null, gap: null })
    const built = buildModel(inst, found)
    mip = await solver.mip(built.model, req.timeLimitS ?? 30, tolerance, integral ? 0.999 : 1e-6)
    const chosen = built.kept.filter((_c, j) => mip.x[j]! > 0.5).map((c) => candidates[c]!)
    // the chosen set fixed open: its allocation, its value, and the marginal value of each
    fixed = buildModel({ ...inst, candidates: chosen, k: chosen.length, budgetWan: null })
    fixed.model.colLower.fill(1, 0, fixed.model.nY)
    marg = await solver.marginals(fixed.model)
  } finally {
    solver.close()
  }
  const chosenCandidates = fixed.kept.map((c) => fixed.candidatesOf[c]!)
  const siteById = new Map(siteRows.map((s) => [s.id, s]))
  const npc = fixed.candPairs.site.length
  const proposals: Proposal[] = chosenCandidates.map((c, j) => {
    const serves: Proposal['serves'] = []
    for (let p = 0; p < npc; p++) {
      if (fixed.candPairs.other[p] !== j) continue
      const amount = marg.x[fixed.cols.xc + p]!
      if (amount < 0.05) continue
      const s = siteById.get(sites[fixed.candPairs.site[p]!]!.id)!
      serves.push({ siteId: s.id, name: s.name, countyCode: s.countyCode, km: Math.round(fixed.candPairs.km[p]! * 100) / 100, amount: round1(amount) })
    }
    serves.sort((a, b) => b.amount - a.amount)
    const main = c.atSiteId !== null && serves.some((s) => s.siteId === c.atSiteId) ? c.atSiteId : (serves[0]?.siteId ?? c.atSiteId)
    return {
      key: c.key, name: c.name, lat: c.lat, lon: c.lon, atSiteId: c.atSiteId, mainSiteId: main,
      countyCode: main !== null ? (siteById.get(main)?.countyCode ?? null) : null,
      jobs: c.jobs, costWan: c.costWan, covered: round1(serves.reduce((a, s) => a + s.amount, 0)),
      marginalValue: round1(Math.max(0, marg.marginal[j] ?? 0)), marginalCovered: round1(Math.max(0, marg.marginalCovered[j] ?? 0)), serves,
    }
  })
  proposals.sort((a, b) => b.marginalValue - a.marginalValue)

  // coverage after: the same function with the proposals running (no posts filled yet)
  const proposed: WorkshopLocationRecord[] = proposals.map((p, n) => ({
    id: -(n + 1), name: p.name, siteId: p.mainSiteId, countyCode: p.countyCode, lat: p.lat, lon: p.lon, jobs: 0, designedJobs: p.jobs, status: OPERATING,
  }))
  const afterCov = proposed.length > 0 ? regionCoverage(repo, region, radiusKm, proposed).coverage : beforeCov
  const siteChanges: SiteBeforeAfter[] = siteRows.map((s, i) => ({
    siteId: s.id, name: s.name, countyCode: s.countyCode, unemployed: beforeCov[i]!.unemployed, before: beforeCov[i]!.covered, after: afterCov[i]!.covered,
  }))
  const counties = new Map<string, CountyBeforeAfter>()
  for (const r of siteChanges) {
    let c = counties.get(r.countyCode)
    if (!c) counties.set(r.countyCode, (c = { countyCode: r.countyCode, county: plan.regions.get(r.countyCode)?.name ?? r.countyCode, unemployed: 0, before: 0, after: 0 }))
    c.unemployed += r.unemployed
    c.before += r.before
    c.after += r.after
  }
  const countyRows = [...counties.values()].sort((a, b) => a.countyCode.localeCompare(b.countyCode))
  const coveredBefore = siteChanges.reduce((a, r) => a + r.before, 0)
  const coveredAfter = siteChanges.reduce((a, r) => a + r.after, 0)

  // the proven gap: the solver's bound (every jobseeker covered while it has none) against the value of the set returned
  const value = marg.objective
  const everyone = sites.reduce((a, s) => a + inst.zeroWeight * Math.min(s.priority, s.unemployed) + inst.baseWeight * (s.unemployed - Math.min(s.priority, s.unemployed)), 0)
  let bound = Math.min(everyone, Number.isFinite(mip.bound) ? mip.bound : Infinity)
  if (integral) bound = Math.floor(bound + 1e-6)
  bound = Math.max(bound, value)
  const gap = bound - value <= (integral ? 0.5 : 1e-6) ? 0 : (bound - value) / Math.max(1, Math.abs(value))
  const optimal = gap <= tolerance
  const gapPct = (gap * 100).toFixed(2)
  const message: Label = optimal
    ? { zh: `已求得最优解（证明间隙 ${gapPct}%）。`, en: `Optimal (proven gap ${gapPct}%).` }
    : proposals.length === 0
      ? {
          zh: `达到时限，尚未找到新建车间的方案（证明间隙 ${gapPct}%）。请延长时限，或按市州分别求解。`,
          en: `Time limit reached before any proposal was found (proven gap ${gapPct}%). Allow more time, or solve one prefecture at a time.`,
        }
      : {
          zh: `达到时限，当前方案与最优值的差距至多为 ${gapPct}%（已证明）。可延长时限，或按市州分别求解以得到最优解。`,
          en: `Time limit reached: the proposals are proven within ${gapPct}% of the optimum. Allow more time, or solve one prefecture at a time for a proven optimum.`,
        }
  return {
    ...base,
    status: optimal ? 'optimal' : 'time-limit',
    message,
    objective: round1(value),
    bound: round1(bound),
    gap,
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    coveredBefore,
    coveredAfter,
    proposals,
    sites: siteChanges,
    counties: countyRows,
    reducedRegions: optimal ? [] : reducedRegions(plan, region, located.map((s) => s.countyCode)),
  }
}

/** What a proposed workshop is called after the site it stands at: "<site> 新建车间 N". */
const NEW_WORKSHOP = '新建车间'

/** The next free N of "<site> 新建车间 N" per site, after the workshops already named so (applied earlier). */
function newWorkshopNumbers(workshops: readonly WorkshopLocationRecord[]): (siteId: number) => number {
  const used = new Map<number, number>()
  const NUMBERED = new RegExp(`${NEW_WORKSHOP}\\s*(\\d+)$`)
  for (const w of workshops) {
    if (w.siteId === null) continue
    const m = NUMBERED.exec(w.name)
    if (m) used.set(w.siteId, Math.max(used.get(w.siteId) ?? 0, Number(m[1])))
  }
  return (siteId) => (used.get(siteId) ?? 0) + 1
}
