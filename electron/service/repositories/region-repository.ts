/**
 * Administrative regions (province → prefecture → county) and the county resolver.
 *
 * Why it exists: every site, facility and workshop hangs off a GB/T 2260 county code, but county returns
 * write counties every which way: old codes and names from before a county was upgraded (盘县 520222,
 * 会理县 513425), codes that Excel turned into numbers ("520222.0"), short names (威宁, 黔东南州, 凉山),
 * 县 and 市 swapped, 自治县 names with or without their ethnic part. This module seeds a plan with the
 * reference list (resources/regions.json, made by scripts/gen-regions.mjs) and turns such text into the
 * current county code. An import resolves every row (35,000 at national scale), so the name indexes are
 * built once per repository and a resolve is a few map lookups. A short name that fits counties in
 * different places is never guessed: it resolves only when `within` narrows it to one.
 *
 * Hierarchy as stored: counties of municipalities, of 省直辖县级 units (仙桃, 济源, Hainan's directly
 * administered counties, Xinjiang's corps cities) and the undivided prefecture-level cities (东莞, 中山,
 * 儋州) have the province as parent; everywhere else a county's parent is its prefecture.
 */
import type Database from 'better-sqlite3'
import regionsData from '../../../resources/regions.json'
import { toHalfWidth } from '../../../shared/values/normalize-text.ts'
import { regionPrefixOf as regionPrefix } from '../../../shared/regions.ts'

export type RegionLevel = 1 | 2 | 3

export interface RegionRecord {
  code: string
  name: string
  level: RegionLevel
  parentCode: string | null
  provinceCode: string
  lat: number | null
  lon: number | null
}

/** An old name and/or old code of a county, and the current county code it became. */
export interface RegionAlias {
  aliasCode: string | null
  aliasName: string | null
  code: string
}

export interface ResolvedCounty {
  code: string
  name: string
}

export interface CountyInText extends ResolvedCounty {
  /** the text that named the county, as it stands in the normalised (half-width, space-free) text */
  matched: string
  /** where it starts in the normalised text */
  index: number
}

export interface ResolveOptions {
  /** prefer counties under this province or prefecture: a code (52, 520000, 5226, 522600) or a name (贵州省, 黔东南州) */
  within?: string
}

// ---------------------------------------------------------------------------------------------------
// Reference data

type RegionTuple = [string, string, RegionLevel, string | null, number | null, number | null]

const isCode = (v: unknown): v is string => typeof v === 'string' && /^\d{6}$/.test(v)
const isNumOrNull = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v))

function isRegionTuple(v: unknown): v is RegionTuple {
  return (
    Array.isArray(v) &&
    v.length === 6 &&
    isCode(v[0]) &&
    typeof v[1] === 'string' &&
    (v[2] === 1 || v[2] === 2 || v[2] === 3) &&
    (v[3] === null || isCode(v[3])) &&
    isNumOrNull(v[4]) &&
    isNumOrNull(v[5])
  )
}

function isAliasTuple(v: unknown): v is [string, string, string] {
  return Array.isArray(v) && v.length === 3 && isCode(v[0]) && typeof v[1] === 'string' && isCode(v[2])
}

export const provinceCodeOf = (code: string): string => `${code.slice(0, 2)}0000`

let parsedReference: { regions: RegionRecord[]; aliases: RegionAlias[] } | undefined

/** The bundled reference list, validated once. */
export function referenceRegions(): { regions: RegionRecord[]; aliases: RegionAlias[] } {
  if (parsedReference) return parsedReference
  const data: unknown = regionsData
  if (typeof data !== 'object' || data === null || !('regions' in data) || !('aliases' in data)) throw new Error('regions.json: missing regions or aliases')
  const { regions, aliases } = data as { regions: unknown; aliases: unknown }
  if (!Array.isArray(regions) || !Array.isArray(aliases)) throw new Error('regions.json: regions and aliases must be arrays')
  const outRegions: RegionRecord[] = regions.map((r, i) => {
    if (!isRegionTuple(r)) throw new Error(`regions.json: malformed region row ${i}`)
    return { code: r[0], name: r[1], level: r[2], parentCode: r[3], provinceCode: provinceCodeOf(r[0]), lat: r[4], lon: r[5] }
  })
  const outAliases: RegionAlias[] = aliases.map((a, i) => {
    if (!isAliasTuple(a)) throw new Error(`regions.json: malformed alias row ${i}`)
    return { aliasCode: a[0], aliasName: a[1], code: a[2] }
  })
  parsedReference = { regions: outRegions, aliases: outAliases }
  return parsedReference
}

// ---------------------------------------------------------------------------------------------------
// Names

/** Ethnic groups as they appear in autonomous-area names, written with 族 after them. */
const ETHNIC_WITH_ZU = [
  '柯尔克孜', '乌孜别克', '维吾尔', '哈萨克', '塔吉克', '塔塔尔', '俄罗斯', '鄂温克', '鄂伦春', '达斡尔', '土家', '布依',
  '仡佬', '傈僳', '拉祜', '纳西', '景颇', '仫佬', '毛南', '撒拉', '布朗', '阿昌', '普米', '德昂', '保安', '裕固', '独龙',
  '赫哲', '门巴', '珞巴', '基诺', '朝鲜', '哈尼', '东乡', '锡伯', '蒙古', '高山', '壮', '回', '满', '苗', '彝', '藏',
  '侗', '瑶', '白', '黎', '傣', '畲', '佤', '水', '羌', '土', '怒', '京', '汉', '各',
]
/** Groups that some names write without 族 (新疆维吾尔自治区, 巴音郭楞蒙古自治州, 塔什库尔干塔吉克自治县). */
const ETHNIC_WITHOUT_ZU = ['柯尔克孜', '维吾尔', '哈萨克', '塔吉克', '鄂伦春', '蒙古', '锡伯']
const TRAILING_ETHNIC = new RegExp(`(?:(?:${ETHNIC_WITH_ZU.join('|')})族|${ETHNIC_WITHOUT_ZU.join('|')})+$`)

/** Longest first: 自治县 before 县. */
const SUFFIXES = ['自治县', '自治旗', '自治州', '自治区', '特区', '林区', '地区', '县', '市', '区', '旗', '州', '盟', '省']

interface NameParts {
  /** the place part: 威宁 for 威宁彝族回族苗族自治县, 黔东南 for 黔东南苗族侗族自治州 */
  stem: string
  /** the kind of unit without 自治: 县, 市, 区, 州, 旗, 特区, 省 … ('' when none) */
  suffix: string
  autonomous: boolean
}

function splitName(name: string): NameParts {
  const full = SUFFIXES.find((s) => name.length > s.length && name.endsWith(s)) ?? ''
  let stem = name.slice(0, name.length - full.length)
  let autonomous = full.startsWith('自治')
  const suffix = autonomous ? full.slice(2) : full
  if (autonomous || stem.includes('族')) {
    const m = TRAILING_ETHNIC.exec(stem)
    if (m) {
      const rest = stem.slice(0, m.index)
      // 东乡族自治县, 鄂温克族自治旗: the group is the place name
      stem = rest.length >= 2 ? rest : stem.replace(/族$/, '')
      autonomous = true
    }
  }
  return { stem, suffix, autonomous }
}

/** Half-width, no spaces or line breaks, no quotes or trailing colons. */
function normalizeName(text: string): string {
  return toHalfWidth(text)
    .replace(/[\s\u200b\ufeff]+/g, '')
    .replace(/^["'“”‘’《]+|["'“”‘’》:;,.。、]+$/g, '')
}

/** The same name with bracketed notes removed: 毕节市(县级) → 毕节市. */
const withoutBrackets = (text: string): string => text.replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')

/** 威宁彝族自治县, 威宁彝族回族苗族县 → 威宁县; other names unchanged. */
function canonicalName(text: string): string {
  if (!text.includes('自治') && !text.includes('族')) return text
  const p = splitName(text)
  return p.stem + p.suffix
}

/** A six-digit code from '520222', '520222.0', '５２０２２２', '520222000000' or '5.20222E+5'; null when the text is not a code. */
export function normalizeRegionCode(text: string | number): string | null {
  if (typeof text === 'number') return Number.isInteger(text) && text >= 100000 && text <= 999999 ? String(text) : null
  const t = toHalfWidth(text).replace(/\s+/g, '')
  let m = /^(\d{6})(?:\.0*)?$/.exec(t)
  if (m?.[1]) return m[1]
  m = /^(\d{6})0{6}$/.exec(t)
  if (m?.[1]) return m[1]
  if (/^\d(?:\.\d+)?e\+?5$/i.test(t)) {
    const n = Number(t)
    if (Number.isInteger(n)) return String(n)
  }
  return null
}

/** The code prefix that selects everything under a region: 52 for 520000, 5226 for 522600, the code itself for a county. */

const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000'])

/** Keys that point at codes, in tiers: an earlier tier wins over a later one. */
type KeyMap = Map<string, string[]>

function addKey(map: KeyMap, key: string, code: string): void {
  if (key.length < 2) return
  const list = map.get(key)
  if (!list) map.set(key, [code])
  else if (!list.includes(code)) list.push(code)
}

/** The short and swapped forms of a county name (tier 3). Empty when the stem is a single character (芒市, 和县). */
function countyVariants(name: string): string[] {
  const { stem, suffix, autonomous } = splitName(name)
  if (stem.length < 2) return []
  const out = [stem, `${stem}县`, `${stem}市`, `${stem}区`]
  if (suffix && !['县', '市', '区'].includes(suffix)) out.push(stem + suffix)
  if (autonomous) out.push(`${stem}自治${suffix || '县'}`)
  return out
}

/** The short forms of a province or prefecture name (黔东南州, 凉山, 贵州, 毕节地区). */
function regionVariants(name: string, level: RegionLevel): string[] {
  const { stem, suffix, autonomous } = splitName(name)
  if (stem.length < 2) return []
  const out = [stem, stem + suffix]
  if (autonomous) out.push(`${stem}自治${suffix}`)
  if (level === 2 && suffix === '市') out.push(`${stem}地区`)
  return out
}

/**
 * The in-memory name indexes of one repository. Built once from the region tables; everything a
 * resolve does is a lookup in here.
 */
export class RegionNameIndex {
  readonly records = new Map<string, RegionRecord>()
  /** current county codes and old codes → current county code */
  readonly countyByCode = new Map<string, string>()
  /** [current full names, old names, short and swapped forms] → county codes */
  readonly countyTiers: [KeyMap, KeyMap, KeyMap] = [new Map(), new Map(), new Map()]
  /** [full names, short forms] → province and prefecture codes (and the county-level units that stand in for a prefecture) */
  readonly regionTiers: [KeyMap, KeyMap] = [new Map(), new Map()]
  /** old county names that are now a prefecture's name (毕节市): used only when the text says 县级 */
  readonly countyLevelAliases: KeyMap = new Map()
  readonly maxCountyKeyLength: number
  readonly maxRegionKeyLength: number

  constructor(records: readonly RegionRecord[], aliases: readonly RegionAlias[]) {
    for (const r of records) this.records.set(r.code, r)
    const [r1, r3] = this.regionTiers
    for (const r of records) {
      if (!this.isRegionLike(r)) continue
      addKey(r1, r.name, r.code)
      for (const k of regionVariants(r.name, r.level)) if (!r1.has(k)) addKey(r3, k, r.code)
    }
    // a county's old or short name that is also some other region's name says nothing certain (毕节市, 遵义)
    const takenByRegion = (key: string, code: string): boolean => {
      const owners = [...(r1.get(key) ?? []), ...(r3.get(key) ?? [])]
      return owners.some((c) => c !== code)
    }
    const [c1, c2, c3] = this.countyTiers
    const counties = records.filter((r) => r.level === 3)
    for (const r of counties) {
      this.countyByCode.set(r.code, r.code)
      addKey(c1, r.name, r.code)
    }
    for (const a of aliases) {
      const target = this.records.get(a.code)
      if (!target || target.level !== 3) continue
      if (a.aliasCode && !this.countyByCode.has(a.aliasCode)) this.countyByCode.set(a.aliasCode, a.code)
      if (a.aliasName) {
        const name = normalizeName(a.aliasName)
        if (c1.has(name)) continue
        if (takenByRegion(name, a.code)) addKey(this.countyLevelAliases, name, a.code)
        else addKey(c2, name, a.code)
        for (const k of countyVariants(name)) if (!c1.has(k) && !c2.has(k) && !takenByRegion(k, a.code)) addKey(c3, k, a.code)
      }
    }
    for (const r of counties) {
      for (const k of countyVariants(r.name)) if (!c1.has(k) && !c2.has(k) && !takenByRegion(k, r.code)) addKey(c3, k, r.code)
    }
    const longest = (maps: KeyMap[]): number => Math.max(0, ...maps.flatMap((m) => [...m.keys()].map((k) => k.length)))
    this.maxCountyKeyLength = longest(this.countyTiers)
    this.maxRegionKeyLength = longest(this.regionTiers)
  }

  /** Provinces, prefectures, and the county-level units directly under a (non-municipality) province, which stand in for a prefecture. */
  isRegionLike(r: RegionRecord): boolean {
    if (r.level !== 3) return true
    return r.parentCode !== null && r.parentCode === r.provinceCode && !MUNICIPALITIES.has(r.provinceCode)
  }

  /** The county for a code (current or old), or undefined. */
  countyForCode(code: string): string | undefined {
    return this.countyByCode.get(code)
  }

  /** The one code the keys point at, tier by tier; under `prefix` if that decides it. null when none or ambiguous. */
  pick(tiers: readonly KeyMap[], keys: readonly string[], prefix: string | null): string | null {
    let fallback: string[] | null = null
    for (const tier of tiers) {
      const found: string[] = []
      for (const k of keys) for (const c of tier.get(k) ?? []) if (!found.includes(c)) found.push(c)
      if (found.length === 0) continue
      if (prefix === null) return found.length === 1 ? (found[0] ?? null) : null
      const inside = found.filter((c) => c.startsWith(prefix))
      if (inside.length === 1) return inside[0] ?? null
      if (inside.length > 1) return null
      fallback ??= found
    }
    return fallback?.length === 1 ? (fallback[0] ?? null) : null
  }

  /** A county for a name (no codes, no compound names). */
  countyForName(name: string, prefix: string | null): string | null {
    const keys = [name]
    const canonical = canonicalName(name)
    if (canonical !== name) keys.push(canonical)
    return this.pick(this.countyTiers, keys, prefix)
  }

  /** A province or prefecture for a name. */
  regionForName(name: string): string | null {
    const keys = [name]
    const canonical = canonicalName(name)
    if (canonical !== name) keys.push(canonical)
    return this.pick(this.regionTiers, keys, null)
  }
}

// ---------------------------------------------------------------------------------------------------
// Repository

interface RegionRow {
  code: string
  name: string
  level: RegionLevel
  parent_code: string | null
  province_code: string
  lat: number | null
  lon: number | null
}

const toRecord = (r: RegionRow): RegionRecord => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parent_code,
  provinceCode: r.province_code,
  lat: r.lat,
  lon: r.lon,
})

const COLUMNS = 'code, name, level, parent_code, province_code, lat, lon'
const CACHE_LIMIT = 50_000

export class RegionRepository {
  private readonly db: Database.Database
  private readonly childrenStmt: Database.Statement<[string], RegionRow>
  private readonly countiesUnderStmt: Database.Statement<[string, string], RegionRow>
  private readonly allCountiesStmt: Database.Statement<[], RegionRow>
  private readonly allStmt: Database.Statement<[], RegionRow>
  private index: RegionNameIndex | undefined
  private readonly cache = new Map<string, ResolvedCounty | null>()

  constructor(db: Database.Database) {
    this.db = db
    this.childrenStmt = db.prepare<[string], RegionRow>(`SELECT ${COLUMNS} FROM region WHERE parent_code = ? ORDER BY code`)
    this.countiesUnderStmt = db.prepare<[string, string], RegionRow>(`SELECT ${COLUMNS} FROM region WHERE level = 3 AND substr(code, 1, length(?)) = ? ORDER BY code`)
    this.allCountiesStmt = db.prepare<[], RegionRow>(`SELECT ${COLUMNS} FROM region WHERE level = 3 ORDER BY code`)
    this.allStmt = db.prepare<[], RegionRow>(`SELECT ${COLUMNS} FROM region ORDER BY code`)
  }

  /** Fill region and region_alias from the bundled reference list (all provinces) when they are empty. Idempotent; one transaction. */
  loadReference(): void {
    const { regions, aliases } = referenceRegions()
    const countRegions = this.db.prepare('SELECT count(*) AS n FROM region').pluck()
    const countAliases = this.db.prepare('SELECT count(*) AS n FROM region_alias').pluck()
    const insertRegion = this.db.prepare(`INSERT INTO region (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    const insertAlias = this.db.prepare('INSERT INTO region_alias (alias_code, alias_name, code) VALUES (?, ?, ?)')
    let changed = false
    this.db.transaction(() => {
      if (countRegions.get() === 0) {
        for (const r of regions) insertRegion.run(r.code, r.name, r.level, r.parentCode, r.provinceCode, r.lat, r.lon)
        changed = true
      }
      if (countAliases.get() === 0) {
        for (const a of aliases) insertAlias.run(a.aliasCode, a.aliasName, a.code)
        changed = true
      }
    })()
    if (changed) this.invalidate()
  }

  /** Forget the name indexes (after the region tables changed). */
  invalidate(): void {
    this.index = undefined
    this.cache.clear()
  }

  all(): RegionRecord[] {
    return this.allStmt.all().map(toRecord)
  }

  /** A region by its current code, from the in-memory index (summaries look up thousands of counties). */
  get(code: string): RegionRecord | undefined {
    return this.nameIndex().records.get(code)
  }

  children(code: string): RegionRecord[] {
    return this.childrenStmt.all(code).map(toRecord)
  }

  /** Counties under a province or prefecture code (520000, 52, 522600, 5226), or all counties. */
  counties(underCode?: string): RegionRecord[] {
    if (underCode === undefined || underCode === '') return this.allCountiesStmt.all().map(toRecord)
    const prefix = regionPrefix(underCode)
    return this.countiesUnderStmt.all(prefix, prefix).map(toRecord)
  }

  /** The name indexes, built on first use from the region tables. */
  nameIndex(): RegionNameIndex {
    if (!this.index) {
      const aliases = this.db
        .prepare<[], { alias_code: string | null; alias_name: string | null; code: string }>('SELECT alias_code, alias_name, code FROM region_alias')
        .all()
        .map((a) => ({ aliasCode: a.alias_code, aliasName: a.alias_name, code: a.code }))
      this.index = new RegionNameIndex(this.all(), aliases)
    }
    return this.index
  }

  /**
   * The current county for a code or a name: current or old code (string or number-like: 513425,
   * '513425', '513425.0'), current, old or short name (盘县, 威宁, 威宁县, 威宁彝族回族苗族自治县, 黔西县 for
   * 黔西市), optionally written after its province and/or prefecture (贵州省毕节市威宁县). `within`
   * (a province or prefecture, code or name) decides between counties of the same short name and is
   * preferred otherwise. null when nothing fits or the name is ambiguous.
   */
  resolveCounty(text: string | number, opts: ResolveOptions = {}): ResolvedCounty | null {
    const cacheKey = `${typeof text}\u0001${text}\u0001${opts.within ?? ''}`
    const cached = this.cache.get(cacheKey)
    if (cached !== undefined) return cached
    const result = this.resolveCountyUncached(text, opts)
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear()
    this.cache.set(cacheKey, result)
    return result
  }

  private resolveCountyUncached(text: string | number, opts: ResolveOptions): ResolvedCounty | null {
    const idx = this.nameIndex()
    const code = normalizeRegionCode(text)
    if (code !== null) return this.countyResult(idx.countyForCode(code))
    if (typeof text === 'number') return null
    const name = normalizeName(text)
    if (name.length < 2) return null
    const prefix = opts.within ? this.withinPrefix(opts.within) : null
    const direct = this.resolveName(idx, name, prefix, 0)
    if (direct) return this.countyResult(direct)
    const bare = withoutBrackets(name)
    if (bare === name || bare.length < 2) return null
    // 毕节市（县级）: the old county-level city, not today's prefecture of the same name
    if (/[(（]县级/.test(name)) {
      const old = idx.pick([idx.countyLevelAliases], [bare], prefix)
      if (old) return this.countyResult(old)
    }
    return this.countyResult(this.resolveName(idx, bare, prefix, 0))
  }

  /** A county name, possibly after a province and/or prefecture name (贵州省毕节市威宁县, 毕节威宁). */
  private resolveName(idx: RegionNameIndex, name: string, prefix: string | null, depth: number): string | null {
    const found = idx.countyForName(name, prefix)
    if (found || depth >= 2) return found
    for (let k = Math.min(name.length - 2, idx.maxRegionKeyLength); k >= 2; k--) {
      const region = idx.regionForName(name.slice(0, k))
      if (!region) continue
      const regionPfx = regionPrefix(region)
      const narrowed = prefix === null || regionPfx.startsWith(prefix) ? regionPfx : prefix.startsWith(regionPfx) ? prefix : regionPfx
      const rest = this.resolveName(idx, name.slice(k), narrowed, depth + 1)
      if (rest && rest.startsWith(regionPfx)) return rest
    }
    return null
  }

  private countyResult(code: string | null | undefined): ResolvedCounty | null {
    if (!code) return null
    const r = this.nameIndex().records.get(code)
    return r ? Object.freeze({ code: r.code, name: r.name }) : null
  }

  /** The code prefix for a `within` given as a code or a name; null when it names nothing. */
  private withinPrefix(within: string): string | null {
    const t = toHalfWidth(within).replace(/\s+/g, '')
    if (/^\d{2}$|^\d{4}$/.test(t)) return t
    const code = normalizeRegionCode(t)
    if (code !== null) return regionPrefix(code)
    const region = this.resolveRegion(t)
    return region ? regionPrefix(region.code) : null
  }

  /** A province or prefecture for a code (52, 5226, 522600) or a name (黔东南州, 凉山州, 凉山, 昭通市, 贵州省, 贵州); null when none or ambiguous. */
  resolveRegion(text: string): RegionRecord | null {
    const idx = this.nameIndex()
    const t = normalizeName(text)
    let code: string | null = null
    if (/^\d{2}$/.test(t)) code = `${t}0000`
    else if (/^\d{4}$/.test(t)) code = `${t}00`
    else code = normalizeRegionCode(t)
    if (code !== null) {
      const r = idx.records.get(code)
      return r && idx.isRegionLike(r) ? r : null
    }
    if (t.length < 2) return null
    const found = idx.regionForName(t) ?? idx.regionForName(withoutBrackets(t))
    return found ? (idx.records.get(found) ?? null) : null
  }

  /** Province, prefecture and county for a county code (current or old): [province, prefecture, county], or [province, county] where there is no prefecture level. [] when unknown. */
  chain(countyCode: string): RegionRecord[] {
    const idx = this.nameIndex()
    const code = normalizeRegionCode(countyCode)
    const start = code === null ? undefined : (idx.countyForCode(code) ?? code)
    const out: RegionRecord[] = []
    let r = start === undefined ? undefined : idx.records.get(start)
    while (r && out.length < 3) {
      out.unshift(r)
      r = r.parentCode ? idx.records.get(r.parentCode) : undefined
    }
    return out
  }
}

// ---------------------------------------------------------------------------------------------------
// Counties named in free text

const COUNTY_END = /[县市区旗]$/
const REGION_END = /[省市州区盟]$/
const CJK = /[\u3400-\u9fff]/
/** Characters that may stand right before a two-character county name (富县, 芒市) without it being part of a word. */
const TWO_CHAR_BEFORE = /[省市州区县盟旗]/

/**
 * The county named in a title or a line such as "填报单位：黔西县生态移民局" or "贵州省毕节市威宁县易地扶贫搬迁
 * 安置点统计表". Only full, old or suffixed names count (a bare stem like 威宁 is too easily part of another
 * word); a province or prefecture named before it narrows the search, as does `within`. The leftmost
 * county wins; ambiguous names are skipped. null when the text names no county.
 */
export function findCountyInText(text: string, repo: RegionRepository, opts: ResolveOptions = {}): CountyInText | null {
  const idx = repo.nameIndex()
  const t = normalizeName(text)
  let prefix: string | null = null
  if (opts.within) {
    const region = repo.resolveRegion(opts.within)
    prefix = region ? regionPrefix(region.code) : null
  }
  const maxLen = Math.max(idx.maxCountyKeyLength, idx.maxRegionKeyLength)
  for (let i = 0; i < t.length - 1; i++) {
    let advance = 0
    for (let len = Math.min(maxLen, t.length - i); len >= 2; len--) {
      const sub = t.slice(i, i + len)
      if (COUNTY_END.test(sub) && len <= idx.maxCountyKeyLength && twoCharOk(t, i, len)) {
        const code = idx.pick(idx.countyTiers, [sub], prefix)
        const r = code ? idx.records.get(code) : undefined
        if (r) return { code: r.code, name: r.name, matched: sub, index: i }
      }
      if (REGION_END.test(sub) && len <= idx.maxRegionKeyLength) {
        const code = idx.pick(idx.regionTiers, [sub], null)
        if (code) {
          prefix = regionPrefix(code)
          advance = len - 1
          break
        }
      }
    }
    i += advance
  }
  return null
}

/** A two-character name (富县, 芒市) must not be the tail of a longer word, nor be followed by 级 (县级). */
function twoCharOk(t: string, i: number, len: number): boolean {
  if (len !== 2) return true
  const before = i > 0 ? t.charAt(i - 1) : ''
  const after = t.charAt(i + 2)
  if (after === '级') return false
  return before === '' || !CJK.test(before) || TWO_CHAR_BEFORE.test(before)
}
