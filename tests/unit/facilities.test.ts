import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppService } from '../../electron/service/app-service.ts'
import { facilityRollup } from '../../electron/service/facilities/facility-rollup.ts'
import { Plan } from '../../electron/service/plan.ts'
import { AppError } from '../../shared/api/errors.ts'
import { buildCatalogue } from '../../shared/facilities/catalogue.ts'
import { isLateForMoveIn, isOverdue, shiftDate, slipDays } from '../../shared/facilities/schedule.ts'
import { DEFAULT_STANDARD_RULES, standardSetFor } from '../../shared/facilities/standard-rules.ts'
import { tempDir } from '../support/temp.ts'

type Raw = Record<string, string | number | null>

function newService(): AppService {
  const dir = tempDir()
  const path = join(dir, 'plan.anju')
  Plan.create(path, '520000').close()
  return new AppService({ planPath: path, appDir: dir })
}

async function addSite(service: AppService, values: Raw): Promise<number> {
  const r = await service.call('rows.insert', { entity: 'site', rows: [{ name: '幸福社区', county_code: '520281', ...values }] })
  return r.affected.site!.upserted[0]!.id
}

async function addFacilities(service: AppService, rows: Raw[]): Promise<number[]> {
  const r = await service.call('rows.insert', { entity: 'facility', rows })
  return r.affected.facility!.upserted.map((x) => x.id)
}

async function typesOf(service: AppService, siteId: number): Promise<string[]> {
  const list = await service.call('rows.list', { entity: 'facility' })
  const si = list.columns.indexOf('site_id')
  const ti = list.columns.indexOf('type')
  return list.rows.filter((r) => r[si] === siteId).map((r) => String(r[ti]))
}

const SMALL_SET = ['道路', '供水', '供电', '通信网络', '排水及污水处理', '环卫设施', '卫生室/卫生院']
const TEN_THOUSAND_URBAN_SOUTH = [
  ...SMALL_SET,
  '文化活动场所', '超市/便民店',
  '社区综合服务中心', '就业服务站', '幼儿园', '警务室', '快递服务站',
  '小学', '养老服务设施', '体育健身设施', '农贸市场', '银行服务网点', '综合信息服务站', '燃气',
  '初中', '邮政',
]

describe('standard facility sets', () => {
  const catalogue = buildCatalogue()

  it('gives a small rural site the basic set and a 10,000-person urban site the full set', () => {
    const small = standardSetFor({ planned_people: 150, mode: '农村集中安置', county_code: '520281' }, DEFAULT_STANDARD_RULES, catalogue)
    expect(small.map((i) => i.item)).toEqual(SMALL_SET)
    const big = standardSetFor({ planned_people: 10000, mode: '城镇集中安置', county_code: '520281' }, DEFAULT_STANDARD_RULES, catalogue)
    expect(big.map((i) => i.item).sort()).toEqual([...TEN_THOUSAND_URBAN_SOUTH].sort())
    // 800 is the threshold for the community service centre and the employment service station
    const at800 = standardSetFor({ planned_people: 800, mode: '农村集中安置', county_code: '520281' }, DEFAULT_STANDARD_RULES, catalogue).map((i) => i.item)
    expect(at800).toContain('社区综合服务中心')
    expect(at800).toContain('就业服务站')
    expect(standardSetFor({ planned_people: 799, mode: '农村集中安置', county_code: '520281' }, DEFAULT_STANDARD_RULES, catalogue).map((i) => i.item)).not.toContain('社区综合服务中心')
    // a northern province adds heating
    expect(standardSetFor({ planned_people: 10000, mode: '城镇集中安置', county_code: '620102' }, DEFAULT_STANDARD_RULES, catalogue).map((i) => i.item)).toContain('供暖')
  })

  it('generates the missing facilities for a small and a 10,000-person site as one undo step', async () => {
    const service = newService()
    const small = await addSite(service, { name: '白岩村安置点', planned_people: 150, mode: '农村集中安置', start_date: '2018-03', completion_date: '2019-06', move_in_date: '2019-08-15' })
    const big = await addSite(service, { name: '城南新区', planned_people: 10000, mode: '城镇集中安置' })
    // the small site already has its road: it is not added twice
    await addFacilities(service, [{ site_id: small, name: '白岩村进村道路', category: '基础设施', type: '道路' }])

    const preview = await service.call('facilities.standardPreview', { region: '520281' })
    expect(preview).toMatchObject({ sites: 2, sitesMissing: 2, facilities: SMALL_SET.length - 1 + TEN_THOUSAND_URBAN_SOUTH.length })

    const out = await service.call('facilities.generateStandard', { region: '520281' })
    expect(out.added).toBe(SMALL_SET.length - 1 + TEN_THOUSAND_URBAN_SOUTH.length)
    expect((await typesOf(service, small)).sort()).toEqual([...SMALL_SET].sort())
    expect((await typesOf(service, big)).sort()).toEqual([...TEN_THOUSAND_URBAN_SOUTH].sort())

    // generated rows carry the catalogue's category and unit, and finish with the site
    const row = out.change.affected.facility!.upserted.find((r) => r['site_id'] === small && r['type'] === '供水')!
    expect(row).toMatchObject({ category: '基础设施', scale_unit: '处', planned_start: '2018-03', planned_end: '2019-06', status: '未开工', name: '白岩村安置点供水' })

    // nothing more to add; one undo removes all of them
    expect((await service.call('facilities.generateStandard', { region: '520281' })).added).toBe(0)
    await service.call('history.undo', {})
    expect(await typesOf(service, small)).toEqual(['道路'])
    expect(await typesOf(service, big)).toEqual([])

    // one site only
    const one = await service.call('facilities.generateStandard', { siteIds: [small] })
    expect(one).toMatchObject({ added: SMALL_SET.length - 1, sites: 1 })
    expect(await typesOf(service, big)).toEqual([])
    service.close()
  })

  it('reads editable rules and catalogue items from the plan settings', async () => {
    const service = newService()
    const site = await addSite(service, { planned_people: 200, mode: '农村集中安置' })
    await service.call('facilities.setCatalogue', { overrides: [{ type: '道路', unit: '公里', defaultScale: 2 }], extras: [{ name: '公共卫生间', storedAs: '环卫设施' }] })
    await service.call('facilities.setRules', { rules: [{ item: '道路', minPeople: 0 }, { item: '公共卫生间', minPeople: 100 }] })
    const view = await service.call('facilities.catalogue', {})
    expect(view.rulesAreDefault).toBe(false)
    await service.call('facilities.generateStandard', { siteIds: [site] })
    const list = await service.call('rows.list', { entity: 'facility' })
    const named = list.rows.map((r) => [r[list.columns.indexOf('name')], r[list.columns.indexOf('type')], r[list.columns.indexOf('scale')]])
    expect(named).toEqual([
      ['幸福社区道路', '道路', 2],
      ['幸福社区公共卫生间', '环卫设施', 1],
    ])
    // a rule naming an unknown item is refused with a reason in both languages
    const err = await service.call('facilities.setRules', { rules: [{ item: '游泳馆', minPeople: 0 }] }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).message).toContain('游泳馆')
    await service.call('facilities.setRules', { rules: null })
    expect((await service.call('facilities.catalogue', {})).rulesAreDefault).toBe(true)
    service.close()
  })
})

describe('schedule flags', () => {
  it('reads month-only dates at the month and full dates by day', () => {
    expect(isLateForMoveIn({ status: '已完工', actual_end: '2020-04' }, '2020-03-15', '2020-06-30')).toBe(true)
    expect(isLateForMoveIn({ status: '已完工', actual_end: '2020-03' }, '2020-03-15', '2020-06-30')).toBe(false)
    expect(isLateForMoveIn({ status: '已完工', actual_end: '2020-03-16' }, '2020-03-15', '2020-06-30')).toBe(true)
    expect(isLateForMoveIn({ status: '在建', planned_end: '2020-02' }, '2020-03-15', '2020-06-30')).toBe(true)
    expect(isLateForMoveIn({ status: '在建', planned_end: '2020-02' }, '2020-09-15', '2020-06-30')).toBe(false)
    // not complete although the site moved in before the as-of date: late, whatever the plan said
    expect(isLateForMoveIn({ status: '在建', planned_end: '2020-02' }, '2020-03-15', '2020-06-30')).toBe(true)
    expect(isLateForMoveIn({ status: '在建', planned_end: '2020-03' }, '2020-03-15', '2020-03-10')).toBe(false)
    expect(isLateForMoveIn({ status: '在建', planned_end: '2020-03' }, '2020-03-15', '2020-04-01')).toBe(true)
    // complete without an actual end: its planned end decides
    expect(isLateForMoveIn({ status: '已完工', planned_end: '2020-05' }, '2020-03-15', '2020-06-30')).toBe(true)
    expect(isLateForMoveIn({ status: '已完工' }, '2020-03-15', '2020-06-30')).toBe(false)
    // shared with the surroundings: nothing to build, never late; no move-in date: never late
    expect(isLateForMoveIn({ status: '未开工', nature: '共享周边', planned_end: '2021-01' }, '2020-03-15', '2020-06-30')).toBe(false)
    expect(isLateForMoveIn({ status: '未开工', planned_end: '2021-01' }, null, '2020-06-30')).toBe(false)
    expect(isOverdue({ status: '在建', planned_end: '2020-06' }, '2020-06-30')).toBe(false)
    expect(isOverdue({ status: '在建', planned_end: '2020-05' }, '2020-06-30')).toBe(true)
    expect(isOverdue({ status: '已完工', planned_end: '2020-05' }, '2020-06-30')).toBe(false)
    expect(slipDays('2020-03', '2020-02', 'end')).toBe(31)
    expect(shiftDate('2020-03', 20, 'start')).toBe('2020-04')
    expect(shiftDate('2020-03', 10, 'start')).toBe('2020-03')
    expect(shiftDate('2020-03-05', 10, 'end')).toBe('2020-03-15')
  })
})

describe('one definition of late for move-in', () => {
  it('the roll-up, the Gantt, the grid flags, the checks rule and the dashboard count the same facilities', async () => {
    const service = newService()
    await service.call('settings.update', { as_of_date: '2020-06-30' })
    const s1 = await addSite(service, { name: '幸福社区', county_code: '520281', move_in_date: '2020-03-15' })
    const s2 = await addSite(service, { name: '锦绣社区', county_code: '520281', move_in_date: '2020-09' })
    const s3 = await addSite(service, { name: '阳光小区', county_code: '520281' })
    const rows: Raw[] = [
      { site_id: s1, name: '按时', category: '基础设施', type: '道路', status: '已完工', actual_end: '2020-03-10', planned_end: '2020-03' },
      { site_id: s1, name: '晚完工', category: '基础设施', type: '供水', status: '已交付使用', actual_end: '2020-04-02' },
      { site_id: s1, name: '计划晚', category: '公共服务设施', type: '幼儿园', status: '未开工', planned_end: '2020-12' },
      { site_id: s1, name: '入住后仍在建', category: '公共服务设施', type: '卫生室/卫生院', status: '在建', planned_end: '2020-02' },
      { site_id: s1, name: '完工无日期', category: '基础设施', type: '供电', status: '已完工', planned_end: '2020-05' },
      { site_id: s1, name: '共享', category: '公共服务设施', type: '小学', nature: '共享周边', status: '未开工', planned_end: '2021-06' },
      { site_id: s2, name: '尚未入住', category: '基础设施', type: '道路', status: '在建', planned_end: '2020-08' },
      { site_id: s2, name: '将晚于入住', category: '基础设施', type: '供水', status: '在建', planned_end: '2020-10' },
      { site_id: s3, name: '无入住日期', category: '基础设施', type: '道路', status: '未开工', planned_end: '2030-01' },
    ]
    const ids = await addFacilities(service, rows)
    const nameOf = new Map(ids.map((id, i) => [id, String(rows[i]!.name)]))
    const late = ['晚完工', '计划晚', '入住后仍在建', '完工无日期', '将晚于入住']

    const rollup = await service.call('facilities.rollup', {})
    expect(rollup.total.lateForMoveIn).toBe(late.length)
    const gantt = await service.call('facilities.gantt', { region: '520281' })
    expect(gantt.rows.filter((r) => Number(r[10]) & 2).map((r) => String(r[2])).sort()).toEqual([...late].sort())
    const report = await service.call('checks.run', {})
    const ruled = report.violations.filter((v) => v.ruleId === 'facility.completed_by_move_in').map((v) => nameOf.get(v.rowId))
    expect(ruled.sort()).toEqual([...late].sort())
    const rowChecks = await service.call('checks.forRows', { entity: 'facility', ids })
    expect(rowChecks.violations.filter((v) => v.ruleId === 'facility.completed_by_move_in').map((v) => nameOf.get(v.rowId)).sort()).toEqual([...late].sort())
    expect(report.violations.find((v) => nameOf.get(v.rowId) === '入住后仍在建' && v.ruleId === 'facility.completed_by_move_in')?.message.zh).toBe('安置点已于 2020-03-15 入住，截至 2020-06-30 建设状态仍为“在建”（设施应与搬迁同步建成）')
    for (const region of [null, '520281']) {
      const dash = await service.call('reports.summary', { region })
      expect(dash.facilities.reduce((a, f) => a + f.lateForMoveIn, 0)).toBe(late.length)
    }
    service.close()
  })
})

describe('roll-up by category and region', () => {
  it('counts 应配建 / 已建成 / 在建 / 未开工 / 完成率, late for move-in and overdue on a hand-made plan', async () => {
    const service = newService()
    await service.call('settings.update', { as_of_date: '2020-06-30' })
    const s1 = await addSite(service, { name: '幸福社区', county_code: '520281', move_in_date: '2020-03-15' })
    const s2 = await addSite(service, { name: '锦绣社区', county_code: '522601' })
    const s3 = await addSite(service, { name: '阳光小区', county_code: '522601', move_in_date: '2021-01' })
    await addFacilities(service, [
      { site_id: s1, name: 'f1', category: '基础设施', type: '道路', status: '已完工', actual_end: '2020-02-20' },
      { site_id: s1, name: 'f2', category: '基础设施', type: '供水', status: '已交付使用', actual_end: '2020-04' },
      { site_id: s1, name: 'f3', category: '公共服务设施', type: '卫生室/卫生院', status: '在建', planned_end: '2020-05' },
      { site_id: s1, name: 'f4', category: '公共服务设施', type: '幼儿园', status: '未开工', planned_end: '2020-12' },
      { site_id: s2, name: 'f5', category: '基础设施', type: '道路', actual_start: '2020-01' },
      { site_id: s2, name: 'f6', category: '商业服务设施', type: '超市/便民店', status: '未开工', planned_end: '2020-01-31' },
      { site_id: s3, name: 'f7', category: '基础设施', type: '供电', status: '在建', planned_end: '2020-12' },
    ])
    const r = await service.call('facilities.rollup', {})
    expect(r.asOf).toBe('2020-06-30')
    expect(r.total).toEqual({ required: 7, built: 2, building: 3, notStarted: 2, rate: 0.2857, lateForMoveIn: 3, overdue: 2 })
    expect(r.byCategory.map((c) => [c.category, c.required, c.built, c.building, c.notStarted, c.lateForMoveIn, c.overdue])).toEqual([
      ['基础设施', 4, 2, 2, 0, 1, 0],
      ['公共服务设施', 2, 0, 1, 1, 2, 1],
      ['商业服务设施', 1, 0, 0, 1, 0, 1],
    ])
    expect(r.byRegion.map((x) => [x.code, x.name, x.level, x.required, x.built, x.lateForMoveIn, x.overdue])).toEqual([
      ['520200', '六盘水市', 2, 4, 2, 3, 1],
      ['520281', '盘州市', 3, 4, 2, 3, 1],
      ['522600', '黔东南苗族侗族自治州', 2, 3, 0, 0, 1],
      ['522601', '凯里市', 3, 3, 0, 0, 1],
    ])
    expect(r.byRegion[1]!.byCategory['公共服务设施']).toMatchObject({ required: 2, lateForMoveIn: 2 })

    // scoped to a prefecture, and callable directly (dashboard, printed summaries)
    const pref = facilityRollup(service.plan, { region: '522600' })
    expect(pref.total).toMatchObject({ required: 3, built: 0, building: 2, notStarted: 1, overdue: 1 })
    expect(pref.byRegion.map((x) => x.code)).toEqual(['522600', '522601'])
    service.close()
  })
})

describe('baselines', () => {
  it('saves the schedule, and reports slip in days per facility, rolled up by site and county', async () => {
    const service = newService()
    const s1 = await addSite(service, { name: '幸福社区', county_code: '520281' })
    const s2 = await addSite(service, { name: '锦绣社区', county_code: '522601' })
    const [a, b, c] = await addFacilities(service, [
      { site_id: s1, name: 'a', type: '道路', planned_start: '2019-01', planned_end: '2019-06' },
      { site_id: s1, name: 'b', type: '供水', planned_start: '2019-01-10', planned_end: '2019-05-20' },
      { site_id: s2, name: 'c', type: '供电', planned_start: '2019-02', planned_end: '2019-08' },
    ])
    const base = await service.call('facilities.saveBaseline', { name: '2019年批复计划' })
    expect(base.items).toBe(3)
    await expect(service.call('facilities.saveBaseline', { name: '2019年批复计划' })).rejects.toThrow(/已有名为/)
    // right after saving nothing has slipped
    expect((await service.call('facilities.compare', { baselineId: base.id })).total).toMatchObject({ facilities: 3, slipped: 0, maxSlip: 0 })

    // a: planned end one month later (June → July: 31 days); b: finished 10 days early; c unchanged
    await service.call('rows.update', { entity: 'facility', edits: [{ id: a!, field: 'planned_end', value: '2019-07' }, { id: b!, field: 'actual_end', value: '2019-05-10' }, { id: b!, field: 'status', value: '已完工' }] })
    const [d] = await addFacilities(service, [{ site_id: s2, name: 'd', type: '通信网络', planned_end: '2019-09' }])

    const cmp = await service.call('facilities.compare', { baselineId: base.id })
    const byId = new Map(cmp.items.map((i) => [i[0], i]))
    expect(byId.get(a!)).toEqual([a, s1, 0, 31])
    expect(byId.get(b!)).toEqual([b, s1, 0, -10])
    expect(byId.get(c!)).toEqual([c, s2, 0, 0])
    expect(byId.has(d!)).toBe(false)
    expect(cmp.added).toBe(1)
    expect(cmp.bySite.find((s) => s.siteId === s1)).toMatchObject({ name: '幸福社区', facilities: 2, slipped: 1, maxSlip: 31, avgSlip: 10.5 })
    expect(cmp.byCounty.map((x) => [x.code, x.name, x.slipped, x.maxSlip])).toEqual([
      ['520281', '盘州市', 1, 31],
      ['522601', '凯里市', 0, 0],
    ])
    const county = await service.call('facilities.compare', { baselineId: base.id, region: '522601' })
    expect(county.items.map((i) => i[0])).toEqual([c])

    // deleting a facility shows as removed; baselines list; delete a baseline
    await service.call('rows.delete', { entity: 'facility', ids: [c!] })
    expect((await service.call('facilities.compare', { baselineId: base.id })).removed).toBe(1)
    expect((await service.call('facilities.baselines', {})).map((x) => x.name)).toEqual(['2019年批复计划'])
    await service.call('facilities.deleteBaseline', { id: base.id })
    await expect(service.call('facilities.compare', { baselineId: base.id })).rejects.toThrow(/找不到基线/)
    service.close()
  })
})

describe('Gantt data', () => {
  it('groups rows by site in county order with flags, for a region or one site', async () => {
    const service = newService()
    await service.call('settings.update', { as_of_date: '2020-06-30' })
    const s1 = await addSite(service, { name: '乙', county_code: '522601', move_in_date: '2020-03-15' })
    const s0 = await addSite(service, { name: '甲', county_code: '520281' })
    await addFacilities(service, [
      { site_id: s1, name: '幼儿园', category: '公共服务设施', type: '幼儿园', status: '在建', planned_start: '2019-06', planned_end: '2020-05' },
      { site_id: s1, name: '道路', category: '基础设施', type: '道路', status: '已完工', actual_start: '2019-01', actual_end: '2019-12' },
      { site_id: s0, name: '供水', category: '基础设施', type: '供水', planned_start: '2018-01-05', planned_end: '2018-09' },
    ])
    const g = await service.call('facilities.gantt', { region: '520000' })
    expect(g.sites.map((s) => s.name)).toEqual(['甲', '乙'])
    expect(g.rows.map((r) => [r[1], r[2], r[10]])).toEqual([
      [0, '供水', 1],
      [1, '道路', 4],
      [1, '幼儿园', 1 | 2 | 8],
    ])
    expect(g.span).toEqual({ from: '2018-01-05', to: '2020-05-31' })
    const one = await service.call('facilities.gantt', { siteId: s1 })
    expect(one.rows).toHaveLength(2)
    service.close()
  })
})
