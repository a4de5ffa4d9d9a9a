import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../shared/api/errors.ts'
import { storedFields, ENTITY_KEYS, ENTITIES } from '../../shared/dictionary/index.ts'
import { APPLICATION_ID, openPlanDatabase } from '../../electron/service/db/open-plan.ts'
import { LATEST_VERSION, MIGRATIONS } from '../../electron/service/db/migrations/index.ts'
import { Plan } from '../../electron/service/plan.ts'
import { tempDir } from '../support/temp.ts'

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    return e instanceof AppError ? e.code : `other: ${String(e)}`
  }
  return 'no error'
}

describe('plan file', () => {
  it('creates a WAL plan with foreign keys, the application id and the latest schema version', () => {
    const path = join(tempDir(), 'p.anju')
    const plan = Plan.create(path, '520000')
    expect(plan.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(plan.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(plan.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(plan.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    plan.close()
  })

  it('has a column for every stored dictionary field after all migrations', () => {
    const db = openPlanDatabase(':memory:')
    for (const e of ENTITY_KEYS) {
      const cols = (db.prepare(`PRAGMA table_info(${ENTITIES[e].table})`).all() as { name: string }[]).map((c) => c.name)
      for (const f of storedFields(e)) expect(cols, `${e}.${f.key}`).toContain(f.key)
    }
  })

  it('runs each migration forward from an empty database, numbered and in order', () => {
    const versions = MIGRATIONS.map((m) => m.version)
    // 1, 2, 3 … without gaps: a plan records only its latest version, so a gap filled later would never run
    expect(versions).toEqual(versions.map((_, i) => i + 1))
    const db = new Database(':memory:')
    for (const m of MIGRATIONS) {
      db.transaction(() => m.up(db))()
    }
    expect((db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }).n).toBeGreaterThan(8)
  })

  it('refuses a plan written by a newer version, and leaves the file untouched', () => {
    const path = join(tempDir(), 'newer.anju')
    Plan.create(path, '520000').close()
    const db = new Database(path)
    db.pragma(`user_version = ${LATEST_VERSION + 5}`)
    db.pragma('journal_mode = DELETE')
    db.close()
    const before = readFileSync(path)
    expect(codeOf(() => Plan.open(path))).toBe('NEWER_VERSION')
    expect(readFileSync(path).equals(before)).toBe(true)
    expect(existsSync(`${path}-wal`)).toBe(false)
  })

  it('refuses a file that is not SQLite, and a corrupt one, without writing to them', () => {
    const dir = tempDir()
    const text = join(dir, 'notes.anju')
    writeFileSync(text, '这不是数据库 this is not a database '.repeat(20))
    expect(codeOf(() => Plan.open(text))).toBe('NOT_A_PLAN')
    const corrupt = join(dir, 'corrupt.anju')
    Plan.create(corrupt, '520000').close()
    const bytes = readFileSync(corrupt)
    for (let i = 4096; i < bytes.length; i += 7) bytes[i] = (bytes[i]! + 91) & 0xff
    writeFileSync(corrupt, bytes)
    expect(['CORRUPT_PLAN', 'NOT_A_PLAN']).toContain(codeOf(() => Plan.open(corrupt)))
    expect(readFileSync(corrupt).equals(bytes)).toBe(true)
    expect(codeOf(() => Plan.open(join(dir, 'missing.anju')))).toBe('NOT_FOUND')
  })

  it('refuses another application’s SQLite database', () => {
    const path = join(tempDir(), 'other.sqlite')
    const db = new Database(path)
    db.exec('CREATE TABLE t (x)')
    db.pragma('user_version = 3')
    db.close()
    expect(codeOf(() => Plan.open(path))).toBe('NOT_A_PLAN')
  })

  it('backs the file up before migrating an older plan, then migrates it', () => {
    const dir = tempDir()
    const path = join(dir, 'old.anju')
    openPlanDatabase(path, { create: true }).close()
    const next = { version: LATEST_VERSION + 1, name: 'test: add a column', up: (db: Database.Database) => db.exec('ALTER TABLE site ADD COLUMN extra_test TEXT') }
    const db = openPlanDatabase(path, { migrations: [...MIGRATIONS, next] })
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1)
    db.close()
    const backups = readdirSync(dir).filter((f) => f.endsWith('.bak'))
    expect(backups).toHaveLength(1)
    const old = new Database(join(dir, backups[0]!), { readonly: true })
    expect(old.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    old.close()
  })

  it('opens an older plan read-only through a migrated in-memory snapshot, leaving the file as it was', () => {
    const dir = tempDir()
    const path = join(dir, 'older.anju')
    openPlanDatabase(path, { create: true }).close()
    const before = readFileSync(path)
    const next = { version: LATEST_VERSION + 1, name: 'test: add a column', up: (db: Database.Database) => db.exec('ALTER TABLE site ADD COLUMN extra_test TEXT') }
    const db = openPlanDatabase(path, { readOnly: true, migrations: [...MIGRATIONS, next] })
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1)
    expect((db.prepare('PRAGMA table_info(site)').all() as { name: string }[]).map((c) => c.name)).toContain('extra_test')
    db.close()
    expect(readFileSync(path).equals(before)).toBe(true)
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toHaveLength(0)
  })
})
