/**
 * Files that are not plans are refused with a message in both languages and left exactly as they
 * were: an empty file, another application's SQLite database (in either journal mode, with tables or
 * none), a folder. Each case checks the file's sha256 before and after and that no -wal, -shm or
 * .lock is left beside it — through Plan.open, the app's plan.open and `anju info`. Also: `anju info`
 * as a read-only look (no side files, EPIPE when piped into head) and its per-region entity counts.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/api/errors.ts'
import { APPLICATION_ID, openPlanDatabase } from '../../electron/service/db/open-plan.ts'
import { LATEST_VERSION } from '../../electron/service/db/migrations/index.ts'
import { AppService } from '../../electron/service/app-service.ts'
import { Plan } from '../../electron/service/plan.ts'
import { tempDir } from '../support/temp.ts'

const root = join(import.meta.dirname, '..', '..')
const anju = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/anju.mjs'), ...args], { cwd: root, encoding: 'utf8' })

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')
const beside = (path: string): string[] => ['-wal', '-shm', '-journal', '.lock'].filter((s) => existsSync(`${path}${s}`))

function refusal(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    if (e instanceof AppError) return e
    throw new Error(`not an AppError: ${String(e)}`)
  }
  throw new Error('no error')
}

/** another application's database: tables of its own, application_id 0, user_version 0 */
function foreignDb(path: string, journal: 'delete' | 'wal'): void {
  const db = new Database(path)
  if (journal === 'wal') db.pragma('journal_mode = WAL')
  db.exec("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customer (name) VALUES ('张三'), ('李四')")
  db.close()
  expect(beside(path)).toEqual([])
}

interface Case {
  name: string
  make(dir: string): string
  /** what the English message says */
  en: RegExp
  zh: RegExp
}

const CASES: Case[] = [
  {
    name: 'a zero-byte file',
    make: (dir) => {
      const p = join(dir, 'empty.anju')
      writeFileSync(p, '')
      return p
    },
    en: /empty file \(0 bytes\), not an Anju plan/,
    zh: /空文件（0 字节），不是安居规划文件/,
  },
  {
    name: 'a foreign SQLite database (rollback journal)',
    make: (dir) => {
      const p = join(dir, 'crm.db')
      foreignDb(p, 'delete')
      return p
    },
    en: /another application's SQLite database/,
    zh: /其他程序的 SQLite 数据库/,
  },
  {
    name: 'a foreign SQLite database in WAL mode',
    make: (dir) => {
      const p = join(dir, 'crm-wal.anju')
      foreignDb(p, 'wal')
      return p
    },
    en: /another application's SQLite database/,
    zh: /其他程序的 SQLite 数据库/,
  },
  {
    name: 'an empty SQLite database another program made',
    make: (dir) => {
      const p = join(dir, 'blank.sqlite')
      const db = new Database(p)
      db.pragma('user_version = 0')
      db.exec('CREATE TABLE t (x); DROP TABLE t')
      db.close()
      return p
    },
    en: /another application's SQLite database/,
    zh: /其他程序的 SQLite 数据库/,
  },
]

describe('opening a file that is not a plan', () => {
  for (const c of CASES) {
    it(`refuses ${c.name} and writes nothing into it or beside it`, async () => {
      const dir = tempDir()
      const path = c.make(dir)
      const before = sha(path)
      for (const readOnly of [false, true]) {
        const e = refusal(() => Plan.open(path, { readOnly }))
        expect(e.code).toBe('NOT_A_PLAN')
        expect(e.label.en).toMatch(c.en)
        expect(e.label.zh).toMatch(c.zh)
        expect(sha(path)).toBe(before)
        expect(beside(path)).toEqual([])
      }
      // the app: refused, and it stays on its plan
      const good = join(dir, 'good.anju')
      Plan.create(good, '520000').close()
      const service = new AppService({ planPath: good, appDir: dir })
      try {
        const r = await service.invoke('plan.open', { path })
        expect(r.ok).toBe(false)
        if (!r.ok) {
          expect(r.error.code).toBe('NOT_A_PLAN')
          expect(r.error.messageEn).toMatch(c.en)
          expect(r.error.message).toMatch(c.zh)
        }
        expect((await service.call('plan.info', {})).path).toBe(good)
      } finally {
        service.close()
      }
      expect(sha(path)).toBe(before)
      expect(beside(path)).toEqual([])
      // and the command line
      const cli = anju('info', '--plan', path, '--json')
      expect(cli.status).not.toBe(0)
      expect(cli.stdout).toBe('')
      expect(cli.stderr.trim().split('\n')).toHaveLength(1)
      expect(cli.stderr).toMatch(c.en)
      expect(sha(path)).toBe(before)
      expect(beside(path)).toEqual([])
    })
  }

  it('the foreign database keeps its own tables and gets none of ours', () => {
    const path = join(tempDir(), 'crm.db')
    foreignDb(path, 'delete')
    expect(() => Plan.open(path)).toThrow(AppError)
    const db = new Database(path, { readonly: true })
    expect((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name)).toEqual(['customer'])
    expect(db.pragma('application_id', { simple: true })).toBe(0)
    db.close()
  })

  it('refuses a folder with a clear message (not an internal EISDIR), leaving nothing beside it', async () => {
    const dir = tempDir()
    const folder = join(dir, 'plans.anju')
    mkdirSync(folder)
    const e = refusal(() => Plan.open(folder))
    expect(e.code).toBe('NOT_A_PLAN')
    expect(e.label.zh).toMatch(/是一个文件夹，不是规划文件/)
    expect(e.label.en).toMatch(/is a folder, not a plan file/)
    const good = join(dir, 'good.anju')
    Plan.create(good, '520000').close()
    const service = new AppService({ planPath: good, appDir: dir })
    const r = await service.invoke('plan.open', { path: folder })
    service.close()
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('NOT_A_PLAN')
      expect(r.error.message).not.toMatch(/内部错误|EISDIR/)
    }
    expect(readdirSync(folder)).toEqual([])
    expect(beside(folder)).toEqual([])
  })

  it('still creates plans, and opens one whose creation was cut short before its first migration', () => {
    const dir = tempDir()
    const made = join(dir, 'new.anju')
    Plan.create(made, '520000').close()
    const plan = Plan.open(made)
    expect(plan.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    expect(plan.regions.get('520000')?.name).toBe('贵州省')
    plan.close()
    // a creation killed right after its first write: our application id and nothing else
    const cut = join(dir, 'cut.anju')
    const db = new Database(cut)
    db.pragma(`application_id = ${APPLICATION_ID}`)
    db.close()
    const reopened = openPlanDatabase(cut)
    expect(reopened.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    reopened.close()
  })
})

describe('anju info', () => {
  it('reports facilities and workshops per region besides sites and people; the regions add up to the totals', () => {
    const path = join(tempDir(), 'info.anju')
    expect(anju('new', path, '--sample', '--sites', '40').status).toBe(0)
    const r = anju('info', '--plan', path, '--json')
    expect(r.status, r.stderr).toBe(0)
    type Counts = { sites: number; people: number; facilities: number; workshops: number }
    const info = JSON.parse(r.stdout) as { counts: { site: number; facility: number; workshop: number }; regions: Record<string, Counts>; unassigned: { facilities: number; workshops: number } }
    const counties = Object.entries(info.regions).filter(([code]) => !code.endsWith('00'))
    const prefectures = Object.entries(info.regions).filter(([code]) => code.endsWith('00'))
    const sum = (rows: [string, Counts][], k: keyof Counts): number => rows.reduce((a, [, c]) => a + c[k], 0)
    for (const rows of [counties, prefectures]) {
      expect(sum(rows, 'sites')).toBe(info.counts.site)
      expect(sum(rows, 'facilities') + info.unassigned.facilities).toBe(info.counts.facility)
      expect(sum(rows, 'workshops') + info.unassigned.workshops).toBe(info.counts.workshop)
    }
    expect(sum(counties, 'facilities')).toBeGreaterThan(0)
    expect(sum(counties, 'workshops')).toBeGreaterThan(0)
    // the same per county, checked against the plan itself
    const plan = Plan.open(path, { readOnly: true })
    const [code, county] = counties.find(([, c]) => c.workshops > 0)!
    const n = (sql: string): number => (plan.db.prepare(sql).get(code) as { n: number }).n
    expect(county.facilities).toBe(n('SELECT COUNT(*) AS n FROM facility JOIN site ON site.id = facility.site_id WHERE site.county_code = ?'))
    expect(county.workshops).toBe(n('SELECT COUNT(*) AS n FROM workshop JOIN site ON site.id = workshop.site_id WHERE site.county_code = ?'))
    plan.close()
    const text = anju('info', '--plan', path)
    expect(text.stdout).toMatch(new RegExp(`${code} .*: \\d+ sites, \\d+ people, ${county.facilities} facilities, ${county.workshops} workshops`))
  })

  it('leaves no -wal or -shm beside the plan and does not change it', () => {
    const path = join(tempDir(), 'look.anju')
    Plan.create(path, '520000').close()
    expect(beside(path)).toEqual([])
    const before = sha(path)
    const r = anju('info', '--plan', path)
    expect(r.status, r.stderr).toBe(0)
    expect(beside(path)).toEqual([])
    expect(sha(path)).toBe(before)
  })

  it('keeps the side files of a plan the app has open (it only tidies what it made)', () => {
    const path = join(tempDir(), 'busy.anju')
    const app = Plan.create(path, '520000')
    app.repos.site.count()
    expect(existsSync(`${path}-wal`)).toBe(true)
    expect(anju('info', '--plan', path).status).toBe(0)
    expect(existsSync(`${path}-wal`)).toBe(true)
    expect(existsSync(`${path}-shm`)).toBe(true)
    // the app goes on writing undisturbed
    app.actions.run('edit', { zh: '测试', en: 'test' }, (rec) => void rec.insert('site', { name: '仍可写入', county_code: '520281' }))
    expect(app.db.pragma('quick_check', { simple: true })).toBe('ok')
    app.close()
  })

  it('ends quietly when its reader goes away (anju info | head), and still closes the plan', async () => {
    const path = join(tempDir(), 'piped.anju')
    expect(anju('new', path, '--sample', '--sites', '30').status).toBe(0)
    const child = spawn(process.execPath, [join(root, 'bin/anju.mjs'), 'info', '--plan', path], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    // the reader closes before anything is written, so every write meets EPIPE
    child.stdout.destroy()
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    expect(stderr).toBe('')
    expect(status).toBe(0)
    expect(beside(path)).toEqual([])
  })
})
