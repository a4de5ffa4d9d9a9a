/**
 * The plan summaries and the Excel export on a small hand-made plan (real SQLite, real workbooks
 * written and read back by exceljs): totals add up, size bands, subtotals by county and prefecture,
 * ratios from summed parts, the 800+ list, the checks seam, grouped headers, formulas that compute the
 * same figures, neutralised formula text, and the command line.
 */
import ExcelJS from 'exceljs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReportRow } from '../../shared/api/reports-api.ts'
import type { RowValues } from '../../shared/dictionary/types.ts'
import { main as cli } from '../../electron/cli/main.ts'
import { exportWorkbook } from '../../electron/service/export/plan-workbook.ts'
import { facilityRollup } from '../../electron/service/facilities/facility-rollup.ts'
import { Plan } from '../../electron/service/plan.ts'
import { ENGINE_CHECK_SOURCE, registerCheckSource } from '../../electron/service/summaries/check-source.ts'
import { dashboardSummary, reportTable } from '../../electron/service/summaries/summary-tables.ts'
import { neutraliseCsvText, reportCsv } from '../../shared/reports/csv-text.ts'
import { formatCell, headerLabel } from '../../shared/reports/report-format.ts'
import { fillPlan } from '../../electron/service/domain/sample-plan.ts'
import { CONTENT_WIDTH_MM, longestTokenEm, reportLayout, textEm } from '../../shared/reports/report-layout.ts'
import { tempDir } from '../support/temp.ts'

const INJECTED = '=HYPERLINK("http://evil.example","点我")'

function site(code: string, county: string, countyName: string, name: string, people: number, extra: RowValues = {}): RowValues {
  const households = Math.round(people / 4)
  return {
    code,
    name,
    county_code: county,
    county: countyName,
    township: '城关镇',
    mode: '城镇集中安置',
    planned_households: households,
    planned_people: people,
    poor_households: households - 1,
    poor_people: people - 4,
    moved_households: households,
    moved_people: people - 10,
    labor_force: people / 2,
    employed: people / 2 - 5,
    labor_households: households - 2,
    zero_employment_households: 1,
    housing_units: households,
    floor_area_m2: (people - 4) * 20,
    investment_wan: people * 6,
    investment_done_wan: people * 5,
    start_date: '2017-03',
    completion_date: '2018-06',
    move_in_date: '2018-09-15',
    status: '已入住',
    one_district_one_policy: false,
    ...extra,
  }
}

/** 贵阳市: 南明区 A (500) B (1,200); 云岩区 C (3,500). 六盘水市: 盘州市 D (12,000) E (100, a name that looks like a formula). */
function handMadePlan(): { plan: Plan; ids: Record<string, number> } {
  const plan = Plan.create(':memory:', '520000')
  plan.settings.saveSettings({ ...plan.settings.settings(), as_of_date: '2020-06-30', compiling_unit: '贵州省发展和改革委员会', preparer: '王晓燕', reviewer: '李建国' })
  const ids: Record<string, number> = {}
  plan.db.transaction(() => {
    ids['A'] = plan.repos.site.insert(site('520102-001', '520102', '南明区', '南明幸福社区', 500))
    ids['B'] = plan.repos.site.insert(site('520102-002', '520102', '南明区', '南明安居小区', 1200))
    ids['C'] = plan.repos.site.insert(site('520103-001', '520103', '云岩区', '云岩新区', 3500, { move_in_date: '2019-12' }))
    ids['D'] = plan.repos.site.insert(site('520281-001', '520281', '盘州市', '盘州易地扶贫搬迁安置区', 12000))
    ids['E'] = plan.repos.site.insert(site('520281-002', '520281', '盘州市', INJECTED, 100, { zero_employment_households: 0 }))
    const fac = (siteId: number, type: string, category: string, status: string | null): void => {
      plan.repos.facility.insert({ site_id: siteId, name: `${type}工程`, category, type, status })
    }
    fac(ids['A']!, '道路', '基础设施', '已完工')
    fac(ids['A']!, '卫生室/卫生院', '公共服务设施', '在建')
    fac(ids['D']!, '社区综合服务中心', '公共服务设施', '在建')
    fac(ids['D']!, '卫生室/卫生院', '公共服务设施', '已交付使用')
    fac(ids['D']!, '超市/便民店', '商业服务设施', null)
    const ws = (siteId: number, jobs: number, poor: number, relocated: number, wage: number, status: string): void => {
      plan.repos.workshop.insert({ site_id: siteId, name: `车间${jobs}`, jobs, poor_workers: poor, relocated_workers: relocated, avg_wage: wage, op_status: status })
    }
    ws(ids['B']!, 20, 6, 10, 2000, '正常')
    ws(ids['D']!, 10, 5, 8, 3000, '正常')
    ws(ids['D']!, 50, 20, 30, 1000, '注销')
  })()
  return { plan, ids }
}

const peopleOf = (r: ReportRow): number => r.cells['planned_people'] as number
const labelOf = (r: ReportRow, key: string): string => String(r.cells[key] ?? '')
/** the id of site A's road (道路工程) */
const roadId = (): number => Number(plan.db.prepare("SELECT id FROM facility WHERE name = '道路工程'").pluck().get())

let plan: Plan
let ids: Record<string, number>
beforeEach(() => {
  ;({ plan, ids } = handMadePlan())
})
afterEach(() => {
  registerCheckSource(ENGINE_CHECK_SOURCE)
  plan.close()
})

describe('dashboard summary', () => {
  it('adds up the headline figures and sorts sites into the size bands', () => {
    const s = dashboardSummary(plan, null)
    expect(s.scope).toEqual({ code: '520000', name: '贵州省', level: 1 })
    expect(s.headline.sites).toBe(5)
    expect(s.headline.people).toBe(500 + 1200 + 3500 + 12000 + 100)
    expect(s.headline.movedPeople).toBe(s.headline.people - 50)
    expect(s.headline.movedRate).toBeCloseTo((s.headline.people - 50) / s.headline.people, 10)
    expect(s.bands.map((b) => b.sites)).toEqual([2, 1, 1, 1])
    expect(s.bands.map((b) => b.people)).toEqual([600, 1200, 3500, 12000])
    expect(s.children.map((c) => [c.code, c.name, c.sites, c.people])).toEqual([
      ['520100', '贵阳市', 3, 5200],
      ['520200', '六盘水市', 2, 12100],
    ])
    expect(s.childLevel).toBe('prefecture')
    // facility completion by category: 应配建 every row, 已建成 = 已完工 or 已交付使用
    const fac = Object.fromEntries(s.facilities.map((f) => [f.category, [f.planned, f.built, f.building, f.notStarted]]))
    expect(fac).toEqual({ 基础设施: [1, 1, 0, 0], 公共服务设施: [3, 1, 2, 0], 商业服务设施: [1, 0, 0, 1] })
    // employment and zero-employment households
    expect(s.employment.laborForce).toBe(17300 / 2)
    expect(s.employment.employed).toBe(17300 / 2 - 25)
    expect(s.employment.zeroEmploymentHouseholds).toBe(4)
    expect(s.employment.sitesWithZeroEmployment).toBe(4)
    // workshops: 注销 left out, wage weighted by jobs
    expect(s.workshops).toMatchObject({ workshops: 2, operating: 2, jobs: 30, poorWorkers: 11, relocatedWorkers: 18 })
    expect(s.workshops.avgWage).toBeCloseTo((20 * 2000 + 10 * 3000) / 30, 6)
    // open checks by severity come from the plan's rule engine and match the checks report
    const listed = reportTable(plan, 'checks', null).rows
    expect(s.checks).toEqual([
      { severity: 'error', count: listed.filter((r) => r.cells['severity'] === '错误').length },
      { severity: 'warning', count: listed.filter((r) => r.cells['severity'] === '警告').length },
      { severity: 'info', count: 0 },
    ])
    expect(listed.length).toBeGreaterThan(0)
    // with no check engine the dashboard says so rather than showing zero
    registerCheckSource(null)
    expect(dashboardSummary(plan, null).checks).toBeNull()
  })

  it('follows the region: a prefecture shows its counties, a county its sites', () => {
    const pref = dashboardSummary(plan, '520100')
    expect(pref.headline.sites).toBe(3)
    expect(pref.childLevel).toBe('county')
    expect(pref.children.map((c) => c.name)).toEqual(['南明区', '云岩区'])
    const county = dashboardSummary(plan, '520281')
    expect(county.childLevel).toBe('site')
    expect(county.children.map((c) => c.code).sort()).toEqual([String(ids['D']), String(ids['E'])].sort())
    expect(county.scope.name).toBe('贵州省六盘水市盘州市')
  })
})

describe('report tables', () => {
  it('the site register has 小计 per county, 合计 per prefecture and the province total, each adding up', () => {
    const t = reportTable(plan, 'register', null)
    expect(t.header.title).toBe('贵州省易地扶贫搬迁安置点建设及后续扶持情况统计表')
    expect(t.header.asOf).toBe('（截至2020年6月底）')
    expect(t.header).toMatchObject({ compilingUnit: '贵州省发展和改革委员会', preparer: '王晓燕', reviewer: '李建国', date: '2020年6月30日' })
    expect(t.rows.map((r) => [r.kind, labelOf(r, 'name')])).toEqual([
      ['detail', '南明幸福社区'],
      ['detail', '南明安居小区'],
      ['subtotal', '南明区小计'],
      ['detail', '云岩新区'],
      ['subtotal', '云岩区小计'],
      ['total', '贵阳市合计'],
      ['detail', '盘州易地扶贫搬迁安置区'],
      ['detail', INJECTED],
      ['subtotal', '盘州市小计'],
      ['total', '六盘水市合计'],
      ['grand', '全省总计'],
    ])
    const [a, b, nanming, c, yunyan, guiyang, d, e, panzhou, lps, all] = t.rows as [ReportRow, ...ReportRow[]]
    expect(peopleOf(nanming!)).toBe(peopleOf(a) + peopleOf(b!))
    expect(peopleOf(yunyan!)).toBe(peopleOf(c!))
    expect(peopleOf(guiyang!)).toBe(peopleOf(nanming!) + peopleOf(yunyan!))
    expect(peopleOf(panzhou!)).toBe(peopleOf(d!) + peopleOf(e!))
    expect(peopleOf(lps!)).toBe(peopleOf(panzhou!))
    expect(peopleOf(all!)).toBe(17300)
    for (const k of ['planned_households', 'poor_people', 'moved_people', 'floor_area_m2', 'investment_wan']) {
      expect(all!.cells[k]).toBeCloseTo(t.rows.filter((r) => r.kind === 'detail').reduce((s, r) => s + (r.cells[k] as number), 0), 6)
    }
    // every site names its county; 序号 counts each county's sites from 1; closing rows carry their region for click-through
    const details = t.rows.filter((r) => r.kind === 'detail')
    expect(details.map((r) => [r.cells['county'], r.cells['seq']])).toEqual([['南明区', 1], ['南明区', 2], ['云岩区', 1], ['盘州市', 1], ['盘州市', 2]])
    expect(t.columns.slice(0, 3).map((c) => c.label.zh)).toEqual(['序号', '县（市、区）', '安置点名称'])
    expect(nanming!.cells['seq']).toBeNull()
    expect(guiyang!.region).toBe('520100')
    expect(a.siteId).toBe(ids['A'])
    // a prefecture's register: county 小计 rows and the prefecture's 合计
    const pref = reportTable(plan, 'register', '520100')
    expect(pref.header.title).toBe('贵州省贵阳市易地扶贫搬迁安置点建设及后续扶持情况统计表')
    expect(pref.rows.map((r) => labelOf(r, 'name')).slice(-3)).toEqual(['云岩新区', '云岩区小计', '贵阳市合计'])
    expect(peopleOf(pref.rows.at(-1)!)).toBe(5200)
  })

  it('region tables recompute ratios from summed parts, never by averaging', () => {
    const t = reportTable(plan, 'headline', null)
    const grand = t.rows.at(-1)!
    expect(grand.cells['region']).toBe('全省合计')
    expect(grand.cells['sites']).toBe(5)
    expect(grand.cells['moved_rate']).toBeCloseTo(17250 / 17300, 10)
    expect([0, 1, 2, 3].map((i) => grand.cells[`band${i}_sites`])).toEqual([2, 1, 1, 1])
    const gy = t.rows.find((r) => r.cells['region'] === '贵阳市小计')!
    expect(gy.cells['moved_rate']).toBeCloseTo(5170 / 5200, 10)

    const emp = reportTable(plan, 'employment', null)
    const eg = emp.rows.at(-1)!
    expect(eg.cells['employment_rate']).toBeCloseTo((8650 - 25) / 8650, 10)
    expect(eg.cells['zero_employment_households']).toBe(4)

    const fac = reportTable(plan, 'facilities', null)
    const fg = fac.rows.at(-1)!
    expect([fg.cells['all_planned'], fg.cells['all_built'], fg.cells['all_building']]).toEqual([5, 2, 2])
    expect(fg.cells['all_rate']).toBeCloseTo(0.4, 10)
    expect(fg.cells['c1_rate']).toBeCloseTo(1 / 3, 10)
    // the same figures as the facilities page (facilityRollup, the one implementation)
    const roll = facilityRollup(plan, { region: null })
    expect([fg.cells['all_planned'], fg.cells['all_built'], fg.cells['all_building']]).toEqual([roll.total.required, roll.total.built, roll.total.building])

    const ws = reportTable(plan, 'workshops', null)
    const wg = ws.rows.at(-1)!
    expect(wg.cells['workshops']).toBe(2)
    expect(wg.cells['avg_wage']).toBeCloseTo(70000 / 30, 6)
    expect(ws.rows.find((r) => r.cells['region'] === '盘州市')!.cells['jobs']).toBe(10)
  })

  it('lists sites of 800+ people with 一区一策 and follow-up support, naming what is missing', () => {
    const t = reportTable(plan, 'large-sites', null)
    const byName = new Map(t.rows.filter((r) => r.kind === 'detail').map((r) => [r.cells['name'], r.cells]))
    expect([...byName.keys()]).toEqual(['南明安居小区', '云岩新区', '盘州易地扶贫搬迁安置区'])
    expect(byName.get('盘州易地扶贫搬迁安置区')).toMatchObject({ prefecture: '六盘水市', band: '10000人以上', policy: '未制定', centre: '在建', workshops: 1, health: 1 })
    expect(String(byName.get('盘州易地扶贫搬迁安置区')!['gaps'])).toContain('一区一策')
    expect(byName.get('南明安居小区')).toMatchObject({ policy: '—', centre: '无', workshops: 1 })
    expect(String(byName.get('云岩新区')!['gaps'])).toBe('社区服务中心、就业帮扶、卫生设施')
    expect(t.rows.at(-1)!.cells['planned_people']).toBe(16700)
  })

  it('lists the open violations of the rule engine with their rule and site', () => {
    const t = reportTable(plan, 'checks', null)
    const policy = t.rows.find((r) => r.cells['rule'] === '万人以上安置点制定一区一策')!
    expect(policy.cells).toMatchObject({ county: '盘州市', site_code: '520281-001', site: '盘州易地扶贫搬迁安置区', entity: '安置点', row_name: '', severity: '警告' })
    expect(policy.ref).toMatchObject({ entity: 'site', id: ids['D'] })
    expect(String(policy.cells['message'])).toContain('一区一策')
    expect(t.rows.map((r) => r.cells['seq'])).toEqual(t.rows.map((_r, i) => i + 1))
    // a prefecture's list holds only its sites
    expect(reportTable(plan, 'checks', '520100').rows.every((r) => r.region?.startsWith('5201'))).toBe(true)
  })

  it('reads open violations through the check source, and says so when there is none', () => {
    registerCheckSource(null)
    const none = reportTable(plan, 'checks', null)
    expect(none.rows).toEqual([])
    expect(none.notice?.zh).toContain('检查引擎尚未接入')
    registerCheckSource({
      openViolations: (_p, { region }) =>
        [
          { ruleId: 'moved-le-planned', rule: { zh: '入住不超过规划', en: 'Moved ≤ planned' }, severity: 'error' as const, entity: 'site' as const, rowId: ids['D']!, field: 'moved_people', message: { zh: '已入住超过规划', en: 'over' }, siteId: ids['D']! },
          { ruleId: 'health', rule: { zh: '卫生设施', en: 'Clinic' }, severity: 'warning' as const, entity: 'site' as const, rowId: ids['C']!, message: { zh: '缺卫生室', en: 'no clinic' }, siteId: ids['C']! },
          { ruleId: 'late', rule: { zh: '设施同步建设', en: 'Built in time' }, severity: 'warning' as const, entity: 'facility' as const, rowId: roadId(), message: { zh: '晚于入住', en: 'late' }, siteId: ids['A']! },
        ].filter((v) => !region || (v.siteId === ids['C'] ? '520103' : '520281').startsWith(region.slice(0, 4))),
    })
    const t = reportTable(plan, 'checks', null)
    // each row names its site (code and name) and, for a facility or workshop, the row itself
    expect(t.rows.map((r) => [r.cells['severity'], r.cells['county'], r.cells['site_code'], r.cells['site'], r.cells['entity'], r.cells['row_name']])).toEqual([
      ['错误', '盘州市', '520281-001', '盘州易地扶贫搬迁安置区', '安置点', ''],
      ['警告', '南明区', '520102-001', '南明幸福社区', '配套设施', '道路工程'],
      ['警告', '云岩区', '520103-001', '云岩新区', '安置点', ''],
    ])
    expect(t.rows[0]!.ref).toEqual({ entity: 'site', id: ids['D'], field: 'moved_people' })
    expect(dashboardSummary(plan, null).checks).toEqual([
      { severity: 'error', count: 1 },
      { severity: 'warning', count: 2 },
      { severity: 'info', count: 0 },
    ])
  })
})

/** Sum a column over rows first..last the way SUBTOTAL(9, …) does: plain numbers only, nested SUBTOTALs ignored. */
function subtotal(ws: ExcelJS.Worksheet, formula: string): number {
  const m = /^SUBTOTAL\(9,([A-Z]+)(\d+):\1(\d+)\)$/.exec(formula)
  if (!m) throw new Error(`not a SUBTOTAL: ${formula}`)
  let s = 0
  for (let r = Number(m[2]); r <= Number(m[3]); r++) {
    const v = ws.getCell(`${m[1]}${r}`).value
    if (typeof v === 'number') s += v
  }
  return s
}

describe('Excel export', () => {
  it('writes data sheets with grouped dictionary headers, formulas for 合计 and neutralised formula text', async () => {
    const path = join(tempDir('anju-export-'), 'plan.xlsx')
    const r = await exportWorkbook(plan, { path, region: null })
    expect(r.sheets).toEqual(['安置点', '配套设施', '扶贫车间', '主要指标', '安置点明细', '设施完成情况', '就业情况', '扶贫车间情况', '800人以上安置点', '问题清单'])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const ws = wb.getWorksheet('安置点')!
    expect(String(ws.getCell('A1').value)).toBe('贵州省易地扶贫搬迁安置点基本情况表（截至2020年6月底）')
    const headerOf = (col: number): [unknown, unknown] => [ws.getRow(2).getCell(col).value, ws.getRow(3).getCell(col).value]
    const col = (text: string, group?: string): number => {
      for (let c = 1; c <= ws.columnCount; c++) {
        const [g, h] = headerOf(c)
        if (group ? g === group && h === text : g === text) return c
      }
      throw new Error(`no column ${group ?? ''}/${text}`)
    }
    // one-level headers span both rows; 户数/人数 sit under their group
    expect(headerOf(1)).toEqual(['安置点编码', '安置点编码'])
    const hh = col('户数', '规划安置')
    const pp = col('人数', '规划安置')
    expect(pp).toBe(hh + 1)
    expect(col('户数', '其中：建档立卡')).toBe(hh + 2)
    expect(ws.getCell(2, hh).isMerged).toBe(true)
    expect(col('总投资（万元）')).toBeGreaterThan(0)
    // data rows: codes, numbers, full dates as dates, month-only dates as dates shown yyyy-mm, bools as 是/否
    const rows = [4, 5, 6, 7, 8].map((n) => ws.getRow(n))
    expect(rows.map((row) => row.getCell(1).value)).toEqual(['520102-001', '520102-002', '520103-001', '520281-001', '520281-002'])
    expect(rows[0]!.getCell(pp).value).toBe(500)
    const moveIn = col('入住日期')
    expect(rows[0]!.getCell(moveIn).value).toEqual(new Date(Date.UTC(2018, 8, 15)))
    expect(rows[0]!.getCell(moveIn).numFmt).toBe('yyyy-mm-dd')
    expect(rows[2]!.getCell(moveIn).value).toEqual(new Date(Date.UTC(2019, 11, 1)))
    expect(rows[2]!.getCell(moveIn).numFmt).toBe('yyyy-mm')
    expect(rows[0]!.getCell(col('一区一策')).value).toBe('否')
    // text that would run as a formula stays text, unchanged, in the text format
    const name = rows[4]!.getCell(2)
    expect(name.type).toBe(ExcelJS.ValueType.String)
    expect(name.value).toBe(INJECTED)
    expect(name.numFmt).toBe('@')
    // 合计 as formulas with their results
    const total = ws.getRow(9)
    expect(total.getCell(2).value).toBe('合计')
    const tv = total.getCell(pp).value as ExcelJS.CellFormulaValue
    expect(tv.formula).toBe(`SUM(${ws.getColumn(pp).letter}4:${ws.getColumn(pp).letter}8)`)
    expect(tv.result).toBe(17300)
    // layout: frozen header and name, widths for CJK, number formats, landscape print with repeated headers
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 3 })
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(12)
    expect(ws.getColumn(pp).numFmt).toBe('#,##0')
    expect(ws.pageSetup.orientation).toBe('landscape')
    expect(ws.pageSetup.printTitlesRow).toBe('2:3')
    // facilities name their site by code
    const fac = wb.getWorksheet('配套设施')!
    expect(fac.getRow(4).getCell(1).value).toBe('520102-001')
  })

  it('summary sheets carry SUBTOTAL formulas that compute the same figures as the report', async () => {
    const path = join(tempDir('anju-export-'), 'plan.xlsx')
    await exportWorkbook(plan, { path, region: null })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const ws = wb.getWorksheet('安置点明细')!
    expect(String(ws.getCell('A1').value)).toBe('贵州省易地扶贫搬迁安置点建设及后续扶持情况统计表')
    const report = reportTable(plan, 'register', null)
    const peopleCol = report.columns.findIndex((c) => c.key === 'planned_people') + 1
    const nameCol = report.columns.findIndex((c) => c.key === 'name') + 1
    let checked = 0
    ws.eachRow((row, n) => {
      const label = row.getCell(nameCol).value
      if (typeof label !== 'string' || !/(小计|合计|总计)$/.test(label)) return
      const v = row.getCell(peopleCol).value as ExcelJS.CellFormulaValue
      const expected = peopleOf(report.rows.find((r) => r.cells['name'] === label)!)
      expect(v.result, label).toBe(expected)
      expect(subtotal(ws, v.formula), `${label} row ${n}`).toBe(expected)
      checked++
    })
    expect(checked).toBe(6)
    const head = wb.getWorksheet('主要指标')!
    const grand = head.getRow(head.actualRowCount - 2)
    // the ratio column is a division of the row's own cells
    const rates = grand.values as ExcelJS.CellValue[]
    expect(rates.some((v) => typeof v === 'object' && v !== null && 'formula' in v && /^IF\([A-Z]+\d+=0,"",[A-Z]+\d+\/[A-Z]+\d+\)$/.test(v.formula ?? ""))).toBe(true)
  })

  it('exports a region from the command line, and refuses bad arguments with a clear line', async () => {
    const dir = tempDir('anju-cli-export-')
    const planPath = join(dir, 'plan.anju')
    await plan.db.backup(planPath)
    const out: string[] = []
    const err: string[] = []
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }
    expect(await cli(['export', '--plan', planPath, '--out', join(dir, 'lps.xlsx'), '--region', '520200'], io)).toBe(0)
    expect(out.join('')).toContain('10 sheets')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(dir, 'lps.xlsx'))
    const codes: unknown[] = []
    wb.getWorksheet('安置点')!.eachRow((row, n) => n > 3 && codes.push(row.getCell(1).value))
    expect(codes).toEqual(['520281-001', '520281-002', null])
    expect(await cli(['export', '--plan', planPath, '--out', join(dir, 'x.csv')], io)).toBe(1)
    expect(err.at(-1)).toMatch(/\.xlsx/)
    expect(await cli(['export', '--plan', planPath, '--out', join(dir, 'y.xlsx'), '--region', '999900'], io)).toBe(1)
    expect(err.at(-1)).toContain('999900')
  })
})

describe('CSV of a report', () => {
  it('starts with a BOM, keeps numbers plain and neutralises formula text', () => {
    const csv = reportCsv(reportTable(plan, 'register', null))
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const lines = csv.slice(1).trim().split('\r\n')
    expect(lines[0]).toBe('贵州省易地扶贫搬迁安置点建设及后续扶持情况统计表')
    expect(lines[1]).toContain('规划安置')
    expect(lines[2]).toContain('户数（户）')
    const injected = lines.find((l) => l.includes('HYPERLINK'))!
    expect(injected).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`)
    expect(lines.find((l) => l.startsWith(',,全省总计'))).toContain(',17300,')
    expect(neutraliseCsvText('-12.5')).toBe('-12.5')
    expect(neutraliseCsvText('-减少')).toBe("'-减少")
    expect(neutraliseCsvText('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(neutraliseCsvText('\tx')).toBe("'\tx")
  })
})

describe('printed layout', () => {
  it('gives every figure its width on A4, keeps rows on one line where a readable font allows, and shrinks the font only when needed', () => {
    const t = reportTable(plan, 'register', null)
    const page = CONTENT_WIDTH_MM.A4 * (96 / 25.4)
    const l = reportLayout(t, 'A4')
    expect(l.widths.reduce((a, w) => a + w, 0)).toBeCloseTo(1, 9)
    expect(l.fontPx).toBeGreaterThanOrEqual(9)
    t.columns.forEach((c, i) => {
      for (const r of t.rows) {
        const text = formatCell(c, r.cells[c.key])
        // a figure (and a detail row's text of up to 12 characters) fits on one line of its column
        if (text && (c.kind !== 'text' || (r.kind === 'detail' && textEm(text) <= 12))) expect(textEm(text) * l.fontPx, `${c.key}: ${text}`).toBeLessThanOrEqual(l.widths[i]! * page)
      }
    })
    // a header never breaks inside a number: in a province's headline table the size-band columns hold
    // small counts, and 10000人以上 must still keep 10000 on one line (with its cell padding)
    const province = Plan.create(':memory:', '520000')
    try {
      fillPlan(province, { sites: 950, seed: 7 })
      for (const report of ['register', 'headline'] as const) {
        const table = reportTable(province, report, null)
        const layout = reportLayout(table, 'A4')
        table.columns.forEach((c, i) => {
          expect(longestTokenEm(headerLabel(c, 'zh')) * layout.fontPx + 8, `${report} header ${c.key}`).toBeLessThanOrEqual(layout.widths[i]! * page)
        })
      }
    } finally {
      province.close()
    }
    // a province-sized 总计 in narrow columns: the font steps down, the figures still fit
    const wide = { ...t, rows: [...t.rows, { kind: 'grand' as const, cells: Object.fromEntries(t.columns.map((c) => [c.key, c.kind === 'text' ? '全省总计' : 123456789.12])) }] }
    const w = reportLayout(wide, 'A4')
    expect(w.fontPx).toBeLessThan(l.fontPx)
    wide.columns.forEach((c, i) => {
      if (c.kind !== 'text') expect(textEm(formatCell(c, 123456789.12)) * w.fontPx, c.key).toBeLessThanOrEqual(w.widths[i]! * page)
    })
    // A3 has room for the base font
    expect(reportLayout(t, 'A3').fontPx).toBe(11)
  })
})
