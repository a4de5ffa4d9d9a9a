import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppService } from '../../electron/service/app-service.ts'
import { generateSamplePlan } from '../../electron/service/domain/sample-plan.ts'
import { Plan } from '../../electron/service/plan.ts'
import { planCoverage } from '../../electron/service/workshops/coverage.ts'
import { distanceKm, SpatialGrid } from '../../electron/service/workshops/geo.ts'
import { tempDir } from '../support/temp.ts'

/** A hand-made plan: two sites near one operating workshop, a far site, a stopped workshop. */
async function handMadePlan(): Promise<{ service: AppService; ids: Record<string, number> }> {
  const dir = tempDir()
  const path = join(dir, 'plan.anju')
  Plan.create(path, '520000').close()
  const service = new AppService({ planPath: path, appDir: dir })
  const sites = await service.call('rows.insert', {
    entity: 'site',
    rows: [
      { name: '甲社区', county_code: '520281', lat: 26.0, lon: 106.0, labor_force: 100, employed: 80, labor_households: 40, zero_employment_households: 2 },
      { name: '乙社区', county_code: '520281', lat: 26.05, lon: 106.0, labor_force: 50, employed: 20, labor_households: 20, zero_employment_households: 0 },
      { name: '丙社区', county_code: '520203', lat: 26.5, lon: 106.5, labor_force: 40, employed: 40, labor_households: 15, zero_employment_households: 0 },
    ],
  })
  const [a, b, c] = sites.affected.site!.upserted.map((r) => r.id)
  await service.call('rows.insert', {
    entity: 'workshop',
    rows: [
      { name: '甲车间', site_id: a!, lat: 26.02, lon: 106.0, jobs: 30, designed_jobs: 55, op_status: '正常' },
      { name: '停产车间', site_id: a!, lat: 26.0, lon: 106.0, jobs: 80, designed_jobs: 200, op_status: '停产' },
      { name: '丙车间', site_id: c!, jobs: 10, designed_jobs: 10, op_status: '正常' },
    ],
  })
  return { service, ids: { a: a!, b: b!, c: c! } }
}

describe('great-circle distance and the spatial grid', () => {
  it('measures a degree of latitude as about 111 km and finds exactly the points within the radius', () => {
    expect(distanceKm(26, 106, 27, 106)).toBeCloseTo(111.2, 0)
    const pts = Array.from({ length: 400 }, (_, i) => ({ lat: 20 + (i % 20) * 0.05, lon: 100 + Math.floor(i / 20) * 0.05, i }))
    const grid = new SpatialGrid(pts, 12)
    const found: number[] = []
    grid.near(20.5, 100.5, (p) => found.push(p.i))
    const brute = pts.filter((p) => distanceKm(20.5, 100.5, p.lat, p.lon) <= 12).map((p) => p.i)
    expect(found.sort((x, y) => x - y)).toEqual(brute)
    expect(brute.length).toBeGreaterThan(10)
  })
})

describe('employment coverage of a hand-made plan', () => {
  it('counts jobs of operating workshops within the radius and shares vacancies among jobseekers', async () => {
    const { service, ids } = await handMadePlan()
    const r = await service.call('workshops.coverage', { radiusKm: 10 })
    const by = new Map(r.sites.map((s) => [s.siteId, s]))
    const a = by.get(ids.a!)!
    const b = by.get(ids.b!)!
    const c = by.get(ids.c!)!
    // 甲: 20 jobseekers; the operating workshop 2.2 km away has 25 vacancies shared with 乙 (30 jobseekers)
    expect(a).toMatchObject({ labour: 100, employed: 80, unemployed: 20, jobsNearby: 30, workshopsNearby: 1, vacanciesNearby: 25, covered: 10, gap: 10 })
    expect(a.nearestKm).toBeCloseTo(2.22, 1)
    expect(a.employmentRate).toBeCloseTo(0.8)
    expect(b).toMatchObject({ unemployed: 30, jobsNearby: 30, covered: 15, gap: 15 })
    expect(b.coverage).toBeCloseTo(0.5)
    // 丙: the workshop without coordinates stands at its site; everybody works
    expect(c).toMatchObject({ unemployed: 0, jobsNearby: 10, workshopsNearby: 1, gap: 0, coverage: 1 })
    // by county
    const pan = r.counties.find((x) => x.countyCode === '520281')!
    expect(pan).toMatchObject({ sites: 2, labour: 150, employed: 100, unemployed: 50, covered: 25, gap: 25, workshopJobs: 30, zeroHouseholds: 2, sitesWithGap: 2 })
    expect(pan.prefecture).toBe('六盘水市')
    expect(r.total).toMatchObject({ sites: 3, unemployed: 50, workshopJobs: 40 })
    // a smaller radius leaves 乙 out of reach
    const near = await service.call('workshops.coverage', { radiusKm: 3 })
    expect(near.sites.find((s) => s.siteId === ids.b)).toMatchObject({ jobsNearby: 0, covered: 0, gap: 30 })
    expect(near.sites.find((s) => s.siteId === ids.a)).toMatchObject({ covered: 20, gap: 0 })
    // a region limits the sites
    const county = await service.call('workshops.coverage', { region: '520203', radiusKm: 10 })
    expect(county.sites.map((s) => s.siteId)).toEqual([ids.c])
    service.close()
  })

  it('does not depend on the region chosen: a workshop across the county border counts and is shared with its own county, in whole posts', async () => {
    const { service, ids } = await handMadePlan()
    // 丁 (another county) is 2 km from 甲 and has a workshop with 10 vacant posts 1 km from both
    const d = await service.call('rows.insert', { entity: 'site', rows: [{ name: '丁社区', county_code: '520203', lat: 25.98, lon: 106.0, labor_force: 17, employed: 10 }] })
    const dId = d.affected.site!.upserted[0]!.id
    await service.call('rows.insert', { entity: 'workshop', rows: [{ name: '丁车间', site_id: dId, lat: 25.99, lon: 106.0, jobs: 10, designed_jobs: 20, op_status: '正常' }] })
    // 甲车间 stops: 甲's only posts in reach are across the border
    const list = await service.call('rows.list', { entity: 'workshop' })
    const jia = list.rows.find((r) => r[list.columns.indexOf('name')] === '甲车间')![list.columns.indexOf('id')] as number
    await service.call('rows.update', { entity: 'workshop', edits: [{ id: jia, field: 'op_status', value: '停产' }] })
    const whole = await service.call('workshops.coverage', { radiusKm: 3 })
    const county = await service.call('workshops.coverage', { region: '520281', radiusKm: 3 })
    const a = (r: typeof whole) => r.sites.find((s) => s.siteId === ids.a)!
    // 甲 (20 jobseekers) and 丁 (7) share 丁车间's 10 posts: 7.4 → 7 and 2.6 → 3 (largest remainder)
    expect(a(whole)).toMatchObject({ unemployed: 20, workshopsNearby: 1, covered: 7, gap: 13 })
    expect(whole.sites.find((s) => s.siteId === dId)).toMatchObject({ unemployed: 7, covered: 3, gap: 4 })
    expect(a(county)).toEqual(a(whole))
    expect(county.counties.map((c) => c.countyCode)).toEqual(['520281'])
    service.close()
  })

  it('gives every site of a sample plan the same whole-number coverage whichever region is chosen', () => {
    const plan = generateSamplePlan(join(tempDir(), 'plan.anju'), { sites: 160, seed: 11 })
    plan.db.exec('UPDATE site SET employed = CAST(labor_force * 0.7 AS INTEGER); UPDATE workshop SET designed_jobs = jobs + 7')
    const whole = planCoverage(plan, null, 25)
    const bySite = new Map(whole.sites.map((s) => [s.siteId, s]))
    expect(whole.sites.every((s) => Number.isInteger(s.covered) && Number.isInteger(s.gap))).toBe(true)
    expect(whole.sites.some((s) => s.covered > 0 && s.gap > 0)).toBe(true)
    const counties = plan.db.prepare('SELECT DISTINCT county_code FROM site').pluck().all() as string[]
    let shared = 0
    for (const code of [...counties, ...new Set(counties.map((c) => `${c.slice(0, 4)}00`))]) {
      const part = planCoverage(plan, code, 25)
      for (const s of part.sites) {
        expect(s).toEqual(bySite.get(s.siteId))
        if (s.covered > 0) shared++
      }
      const sum = part.counties.reduce((acc, c) => acc + c.covered, 0)
      expect(part.total.covered).toBe(sum)
    }
    expect(shared).toBeGreaterThan(0)
    expect(whole.total.covered).toBe(whole.sites.reduce((acc, s) => acc + s.covered, 0))
    plan.close()
  })

  it('maps sites and workshops with county labels at the centre of their sites', async () => {
    const { service } = await handMadePlan()
    const m = await service.call('workshops.mapData', {})
    expect(m.sites).toHaveLength(3)
    expect(m.workshops.map((w) => w.name).sort()).toEqual(['丙车间', '停产车间', '甲车间'])
    const pan = m.labels.find((l) => l.code === '520281')!
    expect(pan.lat).toBeCloseTo(26.025, 3)
    expect(m.labels.some((l) => l.level === 2 && l.name === '六盘水市')).toBe(true)
    service.close()
  })
})
