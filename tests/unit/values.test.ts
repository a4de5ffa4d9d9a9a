import { describe, expect, it } from 'vitest'
import { requireField, ENTITIES, ENTITY_KEYS } from '../../shared/dictionary/index.ts'
import { coerceField } from '../../shared/values/coerce.ts'
import { parseDateNumber, parseDateText } from '../../shared/values/parse-date.ts'
import { parseNumberText } from '../../shared/values/parse-number.ts'
import { isNullMarker } from '../../shared/values/normalize-text.ts'

const num = (s: string): number | string => {
  const p = parseNumberText(s)
  return p.kind === 'number' ? p.value : p.kind
}
const date = (s: string | number): string => {
  const p = typeof s === 'number' ? parseDateNumber(s) : parseDateText(s)
  return p.kind === 'date' ? `${p.value}${p.ambiguous ? '?' : ''}` : p.kind
}

describe('numbers as counties write them', () => {
  it.each([
    ['1,234', 1234],
    ['1234 ', 1234],
    ['１２３４', 1234],
    ['\u300033', 33],
    ['\u00a0415\u00a0', 415],
    ['52人', 52],
    ['26户', 26],
    ['3.5万', 35000],
    ['约300', 300],
    ['-', 'empty'],
    ['—', 'empty'],
    ['无', 'empty'],
    ['很多', 'invalid'],
  ])('%s → %s', (text, expected) => expect(num(text)).toBe(expected))
})

describe('dates in every form of domain.md', () => {
  it.each([
    ['2019年12月', '2019-12'],
    ['2019年12月31日', '2019-12-31'],
    ['2019-12', '2019-12'],
    ['2019/12/31', '2019-12-31'],
    ['2017/9/12', '2017-09-12'],
    ['20191231', '2019-12-31'],
    ['201912', '2019-12'],
    ['2019.12', '2019-12'],
    ['2019年底', '2019-12'],
    ['2019-02-30', 'invalid'],
    ['明年', 'invalid'],
  ])('%s → %s', (text, expected) => expect(date(text)).toBe(expected))
  it('reads numbers: yyyymmdd, yyyy.mm, Excel serials, and flags 2019.1', () => {
    expect(date(20191231)).toBe('2019-12-31')
    expect(date(2019.12)).toBe('2019-12')
    expect(date(2019.1)).toBe('2019-01?')
    expect(date(43856)).toBe('2020-01-26')
  })
})

describe('coercion through the dictionary', () => {
  const people = requireField('site', 'planned_people')
  it('refuses a negative count and a fraction of a person with the field named', () => {
    const a = coerceField(people, '-3')
    expect(a.ok).toBe(false)
    if (!a.ok) expect(a.reason.zh).toContain('规划安置人数')
    expect(coerceField(people, '3.5').ok).toBe(false)
  })
  it('maps enum aliases to canonical values and refuses strangers', () => {
    const mode = requireField('site', 'mode')
    expect(coerceField(mode, '中心村安置')).toMatchObject({ ok: true, value: '农村集中安置' })
    expect(coerceField(mode, '空中安置').ok).toBe(false)
  })
  it('converts 元 to 万元 when the header says so', () => {
    expect(coerceField(requireField('site', 'investment_wan'), '12,345,000', { moneyUnit: '元' })).toMatchObject({ ok: true, value: 1234.5 })
  })
  it('reads money in 万元 whatever unit the header (元 / 万元 / 亿元) gives a bare number', () => {
    const money = requireField('site', 'investment_wan')
    expect(coerceField(money, 3500000, { moneyUnit: '元' })).toMatchObject({ ok: true, value: 350 })
    expect(coerceField(money, '2', { moneyUnit: '亿元' })).toMatchObject({ ok: true, value: 20000 })
    expect(coerceField(money, '1,234.5', { moneyUnit: '万元' })).toMatchObject({ ok: true, value: 1234.5 })
    expect(coerceField(money, '1,234.5')).toMatchObject({ ok: true, value: 1234.5 })
  })
  it.each([
    ['12万', 12],
    ['12万元', 12],
    ['1.2亿', 12000],
    ['1.2亿元', 12000],
    ['35000元', 3.5],
    ['３５０００元', 3.5],
  ])('money written with its unit, %s, is %s 万元 under a 元, 万元 or 亿元 header', (text, wan) => {
    const money = requireField('site', 'investment_done_wan')
    for (const moneyUnit of ['元', '万元', '亿元'] as const) expect(coerceField(money, text, { moneyUnit })).toMatchObject({ ok: true, value: wan })
    expect(coerceField(money, text)).toMatchObject({ ok: true, value: wan })
  })
  it('keeps 万 a multiplier for counts: 3.5万 people are 35,000', () => {
    expect(coerceField(people, '3.5万')).toMatchObject({ ok: true, value: 35000 })
  })
  it('treats null markers as empty, never 0', () => {
    expect(isNullMarker('—')).toBe(true)
    expect(coerceField(people, '--')).toEqual({ ok: true, value: null })
  })
})

describe('the field dictionary', () => {
  it('has the site keys of domain.md, unique keys, and both labels for every field', () => {
    const siteKeys = ENTITIES.site.fields.map((f) => f.key)
    for (const k of ['code', 'name', 'county_code', 'county', 'township', 'mode', 'planned_households', 'planned_people', 'poor_households', 'poor_people', 'moved_households', 'moved_people', 'minority_people', 'labor_force', 'employed', 'labor_households', 'zero_employment_households', 'housing_units', 'floor_area_m2', 'investment_wan', 'investment_done_wan', 'start_date', 'completion_date', 'move_in_date', 'status', 'lat', 'lon', 'one_district_one_policy', 'notes'])
      expect(siteKeys).toContain(k)
    for (const e of ENTITY_KEYS) {
      const keys = ENTITIES[e].fields.map((f) => f.key)
      expect(new Set(keys).size).toBe(keys.length)
      for (const f of ENTITIES[e].fields) {
        expect(f.label.zh.length, `${e}.${f.key}`).toBeGreaterThan(0)
        expect(f.label.en.length, `${e}.${f.key}`).toBeGreaterThan(0)
        if (f.type === 'enum') expect(f.enumValues?.length, `${e}.${f.key}`).toBeGreaterThan(0)
      }
    }
  })
})
