/**
 * What the workshops map draws, with no online tiles: sites (sized by people, coloured by coverage) and
 * workshops (sized by jobs) at their coordinates, and labels for the province, prefectures (reference
 * centroids) and counties (the centre of their sites: county outlines are not in the reference data).
 */
import type { MapData, MapLabel, MapSite, MapWorkshop } from '../../../shared/api/workshops-api.ts'
import type { Plan } from '../plan.ts'
import { WorkshopCoverageRepository } from '../repositories/workshop-coverage-repository.ts'
import { regionCoverage } from './coverage.ts'

export function mapData(plan: Plan, region: string | null): MapData {
  const radiusKm = plan.settings.settings().commute_radius_km
  const repo = new WorkshopCoverageRepository(plan.db)
  // the colours are the coverage table's figures, whichever region is shown
  const { sites: siteRows, coverage: cov, workshops: workshopRows } = regionCoverage(repo, region, radiusKm)
  const sites: MapSite[] = []
  const countyAcc = new Map<string, { lat: number; lon: number; n: number }>()
  siteRows.forEach((s, i) => {
    if (s.lat === null || s.lon === null) return
    const c = cov[i]!
    sites.push({ id: s.id, name: s.name, lat: s.lat, lon: s.lon, people: s.people, coverage: Math.round(c.coverage * 1000) / 1000, gap: c.gap, countyCode: s.countyCode })
    const a = countyAcc.get(s.countyCode) ?? { lat: 0, lon: 0, n: 0 }
    a.lat += s.lat
    a.lon += s.lon
    a.n++
    countyAcc.set(s.countyCode, a)
  })
  const workshops: MapWorkshop[] = workshopRows
    .filter((w) => w.lat !== null && w.lon !== null && w.status !== '注销')
    .map((w) => ({ id: w.id, name: w.name, lat: w.lat!, lon: w.lon!, jobs: w.status === '规划' ? (w.designedJobs ?? w.jobs) : w.jobs, status: w.status, siteId: w.siteId }))
  const labels: MapLabel[] = []
  const prefectures = new Set<string>()
  for (const [code, a] of countyAcc) {
    const county = plan.regions.get(code)
    labels.push({ code, name: county?.name ?? code, level: 3, lat: a.lat / a.n, lon: a.lon / a.n })
    if (county?.parentCode && county.parentCode !== county.provinceCode) prefectures.add(county.parentCode)
  }
  for (const code of prefectures) {
    const p = plan.regions.get(code)
    if (p && p.lat !== null && p.lon !== null) labels.push({ code, name: p.name, level: 2, lat: p.lat, lon: p.lon })
  }
  return { radiusKm, sites, workshops, labels, unplaced: siteRows.length - sites.length }
}
