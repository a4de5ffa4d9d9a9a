/**
 * The plan summaries of domain.md ("Printed plan summaries"): the dashboard figures and the report
 * set (headline indicators, site register, facility completion, employment, workshops, the 800+ and
 * 10,000+ site list, open check violations) for the whole plan, a province, a prefecture or a county.
 * Figures come from SummaryRepository's SQL; this module arranges them into one table model that the
 * print preview, the Excel export and the dashboard all read, so a number is the same everywhere.
 */
import { fieldOf, FACILITY_CATEGORIES } from '../../../shared/dictionary/index.ts'
import type { FieldValue, Label } from '../../../shared/dictionary/types.ts'
import type {
  CheckSeverity,
  DashboardSummary,
  HeadlineFigures,
  RegionProgress,
  ReportColumn,
  ReportKind,
  ReportRow,
  ReportTable,
  SizeBand,
} from '../../../shared/api/reports-api.ts'
import { REPORT_TITLES } from '../../../shared/api/reports-api.ts'
import type { Plan } from '../plan.ts'
import { summaryRepositoryOf, type SiteAgg, type SummaryRepository, type WorkshopAgg } from '../repositories/summary-repository.ts'
import { checkSource } from './check-source.ts'
import { categoryFigures, completionByCounty, completionBySite, totalOf, type CategoryCounts } from './facility-completion.ts'
import { reportHeader } from './report-header.ts'
import { RegionScope, type GroupRef } from './region-scope.ts'
import { ratio, withTotals, type LeafRow } from './totals.ts'

export function summaryRepository(plan: Plan): SummaryRepository {
  return summaryRepositoryOf(plan.db)
}

export const BANDS: { key: SizeBand['key']; label: Label }[] = [
  { key: 'lt800', label: { zh: '800人以下', en: 'Under 800' } },
  { key: '800to3000', label: { zh: '800–3000人', en: '800–3,000' } },
  { key: '3000to10000', label: { zh: '3000–10000人', en: '3,000–10,000' } },
  { key: 'ge10000', label: { zh: '10000人以上', en: '10,000 and over' } },
]

// ---------------------------------------------------------------------------------------------------
// Columns

const PP: Label = { zh: '人', en: 'people' }
const GE: Label = { zh: '个', en: '' }
const PCT: Label = { zh: '%', en: '%' }

type ColOpts = Partial<Omit<ReportColumn, 'key' | 'label'>>
const col = (key: string, label: Label, kind: ReportColumn['kind'], o: ColOpts = {}): ReportColumn => ({
  key,
  label,
  kind,
  width: o.width ?? (kind === 'text' ? 14 : 10),
  total: o.total ?? (kind === 'int' || kind === 'decimal' ? 'sum' : 'none'),
  ...o,
})

/** A column for a site field: label, group, unit and decimals from the dictionary. */
function fieldCol(key: string, o: ColOpts & { useShort?: boolean } = {}): ReportColumn {
  const f = fieldOf('site', key)
  if (!f) throw new Error(`unknown site field ${key}`)
  const kind: ReportColumn['kind'] = f.type === 'int' ? 'int' : f.type === 'decimal' ? 'decimal' : f.type === 'date' ? 'date' : 'text'
  const { useShort, ...rest } = o
  const grouped = useShort !== false && f.short !== undefined && f.group !== undefined && f.short.zh !== f.label.zh
  return col(key, grouped ? f.short! : f.label, kind, {
    ...(grouped ? { group: f.group } : {}),
    ...(f.unit ? { unit: f.unit } : {}),
    ...(f.decimals !== undefined && kind === 'decimal' ? { decimals: f.decimals } : {}),
    ...rest,
  })
}

const seqCol = (): ReportColumn => col('seq', { zh: '序号', en: 'No.' }, 'int', { width: 6, total: 'none' })
const regionCol = (label: Label): ReportColumn => col('region', label, 'text', { width: 18 })

// ---------------------------------------------------------------------------------------------------
// Shared arrangement

interface Ctx {
  plan: Plan
  repo: SummaryRepository
  region: string | null
  counties: SiteAgg[]
  scope: RegionScope
}

function context(plan: Plan, region: string | null | undefined): Ctx {
  const repo = summaryRepository(plan)
  const counties = repo.sitesByCounty(region)
  const scope = new RegionScope(plan, region, counties.map((c) => c.key))
  return { plan, repo, region: region ?? null, counties, scope }
}

/** What the rows of a region table are: counties (grouped by prefecture) or, for a county, its sites. */
function leafLevel(ctx: Ctx): 'county' | 'site' {
  return ctx.scope.scope.level === 3 ? 'site' : 'county'
}

function sortByPath<T extends { path: GroupRef[]; sortKey: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => {
    for (let i = 0; i < Math.min(a.path.length, b.path.length); i++) {
      const x = a.path[i]!
      const y = b.path[i]!
      if (x.code !== y.code) return x.code < y.code ? -1 : 1
      if (x.name !== y.name) return x.name < y.name ? -1 : 1
    }
    return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0
  })
}

/** Leaves of a region table (counties or sites) with their values, sorted for subtotals. */
function regionLeaves(ctx: Ctx, values: (key: string) => Record<string, FieldValue>): LeafRow[] {
  if (leafLevel(ctx) === 'site') {
    return ctx.repo.sitesBySite(ctx.region).map((s) => ({ path: [], siteId: Number(s.key), cells: { region: s.name ?? '', ...values(s.key) } }))
  }
  const rows = ctx.counties.map((c) => ({ path: ctx.scope.groupPath(c.key), sortKey: c.key, region: c.key, cells: { region: ctx.scope.name(c.key), ...values(c.key) } }))
  return sortByPath(rows)
}

function regionTotals(ctx: Ctx, leaves: LeafRow[], columns: ReportColumn[]): ReportRow[] {
  const depth = leaves[0]?.path.length ?? 0
  return withTotals(leaves, columns, {
    labelKey: 'region',
    seqKey: 'seq',
    groupLabel: (g, d) => `${g.name}${d === depth - 1 ? '小计' : '合计'}`,
    grand: { label: grandLabel(ctx), region: ctx.region },
  })
}

function grandLabel(ctx: Ctx): string {
  if (ctx.scope.multiProvince) return '总计'
  return ctx.scope.scope.level === 1 ? '全省合计' : '合计'
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const byKey = <T extends { key: string }>(rows: readonly T[]): Map<string, T> => new Map(rows.map((r) => [r.key, r]))

function siteValues(a: SiteAgg | undefined): Record<string, number> {
  if (!a) return {}
  const { key: _k, ...rest } = a
  return rest
}

// ---------------------------------------------------------------------------------------------------
// Dashboard

function headlineOf(rows: readonly SiteAgg[]): HeadlineFigures {
  const s = (k: keyof SiteAgg): number => rows.reduce((acc, r) => acc + (r[k] as number), 0)
  const people = s('planned_people')
  const investment = s('investment_wan')
  return {
    sites: s('sites'),
    households: s('planned_households'),
    people,
    poorHouseholds: s('poor_households'),
    poorPeople: s('poor_people'),
    movedHouseholds: s('moved_households'),
    movedPeople: s('moved_people'),
    movedRate: ratio(s('moved_people'), people),
    investmentWan: investment,
    investmentDoneWan: s('investment_done_wan'),
    investmentRate: ratio(s('investment_done_wan'), investment),
    housingUnits: s('housing_units'),
    floorAreaM2: s('floor_area_m2'),
    areaPerPoorM2: ratio(s('floor_area_m2'), s('poor_people')),
  }
}

function bandsOf(rows: readonly SiteAgg[]): SizeBand[] {
  return BANDS.map((b, i) => ({
    ...b,
    sites: rows.reduce((a, r) => a + (r[`band${i}_sites` as keyof SiteAgg] as number), 0),
    people: rows.reduce((a, r) => a + (r[`band${i}_people` as keyof SiteAgg] as number), 0),
  }))
}

/** Facility counts per leaf of a region table: per county, or per site in a county's own view. */
function facilityCounts(ctx: Ctx): Map<string, CategoryCounts> {
  return leafLevel(ctx) === 'site' ? completionBySite(ctx.plan, ctx.region) : completionByCounty(ctx.plan, ctx.region)
}

export function dashboardSummary(plan: Plan, region: string | null | undefined): DashboardSummary {
  const ctx = context(plan, region)
  const settings = plan.settings.settings()
  const facilities = facilityCounts(ctx)
  const workshopRows = ctx.repo.workshopsByCounty(ctx.region)
  const headline = headlineOf(ctx.counties)

  // children of the scope
  const children: RegionProgress[] = []
  const level = leafLevel(ctx)
  if (level === 'site') {
    for (const s of ctx.repo.sitesBySite(ctx.region)) {
      const fs = totalOf(facilities.get(s.key))
      children.push({
        code: s.key,
        name: s.name ?? '',
        sites: 1,
        people: s.planned_people,
        movedRate: ratio(s.moved_people, s.planned_people),
        investmentRate: ratio(s.investment_done_wan, s.investment_wan),
        facilityRate: ratio(fs.built, fs.planned),
        employmentRate: ratio(s.employed, s.labor_force),
      })
    }
  } else {
    const groups = new Map<string, { ref: GroupRef; sites: SiteAgg[]; fac: CategoryCounts[] }>()
    const groupOf = (county: string): { ref: GroupRef; sites: SiteAgg[]; fac: CategoryCounts[] } => {
      const ref = ctx.scope.childOf(county)
      const k = `${ref.code}|${ref.name}`
      let g = groups.get(k)
      if (!g) groups.set(k, (g = { ref, sites: [], fac: [] }))
      return g
    }
    for (const c of ctx.counties) groupOf(c.key).sites.push(c)
    for (const [county, cats] of facilities) groupOf(county).fac.push(cats)
    for (const g of [...groups.values()].sort((a, b) => (a.ref.code < b.ref.code ? -1 : a.ref.code > b.ref.code ? 1 : 0))) {
      const h = headlineOf(g.sites)
      const fs = g.fac.map(totalOf).reduce((a, t) => ({ planned: a.planned + t.planned, built: a.built + t.built }), { planned: 0, built: 0 })
      const lab = g.sites.reduce((a, r) => ({ l: a.l + r.labor_force, e: a.e + r.employed }), { l: 0, e: 0 })
      children.push({ code: g.ref.code, name: g.ref.name, sites: h.sites, people: h.people, movedRate: h.movedRate, investmentRate: h.investmentRate, facilityRate: ratio(fs.built, fs.planned), employmentRate: ratio(lab.e, lab.l) })
    }
  }

  const sum = (k: keyof SiteAgg): number => ctx.counties.reduce((a, r) => a + (r[k] as number), 0)
  const ws = workshopRows.reduce(
    (a, r) => ({ n: a.n + r.workshops, op: a.op + r.operating, jobs: a.jobs + r.jobs, poor: a.poor + r.poor_workers, rel: a.rel + r.relocated_workers, bill: a.bill + r.wage_bill, wj: a.wj + r.wage_jobs }),
    { n: 0, op: 0, jobs: 0, poor: 0, rel: 0, bill: 0, wj: 0 },
  )
  let checks: DashboardSummary['checks'] = null
  const source = checkSource()
  if (source) {
    const counts = new Map<CheckSeverity, number>([['error', 0], ['warning', 0], ['info', 0]])
    for (const v of source.openViolations(plan, { region: ctx.region })) counts.set(v.severity, (counts.get(v.severity) ?? 0) + 1)
    checks = [...counts].map(([severity, count]) => ({ severity, count }))
  }
  const scope = ctx.scope.scope
  return {
    scope: { code: scope.code, name: scope.fullName, level: scope.level },
    headline,
    bands: bandsOf(ctx.counties),
    children,
    childLevel: level === 'site' ? 'site' : scope.level === 2 ? 'county' : 'prefecture',
    facilities: categoryFigures(facilities.values()),
    employment: {
      laborForce: sum('labor_force'),
      employed: sum('employed'),
      rate: ratio(sum('employed'), sum('labor_force')),
      laborHouseholds: sum('labor_households'),
      zeroEmploymentHouseholds: sum('zero_employment_households'),
      sitesWithZeroEmployment: sum('sites_zero_employment'),
      target: settings.employment_rate_target,
    },
    workshops: { workshops: ws.n, operating: ws.op, jobs: ws.jobs, poorWorkers: ws.poor, relocatedWorkers: ws.rel, avgWage: ratio(ws.bill, ws.wj) },
    checks,
  }
}

// ---------------------------------------------------------------------------------------------------
// Report tables

const UNIT_LINES: Record<ReportKind, string> = {
  headline: '单位：个、户、人、套、平方米、万元',
  register: '单位：户、人、套、平方米、万元',
  facilities: '单位：个',
  employment: '单位：个、人、户',
  workshops: '单位：个、人、元/月',
  'large-sites': '单位：人、个',
  checks: '',
}

function table(ctx: Ctx, kind: ReportKind, columns: ReportColumn[], rows: ReportRow[], paper: ReportTable['paper'], notice?: Label): ReportTable {
  const settings = ctx.plan.settings.settings()
  const provinceName = ctx.plan.regions.get(settings.province_code)?.name ?? ''
  return {
    kind,
    header: reportHeader(settings, ctx.scope.scope, provinceName, UNIT_LINES[kind]),
    name: REPORT_TITLES[kind],
    columns,
    rows,
    paper,
    ...(notice ? { notice } : {}),
  }
}

const leafLabel = (ctx: Ctx): Label => (leafLevel(ctx) === 'site' ? { zh: '安置点', en: 'Site' } : { zh: '地区', en: 'Region' })

function headlineTable(ctx: Ctx): ReportTable {
  const bandGroup: Label = { zh: '按安置规模分安置点个数', en: 'Sites by size' }
  const columns: ReportColumn[] = [
    seqCol(),
    regionCol(leafLabel(ctx)),
    col('sites', { zh: '安置点个数', en: 'Sites' }, 'int', { unit: GE, width: 8 }),
    fieldCol('planned_households'),
    fieldCol('planned_people'),
    fieldCol('poor_households'),
    fieldCol('poor_people'),
    fieldCol('moved_people', { group: { zh: '已搬迁入住', en: 'Moved in' } }),
    col('moved_rate', { zh: '入住率', en: 'Moved-in rate' }, 'percent', { group: { zh: '已搬迁入住', en: 'Moved in' }, unit: PCT, total: 'ratio', ratio: ['moved_people', 'planned_people'], width: 8 }),
    ...BANDS.map((b, i) => col(`band${i}_sites`, b.label, 'int', { group: bandGroup, width: 8 })),
    fieldCol('housing_units'),
    fieldCol('floor_area_m2'),
    fieldCol('investment_wan'),
    fieldCol('investment_done_wan'),
  ]
  const agg = byKey(leafLevel(ctx) === 'site' ? ctx.repo.sitesBySite(ctx.region) : ctx.counties)
  const leaves = regionLeaves(ctx, (k) => {
    const a = agg.get(k)
    return { ...siteValues(a), moved_rate: a ? ratio(a.moved_people, a.planned_people) : null }
  })
  return table(ctx, 'headline', columns, regionTotals(ctx, leaves, columns), { size: 'A4', landscape: true })
}

function registerTable(ctx: Ctx): ReportTable {
  // widths weighted so a site name (up to ~15 characters) stays on one line on A4 landscape
  const count = (key: string): ReportColumn => fieldCol(key, { width: 8 })
  // a county column names each site's county; 序号 counts a county's sites from 1, as county returns do
  const columns: ReportColumn[] = [
    col('seq', { zh: '序号', en: 'No.' }, 'int', { width: 5, total: 'none' }),
    fieldCol('county', { width: 9 }),
    fieldCol('name', { width: 24 }),
    fieldCol('township', { width: 10 }),
    fieldCol('mode', { width: 11 }),
    count('planned_households'),
    count('planned_people'),
    count('poor_households'),
    count('poor_people'),
    count('moved_households'),
    count('moved_people'),
    count('housing_units'),
    fieldCol('floor_area_m2', { width: 10 }),
    fieldCol('investment_wan', { width: 10 }),
    fieldCol('investment_done_wan', { width: 10 }),
    fieldCol('status', { width: 8 }),
    fieldCol('move_in_date', { width: 10 }),
  ]
  const level = ctx.scope.scope.level
  const sites = ctx.repo.registerSites(ctx.region)
  const leaves: LeafRow[] = sites.map((s) => {
    const county: GroupRef = { code: s.county_code, name: ctx.scope.name(s.county_code) }
    const path = level === 1 ? [...ctx.scope.groupPath(s.county_code), county] : level === 2 ? [county] : []
    const { id, county_code: _c, code: _code, ...rest } = s
    return { path, siteId: id, cells: { county: county.name, ...rest } }
  })
  // SQL orders sites by county code, and a county's groups (prefecture, province) follow from its code,
  // so every group's sites are already contiguous
  const depth = leaves[0]?.path.length ?? 0
  const rows = withTotals(leaves, columns, {
    labelKey: 'name',
    seqKey: 'seq',
    seqPerGroup: true,
    groupLabel: (g, d) => `${g.name}${d === depth - 1 ? '小计' : '合计'}`,
    grand: { label: ctx.scope.multiProvince ? '总计' : level === 1 ? '全省总计' : level === 2 ? `${ctx.scope.scope.name}合计` : '合计', region: ctx.region },
  })
  return table(ctx, 'register', columns, rows, { size: 'A3', landscape: true })
}

const CATEGORY_KEYS = FACILITY_CATEGORIES.map((_c, i) => `c${i}`)

function facilitiesTable(ctx: Ctx): ReportTable {
  const columns: ReportColumn[] = [seqCol(), regionCol(leafLabel(ctx))]
  const groups: { key: string; label: Label }[] = [
    ...FACILITY_CATEGORIES.map((c, i) => ({ key: CATEGORY_KEYS[i]!, label: { zh: c.value, en: c.en } })),
    { key: 'all', label: { zh: '合计', en: 'All' } },
  ]
  for (const g of groups) {
    const group: Label = g.label
    columns.push(
      col(`${g.key}_planned`, { zh: '应配建', en: 'Planned' }, 'int', { group, width: 8 }),
      col(`${g.key}_built`, { zh: '已建成', en: 'Built' }, 'int', { group, width: 8 }),
      col(`${g.key}_building`, { zh: '在建', en: 'Building' }, 'int', { group, width: 7 }),
      col(`${g.key}_rate`, { zh: '完成率', en: 'Rate' }, 'percent', { group, unit: PCT, total: 'ratio', ratio: [`${g.key}_built`, `${g.key}_planned`], width: 8 }),
    )
  }
  const byLeaf = facilityCounts(ctx)
  const leaves = regionLeaves(ctx, (k) => {
    const cells: Record<string, FieldValue> = {}
    const cats = byLeaf.get(k)
    const figures = cats ? categoryFigures([cats]) : []
    let planned = 0
    let built = 0
    let building = 0
    for (const f of figures) {
      planned += f.planned
      built += f.built
      building += f.building
      const i = FACILITY_CATEGORIES.findIndex((c) => c.value === f.category)
      if (i < 0) continue
      const key = CATEGORY_KEYS[i]!
      cells[`${key}_planned`] = f.planned
      cells[`${key}_built`] = f.built
      cells[`${key}_building`] = f.building
      cells[`${key}_rate`] = f.rate
    }
    cells['all_planned'] = planned
    cells['all_built'] = built
    cells['all_building'] = building
    cells['all_rate'] = ratio(built, planned)
    return cells
  })
  return table(ctx, 'facilities', columns, regionTotals(ctx, leaves, columns), { size: 'A4', landscape: true })
}

function employmentTable(ctx: Ctx): ReportTable {
  const columns: ReportColumn[] = [
    seqCol(),
    regionCol(leafLabel(ctx)),
    col('sites', { zh: '安置点个数', en: 'Sites' }, 'int', { unit: GE, width: 8 }),
    fieldCol('moved_people', { useShort: false }),
    fieldCol('labor_force'),
    fieldCol('employed'),
    col('employment_rate', { zh: '就业率', en: 'Employment rate' }, 'percent', { unit: PCT, total: 'ratio', ratio: ['employed', 'labor_force'], width: 8 }),
    fieldCol('labor_households'),
    fieldCol('zero_employment_households'),
    col('sites_zero_employment', { zh: '有零就业家庭的安置点', en: 'Sites with zero-employment households' }, 'int', { unit: GE, width: 10 }),
  ]
  const agg = byKey(leafLevel(ctx) === 'site' ? ctx.repo.sitesBySite(ctx.region) : ctx.counties)
  const leaves = regionLeaves(ctx, (k) => {
    const a = agg.get(k)
    return { ...siteValues(a), employment_rate: a ? ratio(a.employed, a.labor_force) : null }
  })
  return table(ctx, 'employment', columns, regionTotals(ctx, leaves, columns), { size: 'A4', landscape: true })
}

function workshopsTable(ctx: Ctx): ReportTable {
  const jobs: Label = { zh: '吸纳就业人数', en: 'Jobs' }
  const columns: ReportColumn[] = [
    seqCol(),
    regionCol(leafLabel(ctx)),
    col('workshops', { zh: '车间个数', en: 'Workshops' }, 'int', { group: { zh: '扶贫车间', en: 'Workshops' }, unit: GE, width: 8 }),
    col('operating', { zh: '其中：正常运营', en: 'Of which operating' }, 'int', { group: { zh: '扶贫车间', en: 'Workshops' }, unit: GE, width: 9 }),
    col('jobs', { zh: '合计', en: 'Total' }, 'int', { group: jobs, unit: PP, width: 8 }),
    col('poor_workers', { zh: '其中：脱贫人口', en: 'Formerly poor' }, 'int', { group: jobs, unit: PP, width: 9 }),
    col('relocated_workers', { zh: '其中：搬迁群众', en: 'Relocated' }, 'int', { group: jobs, unit: PP, width: 9 }),
    col('designed_jobs', { zh: '设计岗位数', en: 'Designed jobs' }, 'int', { unit: GE, width: 8 }),
    col('avg_wage', { zh: '月均工资', en: 'Average wage' }, 'decimal', { unit: { zh: '元', en: 'yuan' }, decimals: 0, total: 'ratio', ratio: ['wage_bill', 'wage_jobs'], width: 9 }),
  ]
  const agg = byKey<WorkshopAgg>(leafLevel(ctx) === 'site' ? ctx.repo.workshopsBySite(ctx.region) : ctx.repo.workshopsByCounty(ctx.region))
  const leaves = regionLeaves(ctx, (k) => {
    const a = agg.get(k)
    if (!a) return { workshops: 0, operating: 0, jobs: 0, poor_workers: 0, relocated_workers: 0, designed_jobs: 0, wage_bill: 0, wage_jobs: 0, avg_wage: null }
    const { key: _k, ...rest } = a
    return { ...rest, avg_wage: ratio(a.wage_bill, a.wage_jobs) }
  })
  return table(ctx, 'workshops', columns, regionTotals(ctx, leaves, columns), { size: 'A4', landscape: true })
}

function largeSitesTable(ctx: Ctx): ReportTable {
  const settings = ctx.plan.settings.settings()
  const columns: ReportColumn[] = [
    seqCol(),
    col('prefecture', { zh: '市（州）', en: 'Prefecture' }, 'text', { width: 14 }),
    col('county', { zh: '县（市、区）', en: 'County' }, 'text', { width: 12 }),
    fieldCol('name', { width: 22 }),
    fieldCol('planned_people', { useShort: false }),
    col('band', { zh: '规模档次', en: 'Size band' }, 'text', { width: 12 }),
    col('policy', { zh: '一区一策', en: 'Site-specific plan' }, 'text', { width: 9 }),
    col('centre', { zh: '社区综合服务中心', en: 'Community service centre' }, 'text', { group: { zh: '后续扶持', en: 'Follow-up support' }, width: 10 }),
    col('workshops', { zh: '扶贫车间', en: 'Workshops' }, 'int', { group: { zh: '后续扶持', en: 'Follow-up support' }, unit: GE, width: 8 }),
    col('stations', { zh: '就业服务站', en: 'Employment stations' }, 'int', { group: { zh: '后续扶持', en: 'Follow-up support' }, unit: GE, width: 8 }),
    col('health', { zh: '卫生室/卫生院', en: 'Clinics' }, 'int', { group: { zh: '后续扶持', en: 'Follow-up support' }, unit: GE, width: 8 }),
    col('gaps', { zh: '缺项', en: 'Missing' }, 'text', { width: 18 }),
  ]
  const sites = ctx.repo.largeSites(ctx.region, settings.large_site_people)
  const centreText = (c: number | null): string => (c === 3 ? '已建成' : c === 2 ? '在建' : c === 1 ? '未开工' : '无')
  const leaves: LeafRow[] = sites.map((s) => {
    const huge = s.planned_people >= settings.huge_site_people
    const band = s.planned_people >= 10000 ? BANDS[3]! : s.planned_people >= 3000 ? BANDS[2]! : s.planned_people >= 800 ? BANDS[1]! : BANDS[0]!
    const gaps: string[] = []
    if (huge && s.one_district_one_policy !== 1) gaps.push('一区一策')
    if (s.centre === null) gaps.push('社区服务中心')
    if (s.workshops + s.stations === 0) gaps.push('就业帮扶')
    if (s.health === 0) gaps.push('卫生设施')
    const parentPath = ctx.scope.scope.level === 1 ? ctx.scope.groupPath(s.county_code) : []
    const prefecture = parentPath[parentPath.length - 1]?.name ?? (ctx.plan.regions.chain(s.county_code).find((r) => r.level === 2)?.name ?? '')
    return {
      path: [],
      siteId: s.id,
      cells: {
        prefecture,
        county: ctx.scope.name(s.county_code),
        name: s.name,
        planned_people: s.planned_people,
        band: band.label.zh,
        policy: huge ? (s.one_district_one_policy === 1 ? '已制定' : '未制定') : '—',
        centre: centreText(s.centre),
        workshops: s.workshops,
        stations: s.stations,
        health: s.health,
        gaps: gaps.join('、'),
      },
    }
  })
  const rows = withTotals(leaves, columns, { labelKey: 'prefecture', seqKey: 'seq', groupLabel: (g) => g.name, grand: { label: '合计', region: ctx.region } })
  return table(ctx, 'large-sites', columns, rows, { size: 'A4', landscape: true })
}

const SEVERITY_TEXT: Record<CheckSeverity, string> = { error: '错误', warning: '警告', info: '提示' }

const siteLabel = (key: string): Label => fieldOf('site', key)!.label

function checksTable(ctx: Ctx): ReportTable {
  const columns: ReportColumn[] = [
    seqCol(),
    // the site's county, code and name under the dictionary's labels
    col('county', siteLabel('county'), 'text', { width: 10 }),
    col('site_code', siteLabel('code'), 'text', { width: 10 }),
    col('site', siteLabel('name'), 'text', { width: 18 }),
    col('entity', { zh: '对象', en: 'Entity' }, 'text', { width: 7 }),
    col('row_name', { zh: '设施或车间名称', en: 'Facility or workshop' }, 'text', { width: 16 }),
    col('severity', { zh: '级别', en: 'Severity' }, 'text', { width: 5 }),
    col('rule', { zh: '检查规则', en: 'Rule' }, 'text', { width: 20 }),
    col('message', { zh: '问题说明', en: 'Problem' }, 'text', { width: 36 }),
  ]
  const source = checkSource()
  if (!source) {
    return table(ctx, 'checks', columns, [], { size: 'A4', landscape: true }, { zh: '检查引擎尚未接入，暂无法列出问题清单', en: 'The check engine is not installed yet; violations cannot be listed' })
  }
  const violations = source.openViolations(ctx.plan, { region: ctx.region })
  const sites = ctx.repo.siteNames([...new Set(violations.map((v) => v.siteId).filter((x): x is number => x !== null))])
  // a facility's or workshop's own name, so a row of the list can be found without the app
  const rowNames = new Map((['facility', 'workshop'] as const).map((e) => [e, ctx.repo.rowNames(e, [...new Set(violations.filter((v) => v.entity === e).map((v) => v.rowId))])]))
  const entityText = { site: '安置点', facility: '配套设施', workshop: '扶贫车间' } as const
  const order: Record<CheckSeverity, number> = { error: 0, warning: 1, info: 2 }
  const rows: ReportRow[] = violations
    .map((v) => ({ v, s: v.siteId === null ? undefined : sites.get(v.siteId) }))
    .sort((a, b) => order[a.v.severity] - order[b.v.severity] || cmp(a.s?.county_code ?? '', b.s?.county_code ?? '') || a.v.rowId - b.v.rowId)
    .map(({ v, s }, i) => ({
      kind: 'detail' as const,
      ...(s ? { region: s.county_code } : {}),
      ...(v.siteId !== null ? { siteId: v.siteId } : {}),
      ref: { entity: v.entity, id: v.rowId, ...(v.field ? { field: v.field } : {}) },
      cells: {
        seq: i + 1,
        county: s ? ctx.scope.name(s.county_code) : '',
        site_code: s?.code ?? '',
        site: s?.name ?? '',
        entity: entityText[v.entity],
        row_name: v.entity === 'site' ? '' : (rowNames.get(v.entity)?.get(v.rowId) ?? `#${v.rowId}`),
        severity: SEVERITY_TEXT[v.severity],
        rule: v.rule.zh,
        message: v.message.zh,
      },
    }))
  return table(ctx, 'checks', columns, rows, { size: 'A4', landscape: true })
}

export function reportTable(plan: Plan, kind: ReportKind, region: string | null | undefined): ReportTable {
  const ctx = context(plan, region)
  switch (kind) {
    case 'headline':
      return headlineTable(ctx)
    case 'register':
      return registerTable(ctx)
    case 'facilities':
      return facilitiesTable(ctx)
    case 'employment':
      return employmentTable(ctx)
    case 'workshops':
      return workshopsTable(ctx)
    case 'large-sites':
      return largeSitesTable(ctx)
    case 'checks':
      return checksTable(ctx)
  }
}
