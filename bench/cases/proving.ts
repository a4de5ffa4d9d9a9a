/**
 * Issue 9's own figures: the generated plan is national scale, the bare-library floors every other
 * case is compared with, what the safety net costs (the backup before an import, opening with the
 * integrity check) at scale.
 */
import Database from 'better-sqlite3'
import { copyFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Plan } from '../../electron/service/plan.ts'
import { backupBeforeImport } from '../../electron/service/safety/plan-backups.ts'
import { backupDir } from '../../electron/service/safety/backups.ts'
import { figure, medianMs, type BenchCase } from '../harness.ts'

const within = (v: number, target: number, tolerance: number): boolean => Math.abs(v - target) <= target * tolerance

export const cases: BenchCase[] = [
  {
    name: 'proving: generated plan scale',
    async run(ctx) {
      const plan = Plan.open(await ctx.scalePlan(), { readOnly: true })
      try {
        const sites = plan.repos.site.count()
        const facilities = plan.repos.facility.count()
        const workshops = plan.repos.workshop.count()
        const scale = ctx.quick ? sites / 35000 : 1
        return [
          figure('plan: sites', sites, 'rows', ctx.quick ? '3,000 (province, --quick)' : '35,000', sites === (ctx.quick ? 3000 : 35000)),
          figure('plan: facilities', facilities, 'rows', `≈${Math.round(420000 * scale).toLocaleString('en')} (12 per site)`, within(facilities, 420000 * scale, 0.05)),
          figure('plan: workshops', workshops, 'rows', `≈${Math.round(34000 * scale).toLocaleString('en')}`, within(workshops, 34000 * scale, 0.05)),
          figure('plan: file size', statSync(plan.path).size / 1048576, 'MB', '—', true),
        ]
      } finally {
        plan.close()
      }
    },
  },
  {
    name: 'proving: bare-library floors',
    async run(ctx) {
      const f = await ctx.floors()
      const what = `${f.rows.toLocaleString('en')} rows × ${f.columns} columns`
      return [
        figure(`floor: exceljs streaming write, ${what}`, f.excelWriteMs, 'ms', 'floor', true),
        figure(`floor: exceljs streaming read, ${what}`, f.excelReadMs, 'ms', 'floor', true),
        figure(`floor: better-sqlite3 insert, ${what}`, f.sqliteInsertMs, 'ms', 'floor', true),
        figure(`floor: better-sqlite3 select all, ${what}`, f.sqliteQueryMs, 'ms', 'floor', true),
      ]
    },
  },
  {
    name: 'proving: safety net at scale',
    async run(ctx) {
      const source = await ctx.scalePlan()
      const path = ctx.copyPlan(source, 'safety.anju')
      // opening validates (header, quick_check) before anything else
      const openMs = await medianMs(3, () => Plan.open(path).close())
      const bareOpenMs = await medianMs(3, () => {
        const db = new Database(path, { readonly: true })
        db.prepare('SELECT COUNT(*) FROM site').get()
        db.close()
      })
      // the backup before every import: a consistent snapshot, against a plain file copy
      const plan = Plan.open(path)
      let backupMs = NaN
      try {
        backupMs = await medianMs(3, () => backupBeforeImport(plan))
      } finally {
        plan.close()
      }
      const copy = join(ctx.workDir, 'safety-copy.anju')
      const copyMs = await medianMs(3, () => copyFileSync(path, copy))
      rmSync(copy, { force: true })
      rmSync(backupDir(path), { recursive: true, force: true })
      const scale = ctx.quick ? 'province' : 'national'
      return [
        figure(`open a ${scale} plan (validate, quick_check, migrate check)`, openMs, 'ms', '≤ 1,500 ms (inside the 2 s first-rows goal)', openMs <= 1500, bareOpenMs),
        figure(`backup before import, ${scale} plan (VACUUM INTO)`, backupMs, 'ms', '≤ 10 s (it runs before every import)', backupMs <= 10000, copyMs),
      ]
    },
  },
]
