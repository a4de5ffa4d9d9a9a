import { join } from 'node:path'
import highsLoader from 'highs'
import { describe, expect, it } from 'vitest'
import { AppService } from '../../electron/service/app-service.ts'
import { fillPlan, seededRandom } from '../../electron/service/domain/sample-plan.ts'
import { MAX_PAIRS, placeWorkshops } from '../../electron/service/optimizer/place.ts'
import { buildModel, type PlacementInstance } from '../../electron/service/optimizer/placement-model.ts'
import { SolverWorker } from '../../electron/service/optimizer/solver-worker.ts'
import { Plan } from '../../electron/service/plan.ts'
import { planCoverage } from '../../electron/service/workshops/coverage.ts'
import { distanceKm } from '../../electron/service/workshops/geo.ts'
import { AppError } from '../../shared/api/errors.ts'
import { tempDir } from '../support/temp.ts'

function randomInstance(seed: number): PlacementInstance {
  const rnd = seededRandom(seed)
  const pt = () => ({ lat: 26 + rnd() * 0.25, lon: 106 + rnd() * 0.25 })
  return {
    sites: Array.from({ length: 9 }, (_, i) => {
      const u = Math.floor(rnd() * 60)
      return { id: i + 1, ...pt(), unemployed: u, priority: Math.min(u, Math.floor(rnd() * 4)) }
    }),
    candidates: Array.from({ length: 7 }, (_, j) => ({ key: `c${j}`, name: `c${j}`, ...pt(), jobs: 20 + Math.floor(rnd() * 50), costWan: 50 + Math.floor(rnd() * 100), atSiteId: null })),
    existing: Array.from({ length: 2 }, (_, e) => ({ id: e + 1, ...pt(), vacancies: Math.floor(rnd() * 30) })),
    radiusKm: 10,
    k: 2,
    budgetWan: null,
    zeroWeight: 3,
    baseWeight: 1,
  }
}

/**
 * The best weighted coverage with a given set of new workshops open, written independently of the
 * model builder as CPLEX LP text: a transportation problem from workshops to sites within the radius.
 */
function allocationValue(highs: Awaited<ReturnType<typeof highsLoader>>, inst: PlacementInstance, open: number[]): number {
  const facilities = [...open.map((j) => ({ ...inst.candidates[j]!, cap: inst.candidates[j]!.jobs })), ...inst.existing.map((e) => ({ ...e, cap: e.vacancies }))]
  const obj: string[] = []
  const rows: string[] = []
  const bounds: string[] = []
  const bySite = inst.sites.map(() => [] as string[])
  facilities.forEach((f, fi) => {
    const terms: string[] = []
    inst.sites.forEach((s, si) => {
      if (distanceKm(f.lat, f.lon, s.lat, s.lon) > inst.radiusKm) return
      terms.push(`x_${fi}_${si}`)
      bySite[si]!.push(`x_${fi}_${si}`)
    })
    if (terms.length) rows.push(` cap${fi}: ${terms.join(' + ')} <= ${f.cap}`)
  })
  inst.sites.forEach((s, si) => {
    const pr = Math.min(s.priority, s.unemployed)
    obj.push(`${inst.zeroWeight} p${si} + ${inst.baseWeight} q${si}`)
    rows.push(` site${si}: p${si} + q${si}${bySite[si]!.map((x) => ` - ${x}`).join('')} <= 0`)
    bounds.push(` 0 <= p${si} <= ${pr}`, ` 0 <= q${si} <= ${s.unemployed - pr}`)
  })
  const lp = `Maximize\n obj: ${obj.join(' + ')}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds.join('\n')}\nEnd\n`
  const r = highs.solve(lp)
  if (r.Status !== 'Optimal') throw new Error(r.Status)
  return r.ObjectiveValue
}

function subsets(n: number, maxSize: number): number[][] {
  const out: number[][] = [[]]
  for (let mask = 1; mask < 1 << n; mask++) {
    const s = [...Array(n).keys()].filter((i) => mask & (1 << i))
    if (s.length <= maxSize) out.push(s)
  }
  return out
}

describe('the placement optimizer', () => {
  it('finds the same optimum as brute force over every set of candidates (K and budget)', async () => {
    const highs = await highsLoader({})
    for (const seed of [1, 2, 3]) {
      for (const mode of ['k', 'budget'] as const) {
        const inst = randomInstance(seed)
        if (mode === 'budget') {
          inst.k = null
          inst.budgetWan = 180
        }
        const fits = (s: number[]): boolean => (mode === 'k' ? s.length <= 2 : s.reduce((a, j) => a + inst.candidates[j]!.costWan, 0) <= 180)
        let best = -1
        for (const s of subsets(inst.candidates.length, inst.candidates.length)) if (fits(s)) best = Math.max(best, allocationValue(highs, inst, s))
        expect(best).toBeGreaterThan(0)
        const built = buildModel(inst)
        const solver = new SolverWorker()
        try {
          const mip = await solver.mip(built.model, 30, 0)
          expect(mip.status).toBe('optimal')
          expect(mip.objective).toBeCloseTo(best, 4)
          // the chosen set is feasible and worth what the solver says
          const chosen = built.kept.filter((_c, j) => mip.x[j]! > 0.5)
          expect(fits(chosen)).toBe(true)
          expect(allocationValue(highs, inst, chosen)).toBeCloseTo(best, 4)
        } finally {
          solver.close()
        }
      }
    }
  })

  it('cancels a running solve', async () => {
    const rnd = seededRandom(9)
    const inst = randomInstance(4)
    inst.sites = Array.from({ length: 600 }, (_, i) => ({ id: i, lat: 26 + rnd() * 2, lon: 106 + rnd() * 2, unemployed: 5 + Math.floor(rnd() * 60), priority: Math.floor(rnd() * 3) }))
    inst.candidates = inst.sites.map((s, j) => ({ key: `c${j}`, name: `c${j}`, lat: s.lat, lon: s.lon, jobs: 40 + Math.floor(rnd() * 40), costWan: 100, atSiteId: s.id }))
    inst.k = 40
    const controller = new AbortController()
    const solver = new SolverWorker(controller.signal)
    const started = Date.now()
    setTimeout(() => controller.abort(), 300)
    try {
      await expect(solver.mip(buildModel(inst).model, 600, 0)).rejects.toMatchObject({ code: 'CANCELLED' })
    } finally {
      solver.close()
    }
    expect(Date.now() - started).toBeLessThan(8000)
  })
})

describe('proposals in a plan', () => {
  async function smallPlan(): Promise<{ service: AppService; ids: number[] }> {
    const dir = tempDir()
    const path = join(dir, 'plan.anju')
    Plan.create(path, '520000').close()
    const service = new AppService({ planPath: path, appDir: dir })
    const r = await service.call('rows.insert', {
      entity: 'site',
      rows: [
        // two clusters 50 km apart; the northern one has more jobseekers and zero-employment households
        { name: '北一社区', county_code: '520281', township: '红果街道', lat: 26.0, lon: 106.0, labor_force: 120, employed: 60, zero_employment_households: 5 },
        { name: '北二社区', county_code: '520281', township: '红果街道', lat: 26.03, lon: 106.0, labor_force: 60, employed: 40 },
        { name: '南社区', county_code: '520203', township: '平寨镇', lat: 25.55, lon: 106.0, labor_force: 80, employed: 50 },
      ],
    })
    return { service, ids: r.affected.site!.upserted.map((s) => s.id) }
  }

  it('proposes the best site, reports coverage before and after, and applying then undoing adds and removes planned workshops', async () => {
    const { service, ids } = await smallPlan()
    await service.call('workshops.setSettings', { newWorkshopJobs: 60 })
    const events: string[] = []
    service.on((e) => events.push(e))
    const r = await service.call('workshops.place', { k: 1, radiusKm: 10 })
    expect(r.status).toBe('optimal')
    expect(r.gap).toBeLessThanOrEqual(1e-4)
    expect(r.unemployed).toBe(60 + 20 + 30)
    expect(r.coveredBefore).toBe(0)
    // one workshop of 60 jobs in the north covers 60 of the 80 jobseekers there (the 5 zero-employment first)
    expect(r.coveredAfter).toBe(60)
    expect(r.objective).toBeCloseTo(5 * 3 + 55, 4)
    const [p] = r.proposals
    expect(p!.mainSiteId).not.toBe(ids[2])
    expect(p!.serves.reduce((a, s) => a + s.amount, 0)).toBeCloseTo(60, 4)
    expect(p!.marginalValue).toBeCloseTo(70, 4)
    expect(r.counties.find((c) => c.countyCode === '520281')).toMatchObject({ unemployed: 80, before: 0, after: 60 })
    expect(r.sites.find((s) => s.siteId === ids[2])).toMatchObject({ name: '南社区', countyCode: '520203', before: 0, after: 0 })
    expect(r.sites.find((s) => s.siteId === ids[0])).toMatchObject({ name: '北一社区', unemployed: 60, before: 0, after: 45 })
    expect(events).toContain('progress')
    // named after the site it stands at
    expect(p!.name).toMatch(/^北[一二]社区 新建车间 1$/)

    const before = (await service.call('rows.list', { entity: 'workshop' })).rows.length
    const applied = await service.call('workshops.applyProposal', { proposals: r.proposals.map((x) => ({ name: x.name, lat: x.lat, lon: x.lon, mainSiteId: x.mainSiteId, jobs: x.jobs, covered: x.covered })) })
    const rows = applied.affected.workshop!.upserted
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ op_status: '规划', designed_jobs: 60, jobs: 0, site_id: p!.mainSiteId, township: '红果街道' })
    expect((await service.call('rows.list', { entity: 'workshop' })).rows.length).toBe(before + 1)
    expect((await service.call('history.state', {})).undoLabel?.zh).toContain('规划车间')
    // applied, the next proposal at the same site takes the next number
    await service.call('workshops.setSettings', { newWorkshopJobs: 10 })
    const again = await service.call('workshops.place', { k: 1, radiusKm: 10 })
    if (again.proposals[0]?.atSiteId === p!.atSiteId) expect(again.proposals[0]!.name).toBe(p!.name.replace(/1$/, '2'))
    // the settings change is its own undo step, then the applied proposal
    await service.call('history.undo', {})
    expect((await service.call('workshops.getSettings', {})).newWorkshopJobs).toBe(60)
    expect((await service.call('rows.list', { entity: 'workshop' })).rows.length).toBe(before + 1)
    await service.call('history.undo', {})
    expect((await service.call('rows.list', { entity: 'workshop' })).rows.length).toBe(before)
    service.close()
  })

  it('says in both languages that a cancelled run changed nothing', async () => {
    const { service } = await smallPlan()
    const run = service.call('workshops.place', { k: 1, radiusKm: 10, taskId: 'cancel-me' })
    await service.call('workshops.cancel', { taskId: 'cancel-me' })
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED', label: { zh: '选址计算已取消，规划未作任何更改', en: 'Placement cancelled: nothing in the plan was changed' } })
    service.close()
  })

  it('chooses a candidate point the planner added when it reaches more jobseekers than any site', async () => {
    const { service, ids } = await smallPlan()
    // 30 km: no site reaches both clusters (50 km apart); a point midway reaches all three sites
    await service.call('workshops.setSettings', { newWorkshopJobs: 200, candidates: [{ name: '园区候选点', lat: 25.78, lon: 106.0 }] })
    const r = await service.call('workshops.place', { k: 1, radiusKm: 30 })
    expect(r.status).toBe('optimal')
    expect(r.proposals).toHaveLength(1)
    expect(r.proposals[0]).toMatchObject({ name: '园区候选点', atSiteId: null, covered: 110 })
    expect(r.proposals[0]!.serves.map((x) => x.siteId).sort()).toEqual([...ids].sort())
    // without the point, the best site reaches only its own cluster
    await service.call('workshops.setSettings', { candidates: [] })
    const s = await service.call('workshops.place', { k: 1, radiusKm: 30 })
    expect(s.coveredAfter).toBe(80)
    service.close()
  })

  it('refuses bad input in both languages and a proposal for a site that is gone', async () => {
    const { service } = await smallPlan()
    await expect(service.call('workshops.place', { radiusKm: 10 })).rejects.toBeInstanceOf(AppError)
    await expect(service.call('workshops.applyProposal', { proposals: [{ name: 'x', lat: 26, lon: 106, mainSiteId: 99999, jobs: 10 }] })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect((await service.call('rows.list', { entity: 'workshop' })).rows).toHaveLength(0)
    service.close()
  })
})

describe('a solve the time limit stops', () => {
  it('reports the proven gap (a finite number above 0), coverage before and after from the coverage table, never lower after', async () => {
    const plan = Plan.create(':memory:', '520000')
    fillPlan(plan, { sites: 700, withFacilities: false, seed: 3 })
    plan.db.exec('UPDATE site SET employed = CAST(labor_force * 0.4 AS INTEGER); UPDATE workshop SET designed_jobs = jobs + 5')
    const r = await placeWorkshops(plan, { k: 40, radiusKm: 25, timeLimitS: 0.3 })
    expect(r.status).toBe('time-limit')
    expect(Number.isFinite(r.gap)).toBe(true)
    expect(r.gap).toBeGreaterThan(0)
    expect(JSON.parse(JSON.stringify(r)).gap).toBe(r.gap)
    expect(r.bound).toBeGreaterThan(r.objective)
    expect(r.message.zh).toContain('时限')
    expect(r.message.en).toContain('Time limit')
    expect(r.message.zh).toContain(`${(r.gap * 100).toFixed(2)}%`)
    // before is the coverage table's figure, site by site; after never below it
    const table = new Map(planCoverage(plan, null, 25).sites.map((s) => [s.siteId, s.covered]))
    expect(r.sites).toHaveLength(700)
    for (const s of r.sites) {
      expect(s.before).toBe(table.get(s.siteId))
      expect(s.after).toBeGreaterThanOrEqual(s.before)
    }
    expect(r.coveredBefore).toBe(planCoverage(plan, null, 25).total.covered)
    expect(r.coveredAfter).toBeGreaterThanOrEqual(r.coveredBefore)
    plan.close()
  })
})

describe('a model too large to solve in time', () => {
  it('is refused up front with the prefectures to solve one at a time, never solved by a heuristic', async () => {
    const plan = Plan.create(':memory:', '520000')
    fillPlan(plan, { sites: 700, withFacilities: false, seed: 3 })
    const r = await placeWorkshops(plan, { k: 20, radiusKm: 200 })
    expect(r.status).toBe('too-large')
    expect(r.size.pairs).toBeGreaterThan(MAX_PAIRS)
    expect(r.proposals).toEqual([])
    expect(r.message.zh).toContain('按市州')
    expect(r.message.en).toContain('one prefecture')
    expect(r.reducedRegions.length).toBeGreaterThan(3)
    expect(r.reducedRegions.every((g) => /^52\d{2}00$/.test(g.code))).toBe(true)
    expect(r.reducedRegions.reduce((a, g) => a + g.sites, 0)).toBe(r.size.sites)
    plan.close()
  })
})
