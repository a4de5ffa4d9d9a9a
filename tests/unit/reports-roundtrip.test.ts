/**
 * The exported workbook imports back through the county-return importer with no change: every row of
 * the sites, facilities and workshops sheets matches the plan (unchanged), nothing is rejected, and the
 * summary sheets are left alone. Text a spreadsheet would run as a formula, text starting with an
 * apostrophe, month-only and full dates all survive: formula text keeps its value (neutralised by the
 * text format, not a prepended character), dates are real Excel dates (month-only ones shown yyyy-mm
 * and read back as months), and 合计 formulas carry their results for viewers that do not recalculate.
 * Real plan file, real workbook, the real importer.
 */
import ExcelJS from 'exceljs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppService } from '../../electron/service/app-service.ts'
import { generateSamplePlan } from '../../electron/service/domain/sample-plan.ts'
import { exportWorkbook } from '../../electron/service/export/plan-workbook.ts'
import { tempDir } from '../support/temp.ts'

const TRICKY = {
  formula: '=HYPERLINK("http://evil.example","点我")',
  apostrophe: "'引号开头的名称",
  minus: '-减少的备注',
  plus: '+86 0851 1234567',
  at: '@SUM(A1:A9)',
}

function columnOf(ws: ExcelJS.Worksheet, top: string, bottom?: string): number {
  for (let c = 1; c <= ws.columnCount; c++) {
    const g = ws.getRow(2).getCell(c).value
    const h = ws.getRow(3).getCell(c).value
    if (bottom ? g === top && h === bottom : g === top) return c
  }
  throw new Error(`no column ${top}/${bottom ?? ''}`)
}

describe('export → import round trip', () => {
  it('the whole plan and a prefecture import back unchanged', async () => {
    const dir = tempDir('anju-roundtrip-')
    const path = join(dir, 'plan.anju')
    const plan = generateSamplePlan(path, { sites: 80 })
    const [s1, s2, s3] = plan.repos.site.listArrays({}).map((r) => Number(r[0]))
    const facilityId = Number(plan.repos.facility.listArrays({})[0]![0])
    const workshopId = Number(plan.repos.workshop.listArrays({})[0]![0])
    plan.db.transaction(() => {
      plan.repos.site.update(s1!, { name: TRICKY.formula, notes: TRICKY.minus, start_date: '2019-12', move_in_date: '2020-06-30' })
      plan.repos.site.update(s2!, { name: TRICKY.apostrophe, notes: TRICKY.plus, start_date: '2018-03-15', move_in_date: '2019-10' })
      plan.repos.site.update(s3!, { notes: TRICKY.at })
      plan.repos.facility.update(facilityId, { name: TRICKY.formula, notes: TRICKY.apostrophe, planned_end: '2019-12', actual_end: '2019-11-30' })
      plan.repos.workshop.update(workshopId, { name: TRICKY.minus, notes: TRICKY.at, recognized_date: '2018-07' })
    })()
    const counts = { site: plan.repos.site.count(), facility: plan.repos.facility.count(), workshop: plan.repos.workshop.count() }
    const whole = join(dir, 'plan.xlsx')
    const pref = join(dir, 'pref.xlsx')
    await exportWorkbook(plan, { path: whole, region: null })
    await exportWorkbook(plan, { path: pref, region: '520300' })
    const prefSites = plan.repos.site.count({ region: '520300' })
    const stored = plan.repos.site.get(s1!)!
    plan.close()

    // what a person opening the file sees
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(whole)
    const ws = wb.getWorksheet('安置点')!
    const rowOf = (code: unknown): ExcelJS.Row => {
      for (let r = 4; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === code) return ws.getRow(r)
      throw new Error(`no row ${String(code)}`)
    }
    const r1 = rowOf(stored['code'])
    const name = r1.getCell(2)
    expect(name.value).toBe(TRICKY.formula)
    expect(name.type).toBe(ExcelJS.ValueType.String)
    expect(name.numFmt).toBe('@')
    const start = r1.getCell(columnOf(ws, '开工日期'))
    expect(start.value).toEqual(new Date(Date.UTC(2019, 11, 1)))
    expect(start.numFmt).toBe('yyyy-mm')
    const moveIn = r1.getCell(columnOf(ws, '入住日期'))
    expect(moveIn.value).toEqual(new Date(Date.UTC(2020, 5, 30)))
    expect(moveIn.numFmt).toBe('yyyy-mm-dd')
    // 合计 formulas carry their results
    const totalRow = ws.getRow(ws.rowCount)
    const people = totalRow.getCell(columnOf(ws, '规划安置', '人数')).value as ExcelJS.CellFormulaValue
    expect(people.formula).toMatch(/^SUM\(/)
    expect(typeof people.result).toBe('number')
    expect(people.result).toBeGreaterThan(0)
    const register = wb.getWorksheet('安置点明细')!
    let cached = 0
    register.eachRow((row) => {
      for (const v of row.values as ExcelJS.CellValue[]) {
        if (v && typeof v === 'object' && 'formula' in v) {
          expect(v.result, v.formula).not.toBeUndefined()
          cached++
        }
      }
    })
    expect(cached).toBeGreaterThan(10)

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
