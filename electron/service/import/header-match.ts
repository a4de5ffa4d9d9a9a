/**
 * Matching return headers to the field dictionary. A column's header is the path of its header cells
 * from top to bottom (规划安置 › 其中：建档立卡 › 户数); it is compared with every label, short label under
 * its group, and alias of the dictionary after normalising full/half width, NBSP and U+3000, line
 * breaks, brackets and 其中 prefixes, then (only when that finds nothing) in a reduced form without
 * units in brackets and filler words (搬迁, 安置, 所在, 贫困). A reduced form shared by two fields is
 * never used, nor one that is only a measure word (户数, 人数, 人口): those name a field only under
 * their parent. The path's parent decides: a 合计 part under a parent is the parent itself
 * (规划安置 › 合计 › 户数 is 规划安置户数), and a 其中 part names the sub-field, taking the parent's measure
 * when it has none of its own (规划安置人数 › 其中建档立卡 is 建档立卡人数). Nothing here is specific to one return.
 */
import { ENTITIES, type EntityKey, type FieldDef } from '../../../shared/dictionary/index.ts'
import { normalizeLabel } from '../../../shared/values/normalize-text.ts'

/** Normalised header text: half-width, no spaces or line breaks, brackets and colons unified. */
export const normHeader = (s: string): string => normalizeLabel(s).replace(/[【\[]/g, '(').replace(/[】\]]/g, ')')

const stripPrefix = (s: string): string => s.replace(/^其中:?/, '').replace(/^:/, '')
const UNIT_TAIL = /\(([^()]*)\)$/
export const stripUnit = (s: string): string => s.replace(UNIT_TAIL, '')

export function reduceHeader(s: string): string {
  return s
    .replace(/其中:?/g, '')
    .replace(/\([^()]*\)/g, '')
    .replace(/搬迁|安置(?!点)|贫困|所在|是否|制定/g, '')
    .replace(/时间|日期|年月/g, '日期')
    .replace(/[:、]/g, '')
}

/** Words that say what is counted, not which count: never a field without a parent. */
const MEASURE_WORDS = ['户数', '人数', '人口', '户', '人', '个数', '套数', '数量']

export interface FieldIndex {
  entity: EntityKey
  exact: Map<string, FieldDef>
  reduced: Map<string, FieldDef>
  /** every normalised group label and short label: header vocabulary that is not a field by itself */
  vocabulary: Set<string>
}

function buildIndex(entity: EntityKey): FieldIndex {
  const exactAll = new Map<string, Set<FieldDef>>()
  const reducedAll = new Map<string, Set<FieldDef>>()
  const vocabulary = new Set<string>()
  const add = (map: Map<string, Set<FieldDef>>, key: string, f: FieldDef): void => {
    if (key.length < (map === reducedAll ? 1 : 2)) return
    let s = map.get(key)
    if (!s) map.set(key, (s = new Set()))
    s.add(f)
  }
  for (const f of ENTITIES[entity].fields) {
    if (f.derived) continue
    const forms = [f.label.zh, ...(f.aliases ?? [])]
    if (f.group && f.short) forms.push(f.group.zh + f.short.zh)
    if (f.group) forms.push(f.group.zh + f.label.zh)
    if (f.unit) forms.push(`${f.label.zh}(${f.unit.zh})`)
    for (const form of forms) {
      const n = normHeader(form)
      add(exactAll, n, f)
      add(exactAll, stripUnit(stripPrefix(n)), f)
      add(reducedAll, reduceHeader(n), f)
    }
    if (f.group) vocabulary.add(normHeader(f.group.zh))
    if (f.short) vocabulary.add(normHeader(f.short.zh))
  }
  // a reduced form that is only a measure word (贫困户数 → 户数) would claim every 户数 column
  const measures = new Set([...MEASURE_WORDS, ...[...vocabulary].map(reduceHeader)])
  const unique = (m: Map<string, Set<FieldDef>>, skip?: Set<string>): Map<string, FieldDef> => {
    const out = new Map<string, FieldDef>()
    for (const [k, s] of m) if (s.size === 1 && !skip?.has(k)) out.set(k, [...s][0]!)
    return out
  }
  return { entity, exact: unique(exactAll), reduced: unique(reducedAll, measures), vocabulary }
}

const indexes = new Map<EntityKey, FieldIndex>()
export function fieldIndex(entity: EntityKey): FieldIndex {
  let idx = indexes.get(entity)
  if (!idx) indexes.set(entity, (idx = buildIndex(entity)))
  return idx
}

/** Headers that are common in returns but are not fields (listed as ignored, and count as header cells). */
const KNOWN_OTHER = new Set(['序号', '编号', '联系人', '联系电话', '电话', '入住率', '入住率(%)', '就业率', '负责人', '填报人', '审核人', '安置点个数', '个数', '户数', '人数', '小计', '合计'].map(normHeader))

/** 序号 and the like: a column every return has that holds no field, not worth a warning. */
export function isSerialHeader(text: string): boolean {
  return /^(序号|编号|行次|栏次|no\.?)$/i.test(normHeader(text))
}

/** True when a cell text is a header of some entity (used to find the header block). */
export function isHeaderLike(text: string): boolean {
  const n = normHeader(text)
  if (n.length === 0 || n.length > 40) return false
  if (KNOWN_OTHER.has(n) || KNOWN_OTHER.has(stripUnit(n))) return true
  for (const e of ['site', 'facility', 'workshop'] as const) {
    const idx = fieldIndex(e)
    if (matchOne(idx, n) || idx.vocabulary.has(n) || idx.vocabulary.has(stripUnit(stripPrefix(n)))) return true
  }
  return false
}

function matchOne(idx: FieldIndex, n: string): FieldDef | undefined {
  return idx.exact.get(n) ?? idx.exact.get(stripUnit(stripPrefix(n))) ?? idx.exact.get(stripUnit(stripPrefix(stripUnit(n))))
}

/** 合计 / 小计 / 总计 under a parent: the parent's own figure. */
const TOTAL_PART = /^(合计|小计|总计|共计|计)$/
const SUB_PART = /^其中/

function matchTries(idx: FieldIndex, path: readonly string[]): FieldDef | undefined {
  if (path.length === 0) return undefined
  const tries: string[] = [path.join('')]
  if (path.length > 2) tries.push(path.slice(-2).join(''))
  if (path.length > 1) tries.push(path[path.length - 1]!)
  for (const t of tries) {
    const f = matchOne(idx, t)
    if (f) return f
  }
  for (const t of tries) {
    const f = idx.reduced.get(reduceHeader(t))
    if (f) return f
  }
  return undefined
}

/** The field a header path names, or undefined. `path` holds normalised header texts, top to bottom. */
export function matchPath(idx: FieldIndex, path: readonly string[]): FieldDef | undefined {
  if (path.length === 0) return undefined
  // the path as written first: 吸纳就业 › 合计 is a label of its own
  const whole = matchOne(idx, path.join(''))
  if (whole) return whole
  let parts = path.filter((p) => !TOTAL_PART.test(stripUnit(p)))
  if (parts.length === 0) parts = [...path]
  // a lone 其中 cell introduces the part below it
  const joined: string[] = []
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!
    if (/^其中:?$/.test(p) && i < parts.length - 1) joined.push(`其中:${parts[++i]!}`)
    else joined.push(p)
  }
  parts = joined
  let sub = -1
  for (let i = parts.length - 1; i > 0; i--) {
    if (SUB_PART.test(parts[i]!)) {
      sub = i
      break
    }
  }
  if (sub < 0) return matchTries(idx, parts)
  // a sub-field: named from its 其中 part down; the parent only lends its measure (户数 / 人数)
  const tail = parts.slice(sub)
  if (tail.length === 1) {
    const parent = matchPath(idx, parts.slice(0, sub))
    const measure = parent?.short ? normHeader(parent.short.zh) : null
    if (measure && !TOTAL_PART.test(measure) && !tail[0]!.endsWith(measure)) {
      const f = matchTries(idx, [tail[0]! + measure])
      if (f) return f
    }
  }
  return matchTries(idx, tail)
}
