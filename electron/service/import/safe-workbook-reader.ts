/**
 * exceljs's streaming reader, made safe for Chinese returns and bounded for hostile archives.
 *
 * 1. exceljs 4.4.0 decodes every chunk of a zip entry on its own (lib/utils/parse-sax.js:
 *    `bufferToString(chunk)`), so a character whose UTF-8 bytes straddle two chunks comes out as U+FFFD
 *    (城南乐业社区 → 城南乐���社区). Here the parser gets strings decoded across chunk boundaries (a
 *    string passes through bufferToString untouched).
 * 2. Every entry's inflated bytes are counted as they stream; past the limit the read stops with the
 *    zip-bomb refusal (the archive's declared sizes are checked before, but may lie).
 * 3. The sheet XML passing by is scanned for what the streaming reader does not expose: hidden rows
 *    (`<row … hidden="1">`) and merged ranges (`<mergeCell ref="A1:B2"/>`).
 * 4. The workbook parts a sheet needs (workbook.xml and its rels, styles.xml, sharedStrings.xml) can be
 *    parsed first from the archive (`prime`): exceljs otherwise parks sheets that come before them in
 *    the archive (exceljs's own writer puts them last) in temporary files, and on small archives it
 *    then reads those sheets without the workbook at all: no sheet names, no number formats (a date
 *    shown as a month read back as a day).
 */
import type ExcelJS from 'exceljs'
import { loadExcel } from '../lazy-libs.ts'
import { Readable, Transform, type TransformCallback } from 'node:stream'
import { importErrors } from './errors.ts'
import type { MergeRange } from './types.ts'

type ChunkSource = AsyncIterable<Buffer | string>

export interface SheetScan {
  hiddenRows: Set<number>
  merges: MergeRange[]
}

interface Budget {
  used: number
  limit: number
}

const A = 'A'.charCodeAt(0)
function decodeRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref)
  if (!m) return null
  let col = 0
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - A + 1)
  return { row: Number(m[2]), col }
}

/** Scan a piece of sheet XML (with some overlap from the previous piece) for hidden rows and merges. */
function scanPiece(text: string, scan: SheetScan, seenMerges: Set<string>): void {
  let pos = text.indexOf(' hidden="')
  while (pos >= 0) {
    const v = text.charCodeAt(pos + 9)
    if (v === 0x31 /* 1 */ || v === 0x74 /* t(rue) */) {
      const open = text.lastIndexOf('<', pos)
      if (open >= 0 && text.startsWith('<row ', open)) {
        const close = text.indexOf('>', pos)
        const m = / r="(\d+)"/.exec(text.slice(open, close < 0 ? text.length : close))
        if (m) scan.hiddenRows.add(Number(m[1]))
      }
    }
    pos = text.indexOf(' hidden="', pos + 9)
  }
  let mc = text.indexOf('<mergeCell ')
  while (mc >= 0) {
    const end = text.indexOf('>', mc)
    if (end < 0) break
    const m = /ref="([A-Z$0-9]+):([A-Z$0-9]+)"/.exec(text.slice(mc, end))
    if (m && !seenMerges.has(m[0])) {
      seenMerges.add(m[0])
      const a = decodeRef(m[1]!)
      const b = decodeRef(m[2]!)
      if (a && b) scan.merges.push({ top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) })
    }
    mc = text.indexOf('<mergeCell ', end)
  }
}

const OVERLAP = 400

async function* decodeSheet(source: ChunkSource, budget: Budget, scan: SheetScan): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8')
  const seenMerges = new Set<string>()
  let tail = ''
  for await (const chunk of source) {
    budget.used += chunk.length
    if (budget.used > budget.limit) throw importErrors.tooBigUnpacked(budget.limit)
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    scanPiece(tail + text, scan, seenMerges)
    tail = text.length > OVERLAP ? text.slice(-OVERLAP) : tail.slice(-(OVERLAP - text.length)) + text
    yield text
  }
  const rest = decoder.decode()
  if (rest) {
    scanPiece(tail + rest, scan, seenMerges)
    yield rest
  }
}

/** An entry's bytes, counted against the budget, as UTF-8 text decoded across chunk boundaries. */
function limitedText(entry: Readable, budget: Budget): Readable {
  const t = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
      budget.used += chunk.length
      if (budget.used > budget.limit) cb(importErrors.tooBigUnpacked(budget.limit))
      else cb(null, chunk)
    },
  })
  entry.on('error', (e) => t.destroy(e))
  entry.pipe(t)
  t.setEncoding('utf8')
  return t
}

/** The text of the workbook parts exceljs needs before a sheet; null where the archive has none. */
export interface WorkbookParts {
  rels: string | null
  workbook: string | null
  styles: string | null
  sharedStrings: string | null
}

interface ReaderInternals {
  _parseWorksheet(iterator: ChunkSource, sheetNo: string): Generator<{ eventType: string; value: unknown }>
  _parseHyperlinks(iterator: ChunkSource, sheetNo: string): Generator<unknown>
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>
  _parseWorkbook(entry: Readable): Promise<void>
  _parseRels(entry: Readable): Promise<void>
  _parseStyles(entry: Readable): Promise<void>
}

const scans = new WeakMap<object, SheetScan>()

/** What the scan found in a worksheet reader's XML (complete once its rows have been read). */
export function sheetScanOf(worksheet: object): SheetScan {
  return scans.get(worksheet) ?? { hiddenRows: new Set(), merges: [] }
}

type ReaderClass = new (input: unknown, options: unknown) => ReaderInternals & { budget: Budget; primed: boolean; sharedStrings?: unknown[] }
let readerClass: ReaderClass | undefined

/** The subclass of exceljs's WorkbookReader, made once exceljs is loaded. */
function safeReaderClass(excel: typeof ExcelJS): ReaderClass {
  if (readerClass) return readerClass
  const Base = excel.stream.xlsx.WorkbookReader as unknown as new (input: unknown, options: unknown) => ReaderInternals
  const base = Base.prototype
  class SafeWorkbookReader extends Base {
    budget: Budget = { used: 0, limit: Number.POSITIVE_INFINITY }
    /** the workbook parts were parsed from the archive before streaming: skip them in the stream */
    primed = false
    declare sharedStrings?: unknown[]

    override *_parseWorksheet(iterator: ChunkSource, sheetNo: string): Generator<{ eventType: string; value: unknown }> {
      const scan: SheetScan = { hiddenRows: new Set(), merges: [] }
      for (const ev of base._parseWorksheet.call(this, decodeSheet(iterator, this.budget, scan), sheetNo)) {
        if (ev.eventType === 'worksheet' && typeof ev.value === 'object' && ev.value !== null) scans.set(ev.value, scan)
        yield ev
      }
    }
    override _parseHyperlinks(iterator: ChunkSource, sheetNo: string): Generator<unknown> {
      return base._parseHyperlinks.call(this, decodeSheet(iterator, this.budget, { hiddenRows: new Set(), merges: [] }), sheetNo)
    }
    override _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
      if (this.primed) return (async function* () {})()
      return base._parseSharedStrings.call(this, limitedText(entry, this.budget))
    }
    override _parseWorkbook(entry: Readable): Promise<void> {
      if (this.primed) return Promise.resolve()
      return base._parseWorkbook.call(this, limitedText(entry, this.budget))
    }
    override _parseRels(entry: Readable): Promise<void> {
      if (this.primed) return Promise.resolve()
      return base._parseRels.call(this, limitedText(entry, this.budget))
    }
    override _parseStyles(entry: Readable): Promise<void> {
      if (this.primed) return Promise.resolve()
      return base._parseStyles.call(this, limitedText(entry, this.budget))
    }
  }
  readerClass = SafeWorkbookReader
  return readerClass
}

/** exceljs's streaming WorkbookReader with chunk-safe UTF-8, a cap on inflated bytes, and the hidden-row/merge scan. */
export async function safeWorkbookReader(
  input: Readable,
  maxUnpackedBytes: number,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
  prime?: WorkbookParts,
): Promise<ExcelJS.stream.xlsx.WorkbookReader> {
  const SafeWorkbookReader = safeReaderClass(await loadExcel())
  const r = new SafeWorkbookReader(input, options)
  r.budget = { used: 0, limit: maxUnpackedBytes }
  if (prime && prime.rels !== null && prime.workbook !== null) {
    const text = (t: string): Readable => limitedText(Readable.from([Buffer.from(t, 'utf8')]), r.budget)
    await r._parseRels(text(prime.rels))
    await r._parseWorkbook(text(prime.workbook))
    if (prime.styles !== null && options.styles === 'cache') await r._parseStyles(text(prime.styles))
    if (prime.sharedStrings !== null) for await (const ev of r._parseSharedStrings(text(prime.sharedStrings))) void ev
    // exceljs parses a sheet in place once it has the shared strings; a workbook without any has none to wait for
    r.sharedStrings ??= []
    r.primed = true
  }
  return r as unknown as ExcelJS.stream.xlsx.WorkbookReader
}
