/**
 * Where a summary stands in the region tree: the scope (the whole plan, a province, a prefecture or a
 * county), and for every county the group path it rolls up through (province → prefecture). Lookups go
 * through the region repository's in-memory index so 1,400 counties cost nothing.
 */
import { regionLevelOf } from '../../../shared/regions.ts'
import type { Plan } from '../plan.ts'
import type { RegionRecord } from '../repositories/region-repository.ts'

export interface GroupRef {
  code: string
  name: string
}

export interface Scope {
  /** the region code asked for, or null for the whole plan */
  region: string | null
  /** the code the scope stands for (the plan's province for the whole plan) */
  code: string
  name: string
  /** the full name for titles: 贵州省黔南布依族苗族自治州 */
  fullName: string
  level: 1 | 2 | 3
}

/** Counties directly under a province (no prefecture) roll up into this group. */
export const DIRECT_GROUP_NAME = '省直辖县级行政区划'

const recordsByPlan = new WeakMap<Plan, Map<string, RegionRecord>>()

/** Every region of the plan by code, read once per open plan (the region tables do not change while it is open). */
export function regionRecords(plan: Plan): Map<string, RegionRecord> {
  let m = recordsByPlan.get(plan)
  if (!m) recordsByPlan.set(plan, (m = new Map(plan.regions.all().map((r) => [r.code, r]))))
  return m
}

export class RegionScope {
  readonly scope: Scope
  private readonly records: Map<string, RegionRecord>
  private readonly pathCache = new Map<string, GroupRef[]>()
  /** the whole plan spans several provinces (the national plans of the benchmarks) */
  readonly multiProvince: boolean

  constructor(plan: Plan, region: string | null | undefined, countyCodes: Iterable<string>) {
    this.records = regionRecords(plan)
    const provinceCode = plan.settings.settings().province_code
    const code = region ?? provinceCode
    const rec = this.records.get(code)
    const chain: RegionRecord[] = []
    for (let r = rec; r; r = r.parentCode ? this.records.get(r.parentCode) : undefined) chain.unshift(r)
    this.scope = {
      region: region ?? null,
      code,
      name: rec?.name ?? code,
      fullName: chain.map((r) => r.name).join('') || code,
      level: regionLevelOf(code),
    }
    const provinces = new Set<string>()
    if (!region) for (const c of countyCodes) provinces.add(c.slice(0, 2))
    this.multiProvince = provinces.size > 1
  }

  name(code: string): string {
    return this.records.get(code)?.name ?? code
  }

  /** The groups a county rolls up through under this scope, outermost first (the county itself not included). */
  groupPath(countyCode: string): GroupRef[] {
    const cached = this.pathCache.get(countyCode)
    if (cached) return cached
    const path: GroupRef[] = []
    const county = this.records.get(countyCode)
    const provinceCode = `${countyCode.slice(0, 2)}0000`
    if (this.scope.level === 1) {
      if (this.multiProvince) path.push({ code: provinceCode, name: this.name(provinceCode) })
      const parent = county?.parentCode ? this.records.get(county.parentCode) : undefined
      if (parent && parent.level === 2) path.push({ code: parent.code, name: parent.name })
      else path.push({ code: provinceCode, name: DIRECT_GROUP_NAME })
    }
    this.pathCache.set(countyCode, path)
    return path
  }

  /** The child of the scope a county belongs to (province of a national plan, prefecture of a province, the county itself under a prefecture). */
  childOf(countyCode: string): GroupRef {
    if (this.scope.level === 1) {
      const path = this.groupPath(countyCode)
      return path[0]!
    }
    return { code: countyCode, name: this.name(countyCode) }
  }
}
