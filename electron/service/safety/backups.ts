/**
 * Automatic backups of a plan file: before every import and every migration, daily while a plan is
 * open, and on request; kept in a folder beside the plan (`PLAN.anju.backups/`) under a retention rule,
 * and restorable from the app (backups.restore) and the CLI (`anju backup restore`).
 *
 * A backup is a consistent snapshot taken with SQLite's `VACUUM INTO` (it sees committed transactions
 * still in the WAL, unlike a file copy), written under a temporary name and renamed into place, so a
 * crash while backing up never leaves a half-written file that looks like a backup.
 */
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { appError } from '../../../shared/api/errors.ts'
import type { BackupInfo, BackupReason } from '../../../shared/api/backups-api.ts'
import { validatePlanFile } from '../db/open-plan.ts'

export type { BackupInfo, BackupReason }

/**
 * The retention rule: how many of the newest backups of each kind are kept. Older ones are deleted
 * when a new backup is taken. A backup is never deleted by the backup that replaces it failing.
 */
export const RETENTION: Record<BackupReason, number> = {
  import: 10,
  migration: 5,
  daily: 7,
  manual: 20,
  restore: 5,
}

const REASONS = Object.keys(RETENTION) as BackupReason[]
const NAME_RE = /^(\d{8})-(\d{6})-(\d{3})-(import|migration|daily|manual|restore)(?:-v(\d+))?(?:-(\d+))?\.anju$/

export function backupDir(planPath: string): string {
  const abs = resolve(planPath)
  return join(dirname(abs), `${basename(abs)}.backups`)
}

function stamp(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0')
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}-${p(d.getMilliseconds(), 3)}`
}

function parseName(dir: string, name: string): BackupInfo | null {
  const m = NAME_RE.exec(name)
  if (!m) return null
  const [, ymd, hms, ms] = m
  const createdAt = new Date(
    Number(ymd!.slice(0, 4)),
    Number(ymd!.slice(4, 6)) - 1,
    Number(ymd!.slice(6, 8)),
    Number(hms!.slice(0, 2)),
    Number(hms!.slice(2, 4)),
    Number(hms!.slice(4, 6)),
    Number(ms),
  )
  let size = 0
  try {
    size = statSync(join(dir, name)).size
  } catch {
    return null
  }
  return { name, reason: m[4] as BackupReason, createdAt: createdAt.toISOString(), size, ...(m[5] ? { fromVersion: Number(m[5]) } : {}) }
}

/** The backups of a plan, newest first. */
export function listBackups(planPath: string): BackupInfo[] {
  const dir = backupDir(planPath)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .map((n) => parseName(dir, n))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
}

export function backupPath(planPath: string, name: string): string {
  if (!NAME_RE.test(name)) throw appError('NOT_FOUND', `没有名为“${name}”的备份`, `There is no backup named "${name}"`)
  return join(backupDir(planPath), name)
}

/** Delete the backups beyond the retention rule. Returns the names deleted. */
export function pruneBackups(planPath: string): string[] {
  const dir = backupDir(planPath)
  const removed: string[] = []
  for (const reason of REASONS) {
    const list = listBackups(planPath).filter((b) => b.reason === reason)
    for (const b of list.slice(RETENTION[reason])) {
      try {
        unlinkSync(join(dir, b.name))
        removed.push(b.name)
      } catch {
        // already gone
      }
    }
  }
  // leftovers of a backup interrupted by a crash
  if (existsSync(dir)) for (const n of readdirSync(dir)) if (n.endsWith('.partial')) rmSync(join(dir, n), { force: true })
  return removed
}

export interface BackupOptions {
  /** the schema version a migration backup was taken at (kept in the name) */
  fromVersion?: number
  now?: Date
}

/**
 * Snapshot a plan into its backup folder. `source` is the plan's open connection (not inside a
 * transaction), or null to read the file at planPath through a read-only connection.
 */
export function createBackup(planPath: string, source: Database.Database | null, reason: BackupReason, opts: BackupOptions = {}): BackupInfo {
  if (planPath === ':memory:') throw appError('INVALID_INPUT', '内存中的规划无法备份', 'An in-memory plan cannot be backed up')
  if (source?.inTransaction) throw new Error('createBackup: cannot snapshot inside a transaction; back up before the action starts')
  const dir = backupDir(planPath)
  mkdirSync(dir, { recursive: true })
  const base = `${stamp(opts.now ?? new Date())}-${reason}${opts.fromVersion !== undefined ? `-v${opts.fromVersion}` : ''}`
  let name = `${base}.anju`
  for (let i = 2; existsSync(join(dir, name)); i++) name = `${base}-${i}.anju`
  const target = join(dir, name)
  const partial = `${target}.partial`
  rmSync(partial, { force: true })
  const db = source ?? new Database(planPath, { readonly: true, fileMustExist: true })
  try {
    db.prepare('VACUUM INTO ?').run(partial)
  } catch (e) {
    rmSync(partial, { force: true })
    const msg = e instanceof Error ? e.message : String(e)
    throw appError('INTERNAL', `备份失败：${msg}`, `Backup failed: ${msg}`)
  } finally {
    if (!source) db.close()
  }
  renameSync(partial, target)
  pruneBackups(planPath)
  const info = listBackups(planPath).find((b) => b.name === name)
  if (!info) throw new Error(`backup ${name} vanished`)
  return info
}

/** The newest backup of a kind (or any kind), or null. */
export function newestBackup(planPath: string, reason?: BackupReason): BackupInfo | null {
  return listBackups(planPath).find((b) => reason === undefined || b.reason === reason) ?? null
}

export interface RestoreOptions {
  /** the plan's open connection, if any: snapshotted first, then closed by `closeCurrent` */
  current: Database.Database | null
  /** close every connection to the plan file before it is replaced */
  closeCurrent: () => void
}

/**
 * Replace a plan file with one of its backups. The current state is backed up first (reason
 * 'restore'), so a restore can itself be undone by restoring that snapshot. The backup is checked
 * before anything is touched; the swap is a rename, so the plan is either the old file or the backup.
 * The caller holds the plan's write lock and reopens the plan afterwards.
 */
export function restoreBackup(planPath: string, name: string, opts: RestoreOptions): { restored: BackupInfo; snapshot: BackupInfo } {
  const source = backupPath(planPath, name)
  const restored = listBackups(planPath).find((b) => b.name === name)
  if (!restored || !existsSync(source)) throw appError('NOT_FOUND', `没有名为“${name}”的备份`, `There is no backup named "${name}"`)
  validatePlanFile(source) // a damaged backup is refused before the plan is touched
  const snapshot = createBackup(planPath, opts.current, 'restore')
  const staged = `${resolve(planPath)}.restoring`
  rmSync(staged, { force: true })
  const src = new Database(source, { readonly: true, fileMustExist: true })
  try {
    src.prepare('VACUUM INTO ?').run(staged)
  } finally {
    src.close()
  }
  opts.closeCurrent()
  for (const suffix of ['-wal', '-shm']) rmSync(`${resolve(planPath)}${suffix}`, { force: true })
  renameSync(staged, resolve(planPath))
  return { restored, snapshot }
}
