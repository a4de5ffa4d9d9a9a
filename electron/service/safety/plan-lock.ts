/**
 * One writer per plan: a lock file beside the plan (`PLAN.anju.lock`) naming the process that has it
 * open for writing (pid, host, boot time). A second app instance or the CLI finds it, checks that the
 * holder is still alive, and gets a clear message and a read-only view instead of writing alongside.
 * A lock left by a process that died (SIGKILL, power cut, reboot) is recognised as stale and taken over.
 * Within one process the lock is re-entrant (counted), so reopening a plan the process holds is fine.
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { hostname, uptime } from 'node:os'
import { resolve } from 'node:path'
import { appError, type AppError } from '../../../shared/api/errors.ts'

export interface LockHolder {
  pid: number
  host: string
  /** ISO time the lock was taken */
  since: string
  /** the holder's machine boot time (ms since epoch, rounded): a lock from before a reboot is stale */
  boot: number
  app: string
}

export interface PlanLock {
  readonly path: string
  release(): void
}

export type LockResult = { ok: true; lock: PlanLock } | { ok: false; holder: LockHolder }

const APP = 'anju-planner'
/** a lock file younger than this that cannot be parsed is being written right now */
const FRESH_MS = 5000

/** lock files this process holds, with how many opens share each */
const held = new Map<string, number>()

process.on('exit', () => {
  for (const path of held.keys()) {
    try {
      unlinkSync(path)
    } catch {
      // already gone
    }
  }
})

export function lockPathFor(planPath: string): string {
  return `${resolve(planPath)}.lock`
}

function bootTime(): number {
  return Math.round((Date.now() - uptime() * 1000) / 10000) * 10000
}

function readHolder(path: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>
    if (typeof h.pid !== 'number' || typeof h.host !== 'string') return null
    return { pid: h.pid, host: h.host, since: String(h.since ?? ''), boot: Number(h.boot ?? 0), app: String(h.app ?? '') }
  } catch {
    return null
  }
}

/** Is the process named in a lock still running? Another machine's lock is assumed alive. */
export function holderAlive(h: LockHolder): boolean {
  if (h.host !== hostname()) return true
  if (h.boot && Math.abs(h.boot - bootTime()) > 120000) return false
  if (h.pid === process.pid) return false // ours from an earlier life of this pid, not in `held`
  try {
    process.kill(h.pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function makeLock(path: string): PlanLock {
  let released = false
  return {
    path,
    release: () => {
      if (released) return
      released = true
      const n = (held.get(path) ?? 1) - 1
      if (n > 0) {
        held.set(path, n)
        return
      }
      held.delete(path)
      const h = readHolder(path)
      if (h && h.pid === process.pid) {
        try {
          unlinkSync(path)
        } catch {
          // already gone
        }
      }
    },
  }
}

function tryCreate(path: string): boolean {
  let fd: number
  try {
    fd = openSync(path, 'wx')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw e
  }
  try {
    const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), boot: bootTime(), app: APP }
    writeSync(fd, JSON.stringify(me))
  } finally {
    closeSync(fd)
  }
  return true
}

/** Take the write lock of a plan, or learn who holds it. */
export function acquirePlanLock(planPath: string): LockResult {
  const path = lockPathFor(planPath)
  if (held.has(path)) {
    const h = readHolder(path)
    if (h && h.pid === process.pid) {
      held.set(path, held.get(path)! + 1)
      return { ok: true, lock: makeLock(path) }
    }
    held.delete(path) // someone removed our lock file: take it again below
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path)) {
      held.set(path, 1)
      return { ok: true, lock: makeLock(path) }
    }
    const h = readHolder(path)
    if (h === null) {
      let age = Infinity
      try {
        age = Date.now() - statSync(path).mtimeMs
      } catch {
        continue // vanished: try again
      }
      if (age < FRESH_MS) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50)
        continue
      }
    } else if (holderAlive(h)) {
      return { ok: false, holder: h }
    }
    // stale: move it aside atomically, check we moved the stale one, then try again
    const aside = `${path}.stale-${process.pid}`
    try {
      renameSync(path, aside)
    } catch {
      continue
    }
    const moved = readHolder(aside)
    if (moved && !(h && moved.pid === h.pid && moved.since === h.since) && holderAlive(moved)) {
      // a live process took the lock between our look and our move: put it back
      try {
        linkSync(aside, path)
      } catch {
        // a third process has it now; it will be found on the next attempt
      }
    }
    try {
      unlinkSync(aside)
    } catch {
      // gone
    }
  }
  const h = readHolder(path)
  return h ? { ok: false, holder: h } : { ok: false, holder: { pid: 0, host: '?', since: '', boot: 0, app: '' } }
}

/** The error (and the read-only explanation) for a plan someone else is writing. */
export function planLockedError(planPath: string, h: LockHolder): AppError {
  const since = h.since ? h.since.replace('T', ' ').slice(0, 19) : '?'
  return appError(
    'PLAN_LOCKED',
    `规划“${planPath}”正被另一个安居规划窗口或命令行编辑（进程 ${h.pid}，${h.host}，自 ${since}），为避免同时写入，只能以只读方式打开`,
    `Plan "${planPath}" is open for writing in another Anju Planner window or command (process ${h.pid} on ${h.host}, since ${since}); to avoid concurrent writes it can only be opened read-only`,
    { holder: h },
  )
}

/** Whether this process holds the lock of a plan (tests, diagnostics). */
export function holdsPlanLock(planPath: string): boolean {
  return held.has(lockPathFor(planPath))
}
