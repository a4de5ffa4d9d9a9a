/**
 * Employment coverage of the relocated labour force. For every site: labour, employed, households with
 * labour, zero-employment households, the jobs of operating (正常) workshops within the commute radius
 * (great-circle), and the jobseekers (labour − employed) a vacant post within reach could take. Vacancies
 * (designed posts − jobs) of one workshop are shared among the sites in its radius in proportion to their
 * jobseekers, so no post is counted twice; what is left is the gap. Totals roll up by county.
 * Workshops are found through a spatial grid (geo.ts), so a national plan recomputes well within 1 s.
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
      const r = reach[w]!
      if (r > 0 && u > 0) covered += u * Math.min(1, vacancy[w]! / r)
    }
    covered = Math.min(u, Math.round(covered * 10) / 10)
    const h = nearestHav[i]!
    out[i] = {
      siteId: s.id, labour: s.labour, employed: s.employed, unemployed: u, labourHouseholds: s.labourHouseholds, zeroHouseholds: s.zeroHouseholds,
      employmentRate: s.labour > 0 ? s.employed / s.labour : null,
      jobsNearby, workshopsNearby: start[i + 1]! - start[i]!, nearestKm: Number.isFinite(h) ? Math.round(kmOfHav(h) * 100) / 100 : null,
      vacanciesNearby: vac, covered, gap: Math.round((u - covered) * 10) / 10, coverage: u > 0 ? covered / u : 1, noLocation: s.lat === null || s.lon === null,
    }
  }
  return out
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
  if (c.gap >= 0.5) sum.sitesWithGap++
}

function finish(sum: CoverageSummary): void {
  sum.employmentRate = sum.labour > 0 ? sum.employed / sum.labour : null
  sum.covered = Math.round(sum.covered)
  sum.gap = Math.round(sum.gap)
}

/** Coverage of a plan's sites under a region, with county rows and a total. */
export function planCoverage(plan: Plan, region: string | null, radiusKm?: number): CoverageResult {
  const t0 = performance.now()
  const radius = radiusKm ?? plan.settings.settings().commute_radius_km
  const repo = new WorkshopCoverageRepository(plan.db)
  const sites = repo.sites(region)
  const workshops = repo.workshops(region ? boxAround(sites, radius) : null)
  const cov = computeSiteCoverage(sites, workshops, radius)
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
