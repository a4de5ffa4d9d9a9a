/**
 * .xlsx through exceljs's streaming reader (the fast, low-memory path: a 35,000-row province workbook
 * reads in about 130 MB). Formulas come through their cached results. The archive's directory is
 * checked first (truncation, encryption, declared unpacked size); sheet visibility comes from
 * workbook.xml, hidden rows and merged ranges from the scan in safe-workbook-reader.ts.
 */
import { Readable } from 'node:stream'
import { AppError } from '../../../shared/api/errors.ts'
import { importErrors, throwIfAborted } from './errors.ts'
import type { RawCell, RawSheet, RawWorkbook, ReadLimits, ReadOptions } from './types.ts'
import { safeWorkbookReader, sheetScanOf } from './safe-workbook-reader.ts'
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

function sheetMetas(wb: string | null, rels: string | null): SheetMeta[] {
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

/**
 * A date format that shows no day (yyyy-mm, yyyy"年"m"月", mmm-yy): the cell holds a month, not the
 * first of it. Quoted text, [..] sections and escaped characters are not format codes.
 */
function isMonthFormat(fmt: string | undefined): boolean {
  if (!fmt) return false
  const codes = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '').toLowerCase()
  return /y/.test(codes) && /m/.test(codes) && !/[dhs]/.test(codes)
}

/** A date cell shown as a month is read as that month ('2019-12'), so month precision survives. */
function monthText(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

export async function readXlsx(buf: Buffer, limits: ReadLimits, opts: ReadOptions = {}): Promise<RawWorkbook> {
  const zip = new ZipArchive(buf, limits.maxUnpackedBytes)
  if (!zip.has('xl/workbook.xml')) throw importErrors.notSpreadsheet()
  // the archive's check runs beside the streaming read (it inflates in zlib's thread pool): a damaged
  // archive can make exceljs wait forever, so the read gives up as soon as the check fails
  const verified = zip.verify()
  let input: Readable | null = null
  const read = async (): Promise<RawSheet[]> => {
    // the workbook and its relations are read once: for the sheets' names and states, and for exceljs
    const workbookXml = zip.readText('xl/workbook.xml')
    const relsXml = zip.readText('xl/_rels/workbook.xml.rels')
    const metas = sheetMetas(workbookXml, relsXml)
    throwIfAborted(opts.signal)
    const sheets: RawSheet[] = []
    let total = 0
    try {
      input = Readable.from([buf])
      const reader = await safeWorkbookReader(input, limits.maxUnpackedBytes, {
        sharedStrings: 'cache',
        styles: 'cache',
        hyperlinks: 'ignore',
        worksheets: 'emit',
        entries: 'ignore',
      }, {
        rels: relsXml,
        workbook: workbookXml,
        styles: zip.readText('xl/styles.xml'),
        sharedStrings: zip.readText('xl/sharedStrings.xml'),
      })
      for await (const ws of reader) {
        const name = (ws as unknown as { name?: string }).name ?? `Sheet${sheets.length + 1}`
        const rows: (RawCell[] | undefined)[] = []
        let count = 0
        for await (const row of ws) {
          const values = row.values as unknown[]
          const cells: RawCell[] = new Array<RawCell>(Math.max(0, values.length - 1)).fill(null)
          let any = false
          for (let c = 1; c < values.length; c++) {
            let v = plainCell(values[c])
            if (v instanceof Date && isMonthFormat(row.getCell(c).numFmt)) v = monthText(v)
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
        const scan = sheetScanOf(ws)
        sheets.push({ name, hidden: meta?.hidden ?? false, rows, merges: scan.merges, hiddenRows: scan.hiddenRows })
      }
    } catch (e) {
      if (e instanceof AppError) throw e
      throw importErrors.corrupt(e instanceof Error ? e.message.slice(0, 120) : undefined)
    }
    // exceljs emits sheets in archive order; keep the workbook's tab order
    sheets.sort((a, b) => metas.findIndex((m) => m.name === a.name) - metas.findIndex((m) => m.name === b.name))
    return sheets
  }
  const reading = read()
  // whichever fails first decides; a read that finishes still waits for the check
  reading.catch(() => undefined)
  let sheets: RawSheet[]
  try {
    ;[, sheets] = await Promise.all([verified, reading])
  } catch (e) {
    ;(input as Readable | null)?.destroy()
    throw e
  }
  return { format: 'xlsx', sheets }
}
