/**
 * The stored county summaries (migration 4) must always say what grouping the rows themselves says:
 * facility completion by category and type, site sums, workshop sums and the lists of large sites
 * (for two thresholds), after edits of facilities, workshops and sites,
 * moves between counties, inserts, deletes, undo, redo and a change of the plan's as-of date; after
 * closing and reopening; and on a plan open read-only (which regroups instead of storing).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppService } from '../../electron/service/app-service.ts'
import { generateSamplePlan } from '../../electron/service/domain/sample-plan.ts'
import { facilityRollup, rollupStoreKey } from '../../electron/service/facilities/facility-rollup.ts'
import { Plan } from '../../electron/service/plan.ts'
import { countySummaryStore } from '../../electron/service/repositories/county-summary-store.ts'
import { summaryRepository } from '../../electron/service/summaries/summary-tables.ts'
import { tempDir } from '../support/temp.ts'

function summaries(plan: Plan, region: string | null): unknown {
  const repo = summaryRepository(plan)
  return {
    facilities: facilityRollup(plan, { region }),
    categories: facilityRollup(plan, { region, byType: false }),
    sites: repo.sitesByCounty(region),
    workshops: repo.workshopsByCounty(region),
    largeSites: repo.largeSites(region, 800),
    smallerLargeSites: repo.largeSites(region, 300),
  }
}

/** The summaries read through the store equal those regrouped from every row (the store emptied). */
function expectStoreMatches(plan: Plan, ...regions: (string | null)[]): void {
  for (const region of [null, ...regions]) {
    const viaStore = summaries(plan, region)
    plan.db.prepare('DELETE FROM county_summary').run()
    expect(viaStore).toEqual(summaries(plan, region))
  }
}

function sampleService(): AppService {
  const dir = tempDir()
  const path = join(dir, 'plan.anju')
  generateSamplePlan(path, { sites: 120, seed: 7 }).close()
  return new AppService({ planPath: path, appDir: dir })
}

const one = <T>(plan: Plan, sql: string, ...params: unknown[]): T => plan.db.prepare(sql).get(...params) as T

describe('stored county summaries', () => {
  it('stay equal to grouping the rows through edits, moves, deletes, undo, redo and an as-of change', async () => {
    const service = sampleService()
    const p = service.plan
    expectStoreMatches(p)
    const fac = one<{ id: number; site_id: number; county_code: string }>(p, 'SELECT f.id, f.site_id, s.county_code FROM facility f JOIN site s ON s.id = f.site_id ORDER BY f.id LIMIT 1')
    const county = fac.county_code
    const other = one<{ county_code: string }>(p, 'SELECT county_code FROM site WHERE county_code <> ? LIMIT 1', county).county_code

    // a facility completed late
    await service.call('rows.update', { entity: 'facility', edits: [{ id: fac.id, field: 'status', value: '已完工' }, { id: fac.id, field: 'actual_end', value: '2030-01-15' }] })
    expectStoreMatches(p, county)
    // the site's move-in date and its investment change
    await service.call('rows.update', { entity: 'site', edits: [{ id: fac.site_id, field: 'move_in_date', value: '2015-01' }, { id: fac.site_id, field: 'investment_wan', value: 12345.5 }] })
    expectStoreMatches(p, county)
    // shared with the surroundings, it is no longer late for move-in (migration 5's trigger)
    const lateBefore = facilityRollup(p, { region: county }).total.lateForMoveIn
    await service.call('rows.update', { entity: 'facility', edits: [{ id: fac.id, field: 'nature', value: '共享周边' }] })
    expect(facilityRollup(p, { region: county }).total.lateForMoveIn).toBe(lateBefore - 1)
    expectStoreMatches(p, county)

    // a workshop's jobs change, then it moves to a site of another county
    const ws = one<{ id: number }>(p, 'SELECT w.id FROM workshop w JOIN site s ON s.id = w.site_id WHERE s.county_code = ? LIMIT 1', county)
    const otherSite = one<{ id: number }>(p, 'SELECT id FROM site WHERE county_code = ? LIMIT 1', other)
    await service.call('rows.update', { entity: 'workshop', edits: [{ id: ws.id, field: 'jobs', value: 77 }] })
    expectStoreMatches(p, county)
    await service.call('rows.update', { entity: 'workshop', edits: [{ id: ws.id, field: 'site_id', value: otherSite.id }] })
    expectStoreMatches(p, county, other)

    // the site moves to the other county: every kind of both counties regroups
    await service.call('rows.update', { entity: 'site', edits: [{ id: fac.site_id, field: 'county_code', value: other }] })
    expectStoreMatches(p, county, other)

    // inserts and deletes of facilities, workshops and sites
    const facs = await service.call('rows.insert', { entity: 'facility', rows: Array.from({ length: 30 }, (_, i) => ({ site_id: fac.site_id, name: `新设施${i}`, category: '基础设施', type: '道路', status: '在建' })) })
    expectStoreMatches(p, other)
    await service.call('rows.delete', { entity: 'facility', ids: facs.affected.facility!.upserted.slice(0, 10).map((r) => r.id) })
    await service.call('rows.insert', { entity: 'workshop', rows: [{ name: '新车间', site_id: otherSite.id, jobs: 40, poor_workers: 12, op_status: '正常' }] })
    expectStoreMatches(p, other)
    const site = await service.call('rows.insert', { entity: 'site', rows: [{ name: '新安置区', county_code: county, planned_households: 10, planned_people: 40 }] })
    expectStoreMatches(p, county)
    await service.call('rows.delete', { entity: 'site', ids: [site.affected.site!.upserted[0]!.id] })
    expectStoreMatches(p, county)

    // undo and redo replay the change log: the store follows
    for (let i = 0; i < 5; i++) {
      await service.call('history.undo', {})
      expectStoreMatches(p, county, other)
    }
    await service.call('history.redo', {})
    expectStoreMatches(p, county, other)

    // another as-of date: the facility counts regroup for it
    await service.call('settings.update', { as_of_date: '2035-06-30' })
    expectStoreMatches(p)
    expect(facilityRollup(p, { region: null }).total.overdue).toBeGreaterThan(0)
    service.close()
  })

  it('never read counts stored under an older key (what a count means changed: they regroup)', () => {
    const path = join(tempDir(), 'plan.anju')
    const plan = generateSamplePlan(path, { sites: 40, seed: 5 })
    const asOf = plan.settings.settings().as_of_date
    const truth = facilityRollup(plan, { region: null, byType: false })
    // a cache as an older build wrote it: keyed by the as-of date alone, with other counts
    plan.db.prepare('DELETE FROM county_summary').run()
    const county = one<{ c: string }>(plan, 'SELECT county_code AS c FROM site LIMIT 1').c
    plan.db.prepare("INSERT INTO county_summary (kind, county_code, as_of, data) VALUES ('facility', ?, ?, ?)").run(county, asOf, JSON.stringify({ 基础设施: [999, 0, 0, 999, 999, 0] }))
    expect(facilityRollup(plan, { region: null, byType: false })).toEqual(truth)
    plan.close()
  })

  it('survive closing and reopening the plan; a plan opened read-only regroups the rows itself', () => {
    const path = join(tempDir(), 'plan.anju')
    const plan = generateSamplePlan(path, { sites: 60, seed: 3 })
    const first = summaries(plan, null)
    const counties = one<{ n: number }>(plan, 'SELECT COUNT(DISTINCT county_code) AS n FROM site').n
    expect(one<{ n: number }>(plan, "SELECT COUNT(*) AS n FROM county_summary WHERE kind = 'site'").n).toBe(counties)
    plan.close()

    const again = Plan.open(path)
    const asOf = again.settings.settings().as_of_date
    expect(countySummaryStore(again.db).read('facility', null, rollupStoreKey(asOf)).stale).toEqual([])
    expect(countySummaryStore(again.db).read('site', null).stale).toEqual([])
    expect(summaries(again, null)).toEqual(first)
    again.db.prepare('DELETE FROM county_summary').run()
    again.close()

    const ro = Plan.open(path, { readOnly: true })
    expect(summaries(ro, null)).toEqual(first)
    expect(one<{ n: number }>(ro, 'SELECT COUNT(*) AS n FROM county_summary').n).toBe(0)
    ro.close()
  })
})
