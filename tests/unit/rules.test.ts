/**
 * The rule catalogue, rule by rule: a row that passes and a row that fails, with the message quoting
 * the values. Every rule in RULES must have its case here.
 */
import { describe, expect, it } from 'vitest'
import type { RowValues } from '../../shared/dictionary/types.ts'
import { RULES, ruleById, type RuleContext, type SiteAggregate } from '../../shared/rules/index.ts'
import { DEFAULT_SETTINGS } from '../../shared/settings.ts'
import { WORKSHOP_STATUSES } from '../../shared/dictionary/workshop-fields.ts'
import { DEREGISTERED, PLANNED } from '../../shared/rules/workshop-rules.ts'

const COUNTIES: Record<string, { name: string; provinceCode: string }> = {
  '520281': { name: '盘州市', provinceCode: '520000' },
  '530602': { name: '昭阳区', provinceCode: '530000' },
}
const ctx: RuleContext = {
  settings: { ...DEFAULT_SETTINGS, province_code: '520000', as_of_date: '2020-12-31' },
  county: (code) => COUNTIES[code],
  countyNameAgrees: (code, name) => code === '520281' && (name === '盘县' || name === '盘州'),
  provinceName: '贵州省',
}

interface Case {
  pass: RowValues
  fail: RowValues
  site?: { pass?: RowValues; fail?: RowValues }
  agg?: { pass?: SiteAggregate; fail?: SiteAggregate }
  /** texts the failing message must contain (Chinese) */
  says: string[]
}

const none: SiteAggregate = { facilityTypes: {}, activeWorkshops: 0 }

const CASES: Record<string, Case> = {
  'site.moved_people_le_planned': { pass: { moved_people: 1210, planned_people: 1210 }, fail: { moved_people: 1320, planned_people: 1210 }, says: ['已搬迁入住人数 1,320 超过规划安置人数 1,210'] },
  'site.moved_households_le_planned': { pass: { moved_households: 300, planned_households: 305 }, fail: { moved_households: 306, planned_households: 305 }, says: ['已搬迁入住户数 306', '规划安置户数 305'] },
  'site.poor_people_le_planned': { pass: { poor_people: 1000, planned_people: 1210 }, fail: { poor_people: 1300, planned_people: 1210 }, says: ['建档立卡人数 1,300 超过规划安置人数 1,210'] },
  'site.poor_households_le_planned': { pass: { poor_households: 200, planned_households: 305 }, fail: { poor_households: 400, planned_households: 305 }, says: ['建档立卡户数 400'] },
  'site.households_le_people': { pass: { planned_households: 305, planned_people: 1210 }, fail: { planned_households: 1300, planned_people: 1210 }, says: ['规划安置户数 1,300 超过规划安置人数 1,210'] },
  'site.poor_households_le_people': { pass: { poor_households: 10, poor_people: 30 }, fail: { poor_households: 31, poor_people: 30 }, says: ['建档立卡户数 31 超过建档立卡人数 30'] },
  'site.moved_households_le_people': { pass: { moved_households: 10, moved_people: 30 }, fail: { moved_households: 40, moved_people: 30 }, says: ['已搬迁入住户数 40 超过已搬迁入住人数 30'] },
  'site.employed_le_labour': { pass: { employed: 500, labor_force: 500 }, fail: { employed: 520, labor_force: 500 }, says: ['已就业人数 520 超过劳动力人数 500'] },
  'site.people_per_household': { pass: { planned_people: 1210, planned_households: 305 }, fail: { planned_people: 1000, planned_households: 100 }, says: ['户均 10 人', '1–8'] },
  'site.area_per_poor': { pass: { floor_area_m2: 25000, poor_people: 1000 }, fail: { floor_area_m2: 30000, poor_people: 1000 }, says: ['人均住房面积 30 平方米', '超过 25 平方米'] },
  'site.zero_employment': { pass: { zero_employment_households: 0 }, fail: { zero_employment_households: 3 }, says: ['零就业家庭户数 3'] },
  'site.employment_rate': { pass: { employed: 90, labor_force: 100 }, fail: { employed: 85, labor_force: 100 }, says: ['就业率 85%', '低于目标 90%'] },
  'site.one_district_one_policy': { pass: { planned_people: 12000, one_district_one_policy: true }, fail: { planned_people: 12000, one_district_one_policy: false }, says: ['12,000', '一区一策'] },
  'site.start_le_completion': { pass: { start_date: '2018-03', completion_date: '2018-03-20' }, fail: { start_date: '2019-05', completion_date: '2018-12' }, says: ['竣工日期 2018-12 早于开工日期 2019-05'] },
  'site.county_agrees': { pass: { county_code: '520281', county: '盘县' }, fail: { county_code: '520281', county: '威宁县' }, says: ['“威宁县”', '520281（盘州市）'] },
  'site.county_in_province': { pass: { county_code: '520281' }, fail: { county_code: '530602' }, says: ['昭阳区（530602）不属于本规划省份贵州省'] },
  'site.health_facility': { pass: {}, fail: {}, agg: { pass: { facilityTypes: { '卫生室/卫生院': 1 }, activeWorkshops: 0 }, fail: none }, says: ['没有卫生室/卫生院'] },
  'site.large_community_centre': { pass: { planned_people: 1500 }, fail: { planned_people: 1500 }, agg: { pass: { facilityTypes: { 社区综合服务中心: 1 }, activeWorkshops: 0 }, fail: { facilityTypes: { 卫生室: 2 }, activeWorkshops: 3 } }, says: ['1,500', '800', '社区综合服务中心'] },
  'site.large_employment_assistance': { pass: { planned_people: 900 }, fail: { planned_people: 900 }, agg: { pass: { facilityTypes: {}, activeWorkshops: 1 }, fail: { facilityTypes: { 社区综合服务中心: 1 }, activeWorkshops: 0 } }, says: ['900', '扶贫车间或就业服务站'] },
  'facility.planned_start_le_end': { pass: { planned_start: '2018-01', planned_end: '2018-01' }, fail: { planned_start: '2018-06', planned_end: '2018-01' }, says: ['计划完工 2018-01 早于计划开工 2018-06'] },
  'facility.actual_start_le_end': { pass: { actual_start: '2018-01-05', actual_end: '2018-09' }, fail: { actual_start: '2018-10-01', actual_end: '2018-09' }, says: ['实际完工 2018-09 早于实际开工 2018-10-01'] },
  'facility.overdue': { pass: { planned_end: '2019-06', status: '已完工' }, fail: { planned_end: '2019-06', status: '在建' }, says: ['计划完工 2019-06 已过', '在建'] },
  'facility.completed_by_move_in': { pass: { actual_end: '2019-03', planned_end: '2019-08' }, fail: { actual_end: '2019-05', planned_end: '2019-02' }, site: { pass: { move_in_date: '2019-03-15' }, fail: { move_in_date: '2019-03-15' } }, says: ['实际完工 2019-05 晚于安置点入住日期 2019-03-15'] },
  'workshop.relocated_le_jobs': { pass: { relocated_workers: 20, jobs: 20 }, fail: { relocated_workers: 25, jobs: 20 }, says: ['其中：搬迁群众 25 超过吸纳就业人数 20'] },
  'workshop.poor_le_jobs': { pass: { poor_workers: 10, jobs: 20 }, fail: { poor_workers: 21, jobs: 20 }, says: ['其中：脱贫人口 21 超过吸纳就业人数 20'] },
  'workshop.min_poor_workers': { pass: { poor_workers: 5, op_status: '正常' }, fail: { poor_workers: 3, op_status: '正常' }, says: ['脱贫人口 3', '认定标准 5 人'] },
  'workshop.min_wage': { pass: { avg_wage: 1570, op_status: '正常' }, fail: { avg_wage: 1400, op_status: '停产' }, says: ['1,400 元', '最低工资 1,570 元'] },
  'workshop.deregistered': { pass: { op_status: '停产' }, fail: { op_status: '注销' }, says: ['注销'] },
}

function run(ruleId: string, which: 'pass' | 'fail') {
  const rule = ruleById(ruleId)!
  const c = CASES[ruleId]!
  const row = c[which]
  if (rule.scope === 'row') return rule.test(row, ctx)
  if (rule.scope === 'row+site') return rule.test(row, c.site?.[which], ctx)
  return rule.test(row, c.agg?.[which] ?? none, ctx)
}

describe('the rule catalogue', () => {
  it('has a passing and a failing case here for every rule, and unique ids', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length)
    expect(RULES.map((r) => r.id).filter((id) => !CASES[id])).toEqual([])
  })

  it('covers the domain checks 1–7 and 9 (8 belongs to the import of a return)', () => {
    expect([...new Set(RULES.map((r) => r.domainCheck))].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 9])
  })

  it('reads only fields it declares, and aggregate rules are warnings (the edit guard checks rows)', () => {
    for (const r of RULES) {
      expect(r.fields).toContain(r.field)
      if (r.scope === 'site-aggregate') expect(r.severity).toBe('warning')
    }
  })

  for (const id of Object.keys(CASES)) {
    it(`${id}: passes and fails with the values quoted`, () => {
      expect(run(id, 'pass')).toBeNull()
      const m = run(id, 'fail')
      expect(m).not.toBeNull()
      for (const s of CASES[id]!.says) expect(m!.zh).toContain(s)
      expect(m!.en.length).toBeGreaterThan(10)
      expect(m!.en).not.toMatch(/[\u4e00-\u9fff]{6,}/) // English messages are English (short Chinese names allowed)
    })
  }

  it('skips rows where the values are missing (a new row with only a name and county passes every rule)', () => {
    const row = { name: '新安置点', county_code: '520281', county: '盘州市' }
    for (const r of RULES) {
      if (r.scope === 'site-aggregate') continue
      const m = r.scope === 'row' ? r.test(row, ctx) : r.test(row, undefined, ctx)
      expect(m, r.id).toBeNull()
    }
  })

  it('takes thresholds from the plan settings', () => {
    const rule = ruleById('site.area_per_poor')!
    if (rule.scope !== 'row') throw new Error('row rule')
    const row = { floor_area_m2: 28000, poor_people: 1000 }
    expect(rule.test(row, ctx)).not.toBeNull()
    expect(rule.test(row, { ...ctx, settings: { ...ctx.settings, max_area_per_poor_m2: 30 } })).toBeNull()
    const big = ruleById('site.large_community_centre')!
    if (big.scope !== 'site-aggregate') throw new Error('aggregate rule')
    expect(big.test({ planned_people: 900 }, none, { ...ctx, settings: { ...ctx.settings, large_site_people: 1000 } })).toBeNull()
  })

  it('compares a month alone with a day in the same month as equal', () => {
    const rule = ruleById('facility.completed_by_move_in')!
    if (rule.scope !== 'row+site') throw new Error('row+site rule')
    expect(rule.test({ actual_end: '2019-03' }, { move_in_date: '2019-03-01' }, ctx)).toBeNull()
    expect(rule.test({ actual_end: '2019-04' }, { move_in_date: '2019-03-31' }, ctx)).not.toBeNull()
    expect(rule.test({ actual_end: '2019-09', nature: '共享周边' }, { move_in_date: '2019-03-31' }, ctx)).toBeNull()
  })

  it('knows the workshop statuses by the dictionary’s values, and calls only 注销 closed (not a planned 规划 one)', () => {
    const statuses = WORKSHOP_STATUSES.map((v) => v.value)
    expect(statuses).toEqual(expect.arrayContaining([DEREGISTERED, PLANNED]))
    const rule = ruleById('workshop.deregistered')!
    if (rule.scope !== 'row') throw new Error('row rule')
    const fired = statuses.filter((op_status) => rule.test({ op_status }, ctx) !== null)
    expect(fired).toEqual([DEREGISTERED])
  })

  it('does not hold a planned workshop (proposed, no workers yet) to the qualification and wage rules', () => {
    for (const id of ['workshop.min_poor_workers', 'workshop.min_wage']) {
      const rule = ruleById(id)!
      if (rule.scope !== 'row') throw new Error('row rule')
      expect(rule.test({ poor_workers: 0, avg_wage: 0, jobs: 0, op_status: '规划' }, ctx), id).toBeNull()
      expect(rule.test({ poor_workers: 0, avg_wage: 0, jobs: 0, op_status: '正常' }, ctx), id).not.toBeNull()
    }
  })
})
