/**
 * The exported workbook imports back through the county-return importer with no change: every row of
 * the sites, facilities and workshops sheets matches the plan (unchanged), nothing is rejected, and the
 * summary sheets are left alone. Real plan file, real workbook, the real importer.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppService } from '../../electron/service/app-service.ts'
import { generateSamplePlan } from '../../electron/service/domain/sample-plan.ts'
import { exportWorkbook } from '../../electron/service/export/plan-workbook.ts'
import { tempDir } from '../support/temp.ts'

describe('export → import round trip', () => {
  it('the whole plan and a prefecture import back unchanged', async () => {
    const dir = tempDir('anju-roundtrip-')
    const path = join(dir, 'plan.anju')
    const plan = generateSamplePlan(path, { sites: 80 })
    const counts = { site: plan.repos.site.count(), facility: plan.repos.facility.count(), workshop: plan.repos.workshop.count() }
    const whole = join(dir, 'plan.xlsx')
    const pref = join(dir, 'pref.xlsx')
    await exportWorkbook(plan, { path: whole, region: null })
    await exportWorkbook(plan, { path: pref, region: '520300' })
    const prefSites = plan.repos.site.count({ region: '520300' })
    plan.close()

    const service = new AppService({ planPath: path, appDir: dir })
    try {
      const preview = await service.call('import.preview', { path: whole })
      const bySheet = Object.fromEntries(preview.sheets.map((s) => [s.sheet, { entity: s.entity, summary: s.summary, issues: s.issues.filter((i) => i.severity === 'error').length }]))
      expect(bySheet).toEqual({
        安置点: { entity: 'site', summary: { insert: 0, update: 0, unchanged: counts.site, reject: 0 }, issues: 0 },
        配套设施: { entity: 'facility', summary: { insert: 0, update: 0, unchanged: counts.facility, reject: 0 }, issues: 0 },
        扶贫车间: { entity: 'workshop', summary: { insert: 0, update: 0, unchanged: counts.workshop, reject: 0 }, issues: 0 },
      })
      // every dictionary column of the sites sheet was recognised, none ignored
      const sites = preview.sheets.find((s) => s.entity === 'site')!
      expect(sites.ignored).toEqual([])
      expect(new Set(sites.columns.map((c) => c.field))).toContain('planned_households')

      const regional = await service.call('import.preview', { path: pref })
      expect(regional.sheets.find((s) => s.entity === 'site')!.summary).toEqual({ insert: 0, update: 0, unchanged: prefSites, reject: 0 })
    } finally {
      service.close()
    }
  })
})
