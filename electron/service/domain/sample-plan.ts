/**
 * Deterministic plan generator: the embedded sample (a Guizhou-like province, ~950 sites) and the
 * national-scale plans the benchmarks use. Sizes are heavy-tailed and the fields keep the relations
 * of domain.md (people ≈ 3.6 × households, labour ≈ half, employed ≤ labour, moved ≤ planned).
 * Rows are written straight through the repositories: creating a plan is not an undo step.
 */
import { FACILITY_TYPES } from '../../../shared/dictionary/index.ts'
import type { RowValues } from '../../../shared/dictionary/types.ts'
import { Plan } from '../plan.ts'

/** mulberry32: a small seeded PRNG so every run makes the same plan */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface GenerateOptions {
  provinceCode?: string
  /** provinces to spread sites over (default: the plan's province) */
  provinceCodes?: string[]
  sites?: number
  seed?: number
  /** facilities per site on average is about 12 at national scale; scale it (1 = standard sets) */
  withFacilities?: boolean
  withWorkshops?: boolean
  /**
   * National-scale density: the average number of facilities per site to reach (the standard sets
   * give about 10; extra facilities — second phases and further types — make up the rest). Without
   * it only the standard sets are generated, as in the sample plan.
   */
  facilitiesPerSite?: number
  /** the average number of workshops per site to reach (≈0.97 nationally: ~34,000 for 35,000 sites) */
  workshopsPerSite?: number
}

const SUFFIXES = ['幸福社区', '安居小区', '新区', '移民新村', '锦绣社区', '阳光小区', '和谐社区', '兴隆安置区', '丰收社区', '希望家园', '康居社区', '惠民小区', '同心社区', '易地扶贫搬迁安置点', '乐业社区', '福泽社区']
const PLACES = ['城南', '城北', '东门', '西城', '河滨', '龙泉', '青山', '碧水', '凤凰', '金竹', '白岩', '石桥', '花溪', '新寨', '坪上', '湾头', '大坝', '官庄', '马场', '茶园']
const TOWN_SUFFIX = ['镇', '乡', '街道']
const INDUSTRIES = ['服装加工', '电子元件组装', '农产品加工', '民族刺绣手工艺', '食品加工', '鞋帽加工', '箱包加工', '竹编', '茶叶加工', '中药材加工']
const WORKSHOP_TYPES = ['厂房式', '居家式', '种养式', '贸易流通式', '文化旅游式']
const FUNDS = ['中央预算内投资', '地方政府债券', '专项建设基金', '整合涉农资金', '东西部协作资金']

const pad = (n: number): string => String(n).padStart(2, '0')
function addMonths(y: number, m: number, add: number): [number, number] {
  const t = y * 12 + (m - 1) + add
  return [Math.floor(t / 12), (t % 12) + 1]
}
const ym = ([y, m]: [number, number]): string => `${y}-${pad(m)}`
const ymd = ([y, m]: [number, number], d: number): string => `${y}-${pad(m)}-${pad(Math.min(d, 28))}`

/** Which facility types a site of this size gets in the generated data (the standard-set idea of issue 6). */
function facilityTypesFor(people: number, rnd: () => number): string[] {
  const types = ['道路', '供水', '供电', '通信网络', '排水及污水处理', '环卫设施', '卫生室/卫生院']
  if (people >= 300) types.push('文化活动场所', '超市/便民店')
  if (people >= 800) types.push('社区综合服务中心', '就业服务站', '幼儿园', '警务室', '快递服务站')
  if (people >= 3000) types.push('小学', '养老服务设施', '体育健身设施', '农贸市场', '银行服务网点', '综合信息服务站')
  if (people >= 10000) types.push('初中', '邮政', '燃气')
  if (rnd() < 0.15 && people < 800) types.push('就业服务站')
  return types
}

function drawPeople(rnd: () => number): number {
  // heavy tail: lognormal body, a rare very large site
  const u = Math.max(1e-9, rnd())
  const v = rnd()
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  let people = Math.round(Math.exp(5.9 + 1.25 * normal))
  if (rnd() < 0.004) people = 10000 + Math.round(rnd() * 25000)
  return Math.max(30, Math.min(40000, people))
}

/** Fill an empty plan with generated sites, facilities and workshops. */
export function fillPlan(plan: Plan, opts: GenerateOptions = {}): void {
  const rnd = seededRandom(opts.seed ?? 20201231)
  const provinces = opts.provinceCodes ?? [plan.settings.settings().province_code]
  const counties = provinces.flatMap((p) => plan.regions.counties(p))
  if (counties.length === 0) throw new Error('no counties for the sample plan')
  const total = opts.sites ?? 950
  const typeDef = new Map(FACILITY_TYPES.map((t) => [t.value, t]))
  const seqByCounty = new Map<string, number>()
  const repos = plan.repos
  // extras for national density draw from their own sequence, so the standard plan is unchanged
  const extraRnd = seededRandom((opts.seed ?? 20201231) ^ 0x5eed)
  const allTypes = FACILITY_TYPES.map((t) => t.value)
  let facilitiesSoFar = 0
  let workshopsSoFar = 0
  plan.db.transaction(() => {
    for (let i = 0; i < total; i++) {
      const county = counties[Math.floor(rnd() * counties.length)]!
      const chain = plan.regions.chain(county.code)
      const anchor = [...chain].reverse().find((r) => r.lat !== null && r.lon !== null)
      const baseLat = anchor?.lat ?? 26.6
      const baseLon = anchor?.lon ?? 106.7
      // a county-stable offset from its prefecture centre, then a small spread within the county
      const cseed = Number(county.code) % 997
      const clat = baseLat + (((cseed * 37) % 100) / 100 - 0.5) * 0.8
      const clon = baseLon + (((cseed * 61) % 100) / 100 - 0.5) * 0.9
      const seq = (seqByCounty.get(county.code) ?? 0) + 1
      seqByCounty.set(county.code, seq)
      const people = i === 0 ? 24000 : drawPeople(rnd)
      const perHousehold = 3.2 + rnd() * 1.0
      const households = Math.max(1, Math.round(people / perHousehold))
      const poorShare = 0.82 + rnd() * 0.18
      const poorPeople = Math.round(people * poorShare)
      const poorHouseholds = Math.min(households, Math.round(households * poorShare))
      const startY = 2016 + Math.floor(rnd() * 3)
      const start: [number, number] = [startY, 1 + Math.floor(rnd() * 12)]
      const completion = addMonths(start[0], start[1], 10 + Math.floor(rnd() * 16))
      const moveIn = addMonths(completion[0], completion[1], 1 + Math.floor(rnd() * 4))
      const movedAll = moveIn[0] * 12 + moveIn[1] <= 2020 * 12 + 12 && rnd() > 0.05
      const movedPeople = movedAll ? people : Math.round(people * rnd() * 0.8)
      const labour = Math.round(people * (0.45 + rnd() * 0.1))
      const employed = Math.min(labour, Math.round(labour * (0.86 + rnd() * 0.12)))
      const labourHouseholds = Math.round(households * (0.85 + rnd() * 0.12))
      const zero = rnd() < 0.8 ? 0 : Math.floor(rnd() * 4)
      const area = poorPeople * (rnd() < 0.02 ? 25.5 + rnd() * 3 : 19 + rnd() * 5.8)
      const invest = people * (5.2 + rnd() * 1.6)
      const town = `${PLACES[Math.floor(rnd() * PLACES.length)]}${TOWN_SUFFIX[Math.floor(rnd() * 3)]}`
      const urban = people >= 800 ? rnd() < 0.9 : rnd() < 0.3
      const site: RowValues = {
        code: `${county.code}-${String(seq).padStart(3, '0')}`,
        name: people >= 10000 ? `${county.name.replace(/(自治县|县|市|区|特区)$/, '')}${SUFFIXES[2]}` : `${PLACES[Math.floor(rnd() * PLACES.length)]}${SUFFIXES[Math.floor(rnd() * SUFFIXES.length)]}`,
        county_code: county.code,
        county: county.name,
        township: town,
        mode: urban ? '城镇集中安置' : '农村集中安置',
        planned_households: households,
        planned_people: people,
        poor_households: poorHouseholds,
        poor_people: poorPeople,
        moved_households: movedAll ? households : Math.round((households * movedPeople) / people),
        moved_people: movedPeople,
        minority_people: Math.round(people * rnd() * 0.7),
        labor_force: labour,
        employed,
        labor_households: labourHouseholds,
        zero_employment_households: zero,
        housing_units: households,
        floor_area_m2: Math.round(area * 100) / 100,
        investment_wan: Math.round(invest * 100) / 100,
        investment_done_wan: Math.round(invest * (0.85 + rnd() * 0.15) * 100) / 100,
        start_date: ym(start),
        completion_date: ym(completion),
        move_in_date: movedAll ? ymd(moveIn, 1 + Math.floor(rnd() * 28)) : null,
        status: movedAll ? '已入住' : rnd() < 0.5 ? '已竣工' : '主体完工',
        lat: Math.round((clat + (rnd() - 0.5) * 0.12) * 1e6) / 1e6,
        lon: Math.round((clon + (rnd() - 0.5) * 0.12) * 1e6) / 1e6,
        one_district_one_policy: people >= 10000 ? rnd() < 0.9 : false,
        notes: null,
      }
      const siteId = repos.site.insert(site)
      if (opts.withFacilities !== false) {
        const types = facilityTypesFor(people, rnd)
        if (opts.facilitiesPerSite !== undefined) {
          // top up towards the target average: further types first, then second phases
          const want = Math.round(opts.facilitiesPerSite * (i + 1) - facilitiesSoFar - types.length + (extraRnd() - 0.5) * 4)
          const missing = allTypes.filter((t) => !types.includes(t))
          for (let k = 0; k < want; k++) types.push(k < missing.length ? missing[Math.floor(extraRnd() * missing.length)]! : types[Math.floor(extraRnd() * types.length)]!)
        }
        facilitiesSoFar += types.length
        const seen = new Set<string>()
        for (const type of types) {
          const phase = seen.has(type) ? '（二期）' : ''
          seen.add(type)
          const def = typeDef.get(type)!
          const pStart = addMonths(start[0], start[1], Math.floor(rnd() * 6))
          const pEnd = addMonths(pStart[0], pStart[1], 4 + Math.floor(rnd() * 10))
          const late = rnd() < 0.04
          const done = movedAll && !late ? true : rnd() < 0.6
          const aStart = addMonths(pStart[0], pStart[1], Math.floor(rnd() * 3))
          const aEnd = late ? addMonths(moveIn[0], moveIn[1], 1 + Math.floor(rnd() * 6)) : addMonths(pEnd[0], pEnd[1], Math.floor(rnd() * 2))
          const shared = rnd() < 0.08
          repos.facility.insert({
            site_id: siteId,
            name: `${site['name'] as string}${type.replace('/', '')}${phase}`,
            category: def.category,
            type,
            nature: shared ? '共享周边' : rnd() < 0.8 ? '新建' : '改扩建',
            scale: def.unit === '公里' ? Math.round((0.5 + rnd() * 4) * 100) / 100 : def.unit === '平方米' ? Math.round(200 + people * 0.3) : def.unit === '床位' ? Math.max(10, Math.round(people / 100)) : 1,
            scale_unit: def.unit,
            planned_investment_wan: Math.round((20 + rnd() * people * 0.15) * 100) / 100,
            fund_source: FUNDS[Math.floor(rnd() * FUNDS.length)]!,
            planned_start: ym(pStart),
            planned_end: ym(pEnd),
            actual_start: ym(aStart),
            actual_end: done ? ym(aEnd) : null,
            status: done ? (rnd() < 0.7 ? '已交付使用' : '已完工') : '在建',
            responsible_unit: `${county.name}${def.category === '基础设施' ? '住建局' : def.category === '公共服务设施' ? '教育局' : '商务局'}`,
            notes: null,
          })
        }
      }
      if (opts.withWorkshops !== false) {
        let n = people >= 3000 ? 2 + Math.floor(rnd() * 3) : people >= 800 ? 1 + Math.floor(rnd() * 2) : rnd() < 0.45 ? 1 : 0
        if (opts.workshopsPerSite !== undefined && workshopsSoFar + n < opts.workshopsPerSite * (i + 1) - extraRnd()) n++
        workshopsSoFar += n
        for (let w = 0; w < n; w++) {
          const jobs = 8 + Math.floor(rnd() * 80)
          const poor = rnd() < 0.06 ? Math.floor(rnd() * 5) : Math.min(jobs, 5 + Math.floor(rnd() * jobs * 0.6))
          const relocated = Math.min(jobs, Math.round(jobs * (0.4 + rnd() * 0.5)))
          const dist = Math.round(rnd() * rnd() * 12 * 100) / 100
          const angle = rnd() * Math.PI * 2
          repos.workshop.insert({
            name: `${site['name'] as string}${INDUSTRIES[Math.floor(rnd() * INDUSTRIES.length)]!.slice(0, 2)}车间${w > 0 ? w + 1 : ''}`,
            operator: `${county.name.slice(0, 2)}${['鑫源', '黔丰', '佳润', '华兴', '宏达', '富民'][Math.floor(rnd() * 6)]}有限公司`,
            site_id: siteId,
            township: town,
            distance_km: dist,
            lat: Math.round(((site['lat'] as number) + (Math.sin(angle) * dist) / 111) * 1e6) / 1e6,
            lon: Math.round(((site['lon'] as number) + (Math.cos(angle) * dist) / 100) * 1e6) / 1e6,
            workshop_type: WORKSHOP_TYPES[Math.floor(rnd() * WORKSHOP_TYPES.length)]!,
            industry: INDUSTRIES[Math.floor(rnd() * INDUSTRIES.length)]!,
            jobs,
            poor_workers: poor,
            relocated_workers: relocated,
            designed_jobs: jobs + Math.floor(rnd() * 30),
            avg_wage: rnd() < 0.05 ? 1200 + Math.floor(rnd() * 300) : 1700 + Math.floor(rnd() * 1500),
            contracts: Math.round(jobs * (0.6 + rnd() * 0.4)),
            recognized_date: ym(addMonths(moveIn[0], moveIn[1], Math.floor(rnd() * 12))),
            op_status: rnd() < 0.9 ? '正常' : rnd() < 0.7 ? '停产' : '注销',
            notes: null,
          })
        }
      }
    }
  })()
}

/** Create the sample plan file: a Guizhou-like province with ~950 sites. */
export function generateSamplePlan(path: string, opts: GenerateOptions = {}): Plan {
  const plan = Plan.create(path, opts.provinceCode ?? '520000')
  plan.settings.saveSettings({
    ...plan.settings.settings(),
    as_of_date: '2020-12-31',
    compiling_unit: `${plan.regions.get(opts.provinceCode ?? '520000')?.name ?? ''}发展和改革委员会`,
    preparer: '王晓燕',
    reviewer: '李建国',
  })
  fillPlan(plan, opts)
  return plan
}
