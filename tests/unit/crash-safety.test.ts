/**
 * Crash safety: a real service process (tests/support/crash-worker.ts) is SIGKILLed in the middle of a
 * 20,000-row insert, a 20,000-cell paste, a migration and an import commit. Reopening the plan shows all or nothing of
 * the interrupted action, PRAGMA integrity_check is ok, every change committed before is still there,
 * and the undo history is consistent with what is in the tables.
 */
import { spawn } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { LATEST_VERSION } from '../../electron/service/db/migrations/index.ts'
import { fillPlan } from '../../electron/service/domain/sample-plan.ts'
import { Plan } from '../../electron/service/plan.ts'
import { backupDir, listBackups } from '../../electron/service/safety/backups.ts'
import { tempDir } from '../support/temp.ts'

const WORKER = join(import.meta.dirname, 'helpers', 'crash-worker.ts')
const CRASH_MARK = '崩溃前已提交'
const INSERT_ROWS = 20000
const PASTE_CELLS = 20000
const IMPORT_ROWS = 3000

interface WorkerRun {
  lines: string[]
  /** whether DONE was printed before the kill */
  finished: boolean
  signal: NodeJS.Signals | null
}

/** Run the worker; kill it with SIGKILL when `killAt` says so (a line it printed, or ms after START). */
function runWorker(mode: string, plan: string, opts: { stall?: boolean; killOnLine?: string; killAfterStartMs?: number; appDir?: string; file?: string }): Promise<WorkerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, mode, plan, opts.appDir ?? tempDir('anju-crash-home-')], {
      env: { ...process.env, CRASH_STALL: opts.stall ? '1' : '0', CRASH_FILE: opts.file ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const lines: string[] = []
    let buf = ''
    let stderr = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`worker ${mode} timed out: ${lines.join(' | ')} ${stderr}`))
    }, 90000)
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString()
      let i: number
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i)
        buf = buf.slice(i + 1)
        lines.push(line)
        if (opts.killOnLine && line === opts.killOnLine) child.kill('SIGKILL')
        if (line === 'START' && opts.killAfterStartMs !== undefined) setTimeout(() => child.kill('SIGKILL'), opts.killAfterStartMs)
      }
    })
    child.on('exit', (_code, signal) => {
      clearTimeout(timer)
      if (lines.some((l) => l.startsWith('ERROR'))) reject(new Error(`worker failed: ${lines.join(' | ')} ${stderr}`))
      else resolve({ lines, finished: lines.includes('DONE'), signal })
    })
  })
}

function integrity(path: string): string {
  const db = new Database(path, { readonly: true })
  try {
    return db.pragma('integrity_check', { simple: true }) as string
  } finally {
    db.close()
  }
}

let fixture: string

beforeAll(() => {
  // a province plan of 4,200 sites (no facilities: the tests need rows, not realism)
  fixture = join(tempDir('anju-crash-fixture-'), 'fixture.anju')
  const plan = Plan.create(fixture, '520000')
  fillPlan(plan, { sites: 4200, withFacilities: false, withWorkshops: false })
  plan.db.pragma('wal_checkpoint(TRUNCATE)')
  plan.close()
})

function freshCopy(): string {
  const path = join(tempDir('anju-crash-'), 'plan.anju')
  copyFileSync(fixture, path)
  return path
}

interface Observed {
  sites: number
  markerKept: boolean
  changeSets: number
  lastLabel: string | null
  pasted: number
}

/** Reopen the plan the way the app does (the dead writer's lock is stale) and look at it. */
function reopen(path: string): Observed {
  expect(integrity(path)).toBe('ok')
  const plan = Plan.open(path)
  try {
    expect(plan.readOnly).toBe(false)
    const notes = plan.repos.site.columnPairs('notes')
    const state = plan.actions.state()
    return {
      sites: plan.repos.site.count(),
      markerKept: notes.some(([, v]) => v === CRASH_MARK),
      changeSets: state.steps,
      lastLabel: state.undoLabel?.en ?? null,
      pasted: plan.repos.site.columnPairs('township').filter(([, v]) => typeof v === 'string' && v.startsWith('粘贴值')).length,
    }
  } finally {
    plan.close()
  }
}

describe('crash safety (SIGKILL of the service process)', () => {
  it('a 20,000-row insert killed inside its transaction leaves nothing of it, and the earlier edit', async () => {
    const path = freshCopy()
    const run = await runWorker('insert', path, { stall: true, killOnLine: 'IN_TXN' })
    expect(run.signal).toBe('SIGKILL')
    expect(run.lines).toContain('COMMITTED')
    expect(run.finished).toBe(false)
    const seen = reopen(path)
    expect(seen.sites).toBe(4200)
    expect(seen.markerKept).toBe(true)
    expect(seen.changeSets).toBe(1)
    expect(seen.lastLabel).toBe('Edit Notes')
  })

  it('a 20,000-row insert killed at moments spread over its run is always all or nothing', async () => {
    // kills spread over the time the action takes (about 1–4 s on the project's machines)
    const outcomes: string[] = []
    for (const ms of [250, 1200, 2600]) {
      const path = freshCopy()
      const run = await runWorker('insert', path, { killAfterStartMs: ms })
      const seen = reopen(path)
      expect(seen.markerKept).toBe(true)
      expect([4200, 4200 + INSERT_ROWS]).toContain(seen.sites)
      // the undo history agrees with the tables: the insert is a step exactly when its rows are there
      expect(seen.changeSets).toBe(seen.sites === 4200 ? 1 : 2)
      if (run.finished) expect(seen.sites).toBe(4200 + INSERT_ROWS)
      outcomes.push(run.finished ? 'finished' : seen.sites === 4200 ? 'nothing' : 'all')
    }
    // at least one kill landed before the action finished
    expect(outcomes.some((o) => o !== 'finished')).toBe(true)
  })

  it(`a paste of ${PASTE_CELLS.toLocaleString('en')} cells killed before its commit leaves every cell as it was`, async () => {
    const path = freshCopy()
    const run = await runWorker('paste', path, { stall: true, killOnLine: 'IN_TXN' })
    expect(run.signal).toBe('SIGKILL')
    const seen = reopen(path)
    expect(seen.pasted).toBe(0)
    expect(seen.markerKept).toBe(true)
    expect(seen.changeSets).toBe(1)
    // and the same paste run to the end is there completely, as one undo step
    const done = freshCopy()
    expect((await runWorker('paste', done, {})).finished).toBe(true)
    const after = reopen(done)
    expect(after.pasted).toBe(PASTE_CELLS / 5)
    expect(after.changeSets).toBe(2)
  })

  it('a migration killed halfway leaves the plan at its old version with its data, backed up, and it migrates on the next open', async () => {
    const path = freshCopy()
    const run = await runWorker('migrate', path, { stall: true, killOnLine: 'IN_TXN' })
    expect(run.signal).toBe('SIGKILL')
    expect(integrity(path)).toBe('ok')
    const db = new Database(path, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    const cols = (db.prepare('PRAGMA table_info(site)').all() as { name: string }[]).map((c) => c.name)
    expect(cols).not.toContain('crash_test')
    expect((db.prepare('SELECT COUNT(*) AS n FROM site').get() as { n: number }).n).toBe(4200)
    db.close()
    // the backup taken before the migration is a complete plan at the old version
    const backups = listBackups(path).filter((b) => b.reason === 'migration')
    expect(backups.length).toBe(1)
    expect(backups[0]!.fromVersion).toBe(LATEST_VERSION)
    // the app still opens it (the dead process's lock is stale)
    expect(reopen(path).sites).toBe(4200)
    // run to the end, the migration is all there
    const done = await runWorker('migrate', path, {})
    expect(done.finished).toBe(true)
    const after = new Database(path, { readonly: true })
    expect(after.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1)
    expect((after.prepare(`SELECT COUNT(*) AS n FROM site WHERE crash_test LIKE 'migrated-%'`).get() as { n: number }).n).toBe(4200)
    after.close()
  })

  it('an import commit killed inside its transaction leaves no row and no batch of it, and its backup', async () => {
    const path = freshCopy()
    const file = join(tempDir('anju-crash-return-'), 'county-return.xlsx')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('明细表')
    ws.addRow(['安置点编码', '安置点名称', '县级区划代码', '安置方式', '规划安置户数', '规划安置人数'])
    for (let i = 0; i < IMPORT_ROWS; i++) ws.addRow([`520281-${7000 + i}`, `导入测试安置点${i}`, '520281', '城镇集中安置', 50 + (i % 100), 200 + (i % 400)])
    await wb.xlsx.writeFile(file)
    const run = await runWorker('import', path, { stall: true, killOnLine: 'IN_TXN', file })
    expect(run.signal).toBe('SIGKILL')
    expect(run.lines).toContain(`PREVIEWED ${IMPORT_ROWS}`)
    const seen = reopen(path)
    expect(seen.sites).toBe(4200)
    expect(seen.markerKept).toBe(true)
    expect(seen.changeSets).toBe(1)
    const db = new Database(path, { readonly: true })
    expect((db.prepare('SELECT COUNT(*) AS n FROM import_batch').get() as { n: number }).n).toBe(0)
    db.close()
    // the backup taken before the commit holds the plan as it was, the marked edit included
    const backups = listBackups(path).filter((b) => b.reason === 'import')
    expect(backups).toHaveLength(1)
    const copy = new Database(join(backupDir(path), backups[0]!.name), { readonly: true })
    expect((copy.prepare('SELECT COUNT(*) AS n FROM site').get() as { n: number }).n).toBe(4200)
    expect((copy.prepare('SELECT COUNT(*) AS n FROM site WHERE notes = ?').get(CRASH_MARK) as { n: number }).n).toBe(1)
    copy.close()
    // and run to the end, the import is all there
    const done = await runWorker('import', path, { file })
    expect(done.finished).toBe(true)
    expect(reopen(path).sites).toBe(4200 + IMPORT_ROWS)
  })
})
