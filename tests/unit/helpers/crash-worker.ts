/**
 * A child service process for the crash-safety and one-writer tests: it opens a plan the way the app
 * does, commits a small marked edit, then starts a large action and reports where it is on stdout, so
 * the test can SIGKILL it at a known point. Run: node --import tsx crash-worker.ts MODE PLAN [APPDIR]
 *
 * Modes: hold (open for writing and wait), insert (20,000 new sites in one rows.insert), paste
 * (20,000 cells in one rows.update), migrate (a slow extra migration over every site), import
 * (preview and commit the workbook in CRASH_FILE through the importer).
 * With CRASH_STALL=1 the action stalls inside its transaction, after its writes and before the commit
 * (through a row guard, or inside the migration), and prints IN_TXN.
 */
import { createBackup } from '../../../electron/service/safety/backups.ts'
import { AppService } from '../../../electron/service/app-service.ts'
import { openPlanDatabase } from '../../../electron/service/db/open-plan.ts'
import { MIGRATIONS, LATEST_VERSION } from '../../../electron/service/db/migrations/index.ts'

const [mode, planPath, appDir] = process.argv.slice(2)
const stall = process.env['CRASH_STALL'] === '1'
const say = (line: string): void => void process.stdout.write(`${line}\n`)
const sleepBlocking = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/** rows the insert mode adds: codes given, so no per-row numbering lookup */
export const INSERT_ROWS = 20000
/** a paste of 4,000 rows × 5 columns, values no check rule could refuse */
export const PASTE_FIELDS = ['township', 'notes', 'name', 'minority_people', 'zero_employment_households'] as const
export const PASTE_ROWS = 4000
export const CRASH_MARK = '崩溃前已提交'

async function main(): Promise<void> {
  if (!mode || !planPath) throw new Error('usage: crash-worker MODE PLAN [APPDIR]')
  if (mode === 'migrate') {
    const slow = {
      version: LATEST_VERSION + 1,
      name: 'crash test: add and fill a column',
      up: (db: import('better-sqlite3').Database) => {
        db.exec('ALTER TABLE site ADD COLUMN crash_test TEXT')
        db.exec(`UPDATE site SET crash_test = 'migrated-' || id`)
        db.exec(`UPDATE facility SET notes = 'migrated'`)
        say('IN_TXN')
        if (stall) sleepBlocking(60000)
      },
    }
    say('START')
    const db = openPlanDatabase(planPath, { migrations: [...MIGRATIONS, slow], backup: (p, fromVersion) => void createBackup(p, null, 'migration', { fromVersion }) })
    db.close()
    say('DONE')
    return
  }
  const service = new AppService({ planPath, ...(appDir ? { appDir } : {}) })
  say(`OPENED ${JSON.stringify({ readOnly: service.plan.readOnly, reason: (await service.call('plan.info', {})).readOnlyReason ?? null })}`)
  if (mode === 'hold') {
    say('READY')
    setInterval(() => undefined, 1000)
    return
  }
  const plan = service.plan
  const first = plan.repos.site.columnPairs('code')[0]![0]
  await service.call('rows.update', { entity: 'site', edits: [{ id: first, field: 'notes', value: CRASH_MARK }] })
  say('COMMITTED')
  if (stall)
    plan.actions.addGuard(() => {
      say('IN_TXN')
      sleepBlocking(60000)
      return []
    })
  say('START')
  if (mode === 'insert') {
    const rows = Array.from({ length: INSERT_ROWS }, (_, i) => ({ code: `520281-${String(5000 + i)}`, name: `崩溃测试安置点${i}`, county_code: '520281', planned_people: 100 + (i % 900), planned_households: 20 + (i % 70) }))
    await service.call('rows.insert', { entity: 'site', rows })
  } else if (mode === 'paste') {
    const ids = plan.repos.site.columnPairs('code').map(([id]) => id).slice(1, PASTE_ROWS + 1)
    const edits = ids.flatMap((id) => PASTE_FIELDS.map((field) => ({ id, field, value: field === 'minority_people' || field === 'zero_employment_households' ? '0' : `粘贴值${id}` })))
    await service.call('rows.update', { entity: 'site', edits })
  } else if (mode === 'import') {
    // the importer's own path: preview the county return, then commit it (one action)
    const { readFileSync } = await import('node:fs')
    const { previewBuffer } = await import('../../../electron/service/import/import-service.ts')
    const { commitPreview } = await import('../../../electron/service/import/commit.ts')
    const file = process.env['CRASH_FILE']!
    const { preview, writes } = await previewBuffer(plan, readFileSync(file), 'county-return.xlsx')
    say(`PREVIEWED ${preview.sheets.reduce((a, sh) => a + sh.summary.insert, 0)}`)
    commitPreview(plan, preview, writes, {})
  } else throw new Error(`unknown mode ${mode}`)
  say('DONE')
  service.close()
}

main().catch((e: unknown) => {
  say(`ERROR ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
