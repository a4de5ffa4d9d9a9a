/**
 * Backups of an open Plan, for the rest of the service: `backupBeforeImport(plan)` (the importer calls
 * it before committing an import), the daily backup while a plan is open, and restoring a backup
 * into the open plan (the app's backups.restore and the CLI's `anju backup restore`).
 */
import type { Plan } from '../plan.ts'
import { createBackup, listBackups, restoreBackup, type BackupInfo } from './backups.ts'

function backupable(plan: Plan): boolean {
  return plan.path !== ':memory:' && !plan.readOnly && plan.db.open
}

/**
 * Back a plan up before an import is committed. Call it before the import's transaction starts (a
 * snapshot cannot be taken inside one). Returns null for an in-memory or read-only plan.
 */
export function backupBeforeImport(plan: Plan): BackupInfo | null {
  return backupable(plan) ? createBackup(plan.path, plan.db, 'import') : null
}

/** A manual backup of the open plan ("back up now"). */
export function backupNow(plan: Plan): BackupInfo {
  return createBackup(plan.path, plan.db, 'manual')
}

export const DAY_MS = 24 * 60 * 60 * 1000

/** Take the daily backup if the newest daily one is older than a day. Returns it, or null. */
export function dailyBackupIfDue(plan: Plan, now: Date = new Date()): BackupInfo | null {
  if (!backupable(plan) || plan.db.inTransaction) return null
  const last = listBackups(plan.path).find((b) => b.reason === 'daily')
  if (last && now.getTime() - Date.parse(last.createdAt) < DAY_MS) return null
  return createBackup(plan.path, plan.db, 'daily', { now })
}

export interface DailyBackupTimer {
  stop(): void
}

/**
 * While a plan is open: a first check shortly after opening (not during start-up), then hourly.
 * The timers never keep the process alive and a failed backup never disturbs the user's work.
 */
export function startDailyBackups(current: () => Plan, opts: { firstDelayMs?: number; intervalMs?: number; onError?: (e: unknown) => void } = {}): DailyBackupTimer {
  const tick = (): void => {
    try {
      dailyBackupIfDue(current())
    } catch (e) {
      opts.onError?.(e)
    }
  }
  const first = setTimeout(tick, opts.firstDelayMs ?? 60_000)
  const every = setInterval(tick, opts.intervalMs ?? 60 * 60 * 1000)
  first.unref()
  every.unref()
  return {
    stop: () => {
      clearTimeout(first)
      clearInterval(every)
    },
  }
}

/**
 * Restore a backup over the open plan's file and return the reopened plan. The open plan keeps the
 * write lock throughout (the reopened plan takes it over), so no other process can slip in between.
 */
export function restoreIntoOpenPlan(plan: Plan, name: string, reopen: (path: string) => Plan): { plan: Plan; snapshot: BackupInfo; restored: BackupInfo } {
  const { restored, snapshot } = restoreBackup(plan.path, name, { current: plan.db, closeCurrent: () => plan.db.close() })
  let next: Plan
  try {
    next = reopen(plan.path)
  } catch (e) {
    // the restored file would not open (e.g. its migration failed): put the snapshot back
    restoreBackup(plan.path, snapshot.name, { current: null, closeCurrent: () => undefined })
    throw e
  }
  next.isSample = plan.isSample
  plan.close() // releases the old plan's share of the lock; the reopened plan holds its own
  return { plan: next, snapshot, restored }
}
