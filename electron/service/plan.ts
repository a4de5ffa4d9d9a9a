/**
 * An open plan: the database handle and the repositories and action runner that work on it.
 */
import type Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { appError } from '../../shared/api/errors.ts'
import { DEFAULT_SETTINGS } from '../../shared/settings.ts'
import { CheckEngine } from './checks/check-engine.ts'
import { ActionRunner } from './domain/actions.ts'
import { requiredFieldsGuard } from './domain/required-fields-guard.ts'
import { inspectPlanFile, openPlanDatabase, tidyAfterReadOnly, walBeside } from './db/open-plan.ts'
import { createRepositories, type Repositories } from './repositories/entity-repository.ts'
import { RegionRepository } from './repositories/region-repository.ts'
import { EXPLANATION_TABLE } from './repositories/check-repository.ts'
import { SettingsRepository } from './repositories/settings-repository.ts'
import { SETTING_TABLE, settingTable } from './domain/setting-changes.ts'
import { createBackup } from './safety/backups.ts'
import { acquirePlanLock, planLockedError, type LockHolder, type PlanLock } from './safety/plan-lock.ts'

export interface PlanOpenOptions {
  readOnly?: boolean
  /**
   * When another process has the plan open for writing (one writer per plan): 'fail' (the default)
   * throws PLAN_LOCKED; 'readOnly' opens it read-only and names the writer in `lockedBy`.
   */
  ifLocked?: 'fail' | 'readOnly'
}

/** Take the write lock; 'unwritable' when the plan's folder does not allow creating the lock file. */
function lockOrReadOnly(path: string): ReturnType<typeof acquirePlanLock> | 'unwritable' {
  try {
    return acquirePlanLock(path)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') return 'unwritable'
    throw e
  }
}

export class Plan {
  readonly db: Database.Database
  readonly path: string
  readonly readOnly: boolean
  readonly repos: Repositories
  readonly regions: RegionRepository
  readonly settings: SettingsRepository
  readonly actions: ActionRunner
  /** the rule engine (shared/rules): whole-plan and incremental checks, the error-rule guard */
  readonly checks: CheckEngine
  /** the embedded sample, opened with no plan file chosen */
  isSample = false
  /** the process writing this plan, when it was opened read-only because of it */
  lockedBy: LockHolder | null = null
  /** this process's write lock on the plan file */
  private lock: PlanLock | null = null
  /** opened read-only where no -wal/-shm were beside the file: remove the ones our connection left */
  private tidyOnClose = false

  private constructor(db: Database.Database, path: string, readOnly: boolean) {
    this.db = db
    this.path = path
    this.readOnly = readOnly
    this.repos = createRepositories(db)
    this.regions = new RegionRepository(db)
    this.settings = new SettingsRepository(db)
    this.actions = new ActionRunner(db, this.repos)
    this.actions.addGuard(requiredFieldsGuard(this.repos))
    this.checks = new CheckEngine(this)
    this.actions.addGuard((_db, touched) => this.checks.refusals(touched))
    this.actions.addTable(EXPLANATION_TABLE, this.checks.repo.explanationTable())
    this.actions.addTable(SETTING_TABLE, settingTable(this.settings))
  }

  /** Open an existing plan file (validated, migrated). */
  static open(path: string, opts: PlanOpenOptions = {}): Plan {
    let readOnly = opts.readOnly ?? false
    let lock: PlanLock | null = null
    let lockedBy: LockHolder | null = null
    // a folder, an empty file, a non-SQLite file or another application's database is refused
    // before the lock file is written beside it
    if (path !== ':memory:') inspectPlanFile(path)
    if (!readOnly && path !== ':memory:') {
      const r = lockOrReadOnly(path)
      if (r === 'unwritable') {
        // a plan in a folder we cannot write to (a read-only share, a CD) can only be read
        if (opts.ifLocked !== 'readOnly') throw appError('READ_ONLY', `无法写入规划所在的文件夹，只能以只读方式打开“${path}”`, `The plan's folder cannot be written to; "${path}" can only be opened read-only`)
        readOnly = true
      } else if (r.ok) lock = r.lock
      else if (opts.ifLocked === 'readOnly') [readOnly, lockedBy] = [true, r.holder]
      else throw planLockedError(path, r.holder)
    }
    const tidyOnClose = readOnly && path !== ':memory:' && !walBeside(path)
    let db: Database.Database
    try {
      db = openPlanDatabase(path, { readOnly, backup: (p, fromVersion) => void createBackup(p, null, 'migration', { fromVersion }) })
    } catch (e) {
      lock?.release()
      throw e
    }
    const plan = new Plan(db, path, readOnly)
    plan.lock = lock
    plan.lockedBy = lockedBy
    plan.tidyOnClose = tidyOnClose
    return plan
  }

  /** Create a new, empty plan for a province (':memory:' for a throwaway plan). */
  static create(path: string, provinceCode: string): Plan {
    if (path !== ':memory:' && existsSync(path)) throw new Error(`refusing to overwrite ${path}`)
    let lock: PlanLock | null = null
    if (path !== ':memory:') {
      const r = acquirePlanLock(path)
      if (!r.ok) throw planLockedError(path, r.holder)
      lock = r.lock
    }
    let db: Database.Database
    try {
      db = openPlanDatabase(path, { create: true })
    } catch (e) {
      lock?.release()
      throw e
    }
    const plan = new Plan(db, path, false)
    plan.lock = lock
    db.transaction(() => {
      plan.regions.loadReference()
      const province = plan.regions.get(provinceCode)
      plan.settings.saveSettings({
        ...DEFAULT_SETTINGS,
        province_code: provinceCode,
        plan_title: `${province?.name ?? ''}易地扶贫搬迁安置点建设及后续扶持规划`,
      })
    })()
    return plan
  }

  close(): void {
    if (this.db.open) this.db.close()
    // a read-only look (anju info, a second window) leaves the folder as it found it
    if (this.tidyOnClose) tidyAfterReadOnly(this.path)
    this.tidyOnClose = false
    this.lock?.release()
    this.lock = null
  }
}
