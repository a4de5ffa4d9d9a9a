/**
 * Opening a plan file: validate before writing anything (a regular, non-empty file, the SQLite header,
 * our application id, schema version, quick_check), back up before migrating, then migrate forward
 * one numbered step at a time. A file the app cannot open is never written to: an empty file, a folder
 * or another application's database is refused (creating a plan is Plan.create, which stamps the
 * application id before anything else).
 */
import Database from 'better-sqlite3'
import { closeSync, copyFileSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { AppError, appError } from '../../../shared/api/errors.ts'
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

function foreignDatabase(path: string): Error {
  return appError(
    'NOT_A_PLAN',
    `“${path}”不是安居规划文件：它是其他程序的 SQLite 数据库，未作任何改动`,
    `"${path}" is not an Anju plan file: it is another application's SQLite database; it was left untouched`,
  )
}

/** A failure of the file system while looking at a file, in both languages (not an internal error). */
function unreadable(path: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') return appError('NOT_FOUND', `找不到规划文件“${path}”`, `Plan file "${path}" was not found`)
  if (code === 'EISDIR') return isFolder(path)
  if (code === 'EACCES' || code === 'EPERM') return appError('FORBIDDEN', `没有读取“${path}”的权限`, `No permission to read "${path}"`)
  return appError('NOT_A_PLAN', `无法读取“${path}”（${code ?? String(e)}），它不能作为规划打开`, `"${path}" cannot be read (${code ?? String(e)}) and cannot be opened as a plan`)
}

function isFolder(path: string): Error {
  return appError('NOT_A_PLAN', `“${path}”是一个文件夹，不是规划文件；请选择一个 .anju 文件`, `"${path}" is a folder, not a plan file; choose a .anju file`)
}

/** The side files SQLite keeps beside a WAL-mode database while it is open. */
export function walBeside(path: string): boolean {
  return existsSync(`${path}-wal`) || existsSync(`${path}-shm`)
}

/**
 * The cheap checks, made on the file's bytes without opening it as a database (so nothing is created
 * beside it and no lock is needed): it exists, is a regular non-empty file, starts with the SQLite
 * header and, when no write-ahead log is beside it (so the header is current), carries our
 * application id. Plan.open runs this before it takes the plan's lock. Returns whether a -wal/-shm
 * pair was already there (then only SQLite itself can say what the file holds).
 */
export function inspectPlanFile(path: string): { walBeside: boolean } {
  let header: Buffer
  try {
    const st = statSync(path)
    if (st.isDirectory()) throw isFolder(path)
    if (!st.isFile()) throw appError('NOT_A_PLAN', `“${path}”不是普通文件，不能作为规划打开`, `"${path}" is not a regular file and cannot be opened as a plan`)
    if (st.size === 0)
      throw appError(
        'NOT_A_PLAN',
        `“${path}”是空文件（0 字节），不是安居规划文件；新建规划请使用“新建规划”`,
        `"${path}" is an empty file (0 bytes), not an Anju plan; to create a plan use New plan`,
      )
    header = readHeader(path)
  } catch (e) {
    if (e instanceof AppError) throw e
    throw unreadable(path, e)
  }
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') throw notAPlan(path)
  const wal = walBeside(path)
  // bytes 68-71: PRAGMA application_id, big-endian; current in the file unless a WAL holds newer pages
  if (!wal && header.readUInt32BE(68) !== APPLICATION_ID) throw foreignDatabase(path)
  return { walBeside: wal }
}

/**
 * Remove the -wal/-shm that a read-only connection leaves beside a WAL-mode file (it may not delete
 * them itself). A writable connection that reads once and closes lets SQLite do it: the last
 * connection to close checkpoints (nothing to copy) and deletes both; while any other process has
 * the file open SQLite keeps them, so this never disturbs another reader or writer. Never throws.
 */
export function tidyAfterReadOnly(path: string): void {
  if (!walBeside(path)) return
  try {
    const db = new Database(path, { fileMustExist: true })
    try {
      db.pragma('user_version', { simple: true })
    } finally {
      db.close()
    }
  } catch {
    // a folder we cannot write to, or a file gone meanwhile: nothing we may clean up
  }
}

/** Inspect a file without writing to it. Returns its schema version. */
export function validatePlanFile(path: string, latest: number = LATEST_VERSION): number {
  if (!existsSync(path)) throw appError('NOT_FOUND', `找不到规划文件“${path}”`, `Plan file "${path}" was not found`)
  const { walBeside: hadWal } = inspectPlanFile(path)
  let db: Database.Database | undefined
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
    const appId = db.pragma('application_id', { simple: true }) as number
    const version = db.pragma('user_version', { simple: true }) as number
    // only our own files: a plan carries the application id from the moment it is created
    if (appId !== APPLICATION_ID) throw foreignDatabase(path)
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
    if (!hadWal) tidyAfterReadOnly(path)
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
    const hadWal = walBeside(path)
    const db = new Database(path, { readonly: true, fileMustExist: true })
    if (version < latest) {
      // an older plan opened read-only: migrate an in-memory snapshot, never the file itself
      const snapshot = db.serialize()
      db.close()
      if (!hadWal) tidyAfterReadOnly(path)
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
    // a new file carries our application id before anything else, so even a creation cut short
    // before its first migration leaves a file we recognise (and every other database is refused)
    if (!exists) db.pragma(`application_id = ${APPLICATION_ID}`)
    applyPragmas(db)
    migrate(db, migrations)
  } catch (e) {
    db.close()
    throw e
  }
  return db
}
