/**
 * One coercion of a raw value (typed text, a pasted cell, an imported cell) to a field's canonical value.
 * Edit, paste and import all call coerceField, so a value accepted in one place is accepted in all.
 */
import type { FieldDef, FieldValue, Label } from '../dictionary/types.ts'
import { isNullMarker, normalizeLabel, toHalfWidth, trimAll } from './normalize-text.ts'
import { jsDateToIso, parseDateNumber, parseDateText } from './parse-date.ts'
import { parseNumberText } from './parse-number.ts'

export type CoerceResult =
  /**
   * adjusted: the value was read from another form ("１,２００" → 1200);
   * warning: it was read but may not be what was meant (an approximate "约1200", the ambiguous
   * 2019.1): paste and import show it as a warning on the cell
   */
  | { ok: true; value: FieldValue; adjusted?: Label; warning?: Label }
  | { ok: false; reason: Label }

export interface CoerceContext {
  /** a county code or name (old, short or current) to the current county */
  resolveCounty?: (text: string) => { code: string; name: string } | null
  /** a site code or name to a site id; a name several sites share gives the reason instead */
  resolveSite?: (text: string) => number | null | { reason: Label }
  /**
   * The unit a bare number of a money field is in, from the import header, its unit row or the unit
   * line (default 万元, the unit money is stored in). A cell that names its own unit ("12万", "1.2亿",
   * "35000元") is read in that unit whatever this says.
   */
  moneyUnit?: MoneyUnit
}

export type MoneyUnit = '元' | '万元' | '亿元'

/** A money amount in `unit` as 万元 (division by 10,000 rather than × 0.0001: 35000元 is exactly 3.5). */
function toWan(value: number, unit: MoneyUnit): number {
  return unit === '元' ? value / 10000 : unit === '亿元' ? value * 10000 : value
}

// one formatter: toLocaleString builds a new Intl.NumberFormat on every call, which dominated bulk imports
const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 })
const fmt = (n: number): string => NUMBER_FORMAT.format(n)

function invalid(zh: string, en: string): CoerceResult {
  return { ok: false, reason: { zh, en } }
}

/** Normalised spelling → canonical value, per enum field, built once (a paste looks up thousands of cells). */
const enumIndex = new WeakMap<FieldDef, Map<string, string>>()

function enumLookup(field: FieldDef, text: string): string | null {
  let index = enumIndex.get(field)
  if (!index) {
    index = new Map()
    // first spelling wins, in the order the dictionary lists values: value, English, aliases
    for (const v of field.enumValues ?? []) {
      for (const spelling of [v.value, v.en, ...(v.aliases ?? [])]) {
        const k = normalizeLabel(spelling)
        if (!index.has(k)) index.set(k, v.value)
      }
    }
    enumIndex.set(field, index)
  }
  return index.get(normalizeLabel(text)) ?? null
}

const TRUE_WORDS = new Set(['是', '有', 'y', 'yes', 'true', '1', '√', '✓', '已制定', '已编制'])
const FALSE_WORDS = new Set(['否', '没有', 'n', 'no', 'false', '0', '×', '未制定', '未编制'])

export function coerceField(field: FieldDef, raw: unknown, ctx: CoerceContext = {}): CoerceResult {
  if (raw === null || raw === undefined) return { ok: true, value: null }
  if (typeof raw === 'string' && isNullMarker(raw)) return { ok: true, value: null }
  const name = field.label
  switch (field.type) {
    case 'text': {
      const s = trimAll(String(raw instanceof Date ? (jsDateToIso(raw) ?? '') : raw))
      if (s.length > 2000) return invalid(`${name.zh}过长（最多 2000 字）`, `${name.en} is too long (at most 2,000 characters)`)
      return { ok: true, value: s === '' ? null : s }
    }
    case 'int':
    case 'decimal': {
      let value: number
      let adjusted = false
      let approximate = false
      /** the unit the number is in, for a money field */
      let unit: MoneyUnit = ctx.moneyUnit ?? '万元'
      if (typeof raw === 'number') value = raw
      else if (typeof raw === 'boolean') return invalid(`${name.zh}应为数字`, `${name.en} must be a number`)
      else {
        const p = parseNumberText(String(raw))
        if (p.kind === 'empty') return { ok: true, value: null }
        if (p.kind === 'invalid') return invalid(`${name.zh}“${String(raw)}”不是数字`, `${name.en} "${String(raw)}" is not a number`)
        if (p.percent) return invalid(`${name.zh}不能是百分比“${String(raw)}”`, `${name.en} cannot be a percentage "${String(raw)}"`)
        value = p.value
        adjusted = p.adjusted
        approximate = p.approximate
        // "12万" / "1.2亿" / "35000元": the value is in 元 with the multiplier applied
        if (p.moneyUnit) unit = '元'
      }
      if (!Number.isFinite(value)) return invalid(`${name.zh}不是有效数字`, `${name.en} is not a valid number`)
      const converted = field.money === true && unit !== '万元'
      if (converted) {
        value = toWan(value, unit)
        adjusted = true
        if (!Number.isFinite(value)) return invalid(`${name.zh}不是有效数字`, `${name.en} is not a valid number`)
      }
      if (field.type === 'int') {
        if (!Number.isInteger(value)) {
          if (Math.abs(value - Math.round(value)) < 1e-9) value = Math.round(value)
          else return invalid(`${name.zh}应为整数，得到 ${fmt(value)}`, `${name.en} must be a whole number, got ${fmt(value)}`)
        }
      } else if (field.decimals !== undefined && !converted) {
        const f = 10 ** field.decimals
        const r = Math.round(value * f) / f
        // a huge value times 10^decimals overflows to Infinity: keep it unrounded (bounds decide)
        if (Number.isFinite(r)) {
          if (r !== value) adjusted = true
          value = r
        }
      }
      if (field.min !== undefined && value < field.min)
        return invalid(`${name.zh}不能小于 ${fmt(field.min)}，得到 ${fmt(value)}`, `${name.en} must be at least ${fmt(field.min)}, got ${fmt(value)}`)
      if (field.max !== undefined && value > field.max)
        return invalid(`${name.zh}不能大于 ${fmt(field.max)}，得到 ${fmt(value)}`, `${name.en} must be at most ${fmt(field.max)}, got ${fmt(value)}`)
      if (approximate) {
        const note: Label = { zh: `“${String(raw)}”是约数，按 ${fmt(value)} 读取`, en: `"${String(raw)}" is an approximate value, read as ${fmt(value)}` }
        return { ok: true, value, adjusted: note, warning: note }
      }
      return adjusted ? { ok: true, value, adjusted: { zh: `已转换为 ${fmt(value)}`, en: `read as ${fmt(value)}` } } : { ok: true, value }
    }
    case 'date': {
      const p = raw instanceof Date ? (() => {
        const iso = jsDateToIso(raw)
        return iso ? parseDateText(iso) : ({ kind: 'invalid' } as const)
      })() : typeof raw === 'number' ? parseDateNumber(raw) : parseDateText(String(raw))
      if (p.kind === 'empty') return { ok: true, value: null }
      if (p.kind === 'invalid') return invalid(`${name.zh}“${String(raw)}”不是可识别的日期`, `${name.en} "${String(raw)}" is not a date`)
      if (p.precision === 'month' && !field.monthPrecision)
        return invalid(`${name.zh}需要具体到日`, `${name.en} needs a day`)
      if (p.ambiguous) {
        const note: Label = { zh: `日期“${String(raw)}”有歧义：按 ${p.value} 读取，可能是 ${p.value.slice(0, 4)}-10`, en: `Ambiguous date "${String(raw)}": read as ${p.value}; it may be ${p.value.slice(0, 4)}-10` }
        return { ok: true, value: p.value, adjusted: note, warning: note }
      }
      return p.adjusted || typeof raw !== 'string' ? { ok: true, value: p.value, ...(typeof raw === 'string' ? { adjusted: { zh: `已转换为 ${p.value}`, en: `read as ${p.value}` } } : {}) } : { ok: true, value: p.value }
    }
    case 'enum': {
      const s = trimAll(toHalfWidth(String(raw)))
      const v = enumLookup(field, s)
      if (v === null) {
        const allowed = (field.enumValues ?? []).map((e) => e.value).join('、')
        return invalid(`${name.zh}“${s}”不在可选值中（${allowed}）`, `${name.en} "${s}" is not one of: ${allowed}`)
      }
      return v === s ? { ok: true, value: v } : { ok: true, value: v, adjusted: { zh: `“${s}”记为“${v}”`, en: `"${s}" read as "${v}"` } }
    }
    case 'bool': {
      if (typeof raw === 'boolean') return { ok: true, value: raw }
      const s = normalizeLabel(String(raw))
      if (TRUE_WORDS.has(s)) return { ok: true, value: true }
      if (FALSE_WORDS.has(s)) return { ok: true, value: false }
      return invalid(`${name.zh}应为“是”或“否”，得到“${String(raw)}”`, `${name.en} must be yes or no, got "${String(raw)}"`)
    }
    case 'county': {
      const s = trimAll(toHalfWidth(String(raw))).replace(/\.0+$/, '')
      const c = ctx.resolveCounty?.(s)
      if (!c) return invalid(`未找到县级区划“${s}”`, `No county matches "${s}"`)
      return c.code === s ? { ok: true, value: c.code } : { ok: true, value: c.code, adjusted: { zh: `“${s}”记为 ${c.name}（${c.code}）`, en: `"${s}" read as ${c.name} (${c.code})` } }
    }
    case 'site': {
      if (typeof raw === 'number' && Number.isInteger(raw)) return { ok: true, value: raw }
      const s = trimAll(String(raw))
      const id = ctx.resolveSite?.(s) ?? null
      if (id === null) return invalid(`未找到安置点“${s}”`, `No site matches "${s}"`)
      if (typeof id === 'object') return { ok: false, reason: id.reason }
      return { ok: true, value: id }
    }
  }
}
