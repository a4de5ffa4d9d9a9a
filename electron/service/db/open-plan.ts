/**
 * Opening a plan file: validate before writing anything (SQLite header, application id, schema
 * version, quick_check), back up before migrating, then migrate forward one numbered step at a time.
 * A file the app cannot open is never written to.
 */
import Database from 'better-sqlite3'
import { closeSync, copyFileSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { appError } from '../../../shared/api/errors.ts'
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.ts'
import type { Migration } from './migrations/types.ts'

/** PRAGMA application_id of every plan file: 'ANJU'. */
export const APPLICATION_ID = 0x414e4a55

export interface OpenPlanOptions {
  /** create the file when it does not exist */
  create?: boolean
  readOnly?: boolean
  /** where to put the backup taken before a migration (default: beside the file) */
  backupPath?: (path: string, fromVersion: number) => string
  /** take the backup before a migration yourself (Plan.open: a consistent snapshot into the plan's backup folder) */
  backup?: (path: string, fromVersion: number) => void
  /** the migrations to apply (tests pass their own list) */
  migrations?: readonly Migration[]
}

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(100)
    const n = readSync(fd, buf, 0, 100, 0)
    return buf.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}

function notAPlan(path: string): Error {
  return appError('NOT_A_PLAN', `“${path}”不是安居规划文件（不是 SQLite 数据库）`, `"${path}" is not an Anju plan file (not an SQLite database)`)
}

/** Inspect a file without writing to it. Returns its schema version. */
export function validatePlanFile(path: string, latest: number = LATEST_VERSION): number {
  if (!existsSync(path)) throw appError('NOT_FOUND', `找不到规划文件“${path}”`, `Plan file "${path}" was not found`)
  const size = statSync(path).size
  if (size === 0) return 0
  const header = readHeader(path)
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') throw notAPlan(path)
  let db: Database.Database | undefined
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
    const appId = db.pragma('application_id', { simple: true }) as number
    const version = db.pragma('user_version', { simple: true }) as number
    if (appId !== APPLICATION_ID && !(appId === 0 && version === 0)) throw notAPlan(path)
    if (version > latest)
      throw appError('NEWER_VERSION', `该规划文件由更新版本的安居规划创建（版本 ${version}，本程序支持到 ${latest}），请升级后再打开`, `This plan was written by a newer version of Anju Planner (schema ${version}; this version reads up to ${latest}). Please upgrade.`)
    const check = db.pragma('quick_check', { simple: true }) as string
    if (check !== 'ok') throw appError('CORRUPT_PLAN', `规划文件已损坏：${check}`, `The plan file is corrupt: ${check}`)
    return version
  } catch (e) {
    if (e instanceof Error && 'code' in e && typeof (e as { code: unknown }).code === 'string' && /^SQLITE_(NOTADB|CORRUPT)/.test((e as { code: string }).code))
      throw appError('CORRUPT_PLAN', `规划文件已损坏或不是数据库：${e.message}`, `The plan file is corrupt or not a database: ${e.message}`)
    throw e
  } finally {
    db?.close()
  }
}

function defaultBackupPath(path: string, fromVersion: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  return `${path}.v${fromVersion}-${stamp}.bak`
}

function applyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 2000')
}

/** Run every pending migration, each in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (const m of migrations) {
    if (m.version <= current) continue
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
      db.pragma(`application_id = ${APPLICATION_ID}`)
    })()
  }
}

/** Open (or create) a plan, validated and migrated. ':memory:' gives a fresh in-memory plan. */
export function openPlanDatabase(path: string, opts: OpenPlanOptions = {}): Database.Database {
  const migrations = opts.migrations ?? MIGRATIONS
  const latest = Math.max(...migrations.map((m) => m.version))
  if (path === ':memory:') {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations)
    return db
  }
  const exists = existsSync(path)
  if (!exists && !opts.create) throw appError('NOT_FOUND', `找不到规划文件“${path}”`, `Plan file "${path}" was not found`)
  const version = exists ? validatePlanFile(path, latest) : 0
  if (opts.readOnly) {
    const db = new Database(path, { readonly: true, fileMustExist: true })
    if (version < latest) {
      // an older plan opened read-only: migrate an in-memory snapshot, never the file itself
      const snapshot = db.serialize()
      db.close()
      // a WAL-mode image cannot be deserialized: mark it as a rollback-journal database (header bytes 18-19)
      snapshot[18] = 1
      snapshot[19] = 1
      const mem = new Database(snapshot)
      mem.pragma('foreign_keys = ON')
      migrate(mem, migrations)
      return mem
    }
    return db
  }
  if (exists && version > 0 && version < latest) {
    if (opts.backup) opts.backup(path, version)
    else copyFileSync(path, (opts.backupPath ?? defaultBackupPath)(path, version))
  }
  const db = new Database(path)
  try {
    applyPragmas(db)
    migrate(db, migrations)
  } catch (e) {
    db.close()
    throw e
  }
  return db
}
