/**
 * `npm run bench [-- --quick] [-- --json] [-- --only NAME]`: runs every case in bench/cases/ and prints
 * a table (or one JSON object {"figures": [...]}) of figures with their floors and ratios.
 */
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { storedFields } from '../shared/dictionary/index.ts'
import type { FieldValue } from '../shared/dictionary/types.ts'
import { Plan } from '../electron/service/plan.ts'
import { LATEST_VERSION } from '../electron/service/db/migrations/index.ts'
import { fillPlan, generateSamplePlan } from '../electron/service/domain/sample-plan.ts'
import type { BenchCase, BenchContext, BenchFigure, Floors } from './harness.ts'
import { setQuickRuns } from './harness.ts'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
setQuickRuns(quick)
const json = args.includes('--json')
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
const workDir = join(import.meta.dirname, '..', '.bench', quick ? 'quick' : 'full')
mkdirSync(workDir, { recursive: true })

/** The relocation provinces the national plan spreads its sites over. */
export const RELOCATION_PROVINCES = ['520000', '510000', '530000', '450000', '430000', '420000', '610000', '620000', '360000', '410000', '140000', '130000', '150000', '220000', '230000', '340000', '350000', '370000', '460000', '500000', '630000', '640000']

const once = <T>(fn: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | null = null
  return () => (p ??= fn())
}

/** National density (domain.md): ~12 facilities per site, ~34,000 workshops for 35,000 sites. */
export const SCALE = quick ? { sites: 3000, provinces: ['520000'] } : { sites: 35000, provinces: RELOCATION_PROVINCES }
export const DENSITY = { facilitiesPerSite: 12, workshopsPerSite: 34000 / 35000 }
/** bump when the generator changes, so a cached plan from an older generator is not reused */
const GENERATOR_VERSION = 2

/** Site columns of the province workbook: every stored site field, headed by its Chinese label. */
const SITE_COLUMNS = storedFields('site')

function cellValue(v: FieldValue): string | number | boolean | null {
  return v === undefined ? null : v
}

/** Site rows of a plan as workbook rows, in SITE_COLUMNS order. */
function siteRows(planPath: string): (string | number | boolean | null)[][] {
  const plan = Plan.open(planPath, { readOnly: true })
  try {
    const cols = plan.repos.site.columns()
    const index = SITE_COLUMNS.map((f) => cols.indexOf(f.key))
    return plan.repos.site.listArrays().map((r) => index.map((i) => cellValue(r[i] as FieldValue)))
  } finally {
    plan.close()
  }
}

async function writeWorkbook(path: string, rows: (string | number | boolean | null)[][]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false })
  const ws = wb.addWorksheet('安置点')
  ws.addRow(SITE_COLUMNS.map((f) => f.label.zh)).commit()
  for (const r of rows) ws.addRow(r).commit()
  ws.commit()
  await wb.commit()
}

const scalePlan = once(async () => {
  // the schema version is part of the name: a plan cached before a new migration would open read-only
  const path = join(workDir, `${quick ? 'province' : 'national'}-g${GENERATOR_VERSION}-s${LATEST_VERSION}.anju`)
  if (!existsSync(path)) {
    if (!json) process.stderr.write(`  generating the ${quick ? 'province' : 'national'} plan (${SCALE.sites.toLocaleString('en')} sites)…\n`)
    const plan = Plan.create(`${path}.partial`, '520000')
    fillPlan(plan, { provinceCodes: SCALE.provinces, sites: SCALE.sites, seed: 35000, ...DENSITY })
    plan.db.pragma('wal_checkpoint(TRUNCATE)')
    plan.close()
    renameSync(`${path}.partial`, path)
  }
  return path
})

let workbookWriteMs = NaN
const provinceWorkbook = once(async () => {
  const path = join(workDir, `${quick ? 'province' : 'national'}-sites.xlsx`)
  const rows = siteRows(await scalePlan())
  const t0 = performance.now()
  await writeWorkbook(path, rows)
  workbookWriteMs = performance.now() - t0
  return path
})

const floors = once(async (): Promise<Floors> => {
  const book = await provinceWorkbook()
  const rows = siteRows(await scalePlan())
  // exceljs: bare streaming read of every cell
  let t0 = performance.now()
  let cells = 0
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(book, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore' })
  for await (const ws of reader) for await (const row of ws) cells += (row as ExcelJS.Row).cellCount
  const excelReadMs = performance.now() - t0
  if (cells === 0) throw new Error('the province workbook read back empty')
  // better-sqlite3: bare insert of the same rows, then read them back
  const dbPath = join(workDir, 'floor.sqlite')
  for (const s of ['', '-wal', '-shm']) rmSync(`${dbPath}${s}`, { force: true })
  const db = new Database(dbPath)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, ${SITE_COLUMNS.map((_, i) => `c${i}`).join(', ')})`)
  const ins = db.prepare(`INSERT INTO t (${SITE_COLUMNS.map((_, i) => `c${i}`).join(', ')}) VALUES (${SITE_COLUMNS.map(() => '?').join(', ')})`)
  t0 = performance.now()
  db.transaction(() => {
    for (const r of rows) ins.run(...r.map((v) => (typeof v === 'boolean' ? Number(v) : v)))
  })()
  const sqliteInsertMs = performance.now() - t0
  t0 = performance.now()
  const back = db.prepare('SELECT * FROM t').raw(true).all()
  const sqliteQueryMs = performance.now() - t0
  db.close()
  if (back.length !== rows.length) throw new Error('floor table lost rows')
  return { rows: rows.length, columns: SITE_COLUMNS.length, excelWriteMs: workbookWriteMs, excelReadMs, sqliteInsertMs, sqliteQueryMs }
})

const ctx: BenchContext = {
  quick,
  workDir,
  scalePlan,
  samplePlan: once(async () => {
    const path = join(workDir, `sample-s${LATEST_VERSION}.anju`)
    if (!existsSync(path)) generateSamplePlan(path).close()
    return path
  }),
  provinceWorkbook,
  floors,
  copyPlan: (path, name) => {
    const target = join(workDir, name)
    for (const s of ['', '-wal', '-shm', '.lock']) rmSync(`${target}${s}`, { force: true })
    rmSync(`${target}.backups`, { recursive: true, force: true })
    copyFileSync(path, target)
    return target
  },
}

const files = readdirSync(join(import.meta.dirname, 'cases')).filter((f) => f.endsWith('.ts')).sort()
const figures: BenchFigure[] = []
for (const f of files) {
  const mod = (await import(`./cases/${f}`)) as { cases?: BenchCase[] }
  for (const c of mod.cases ?? []) {
    if (only && !c.name.includes(only)) continue
    if (!json) process.stderr.write(`… ${c.name}`)
    const started = performance.now()
    try {
      figures.push(...(await c.run(ctx)))
    } catch (e) {
      figures.push({ name: `${c.name}: failed (${e instanceof Error ? e.message : String(e)})`, value: NaN, unit: '', floor: null, goal: '', met: false })
    }
    if (!json) process.stderr.write(` (${((performance.now() - started) / 1000).toFixed(1)} s)\n`)
  }
}
const out = figures.map((f) => ({ name: f.name, value: f.value, unit: f.unit, floor: f.floor, ratio: f.floor ? Math.round((f.value / f.floor) * 100) / 100 : null, goal: f.goal, met: f.met }))
if (json) process.stdout.write(`${JSON.stringify({ figures: out })}\n`)
else {
  const rows = out.map((f) => [f.name, `${f.value} ${f.unit}`, f.floor === null ? '' : `${f.floor} ${f.unit}`, f.ratio === null ? '' : `${f.ratio}×`, f.goal, f.met ? 'yes' : 'NO'])
  const head = ['figure', 'value', 'floor', 'ratio', 'goal', 'met']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const r of rows) console.log(line(r))
}
process.exit(0)
