/**
 * Dates in every form county returns use: 2019年12月, 2019年12月31日, 2019.12, 2019-12, 2019/12/31,
 * 20191231, 201912, Excel serial numbers, "2019年底". Values come out as 'YYYY-MM-DD' or, when only a
 * month is given, 'YYYY-MM'. 2019.1 is ambiguous (it may be 2019.10 stored as a number) and is flagged.
 */
import { isNullMarker, toHalfWidth, trimAll } from './normalize-text.ts'

export type ParsedDate =
  | { kind: 'empty' }
  | { kind: 'date'; value: string; precision: 'month' | 'day'; adjusted: boolean; ambiguous?: boolean }
  | { kind: 'invalid' }

const pad = (n: number): string => String(n).padStart(2, '0')

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return d <= days
}

function yearOk(y: number): boolean {
  return y >= 1950 && y <= 2100
}

function month(y: number, m: number, adjusted: boolean, ambiguous = false): ParsedDate {
  if (!yearOk(y) || m < 1 || m > 12) return { kind: 'invalid' }
  return { kind: 'date', value: `${y}-${pad(m)}`, precision: 'month', adjusted, ...(ambiguous ? { ambiguous } : {}) }
}

function day(y: number, m: number, d: number, adjusted: boolean): ParsedDate {
  if (!yearOk(y) || !validDay(y, m, d)) return { kind: 'invalid' }
  return { kind: 'date', value: `${y}-${pad(m)}-${pad(d)}`, precision: 'day', adjusted }
}

/** Excel serial day number (1900 date system) to a calendar date. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null
  const ms = Math.round((serial - 25569) * 86400000)
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** A JS Date (as exceljs gives date cells: UTC midnight) to 'YYYY-MM-DD'. */
export function jsDateToIso(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null
  // exceljs reads date cells as UTC; a time within the last minutes of a day comes from float error
  const t = new Date(d.getTime() + 30000)
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
}

/** Excel serials of 1950-01-01 and 2100-12-31: the same year range as dates written as text. */
const SERIAL_1950 = 18264
const SERIAL_2100_END = 73415

/**
 * A number in a date column: 20191231, 201912, 2019.12 (2019.1 is ambiguous), or an Excel serial.
 */
export function parseDateNumber(n: number): ParsedDate {
  if (!Number.isFinite(n)) return { kind: 'invalid' }
  if (Number.isInteger(n)) {
    if (n >= 19500101 && n <= 21001231) return day(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100, true)
    if (n >= 195001 && n <= 210012) return month(Math.floor(n / 100), n % 100, true)
    if (n >= 1950 && n <= 2100) return { kind: 'invalid' }
    const iso = excelSerialToIso(n)
    if (iso && n >= SERIAL_1950 && n <= SERIAL_2100_END) return { kind: 'date', value: iso, precision: 'day', adjusted: true }
    return { kind: 'invalid' }
  }
  const text = String(n)
  const m = /^(\d{4})\.(\d{1,2})$/.exec(text)
  if (m) {
    const y = Number(m[1])
    const mo = Number(m[2])
    // 2019.1 could be January or October written 2019.10 and stored as a number
    return month(y, mo, true, m[2]?.length === 1 && mo === 1)
  }
  if (n >= SERIAL_1950 && n < SERIAL_2100_END + 1) {
    const iso = excelSerialToIso(Math.floor(n))
    if (iso) return { kind: 'date', value: iso, precision: 'day', adjusted: true }
  }
  return { kind: 'invalid' }
}

/** A date written as text. */
export function parseDateText(raw: string): ParsedDate {
  if (isNullMarker(raw)) return { kind: 'empty' }
  const s = trimAll(toHalfWidth(raw)).replace(/\s+/g, '')
  let m: RegExpExecArray | null
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) return day(+m[1]!, +m[2]!, +m[3]!, false)
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) return month(+m[1]!, +m[2]!, false)
  if ((m = /^(\d{4})[年\-/.](\d{1,2})[月\-/.](\d{1,2})[日号]?$/.exec(s))) return day(+m[1]!, +m[2]!, +m[3]!, true)
  if ((m = /^(\d{4})年(\d{1,2})月(份)?(底|末)?$/.exec(s))) return month(+m[1]!, +m[2]!, true)
  if ((m = /^(\d{4})[\-/](\d{1,2})$/.exec(s))) return month(+m[1]!, +m[2]!, true)
  // "2019.1" as text is what a cell holding the number 2019.10 shows: January or October
  if ((m = /^(\d{4})\.(\d{1,2})$/.exec(s))) return month(+m[1]!, +m[2]!, true, m[2] === '1')
  if ((m = /^(\d{4})年(底|末|年底)$/.exec(s))) return month(+m[1]!, 12, true)
  if ((m = /^(\d{4})年(初)$/.exec(s))) return month(+m[1]!, 1, true)
  if ((m = /^(\d{4})年上半年$/.exec(s))) return month(+m[1]!, 6, true)
  if ((m = /^(\d{4})年下半年$/.exec(s))) return month(+m[1]!, 12, true)
  if ((m = /^(\d{4})-(\d{2})-(\d{2})T[\d:.]+Z?$/.exec(s))) return day(+m[1]!, +m[2]!, +m[3]!, true)
  if (/^\d+(\.\d+)?$/.test(s)) return parseDateNumber(Number(s))
  return { kind: 'invalid' }
}

/** Compare two plan dates of possibly different precision; a month counts as its last day. */
export function dateEndKey(value: string): string {
  return value.length === 7 ? `${value}-31` : value
}
export function dateStartKey(value: string): string {
  return value.length === 7 ? `${value}-01` : value
}
