/**
 * Employment coverage of the relocated labour force. For every site: labour, employed, households with
 * labour, zero-employment households, the jobs of operating (正常) workshops within the commute radius
 * (great-circle), and the jobseekers (labour − employed) a vacant post within reach could take. Vacancies
 * (designed posts − jobs) of one workshop are shared among the sites in its radius in proportion to their
 * jobseekers, in whole posts (largest remainders), so no post is counted twice and nobody is counted in
 * fractions; what is left is the gap. Totals roll up by county. A region's figures do not depend on where
 * its borders run: workshops in a neighbouring county within the radius count, and the neighbours' sites
 * that share those workshops take their share (regionCoverage). The placement optimizer reports coverage
 * before and after through the same functions. Workshops are found through a spatial grid (geo.ts), so a
 * national plan recomputes well within 1 s.
 */
import type { CountyCoverage, CoverageResult, CoverageSummary, SiteCoverage } from '../../../shared/api/workshops-api.ts'
import type { Plan } from '../plan.ts'
import { WorkshopCoverageRepository, type SiteEmploymentRecord, type WorkshopLocationRecord } from '../repositories/workshop-coverage-repository.ts'
import { kmOfHav, SpatialGrid } from './geo.ts'

export const OPERATING = '正常'

interface PlacedWorkshop {
  idx: number
  lat: number
  lon: number
}

/** Box of the located sites, grown by the radius (degrees), for reading only nearby workshops. */
export function boxAround(sites: readonly { lat: number | null; lon: number | null }[], radiusKm: number): { minLat: number; maxLat: number; minLon: number; maxLon: number } | null {
  let minLat = 90, maxLat = -90, minLon = 180, maxLon = -180
  for (const s of sites) {
    if (s.lat === null || s.lon === null) continue
    minLat = Math.min(minLat, s.lat)
    maxLat = Math.max(maxLat, s.lat)
    minLon = Math.min(minLon, s.lon)
    maxLon = Math.max(maxLon, s.lon)
  }
  if (minLat > maxLat) return null
  const dLat = radiusKm / 110 + 0.01
  const dLon = radiusKm / (111 * Math.cos((Math.min(80, Math.max(Math.abs(minLat), Math.abs(maxLat))) * Math.PI) / 180)) + 0.01
  return { minLat: minLat - dLat, maxLat: maxLat + dLat, minLon: minLon - dLon, maxLon: maxLon + dLon }
}

const emptySummary = (): CoverageSummary => ({
  sites: 0, labour: 0, employed: 0, unemployed: 0, labourHouseholds: 0, zeroHouseholds: 0, workshopJobs: 0, vacancies: 0, covered: 0, gap: 0,
  employmentRate: null, sitesWithoutJobsNearby: 0, sitesWithGap: 0,
})

/** Coverage of the given sites by the given workshops (pure: the unit tests feed it hand-made data). */
export function computeSiteCoverage(sites: readonly SiteEmploymentRecord[], workshops: readonly WorkshopLocationRecord[], radiusKm: number): SiteCoverage[] {
  const running = workshops.filter((w) => w.status === OPERATING)
  const placed: PlacedWorkshop[] = []
  const bySite = new Map<number, number[]>()
  running.forEach((w, idx) => {
    if (w.lat !== null && w.lon !== null) placed.push({ idx, lat: w.lat, lon: w.lon })
    if (w.siteId !== null) {
      let l = bySite.get(w.siteId)
      if (!l) bySite.set(w.siteId, (l = []))
      l.push(idx)
    }
  })
  const grid = new SpatialGrid(placed, radiusKm)
  const ns = sites.length
  const unemployed = new Float64Array(ns)
  for (let i = 0; i < ns; i++) unemployed[i] = Math.max(0, sites[i]!.labour - sites[i]!.employed)
  const jobs = Float64Array.from(running, (w) => w.jobs)
  const vacancy = Float64Array.from(running, (w) => Math.max(0, (w.designedJobs ?? w.jobs) - w.jobs))
  // pairs (site, workshop) in compressed rows: pairs of site i are pairWs[start[i] … start[i+1])
  const start = new Int32Array(ns + 1)
  let pairWs = new Int32Array(Math.max(1024, ns * 8))
  let np = 0
  const push = (w: number): void => {
    if (np === pairWs.length) {
      const bigger = new Int32Array(pairWs.length * 2)
      bigger.set(pairWs)
      pairWs = bigger
    }
    pairWs[np++] = w
  }
  // the smallest haversine term per site: one asin per site for the nearest distance
  const nearestHav = new Float64Array(ns).fill(Infinity)
  const reach = new Float64Array(running.length)
  for (let i = 0; i < ns; i++) {
    const s = sites[i]!
    start[i] = np
    if (s.lat !== null && s.lon !== null) {
      const n = grid.query(s.lat, s.lon)
      let best = Infinity
      for (let k = 0; k < n; k++) {
        push(placed[grid.hitIndex[k]!]!.idx)
        if (grid.hitHav[k]! < best) best = grid.hitHav[k]!
      }
      nearestHav[i] = best
    } else {
      for (const idx of bySite.get(s.id) ?? []) push(idx)
      if (np > start[i]!) nearestHav[i] = 0
    }
    const u = unemployed[i]!
    if (u > 0) for (let p = start[i]!; p < np; p++) reach[pairWs[p]!]! += u
  }
  start[ns] = np
  const share = sharePosts(unemployed, start, pairWs.subarray(0, np), vacancy, reach)
  const out: SiteCoverage[] = new Array<SiteCoverage>(ns)
  for (let i = 0; i < ns; i++) {
    const s = sites[i]!
    const u = unemployed[i]!
    let jobsNearby = 0
    let vac = 0
    let covered = 0
    for (let p = start[i]!; p < start[i + 1]!; p++) {
      const w = pairWs[p]!
      jobsNearby += jobs[w]!
      vac += vacancy[w]!
      covered += share[p]!
    }
    covered = Math.min(u, covered)
    const h = nearestHav[i]!
    out[i] = {
      siteId: s.id, labour: s.labour, employed: s.employed, unemployed: u, labourHouseholds: s.labourHouseholds, zeroHouseholds: s.zeroHouseholds,
      employmentRate: s.labour > 0 ? s.employed / s.labour : null,
      jobsNearby, workshopsNearby: start[i + 1]! - start[i]!, nearestKm: Number.isFinite(h) ? Math.round(kmOfHav(h) * 100) / 100 : null,
      vacanciesNearby: vac, covered, gap: u - covered, coverage: u > 0 ? covered / u : 1, noLocation: s.lat === null || s.lon === null,
    }
  }
  return out
}

/**
 * Reorder idx so that its first k entries are the k with the largest fraction (ties: the smaller pair
 * index first), in any order among themselves: quickselect, linear on average, where a full sort of
 * every workshop's pairs cost a third of a national coverage.
 */
function selectLargest(idx: Int32Array, k: number, frac: Float64Array): void {
  const before = (a: number, b: number): boolean => frac[a]! > frac[b]! || (frac[a] === frac[b] && a < b)
  let lo = 0
  let hi = idx.length - 1
  while (lo < hi) {
    const pivot = idx[(lo + hi) >> 1]!
    let i = lo
    let j = hi
    while (i <= j) {
      while (before(idx[i]!, pivot)) i++
      while (before(pivot, idx[j]!)) j--
      if (i <= j) {
        const t = idx[i]!
        idx[i] = idx[j]!
        idx[j] = t
        i++
        j--
      }
    }
    // [lo, j] all come before or equal the pivot, [i, hi] after or equal
    if (k - 1 <= j) hi = j
    else if (k - 1 >= i) lo = i
    else return
  }
}

/**
 * Each workshop's vacant posts shared among the sites in its reach in whole posts: every site takes
 * all its jobseekers when the posts suffice, else its proportional quota rounded down, and the posts
 * left go one each to the largest remainders (ties to the earlier site). Returns the posts per pair.
 */
function sharePosts(unemployed: Float64Array, start: Int32Array, pairWs: Int32Array, vacancy: Float64Array, reach: Float64Array): Float64Array {
  const np = pairWs.length
  const ns = start.length - 1
  const share = new Float64Array(np)
  // pairs grouped by workshop (only workshops short of posts need the rounding)
  const nw = vacancy.length
  const count = new Int32Array(nw + 1)
  for (let p = 0; p < np; p++) count[pairWs[p]! + 1]!++
  for (let w = 0; w < nw; w++) count[w + 1]! += count[w]!
  const fill = count.slice(0, nw)
  const byWs = new Int32Array(np)
  const siteOf = new Int32Array(np)
  for (let i = 0; i < ns; i++) for (let p = start[i]!; p < start[i + 1]!; p++) siteOf[p] = i
  for (let p = 0; p < np; p++) byWs[fill[pairWs[p]!]!++] = p
  // largest remainders without an object per pair: the pairs of one workshop in a scratch index, their
  // fractions in a typed array (a national plan has ~10^6 pairs)
  const frac = new Float64Array(np)
  const scratch = new Int32Array(np)
  for (let w = 0; w < nw; w++) {
    const r = reach[w]!
    if (r <= 0) continue
    const v = Math.floor(vacancy[w]!)
    if (v <= 0) continue
    if (v >= r) {
      for (let k = count[w]!; k < count[w + 1]!; k++) share[byWs[k]!] = unemployed[siteOf[byWs[k]!]!]!
      continue
    }
    let m = 0
    let given = 0
    for (let k = count[w]!; k < count[w + 1]!; k++) {
      const p = byWs[k]!
      const u = unemployed[siteOf[p]!]!
      if (u <= 0) continue
      const q = (v * u) / r
      const whole = Math.floor(q + 1e-9)
      share[p] = whole
      given += whole
      frac[p] = q - whole
      scratch[m++] = p
    }
    const extra = v - given
    if (extra <= 0 || m === 0) continue
    const group = scratch.subarray(0, m)
    if (extra < m) selectLargest(group, extra, frac)
    for (let k = 0; k < extra && k < m; k++) share[group[k]!]! += 1
  }
  return share
}

function addTo(sum: CoverageSummary, c: SiteCoverage): void {
  sum.sites++
  sum.labour += c.labour
  sum.employed += c.employed
  sum.unemployed += c.unemployed
  sum.labourHouseholds += c.labourHouseholds
  sum.zeroHouseholds += c.zeroHouseholds
  sum.vacancies += c.vacanciesNearby
  sum.covered += c.covered
  sum.gap += c.gap
  if (c.unemployed > 0 && c.workshopsNearby === 0) sum.sitesWithoutJobsNearby++
  if (c.gap > 0) sum.sitesWithGap++
}

function finish(sum: CoverageSummary): void {
  sum.employmentRate = sum.labour > 0 ? sum.employed / sum.labour : null
}

/**
 * Coverage of the sites under a region (all sites when null) that does not depend on the region's
 * borders: every workshop within the radius of them counts, in whatever county it stands, and the
 * sites outside the region that reach the same workshops (within the radius of one, or attached to
 * one) share their vacancies as they would on the whole plan. `extra` adds workshops (the optimizer's
 * proposals). Returns the region's sites, their coverage (same order) and the workshops read.
 */
export function regionCoverage(repo: WorkshopCoverageRepository, region: string | null, radiusKm: number, extra: readonly WorkshopLocationRecord[] = []): { sites: SiteEmploymentRecord[]; coverage: SiteCoverage[]; workshops: WorkshopLocationRecord[] } {
  const sites = repo.sites(region)
  if (!region) {
    const workshops = repo.workshops(null)
    return { sites, coverage: computeSiteCoverage(sites, [...workshops, ...extra], radiusKm), workshops }
  }
  const near = boxAround(sites, radiusKm)
  const workshops = repo.workshops(near ?? { minLat: 1, maxLat: 0, minLon: 1, maxLon: 0 }, region)
  const all = [...workshops, ...extra]
  const inScope = new Set(sites.map((s) => s.id))
  // a site shares a workshop's posts when it is within the radius of it
  const wide = boxAround(all, radiusKm)
  const neighbours = wide ? repo.sitesInBoxOutside(wide, region) : []
  const have = new Set(neighbours.map((s) => s.id))
  const owners = [...new Set(all.map((w) => w.siteId).filter((id): id is number => id !== null && !inScope.has(id) && !have.has(id)))]
  const competing = [...neighbours, ...repo.sitesByIds(owners)]
  const coverage = computeSiteCoverage([...sites, ...competing], all, radiusKm).slice(0, sites.length)
  return { sites, coverage, workshops }
}

/** Coverage of a plan's sites under a region, with county rows and a total. */
export function planCoverage(plan: Plan, region: string | null, radiusKm?: number): CoverageResult {
  const t0 = performance.now()
  const radius = radiusKm ?? plan.settings.settings().commute_radius_km
  const { sites, coverage: cov, workshops } = regionCoverage(new WorkshopCoverageRepository(plan.db), region, radius)
  const byCounty = new Map<string, CountyCoverage>()
  const total = emptySummary()
  sites.forEach((s, i) => {
    let c = byCounty.get(s.countyCode)
    if (!c) {
      const county = plan.regions.get(s.countyCode)
      const pref = county?.parentCode ? plan.regions.get(county.parentCode) : undefined
      c = { ...emptySummary(), countyCode: s.countyCode, county: county?.name ?? s.county ?? s.countyCode, prefectureCode: pref && pref.level === 2 ? pref.code : null, prefecture: pref && pref.level === 2 ? pref.name : '' }
      byCounty.set(s.countyCode, c)
    }
    addTo(c, cov[i]!)
    addTo(total, cov[i]!)
  })
  // jobs of operating workshops, by the county of the site they serve
  const inScope = new Set(sites.map((s) => s.id))
  for (const w of workshops) {
    if (w.status !== OPERATING || w.siteId === null || !inScope.has(w.siteId) || !w.countyCode) continue
    const c = byCounty.get(w.countyCode)
    if (c) c.workshopJobs += w.jobs
    total.workshopJobs += w.jobs
  }
  for (const c of byCounty.values()) finish(c)
  finish(total)
  return { radiusKm: radius, sites: cov, counties: [...byCounty.values()], total, ms: Math.round(performance.now() - t0) }
}
