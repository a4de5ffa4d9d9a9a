/**
 * .xlsx through exceljs's streaming reader (the fast, low-memory path: a 35,000-row province workbook
 * reads in about 130 MB). Formulas come through their cached results. What the streaming reader does
 * not expose — sheet visibility, hidden rows, merged ranges — is read from the archive's XML here,
 * after the archive has passed the zip-bomb and encryption checks of ZipArchive.
 */
import { Readable } from 'node:stream'
import { AppError } from '../../../shared/api/errors.ts'
import { importErrors, throwIfAborted } from './errors.ts'
import type { MergeRange, RawCell, RawSheet, RawWorkbook, ReadLimits, ReadOptions } from './types.ts'
import { utf8WorkbookReader } from './utf8-workbook-reader.ts'
import { ZipArchive } from './zip-archive.ts'

const decodeXml = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&')

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag)
  return m ? decodeXml(m[1]!) : null
}

interface SheetMeta {
  name: string
  hidden: boolean
  path: string
}

function sheetMetas(zip: ZipArchive): SheetMeta[] {
  const wb = zip.readText('xl/workbook.xml')
  const rels = zip.readText('xl/_rels/workbook.xml.rels')
  if (wb === null) throw importErrors.corrupt('缺少 workbook.xml / missing workbook.xml')
  const targets = new Map<string, string>()
  for (const m of (rels ?? '').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id')
    const target = attr(m[0], 'Target')
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`)
  }
  const out: SheetMeta[] = []
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name') ?? ''
    const state = attr(m[0], 'state')
    const rid = attr(m[0], 'r:id')
    const path = (rid && targets.get(rid)) ?? ''
    out.push({ name, hidden: state === 'hidden' || state === 'veryHidden', path })
  }
  return out
}

const A = 'A'.charCodeAt(0)
function decodeRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref)
  if (!m) return null
  let col = 0
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - A + 1)
  return { row: Number(m[2]), col }
}

/** Hidden rows and merged ranges, found by scanning the sheet's XML (cheap: byte searches, no DOM). */
function scanSheetXml(xml: Buffer): { hiddenRows: Set<number>; merges: MergeRange[] } {
  const hiddenRows = new Set<number>()
  const merges: MergeRange[] = []
  const needle = Buffer.from(' hidden="')
  let pos = xml.indexOf(needle)
  while (pos >= 0) {
    const v = xml[pos + needle.length]
    if (v === 0x31 /* 1 */ || v === 0x74 /* t(rue) */) {
      const open = xml.lastIndexOf(0x3c /* < */, pos)
      if (open >= 0 && xml.toString('latin1', open, open + 5) === '<row ') {
        const close = xml.indexOf(0x3e /* > */, pos)
        const tag = xml.toString('latin1', open, close)
        const r = attr(tag, 'r')
        if (r) hiddenRows.add(Number(r))
      }
    }
    pos = xml.indexOf(needle, pos + needle.length)
  }
  const mc = xml.indexOf('<mergeCells')
  if (mc >= 0) {
    const end = xml.indexOf('</mergeCells>', mc)
    const part = xml.toString('utf8', mc, end < 0 ? xml.length : end)
    for (const m of part.matchAll(/<mergeCell\b[^>]*ref="([A-Z$0-9]+):([A-Z$0-9]+)"/g)) {
      const a = decodeRef(m[1]!)
      const b = decodeRef(m[2]!)
      if (a && b) merges.push({ top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) })
    }
  }
  return { hiddenRows, merges }
}

/** An exceljs cell value to a raw cell: formulas give their cached result, rich text its plain text. */
export function plainCell(v: unknown): RawCell {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
  if (v instanceof Date) return v
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return plainCell(o['result'])
    if (Array.isArray(o['richText'])) return (o['richText'] as { text?: string }[]).map((t) => t.text ?? '').join('')
    if ('error' in o) return null
    if ('text' in o) return plainCell(o['text'])
  }
  return null
}

export async function readXlsx(buf: Buffer, limits: ReadLimits, opts: ReadOptions = {}): Promise<RawWorkbook> {
  const zip = new ZipArchive(buf, limits.maxUnpackedBytes)
  if (!zip.has('xl/workbook.xml')) throw importErrors.notSpreadsheet()
  const metas = sheetMetas(zip)
  const scans = new Map<string, { hiddenRows: Set<number>; merges: MergeRange[] }>()
  // inflating every part once, under the cap, proves the archive's declared sizes before exceljs reads it
  for (const name of zip.entries.keys()) {
    const data = zip.read(name)
    const meta = metas.find((m) => m.path === name)
    if (meta && data) scans.set(meta.name, scanSheetXml(data))
  }
  throwIfAborted(opts.signal)
  const reader = utf8WorkbookReader(Readable.from([buf]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  })
  const sheets: RawSheet[] = []
  let total = 0
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name?: string }).name ?? `Sheet${sheets.length + 1}`
      const rows: (RawCell[] | undefined)[] = []
      let count = 0
      for await (const row of ws) {
        const values = row.values as unknown[]
        const cells: RawCell[] = new Array<RawCell>(Math.max(0, values.length - 1)).fill(null)
        let any = false
        for (let c = 1; c < values.length; c++) {
          const v = plainCell(values[c])
          if (v !== null) {
            cells[c - 1] = v
            any = true
          }
        }
        if (any) rows[row.number] = cells
        if (++count > limits.maxRows) throw importErrors.tooManyRows(name, limits.maxRows)
        if (++total % 2000 === 0) {
          opts.onProgress?.(total)
          throwIfAborted(opts.signal)
        }
      }
      const meta = metas.find((m) => m.name === name)
      const scan = scans.get(name) ?? { hiddenRows: new Set<number>(), merges: [] }
      sheets.push({ name, hidden: meta?.hidden ?? false, rows, merges: scan.merges, hiddenRows: scan.hiddenRows })
    }
  } catch (e) {
    if (e instanceof AppError) throw e
    throw importErrors.corrupt(e instanceof Error ? e.message.slice(0, 120) : undefined)
  }
  // exceljs emits sheets in archive order; keep the workbook's tab order
  sheets.sort((a, b) => metas.findIndex((m) => m.name === a.name) - metas.findIndex((m) => m.name === b.name))
  return { format: 'xlsx', sheets }
}
