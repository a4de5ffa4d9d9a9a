/**
 * Rules on a resettlement site (domain.md checks 1, 2, 4, 5, 6, 9): counts that are parts of other
 * counts, household sizes, housing per registered-poor person, employment, 一区一策, the county, and the
 * facilities and employment assistance a site of its size must have.
 */
import type { Label, RowValues } from '../dictionary/types.ts'
import { compareDates, fmt, label, num, pct, str } from './format.ts'
import type { RowRule, Severity, SiteAggregateRule } from './types.ts'

const L = (zh: string, en: string): Label => ({ zh, en })
const site = (key: string): Label => label('site', key)

/** part ≤ whole, e.g. 已搬迁入住人数 ≤ 规划安置人数 (reported on the part). */
function notMore(id: string, part: string, whole: string, title: Label, domainCheck: number, severity: Severity = 'error'): RowRule {
  return {
    id,
    severity,
    scope: 'row',
    entity: 'site',
    field: part,
    fields: [part, whole],
    title,
    domainCheck,
    test(row) {
      const a = num(row, part)
      const b = num(row, whole)
      if (a === null || b === null || a <= b) return null
      return L(`${site(part).zh} ${fmt(a)} 超过${site(whole).zh} ${fmt(b)}`, `${site(part).en} ${fmt(a)} exceeds ${site(whole).en} ${fmt(b)}`)
    },
  }
}

const needs = (facilityType: string): Label => L(facilityType, facilityType)

export const SITE_RULES = [
  notMore('site.moved_people_le_planned', 'moved_people', 'planned_people', L('已搬迁入住人数不超过规划', 'People moved in ≤ planned'), 1),
  notMore('site.moved_households_le_planned', 'moved_households', 'planned_households', L('已搬迁入住户数不超过规划', 'Households moved in ≤ planned'), 1),
  notMore('site.poor_people_le_planned', 'poor_people', 'planned_people', L('其中建档立卡人数不超过合计', 'Registered poor people ≤ planned people'), 1),
  notMore('site.poor_households_le_planned', 'poor_households', 'planned_households', L('其中建档立卡户数不超过合计', 'Registered poor households ≤ planned households'), 1),
  notMore('site.households_le_people', 'planned_households', 'planned_people', L('规划户数不超过人数', 'Planned households ≤ people'), 1),
  notMore('site.poor_households_le_people', 'poor_households', 'poor_people', L('建档立卡户数不超过人数', 'Registered poor households ≤ people'), 1),
  notMore('site.moved_households_le_people', 'moved_households', 'moved_people', L('入住户数不超过人数', 'Households moved in ≤ people'), 1),
  notMore('site.employed_le_labour', 'employed', 'labor_force', L('已就业人数不超过劳动力', 'Employed ≤ labour force'), 6),
  {
    id: 'site.people_per_household',
    severity: 'warning',
    scope: 'row',
    entity: 'site',
    field: 'planned_people',
    fields: ['planned_people', 'planned_households'],
    title: L('户均人数在合理范围内', 'People per household in range'),
    domainCheck: 1,
    test(row, ctx) {
      const p = num(row, 'planned_people')
      const h = num(row, 'planned_households')
      if (p === null || h === null || h <= 0 || p < h) return null // fewer people than households is the error rule's
      const per = p / h
      const { min_people_per_household: lo, max_people_per_household: hi } = ctx.settings
      if (per >= lo && per <= hi) return null
      return L(
        `户均 ${fmt(per, 1)} 人（${site('planned_people').zh} ${fmt(p)} / ${site('planned_households').zh} ${fmt(h)}），超出 ${fmt(lo)}–${fmt(hi)} 人的合理范围`,
        `${fmt(per, 1)} people per household (${site('planned_people').en} ${fmt(p)} / ${site('planned_households').en} ${fmt(h)}), outside ${fmt(lo)}–${fmt(hi)}`,
      )
    },
  },
  {
    id: 'site.area_per_poor',
    severity: 'warning',
    scope: 'row',
    entity: 'site',
    field: 'floor_area_m2',
    fields: ['floor_area_m2', 'poor_people'],
    title: L('建档立卡人均住房面积不超过标准', 'Housing per registered-poor person within the limit'),
    domainCheck: 2,
    test(row, ctx) {
      const area = num(row, 'floor_area_m2')
      const poor = num(row, 'poor_people')
      if (area === null || poor === null || poor <= 0) return null
      const per = area / poor
      const max = ctx.settings.max_area_per_poor_m2
      if (per <= max + 1e-9) return null
      return L(
        `人均住房面积 ${fmt(per)} 平方米（${site('floor_area_m2').zh} ${fmt(area)} / ${site('poor_people').zh} ${fmt(poor)}），超过 ${fmt(max)} 平方米`,
        `${fmt(per)} m² per registered-poor person (${site('floor_area_m2').en} ${fmt(area)} / ${site('poor_people').en} ${fmt(poor)}), over ${fmt(max)} m²`,
      )
    },
  },
  {
    id: 'site.zero_employment',
    severity: 'warning',
    scope: 'row',
    entity: 'site',
    field: 'zero_employment_households',
    fields: ['zero_employment_households'],
    title: L('零就业家庭动态清零', 'No zero-employment households'),
    domainCheck: 6,
    test(row) {
      const z = num(row, 'zero_employment_households')
      if (z === null || z <= 0) return null
      return L(`${site('zero_employment_households').zh} ${fmt(z)}，应为 0（每户至少一人就业）`, `${site('zero_employment_households').en} ${fmt(z)}; should be 0 (at least one job per household)`)
    },
  },
  {
    id: 'site.employment_rate',
    severity: 'warning',
    scope: 'row',
    entity: 'site',
    field: 'employed',
    fields: ['employed', 'labor_force'],
    title: L('就业率达到目标', 'Employment rate meets the target'),
    domainCheck: 6,
    test(row, ctx) {
      const e = num(row, 'employed')
      const lf = num(row, 'labor_force')
      if (e === null || lf === null || lf <= 0 || e > lf) return null
      const rate = e / lf
      const target = ctx.settings.employment_rate_target
      if (rate + 1e-9 >= target) return null
      return L(
        `就业率 ${pct(rate)}（${site('employed').zh} ${fmt(e)} / ${site('labor_force').zh} ${fmt(lf)}）低于目标 ${pct(target)}`,
        `Employment rate ${pct(rate)} (${site('employed').en} ${fmt(e)} / ${site('labor_force').en} ${fmt(lf)}) below the target ${pct(target)}`,
      )
    },
  },
  {
    id: 'site.one_district_one_policy',
    severity: 'warning',
    scope: 'row',
    entity: 'site',
    field: 'one_district_one_policy',
    fields: ['planned_people', 'one_district_one_policy'],
    title: L('万人以上安置点制定一区一策', 'Sites of 10,000+ have a site-specific plan'),
    domainCheck: 5,
    test(row, ctx) {
      const p = num(row, 'planned_people')
      const huge = ctx.settings.huge_site_people
      if (p === null || p < huge || row['one_district_one_policy'] === true) return null
      return L(`${site('planned_people').zh} ${fmt(p)}，达到 ${fmt(huge)} 人以上，应制定一区一策`, `${site('planned_people').en} ${fmt(p)} is ${fmt(huge)} or more: a site-specific plan (一区一策) is required`)
    },
  },
  {
    id: 'site.start_le_completion',
    severity: 'error',
    scope: 'row',
    entity: 'site',
    field: 'completion_date',
    fields: ['start_date', 'completion_date'],
    title: L('开工日期不晚于竣工日期', 'Start no later than completion'),
    domainCheck: 3,
    test(row) {
      const s = str(row, 'start_date')
      const c = str(row, 'completion_date')
      if (s === null || c === null || compareDates(s, c) <= 0) return null
      return L(`${site('completion_date').zh} ${c} 早于${site('start_date').zh} ${s}`, `${site('completion_date').en} ${c} is before ${site('start_date').en} ${s}`)
    },
  },
  {
    id: 'site.county_agrees',
    severity: 'error',
    scope: 'row',
    entity: 'site',
    field: 'county_code',
    fields: ['county_code', 'county'],
    title: L('县级区划代码与名称一致', 'County code and name agree'),
    domainCheck: 9,
    test(row, ctx) {
      const code = str(row, 'county_code')
      if (code === null) return null
      const county = ctx.county(code)
      if (!county) return L(`${site('county_code').zh} ${code} 不是有效的县级区划代码`, `${site('county_code').en} ${code} is not a county code`)
      const name = str(row, 'county')
      if (name === null || name === county.name || ctx.countyNameAgrees(code, name)) return null
      return L(`${site('county').zh}“${name}”与${site('county_code').zh} ${code}（${county.name}）不一致`, `${site('county').en} "${name}" does not match ${site('county_code').en} ${code} (${county.name})`)
    },
  },
  {
    id: 'site.county_in_province',
    severity: 'warning',
    scope: 'row',
    entity: 'site',
    field: 'county_code',
    fields: ['county_code'],
    title: L('县属于本规划省份', 'County belongs to the plan’s province'),
    domainCheck: 9,
    test(row, ctx) {
      const code = str(row, 'county_code')
      const county = code === null ? undefined : ctx.county(code)
      if (!county || county.provinceCode === ctx.settings.province_code) return null
      return L(`${county.name}（${code}）不属于本规划省份${ctx.provinceName}`, `${county.name} (${code}) is outside the plan's province ${ctx.provinceName}`)
    },
  },
] as const satisfies readonly RowRule[]

const HEALTH = '卫生室/卫生院'
const COMMUNITY_CENTRE = '社区综合服务中心'
const EMPLOYMENT_STATION = '就业服务站'

function people(row: RowValues): number | null {
  return num(row, 'planned_people')
}

export const SITE_AGGREGATE_RULES = [
  {
    id: 'site.health_facility',
    severity: 'warning',
    scope: 'site-aggregate',
    entity: 'site',
    field: 'name',
    fields: ['name'],
    facilityTypes: [HEALTH],
    workshops: false,
    title: L('每个安置点有卫生室/卫生院', 'Every site has a clinic'),
    domainCheck: 4,
    test(_row, agg) {
      if ((agg.facilityTypes[HEALTH] ?? 0) > 0) return null
      return L(`没有${needs(HEALTH).zh}（每个安置点至少一处）`, 'No clinic (卫生室/卫生院): every site needs at least one')
    },
  },
  {
    id: 'site.large_community_centre',
    severity: 'warning',
    scope: 'site-aggregate',
    entity: 'site',
    field: 'name',
    fields: ['name', 'planned_people'],
    facilityTypes: [COMMUNITY_CENTRE],
    workshops: false,
    title: L('800 人以上安置点有一站式社区综合服务中心', 'Sites of 800+ have a community service centre'),
    domainCheck: 4,
    test(row, agg, ctx) {
      const p = people(row)
      const large = ctx.settings.large_site_people
      if (p === null || p < large || (agg.facilityTypes[COMMUNITY_CENTRE] ?? 0) > 0) return null
      return L(`${site('planned_people').zh} ${fmt(p)}，达到 ${fmt(large)} 人以上，但没有${COMMUNITY_CENTRE}`, `${site('planned_people').en} ${fmt(p)} is ${fmt(large)} or more but there is no community service centre`)
    },
  },
  {
    id: 'site.large_employment_assistance',
    severity: 'warning',
    scope: 'site-aggregate',
    entity: 'site',
    field: 'name',
    fields: ['name', 'planned_people'],
    facilityTypes: [EMPLOYMENT_STATION],
    workshops: true,
    title: L('800 人以上安置点有就业帮扶（车间或就业服务站）', 'Sites of 800+ have employment assistance'),
    domainCheck: 4,
    test(row, agg, ctx) {
      const p = people(row)
      const large = ctx.settings.large_site_people
      if (p === null || p < large || agg.activeWorkshops > 0 || (agg.facilityTypes[EMPLOYMENT_STATION] ?? 0) > 0) return null
      return L(
        `${site('planned_people').zh} ${fmt(p)}，达到 ${fmt(large)} 人以上，但没有扶贫车间或${EMPLOYMENT_STATION}`,
        `${site('planned_people').en} ${fmt(p)} is ${fmt(large)} or more but there is no workshop or employment service station`,
      )
    },
  },
] as const satisfies readonly SiteAggregateRule[]
