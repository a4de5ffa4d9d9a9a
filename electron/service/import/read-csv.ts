/**
 * CSV as Chinese offices save it: UTF-8 with or without a BOM, GBK/GB18030 without one (Excel and WPS
 * on Chinese Windows), UTF-16 (Excel's "Unicode text", usually tab-separated). The encoding is detected
 * from the BOM, then from NUL-byte patterns, then by trying strict UTF-8 and falling back to GB18030.
 */
import iconv from 'iconv-lite'
import { importErrors, throwIfAborted } from './errors.ts'
import type { RawCell, RawWorkbook, ReadLimits, ReadOptions } from './types.ts'

export function detectEncoding(buf: Buffer): string {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8-bom'
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le'
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be'
  const n = Math.min(buf.length, 4000)
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < n; i++) {
    if (buf[i] !== 0) continue
    if (i % 2 === 0) evenNul++
    else oddNul++
  }
  if (oddNul > n / 8 && evenNul < oddNul / 4) return 'utf-16le'
  if (evenNul > n / 8 && oddNul < evenNul / 4) return 'utf-16be'
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf)
    return 'utf-8'
  } catch {
    return 'gb18030'
  }
}

export function decodeText(buf: Buffer): { text: string; encoding: string } {
  const encoding = detectEncoding(buf)
  switch (encoding) {
    case 'utf-8-bom':
      return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' }
    case 'utf-8':
      return { text: buf.toString('utf8'), encoding }
    case 'utf-16le':
      return { text: iconv.decode(buf, 'utf-16le').replace(/^\ufeff/, ''), encoding }
    case 'utf-16be':
      return { text: iconv.decode(buf, 'utf-16be').replace(/^\ufeff/, ''), encoding }
    default:
      return { text: iconv.decode(buf, 'gb18030'), encoding }
  }
}

/** True when the bytes look like text a spreadsheet could have saved (no stray control bytes). */
export function looksLikeText(text: string): boolean {
  const sample = text.slice(0, 8000)
  if (sample.length === 0) return false
  let bad = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if ((c < 9 || (c > 13 && c < 32) || c === 0xfffd) && c !== 0x1b) bad++
  }
  return bad / sample.length < 0.01
}

function pickDelimiter(text: string): string {
  const head = text.slice(0, 4000)
  const counts: [string, number][] = [',', '\t', ';'].map((d) => [d, head.split(d).length - 1])
  counts.sort((a, b) => b[1] - a[1])
  return counts[0]![1] > 0 ? counts[0]![0] : ','
}

/** RFC 4180 parsing (quotes, doubled quotes, line breaks inside quotes); rows keyed by their first line number. */
export function parseCsv(text: string, limits: ReadLimits, opts: ReadOptions = {}): RawWorkbook {
  const delim = pickDelimiter(text)
  const rows: (RawCell[] | undefined)[] = []
  let line = 1
  let rowLine = 1
  let cell = ''
  let cells: RawCell[] = []
  let quoted = false
  let count = 0
  const endCell = (): void => {
    cells.push(cell === '' ? null : cell)
    cell = ''
  }
  const endRow = (): void => {
    endCell()
    if (cells.some((c) => c !== null)) rows[rowLine] = cells
    cells = []
    if (++count > limits.maxRows) throw importErrors.tooManyRows('CSV', limits.maxRows)
    if (count % 5000 === 0) {
      opts.onProgress?.(count)
      throwIfAborted(opts.signal)
    }
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else {
        if (ch === '\n') line++
        cell += ch
      }
      continue
    }
    if (ch === '"' && cell === '') quoted = true
    else if (ch === delim) endCell()
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRow()
      line++
      rowLine = line
    } else cell += ch
  }
  if (cell !== '' || cells.length > 0) endRow()
  return { format: 'csv', sheets: [{ name: 'CSV', hidden: false, rows, merges: [], hiddenRows: new Set() }] }
}

export function readCsv(buf: Buffer, limits: ReadLimits, opts: ReadOptions = {}): RawWorkbook {
  const { text, encoding } = decodeText(buf)
  if (!looksLikeText(text)) throw importErrors.notSpreadsheet()
  const wb = parseCsv(text, limits, opts)
  return { ...wb, encoding }
}
