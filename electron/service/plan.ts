/**
 * An open plan: the database handle and the repositories and action runner that work on it.
 */
import type Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { DEFAULT_SETTINGS } from '../../shared/settings.ts'
import { CheckEngine } from './checks/check-engine.ts'
import { ActionRunner } from './domain/actions.ts'
import { requiredFieldsGuard } from './domain/required-fields-guard.ts'
import { openPlanDatabase } from './db/open-plan.ts'
import { createRepositories, type Repositories } from './repositories/entity-repository.ts'
import { RegionRepository } from './repositories/region-repository.ts'
import { EXPLANATION_TABLE } from './repositories/check-repository.ts'
import { SettingsRepository } from './repositories/settings-repository.ts'

export interface PlanOpenOptions {
  readOnly?: boolean
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
  }

  /** Open an existing plan file (validated, migrated). */
  static open(path: string, opts: PlanOpenOptions = {}): Plan {
    const db = openPlanDatabase(path, { readOnly: opts.readOnly ?? false })
    return new Plan(db, path, opts.readOnly ?? false)
  }

  /** Create a new, empty plan for a province (':memory:' for a throwaway plan). */
  static create(path: string, provinceCode: string): Plan {
    if (path !== ':memory:' && existsSync(path)) throw new Error(`refusing to overwrite ${path}`)
    const db = openPlanDatabase(path, { create: true })
    const plan = new Plan(db, path, false)
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
  }
}
