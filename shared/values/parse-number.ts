/**
 * Numbers as planners type and counties send them: "1,234", "１２３４", " 26 ", "52人", "3.5万", "86.3%".
 * A number that names its money unit ("12万", "1.2亿", "35000元") says so, so a money field can read it
 * in 万元 whatever its column's header says.
 */
import { isNullMarker, toHalfWidth, trimAll } from './normalize-text.ts'

export type ParsedNumber =
  | { kind: 'empty' }
  | {
      kind: 'number'
      /** with 万 / 亿 applied: "3.5万" is 35000 */
      value: number
      adjusted: boolean
      percent: boolean
      /** 约 / 大约 / 近 …: a rounded figure */
      approximate: boolean
      /** the text named a money unit (万, 亿, 元, 万元, 亿元): `value` is then in 元 */
      moneyUnit: boolean
    }
  | { kind: 'invalid' }

const UNIT_SUFFIX = /(人|户|套|个|所|处|座|间|名|位|床位|张|平方米|平米|㎡|m2|m²|公里|km|元|元\/月|亩|家)$/i

/** Parse a number written as text. "万" multiplies by 10,000; a trailing "%" marks a percentage. */
export function parseNumberText(raw: string): ParsedNumber {
  if (isNullMarker(raw)) return { kind: 'empty' }
  let s = trimAll(toHalfWidth(raw))
  const original = s
  let approximate = false
  if (/^(约|大约|近|逾|超过|共)/.test(s)) {
    approximate = true
    s = s.replace(/^(约|大约|近|逾|超过|共)/, '')
  }
  s = s.replace(/\s+/g, '').replace(/[，,]/g, '').replace(/。$/, '')
  let percent = false
  if (/[%％]$/.test(s)) {
    percent = true
    s = s.slice(0, -1)
  }
  let scale = 1
  let moneyUnit = /元$/.test(s) && !/元\/月$/.test(s)
  s = s.replace(UNIT_SUFFIX, '')
  if (/万$/.test(s)) {
    scale = 10000
    moneyUnit = true
    s = s.slice(0, -1)
  } else if (/亿$/.test(s)) {
    scale = 100000000
    moneyUnit = true
    s = s.slice(0, -1)
  }
  s = s.replace(UNIT_SUFFIX, '')
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return { kind: 'invalid' }
  const value = Number(s) * scale
  if (!Number.isFinite(value)) return { kind: 'invalid' }
  const rounded = scale === 1 ? value : Math.round(value * 1e6) / 1e6
  return { kind: 'number', value: rounded, adjusted: s !== original || approximate, percent, approximate, moneyUnit }
}
