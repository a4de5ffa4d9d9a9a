/**
 * Runs the malformed corpus through the import path in its own process (so a hang, a crash or an
 * out-of-memory is seen by the test instead of taking the test runner down) and prints one JSON line
 * per input: outcome, error code and message, time, memory. Then checks the plan was not written.
 *
 * The import path is the importer's previewBuffer (electron/service/import) when it is present;
 * until the importer has landed, the workbook and CSV readers it is built on (exceljs streaming
 * reader, @e965/xlsx, iconv-lite) stand in, and the first line says which was used.
 */
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import JSZip from 'jszip'
import XLSX from '@e965/xlsx'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../../shared/api/errors.ts'
import { Plan } from '../../../electron/service/plan.ts'
import { malformedInputs } from './malformed-inputs.ts'

class HangError extends Error {}
/** an input not settled after this long is reported as a hang */
const HANG_MS = 10_000
/** stop after this many hangs: the test fails on the first anyway */
const MAX_HANGS = 3

type PreviewFn = (plan: Plan, buf: Buffer, fileName: string) => Promise<{ preview: { sheets: unknown[] } }>

const [planPath, countArg] = process.argv.slice(2)
const say = (o: unknown): void => void process.stdout.write(`${JSON.stringify(o)}\n`)

async function importerPreview(): Promise<PreviewFn | null> {
  const path = join(import.meta.dirname, '..', '..', '..', 'electron', 'service', 'import', 'import-service.ts')
  if (!existsSync(path)) return null
  const mod = (await import(path)) as { previewBuffer?: PreviewFn }
  return mod.previewBuffer ?? null
}

/** The total uncompressed size the zip's central directory declares (read before inflating anything). */
function declaredUnpackedSize(buf: Buffer): number {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (eocd < 0 || eocd + 22 > buf.length) throw new Error('not a zip: no end of central directory')
  const count = buf.readUInt16LE(eocd + 10)
  let at = buf.readUInt32LE(eocd + 16)
  let total = 0
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new Error('damaged zip directory')
    total += buf.readUInt32LE(at + 24)
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32)
  }
  return total
}

/** Stand-in until the importer lands: read the file the way it will, every cell touched. */
async function readersOnly(buf: Buffer, fileName: string): Promise<number> {
  if (buf.length === 0) throw new Error('empty file')
  let cells = 0
  if (buf[0] === 0x50 && buf[1] === 0x4b) {
    // check the zip's directory and sizes first, then read every sheet (exceljs's streaming reader
    // can wait forever on a damaged zip, so the stand-in uses the buffered one on these small files)
    const unpacked = declaredUnpackedSize(buf)
    if (unpacked > 200 * 1048576) throw new Error(`unpacks to ${Math.round(unpacked / 1048576)} MB`)
    const zip = await JSZip.loadAsync(buf, { checkCRC32: true })
    for (const f of Object.values(zip.files).filter((x) => /^xl\/worksheets\/.*\.xml$/.test(x.name))) {
      const rows = ((await f.async('string')).match(/<row\b/g) ?? []).length
      if (rows > 200_000) throw new Error(`${rows} rows: over the 200,000-row limit`)
    }
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(buf as unknown as ArrayBuffer)
    wb.eachSheet((ws) => ws.eachRow({ includeEmpty: false }, (row) => void (cells += row.cellCount)))
    return cells
  }
  if (/\.(xls|et)$/i.test(fileName)) {
    const wb = XLSX.read(buf, { type: 'buffer', dense: true, sheetRows: 200_000 })
    for (const name of wb.SheetNames) cells += XLSX.utils.sheet_to_json(wb.Sheets[name]!, { header: 1 }).length
    return cells
  }
  const utf8 = buf.toString('utf8')
  const text = utf8.includes('\ufffd') ? iconv.decode(buf, 'gb18030') : utf8
  return text.split(/\r?\n/).length
}

async function main(): Promise<void> {
  const plan = Plan.open(planPath!)
  const before = { sets: plan.actions.state().steps, sites: plan.repos.site.count(), batches: (plan.db.prepare('SELECT COUNT(*) AS n FROM import_batch').get() as { n: number }).n }
  const preview = await importerPreview()
  say({ target: preview ? 'importer previewBuffer' : 'readers only (importer not on this branch yet)' })
  const t0 = performance.now()
  const inputs = await malformedInputs(9, Number(countArg ?? 1))
  say({ inputs: inputs.length, generatedMs: Math.round(performance.now() - t0) })
  let hangs = 0
  for (const input of inputs) {
    const t0 = performance.now()
    let line: Record<string, unknown>
    // a promise that never settles is a hang; the timer also keeps the process alive meanwhile
    let timer: NodeJS.Timeout | undefined
    const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new HangError()), HANG_MS)))
    try {
      if (preview) {
        const r = await Promise.race([preview(plan, input.bytes, input.name), hang])
        line = { outcome: 'preview', sheets: r.preview.sheets.length }
      } else line = { outcome: 'read', cells: await Promise.race([readersOnly(input.bytes, input.name), hang]) }
    } catch (e) {
      if (e instanceof HangError) line = { outcome: 'hang' }
      else
      line = e instanceof AppError ? { outcome: 'error', code: e.code, zh: e.label.zh, en: e.label.en } : { outcome: 'error', code: null, en: e instanceof Error ? e.message.slice(0, 200) : String(e) }
    } finally {
      clearTimeout(timer)
    }
    say({ name: input.name, kind: input.kind, ms: Math.round(performance.now() - t0), rssMb: Math.round(process.memoryUsage().rss / 1048576), ...line })
    if (line['outcome'] === 'hang' && ++hangs >= MAX_HANGS) break
  }
  const after = { sets: plan.actions.state().steps, sites: plan.repos.site.count(), batches: (plan.db.prepare('SELECT COUNT(*) AS n FROM import_batch').get() as { n: number }).n }
  plan.close()
  say({ final: true, before, after })
}

main().catch((e: unknown) => {
  say({ fatal: e instanceof Error ? e.stack : String(e) })
  process.exit(1)
})
