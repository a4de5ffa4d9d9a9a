/**
 * The region reference list and the county resolver: the list is sane (no placeholders, no development
 * zones, aliases point at real counties) and the forms county returns use resolve to current codes.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type Database from 'better-sqlite3'
import { openPlanDatabase } from '../../electron/service/db/open-plan.ts'
import { findCountyInText, normalizeRegionCode, referenceRegions, RegionRepository } from '../../electron/service/repositories/region-repository.ts'

let db: Database.Database
let repo: RegionRepository

beforeAll(() => {
  db = openPlanDatabase(':memory:')
  repo = new RegionRepository(db)
  repo.loadReference()
})

describe('reference list', () => {
  it('has sensible counts', () => {
    const all = repo.all()
    const byLevel = (l: number) => all.filter((r) => r.level === l).length
    expect(byLevel(1)).toBe(31)
    expect(byLevel(2)).toBeGreaterThan(320)
    expect(byLevel(2)).toBeLessThan(340)
    expect(byLevel(3)).toBeGreaterThan(2800)
    expect(byLevel(3)).toBeLessThan(2900)
  })

  it('has Guizhou with 9 prefectures and 88 counties', () => {
    expect(repo.children('520000').filter((r) => r.level === 2)).toHaveLength(9)
    expect(repo.counties('520000')).toHaveLength(88)
    expect(repo.counties('52')).toHaveLength(88)
    expect(repo.counties('522600').map((r) => r.name)).toContain('凯里市')
  })

  it('has no 市辖区 placeholders and no development zones', () => {
    const all = repo.all()
    expect(all.filter((r) => r.name === '市辖区' || r.name === '县' || r.name.includes('直辖县级'))).toEqual([])
    expect(all.filter((r) => r.level === 3 && r.code[4] === '7')).toEqual([])
  })

  it('gives every county and prefecture an existing parent in its province', () => {
    const codes = new Map(repo.all().map((r) => [r.code, r]))
    for (const r of codes.values()) {
      if (r.level === 1) {
        expect(r.parentCode).toBeNull()
        continue
      }
      const parent = codes.get(r.parentCode ?? '')
      expect(parent, r.code).toBeDefined()
      expect(parent?.level).toBeLessThan(r.level)
      expect(r.provinceCode).toBe(`${r.code.slice(0, 2)}0000`)
    }
  })

  it('hangs municipality counties directly off the province', () => {
    expect(repo.chain('110105').map((r) => r.code)).toEqual(['110000', '110105'])
    expect(repo.get('500240')?.parentCode).toBe('500000')
  })

  it('points every alias at an existing current county', () => {
    const { aliases } = referenceRegions()
    expect(aliases.length).toBeGreaterThanOrEqual(10)
    for (const a of aliases) expect(repo.get(a.code)?.level, `${a.aliasName} → ${a.code}`).toBe(3)
    const rows = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM region_alias r LEFT JOIN region g ON g.code = r.code WHERE g.code IS NULL').get()
    expect(rows?.n).toBe(0)
  })

  it('has centroids for provinces and the main relocation prefectures', () => {
    for (const code of ['520000', '520500', '522600', '513400', '530600', '450100', '620100']) {
      const r = repo.get(code)
      expect(r?.lat, code).toBeTypeOf('number')
      expect(r?.lon, code).toBeTypeOf('number')
    }
    const bijie = repo.get('520500')
    expect(bijie?.lat).toBeGreaterThan(26.5)
    expect(bijie?.lat).toBeLessThan(27.6)
    expect(bijie?.lon).toBeGreaterThan(104.6)
    expect(bijie?.lon).toBeLessThan(105.8)
  })

  it('loads idempotently', () => {
    const before = repo.all().length
    repo.loadReference()
    expect(repo.all().length).toBe(before)
    const n = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM region_alias').get()?.n
    expect(n).toBe(referenceRegions().aliases.length)
  })
})

describe('resolveCounty', () => {
  const code = (text: string | number, within?: string) => repo.resolveCounty(text, within ? { within } : {})?.code ?? null

  it('resolves old names and codes to the current county', () => {
    expect(code('盘县')).toBe('520281')
    expect(code('520222')).toBe('520281')
    expect(code(520222)).toBe('520281')
    expect(code('520222.0')).toBe('520281')
    expect(code(' 520222.00 ')).toBe('520281')
    expect(code('５２０２２２')).toBe('520281')
    expect(code('黔西县')).toBe('520581')
    expect(code('会理县')).toBe('513402')
    expect(code('513425')).toBe('513402')
    expect(code('水富县')).toBe('530681')
    expect(code('兴仁县')).toBe('522302')
    expect(code('射洪县')).toBe('510981')
    expect(code('水城县')).toBe('520204')
    expect(code('遵义县')).toBe('520304')
    expect(code('平坝县')).toBe('520403')
    expect(code('520502')).toBe('520502')
    expect(code('毕节市（县级）')).toBe('520502')
  })

  it('resolves current, short and autonomous-county names', () => {
    expect(code('威宁')).toBe('520526')
    expect(code('威宁县')).toBe('520526')
    expect(code('威宁彝族回族苗族自治县')).toBe('520526')
    expect(code('威宁自治县')).toBe('520526')
    expect(code('三都县')).toBe('522732')
    expect(code('黔西市')).toBe('520581')
    expect(code('黔西')).toBe('520581')
    expect(code('凯里县')).toBe('522601')
    expect(code('大方县')).toBe('520521')
    expect(code('金沙县')).toBe('520523')
    expect(code('六枝')).toBe('520203')
    expect(code('贵州省毕节市威宁县')).toBe('520526')
  })

  it('does not guess an ambiguous short name unless within decides it', () => {
    expect(code('白云区')).toBeNull()
    expect(code('白云')).toBeNull()
    expect(code('白云区', '52')).toBe('520113')
    expect(code('白云', '贵阳市')).toBe('520113')
    expect(code('朝阳区')).toBeNull()
    expect(code('朝阳区', '220000')).toBe('220104')
    expect(code('通州区', '南通市')).toBe('320612')
  })

  it('does not take a prefecture or province for a county', () => {
    expect(code('毕节市')).toBeNull()
    expect(code('遵义')).toBeNull()
    expect(code('黔东南州')).toBeNull()
    expect(code('凉山')).toBeNull()
    expect(code('520000')).toBeNull()
    expect(code('522600')).toBeNull()
    expect(code('')).toBeNull()
    expect(code('不是县名')).toBeNull()
  })

  it('normalises number-like codes', () => {
    expect(normalizeRegionCode('513425.0')).toBe('513425')
    expect(normalizeRegionCode(513425)).toBe('513425')
    expect(normalizeRegionCode('5.13425E+5')).toBe('513425')
    expect(normalizeRegionCode('513425000000')).toBe('513425')
    expect(normalizeRegionCode('51342')).toBeNull()
    expect(normalizeRegionCode('513425.5')).toBeNull()
  })

  it('is fast enough for a national import', () => {
    const names = repo.counties().map((r) => r.name)
    const fresh = new RegionRepository(db)
    const t = performance.now()
    for (let i = 0; i < 35_000; i++) fresh.resolveCounty(`${names[i % names.length] ?? ''}${i % 7 === 0 ? ' ' : ''}`)
    expect(performance.now() - t).toBeLessThan(2_000)
  })
})

describe('resolveRegion and chain', () => {
  it('resolves prefectures and provinces by name or code', () => {
    expect(repo.resolveRegion('黔东南州')?.code).toBe('522600')
    expect(repo.resolveRegion('凉山州')?.code).toBe('513400')
    expect(repo.resolveRegion('凉山')?.code).toBe('513400')
    expect(repo.resolveRegion('昭通市')?.code).toBe('530600')
    expect(repo.resolveRegion('贵州省')?.code).toBe('520000')
    expect(repo.resolveRegion('贵州')?.code).toBe('520000')
    expect(repo.resolveRegion('毕节地区')?.code).toBe('520500')
    expect(repo.resolveRegion('5226')?.code).toBe('522600')
    expect(repo.resolveRegion('海南')).toBeNull()
    expect(repo.resolveRegion('威宁县')).toBeNull()
  })

  it('gives the province, prefecture and county of a county code', () => {
    expect(repo.chain('520526').map((r) => r.name)).toEqual(['贵州省', '毕节市', '威宁彝族回族苗族自治县'])
    expect(repo.chain('520222').map((r) => r.code)).toEqual(['520000', '520200', '520281'])
    expect(repo.chain('999999')).toEqual([])
  })
})

describe('findCountyInText', () => {
  it('finds the county of a 填报单位 line or a title', () => {
    expect(findCountyInText('填报单位：黔西县生态移民局', repo)?.code).toBe('520581')
    expect(findCountyInText('填报单位（盖章）：兴仁县发改局      单位：户、人、万元', repo)?.code).toBe('522302')
    expect(findCountyInText('威宁彝族回族苗族自治县易地扶贫搬迁安置点基本情况统计表', repo)?.code).toBe('520526')
    expect(findCountyInText('贵州省毕节市威宁县安置点统计表', repo)?.code).toBe('520526')
    expect(findCountyInText('六盘水市盘县', repo)?.code).toBe('520281')
  })

  it('uses a province named before an ambiguous county, and finds nothing where there is none', () => {
    expect(findCountyInText('吉林省朝阳区', repo)?.code).toBe('220104')
    expect(findCountyInText('朝阳区', repo)).toBeNull()
    expect(findCountyInText('XX省易地扶贫搬迁安置点建设及后续扶持情况统计表（截至2020年6月底）', repo)).toBeNull()
    expect(findCountyInText('毕节市', repo)).toBeNull()
    expect(findCountyInText('市和县级单位', repo)).toBeNull()
  })
})
