/**
 * Property-based tests (fast-check) of every value parser in shared/values, with the county resolver
 * of a real plan: numbers, dates, enums, yes/no, percentages and counties. Each parser is total (any
 * input gives a value or a bilingual reason, never an exception), values written in the ways county
 * returns write them read back to the same canonical value, and accepted values respect the field.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { ENTITY_KEYS, ENTITIES, type FieldDef } from '../../shared/dictionary/index.ts'
import { coerceField, type CoerceContext } from '../../shared/values/coerce.ts'
import { normalizeLabel, toHalfWidth, trimAll } from '../../shared/values/normalize-text.ts'
import { excelSerialToIso, parseDateNumber, parseDateText } from '../../shared/values/parse-date.ts'
import { parseNumberText } from '../../shared/values/parse-number.ts'
import { Plan } from '../../electron/service/plan.ts'

const RUNS = { numRuns: 400 }

/** Any text a cell could hold: every code point, lone surrogates, controls, CJK, digits and signs. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'0123456789０１２３４５６７８９.,，-+eE%％万亿约人户年月日号底/ \u00a0\u3000\t\n—无'.split('')), maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
)
const anyRaw = fc.oneof(anyText, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.date())

const FULL = '０１２３４５６７８９'
const fullWidth = (s: string): string => s.replace(/\d/g, (d) => FULL[Number(d)]!)
const spaces = fc.constantFrom('', ' ', '\u00a0', '\u3000', '\t', '  ')
const wrap = (s: string, before: string, after: string): string => `${before}${s}${after}`

let plan: Plan
let ctx: CoerceContext
beforeAll(() => {
  plan = Plan.create(':memory:', '520000')
  ctx = { resolveCounty: (t) => plan.regions.resolveCounty(t, { within: '520000' }) ?? plan.regions.resolveCounty(t), resolveSite: () => null }
})

const allFields: FieldDef[] = ENTITY_KEYS.flatMap((e) => [...ENTITIES[e].fields])

function isReason(r: { zh: string; en: string }): boolean {
  return typeof r.zh === 'string' && r.zh.length > 0 && typeof r.en === 'string' && r.en.length > 0 && /[\u4e00-\u9fff]/.test(r.zh)
}

describe('numbers', () => {
  it('parseNumberText is total: any text is a finite number, empty, or invalid', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const p = parseNumberText(s)
        expect(['empty', 'number', 'invalid']).toContain(p.kind)
        if (p.kind === 'number') expect(Number.isFinite(p.value)).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('reads whole numbers written with commas, full-width digits, spaces, units and 约', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), fc.boolean(), fc.boolean(), fc.constantFrom('', '人', '户', '套', '个', '元'), fc.constantFrom('', '约'), spaces, spaces, (n, commas, full, unit, approx, before, after) => {
        let s = commas ? n.toLocaleString('en-US') : String(n)
        if (full) s = fullWidth(s)
        const p = parseNumberText(wrap(`${approx}${s}${unit}`, before, after))
        expect(p).toMatchObject({ kind: 'number', value: n, percent: false, approximate: approx === '约' })
      }),
      RUNS,
    )
  })

  it('reads 万 and 亿 as multipliers without float noise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), fc.constantFrom(0, 1, 2), (cents, dp) => {
        const v = cents / 10 ** dp
        const p = parseNumberText(`${v}万`)
        expect(p.kind).toBe('number')
        if (p.kind === 'number') expect(p.value).toBeCloseTo(v * 10000, 4)
      }),
      RUNS,
    )
  })

  it('reads percentages written 86.3%, ８６.３％ as percentages, and refuses them in a count', () => {
    const people = allFields.find((f) => f.type === 'int')!
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.constantFrom('%', '％'), fc.boolean(), (tenths, sign, full) => {
        const v = tenths / 10
        const text = `${full ? fullWidth(String(v)) : v}${sign}`
        expect(parseNumberText(text)).toMatchObject({ kind: 'number', value: v, percent: true })
        const r = coerceField(people, text, ctx)
        expect(r.ok).toBe(false)
        if (!r.ok) expect(isReason(r.reason)).toBe(true)
      }),
      RUNS,
    )
  })
})

describe('dates', () => {
  const ymd = fc.record({ y: fc.integer({ min: 1950, max: 2100 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) }).filter(({ y, m, d }) => d <= new Date(Date.UTC(y, m, 0)).getUTCDate())
  const p2 = (n: number): string => String(n).padStart(2, '0')

  it('parseDateText and parseDateNumber are total and give only real calendar dates', () => {
    const valid = (v: string): boolean => {
      const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v)
      if (!m) return false
      const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])]
      return y >= 1950 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
    }
    fc.assert(
      fc.property(anyText, fc.double(), (s, n) => {
        for (const p of [parseDateText(s), parseDateNumber(n)]) {
          expect(['empty', 'date', 'invalid']).toContain(p.kind)
          if (p.kind === 'date') expect(valid(p.value), `${s} / ${n} → ${p.value}`).toBe(true)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('reads a day written in every form county returns use', () => {
    fc.assert(
      fc.property(ymd, spaces, fc.boolean(), ({ y, m, d }, sp, full) => {
        const iso = `${y}-${p2(m)}-${p2(d)}`
        const forms = [`${y}年${m}月${d}日`, `${y}年${p2(m)}月${p2(d)}号`, iso, `${y}/${m}/${d}`, `${y}.${m}.${d}`, `${y}${p2(m)}${p2(d)}`, `${iso}T00:00:00.000Z`]
        for (const f of forms) {
          const text = wrap(full ? fullWidth(f) : f, sp, sp)
          expect(parseDateText(text), text).toMatchObject({ kind: 'date', value: iso, precision: 'day' })
        }
        expect(parseDateNumber(Number(`${y}${p2(m)}${p2(d)}`))).toMatchObject({ kind: 'date', value: iso })
        // the Excel serial of the same day
        const serial = Date.UTC(y, m - 1, d) / 86400000 + 25569
        expect(excelSerialToIso(serial)).toBe(iso)
        expect(parseDateNumber(serial)).toMatchObject({ kind: 'date', value: iso })
      }),
      RUNS,
    )
  })

  it('reads a month in every form, and flags 2019.1 as maybe October', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2100 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const ym = `${y}-${p2(m)}`
        for (const f of [`${y}年${m}月`, `${y}年${m}月底`, ym, `${y}/${m}`, `${y}.${p2(m)}`, `${y}${p2(m)}`]) expect(parseDateText(f), f).toMatchObject({ kind: 'date', value: ym, precision: 'month' })
        // 2019.12 typed into Excel is the number 2019.12; 2019.10 became 2019.1, read as January and flagged
        const asNumber = parseDateNumber(Number(`${y}.${p2(m)}`))
        if (m === 10) expect(asNumber).toMatchObject({ kind: 'date', value: `${y}-01`, ambiguous: true })
        else expect(asNumber).toMatchObject({ kind: 'date', value: ym })
        if (m !== 10) expect(asNumber.kind === 'date' && asNumber.ambiguous === true).toBe(false)
      }),
      RUNS,
    )
  })

  it('refuses impossible dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2100 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
        expect(parseDateText(`${y}年${m}月${last + 1}日`).kind).toBe('invalid')
        expect(parseDateText(`${y}-${p2(m)}-00`).kind).toBe('invalid')
        expect(parseDateText(`${y}年13月`).kind).toBe('invalid')
      }),
      { numRuns: 100 },
    )
  })
})

describe('coerceField over the whole dictionary', () => {
  it('never throws: every raw value of every field is a valid value of the field or a bilingual reason', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allFields), anyRaw, fc.constantFrom('元', '万元', '亿元'), (field, raw, unit) => {
        const r = coerceField(field, raw, { ...ctx, moneyUnit: unit })
        if (!r.ok) {
          expect(isReason(r.reason), `${field.key} ${String(raw)}`).toBe(true)
          return
        }
        const v = r.value
        if (v === null) return
        switch (field.type) {
          case 'int':
            expect(Number.isInteger(v)).toBe(true)
            break
          case 'decimal':
            expect(typeof v === 'number' && Number.isFinite(v)).toBe(true)
            break
          case 'date':
            expect(String(v)).toMatch(field.monthPrecision ? /^\d{4}-\d{2}(-\d{2})?$/ : /^\d{4}-\d{2}-\d{2}$/)
            break
          case 'enum':
            expect(field.enumValues!.map((e) => e.value)).toContain(v)
            break
          case 'bool':
            expect(typeof v).toBe('boolean')
            break
          case 'county':
            expect(plan.regions.get(String(v))?.level).toBe(3)
            break
          case 'text':
            expect(typeof v === 'string' && v.length <= 2000 && v === v.trim()).toBe(true)
            break
          case 'site':
            expect(Number.isInteger(v)).toBe(true)
            break
        }
        if (typeof v === 'number') {
          if (field.min !== undefined) expect(v).toBeGreaterThanOrEqual(field.min)
          if (field.max !== undefined) expect(v).toBeLessThanOrEqual(field.max)
        }
      }),
      { numRuns: 3000 },
    )
  })

  it('reads every enum value, English name and alias however it is spaced or full-width', () => {
    const enums = allFields.filter((f) => f.type === 'enum')
    const cases = enums.flatMap((f) => f.enumValues!.flatMap((v) => [v.value, v.en, ...(v.aliases ?? [])].map((text) => ({ f, text, want: v.value }))))
    fc.assert(
      fc.property(fc.constantFrom(...cases), spaces, spaces, fc.boolean(), ({ f, text, want }, before, after, upper) => {
        const r = coerceField(f, wrap(upper ? text.toUpperCase() : text, before, after), ctx)
        expect(r, `${f.key}: ${text}`).toMatchObject({ ok: true, value: want })
      }),
      RUNS,
    )
  })

  it('reads yes/no words and refuses anything else with a reason', () => {
    const bool = allFields.find((f) => f.type === 'bool')!
    for (const t of ['是', '有', 'Y', 'yes', 'TRUE', '1', '√', '✓', '已制定']) expect(coerceField(bool, ` ${t} `, ctx)).toEqual({ ok: true, value: true })
    for (const t of ['否', '没有', 'n', 'No', 'false', '0', '×', '未制定']) expect(coerceField(bool, t, ctx)).toEqual({ ok: true, value: false })
    fc.assert(
      fc.property(anyText.filter((s) => !/^\s*$/.test(s)), (s) => {
        const r = coerceField(bool, s, ctx)
        if (r.ok) expect(r.value === null || typeof r.value === 'boolean').toBe(true)
        else expect(isReason(r.reason)).toBe(true)
      }),
      RUNS,
    )
  })
})

describe('counties through the region repository', () => {
  it('reads a county by code, code as a number, name, and name after its prefecture', () => {
    const countyField = allFields.find((f) => f.type === 'county')!
    const counties = plan.regions.counties('520000')
    expect(counties.length).toBeGreaterThan(80)
    fc.assert(
      fc.property(fc.constantFrom(...counties), spaces, fc.boolean(), (c, sp, full) => {
        const pref = plan.regions.get(c.parentCode ?? '')!
        for (const raw of [c.code, Number(c.code), `${c.code}.0`, c.name, `${pref.name}${c.name}`, `贵州省${pref.name}${c.name}`]) {
          const text = typeof raw === 'number' ? raw : wrap(full ? fullWidth(raw) : raw, sp, sp)
          expect(coerceField(countyField, text, ctx), String(raw)).toMatchObject({ ok: true, value: c.code })
        }
      }),
      RUNS,
    )
  })

  it('reads renamed counties by their old names and codes', () => {
    const countyField = allFields.find((f) => f.type === 'county')!
    for (const [old, current] of [['盘县', '520281'], ['520222', '520281'], ['黔西县', '520581'], ['520522', '520581'], ['兴仁县', '522302']]) {
      expect(coerceField(countyField, old, ctx), old).toMatchObject({ ok: true, value: current })
    }
  })

  it('never throws on junk, and what it accepts is a real county', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: -1, max: 999999 }), (s, n) => {
        for (const raw of [s, n, String(n).padStart(6, '0')]) {
          const found = plan.regions.resolveCounty(raw)
          if (found) expect(plan.regions.get(found.code)?.level).toBe(3)
        }
      }),
      { numRuns: 1500 },
    )
  })
})

describe('text normalisation', () => {
  it('trimAll, toHalfWidth and normalizeLabel are total and idempotent', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(trimAll(trimAll(s))).toBe(trimAll(s))
        expect(toHalfWidth(toHalfWidth(s))).toBe(toHalfWidth(s))
        expect(normalizeLabel(normalizeLabel(s))).toBe(normalizeLabel(s))
      }),
      { numRuns: 1500 },
    )
  })
})
