/**
 * One writer per plan and automatic backups, with real processes and real plan files: a second app
 * instance or the CLI opening a plan another process is writing gets a clear message and a read-only
 * view; backups before imports, daily, with retention; restore from the app API and the CLI.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../shared/api/errors.ts'
import { main as cli } from '../../electron/cli/main.ts'
import { AppService } from '../../electron/service/app-service.ts'
import { fillPlan } from '../../electron/service/domain/sample-plan.ts'
import { Plan } from '../../electron/service/plan.ts'
import { backupDir, createBackup, listBackups, RETENTION } from '../../electron/service/safety/backups.ts'
import { backupBeforeImport, dailyBackupIfDue, DAY_MS } from '../../electron/service/safety/plan-backups.ts'
import { holdsPlanLock, lockPathFor } from '../../electron/service/safety/plan-lock.ts'
import { tempDir } from '../support/temp.ts'

const WORKER = join(import.meta.dirname, 'helpers', 'crash-worker.ts')
const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL')
})

function newPlan(sites = 60): string {
  const path = join(tempDir('anju-safety-'), 'plan.anju')
  const plan = Plan.create(path, '520000')
  fillPlan(plan, { sites, withWorkshops: false })
  plan.close()
  return path
}

/** Another app instance (a separate process) holding the plan open; resolves with what it saw on opening. */
function holdInAnotherProcess(path: string): Promise<{ child: ChildProcess; opened: { readOnly: boolean; reason: { zh: string; en: string } | null } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, 'hold', path, tempDir('anju-home-')], { stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let out = ''
    let err = ''
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /OPENED (.*)\n[^]*READY/.exec(out)
      if (m) resolve({ child, opened: JSON.parse(m[1]!) as { readOnly: boolean; reason: { zh: string; en: string } | null } })
    })
    child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${out} ${err}`)))
  })
}

function cliRun(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  return cli(argv, { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) }).then((code) => ({ code, out, err }))
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected an error')
}

function changeSets(path: string): number {
  const db = new Database(path, { readonly: true })
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM change_set').get() as { n: number }).n
  } finally {
    db.close()
  }
}

describe('one writer per plan', () => {
  it('a second app instance gets a read-only view with a clear message, and cannot write', async () => {
    const path = newPlan()
    const { child, opened } = await holdInAnotherProcess(path)
    expect(opened.readOnly).toBe(false)
    const lock = JSON.parse(readFileSync(lockPathFor(path), 'utf8')) as { pid: number; host: string }
    expect(lock).toMatchObject({ pid: child.pid, host: hostname() })

    // a plain Plan.open (the CLI's write commands) is refused with the holder named
    const e = errorOf(() => Plan.open(path))
    expect(e.code).toBe('PLAN_LOCKED')
    expect(e.label.zh).toContain('只读')
    expect(e.label.en).toContain(`process ${child.pid}`)

    // the app opens it read-only and says why
    const service = new AppService({ planPath: path, appDir: tempDir() })
    const info = await service.call('plan.info', {})
    expect(info.readOnly).toBe(true)
    expect(info.readOnlyReason?.zh).toContain('正被另一个安居规划窗口或命令行编辑')
    const before = changeSets(path)
    const id = service.plan.repos.site.columnPairs('code')[0]![0]
    const write = await service.invoke('rows.update', { entity: 'site', edits: [{ id, field: 'notes', value: '并发写入' }] })
    expect(write.ok).toBe(false)
    if (!write.ok) expect(write.error.code).toBe('READ_ONLY')
    expect(changeSets(path)).toBe(before)
    service.close()

    // a third instance (a real process) sees the same
    const third = await holdInAnotherProcess(path)
    expect(third.opened.readOnly).toBe(true)
    expect(third.opened.reason?.en).toContain('open for writing in another Anju Planner window')

    // the CLI's restore refuses with one clear line
    createBackup(path, null, 'manual')
    const r = await cliRun(['backup', 'restore', '--plan', path, '--latest'])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/^错误：.*正被另一个安居规划窗口或命令行编辑.* \/ Error: .*open for writing/)

    // when the writer dies without cleaning up (SIGKILL), its lock is stale and the plan opens for writing
    child.kill('SIGKILL')
    await new Promise((res) => child.once('exit', res))
    third.child.kill('SIGKILL')
    const plan = Plan.open(path)
    expect(plan.readOnly).toBe(false)
    expect(JSON.parse(readFileSync(lockPathFor(path), 'utf8')).pid).toBe(process.pid)
    plan.close()
    expect(existsSync(lockPathFor(path))).toBe(false)
  })

  it('reopening in the same process is allowed and the lock lasts until the last close', () => {
    const path = newPlan(5)
    const a = Plan.open(path)
    const b = Plan.open(path)
    expect(b.readOnly).toBe(false)
    a.close()
    expect(holdsPlanLock(path)).toBe(true)
    expect(existsSync(lockPathFor(path))).toBe(true)
    b.close()
    expect(holdsPlanLock(path)).toBe(false)
    expect(existsSync(lockPathFor(path))).toBe(false)
  })

  it('takes over a lock left by a dead process or a previous boot, and respects one from another machine', () => {
    const path = newPlan(5)
    writeFileSync(lockPathFor(path), JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), since: '2020-01-01T00:00:00Z', boot: 0, app: 'anju-planner' }))
    const p1 = Plan.open(path)
    expect(p1.readOnly).toBe(false)
    p1.close()
    writeFileSync(lockPathFor(path), JSON.stringify({ pid: 1, host: hostname(), since: '2020-01-01T00:00:00Z', boot: 86_400_000, app: 'anju-planner' }))
    const p2 = Plan.open(path) // pid 1 is alive, but the lock is from before this machine booted
    p2.close()
    writeFileSync(lockPathFor(path), JSON.stringify({ pid: 4242, host: 'another-office-pc', since: '2026-01-01T08:00:00Z', boot: 0, app: 'anju-planner' }))
    const e = errorOf(() => Plan.open(path))
    expect(e.code).toBe('PLAN_LOCKED')
    expect(e.label.en).toContain('another-office-pc')
    const ro = Plan.open(path, { ifLocked: 'readOnly' })
    expect(ro.readOnly).toBe(true)
    expect(ro.lockedBy?.host).toBe('another-office-pc')
    ro.close()
    expect(existsSync(lockPathFor(path))).toBe(true) // not ours to remove
  })
})

describe('backups', () => {
  it('backs up before an import, including changes still in the WAL', async () => {
    const path = newPlan(40)
    const service = new AppService({ planPath: path, appDir: tempDir() })
    const id = service.plan.repos.site.columnPairs('code')[0]![0]
    await service.call('rows.update', { entity: 'site', edits: [{ id, field: 'notes', value: '导入前的修改' }] })
    expect(existsSync(`${path}-wal`)).toBe(true)
    const b = backupBeforeImport(service.plan)!
    expect(b.reason).toBe('import')
    const copy = new Database(join(backupDir(path), b.name), { readonly: true })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    expect((copy.prepare('SELECT notes FROM site WHERE id = ?').get(id) as { notes: string }).notes).toBe('导入前的修改')
    expect((copy.prepare('SELECT COUNT(*) AS n FROM site').get() as { n: number }).n).toBe(40)
    copy.close()
    // not inside a transaction, and nothing for an in-memory plan
    expect(() => service.plan.db.transaction(() => backupBeforeImport(service.plan))()).toThrow(/inside a transaction/)
    expect(backupBeforeImport(Plan.create(':memory:', '520000'))).toBeNull()
    service.close()
  })

  it('keeps the newest backups of each kind under the retention rule', () => {
    const path = newPlan(5)
    const t0 = Date.parse('2026-03-01T09:00:00')
    for (let i = 0; i < RETENTION.import + 3; i++) createBackup(path, null, 'import', { now: new Date(t0 + i * 60_000) })
    for (let i = 0; i < 2; i++) createBackup(path, null, 'manual', { now: new Date(t0 + i * 60_000) })
    const list = listBackups(path)
    const imports = list.filter((b) => b.reason === 'import')
    expect(imports).toHaveLength(RETENTION.import)
    expect(Date.parse(imports.at(-1)!.createdAt)).toBe(t0 + 3 * 60_000) // the three oldest went
    expect(list.filter((b) => b.reason === 'manual')).toHaveLength(2) // other kinds untouched
  })

  it('takes a daily backup at most once a day while a plan is open', () => {
    const path = newPlan(5)
    const plan = Plan.open(path)
    const now = new Date('2026-05-10T10:00:00')
    expect(dailyBackupIfDue(plan, now)?.reason).toBe('daily')
    expect(dailyBackupIfDue(plan, new Date(now.getTime() + 3_600_000))).toBeNull()
    expect(dailyBackupIfDue(plan, new Date(now.getTime() + DAY_MS + 1000))?.reason).toBe('daily')
    expect(listBackups(path).filter((b) => b.reason === 'daily')).toHaveLength(2)
    plan.close()
    const ro = Plan.open(path, { readOnly: true })
    expect(dailyBackupIfDue(ro, new Date(now.getTime() + 3 * DAY_MS))).toBeNull()
    ro.close()
  })

  it('restores a backup from the app, and the restore itself can be undone from its snapshot', async () => {
    const path = newPlan(30)
    const service = new AppService({ planPath: path, appDir: tempDir() })
    const opened: unknown[] = []
    service.on((event, payload) => event === 'plan.opened' && opened.push(payload))
    const id = service.plan.repos.site.columnPairs('code')[0]![0]
    const good = await service.call('backups.create', {})
    await service.call('rows.update', { entity: 'site', edits: [{ id, field: 'notes', value: '备份后的修改' }] })
    await service.call('rows.delete', { entity: 'site', ids: [id + 1] })
    const info = await service.call('backups.restore', { name: good.name })
    expect(info.counts.site).toBe(30)
    expect(info.readOnly).toBe(false)
    expect(service.plan.repos.site.get(id)?.['notes'] ?? null).toBeNull()
    expect(opened).toHaveLength(1)
    expect(holdsPlanLock(path)).toBe(true)
    // the state before the restore was kept
    const { backups } = await service.call('backups.list', {})
    const snapshot = backups.find((b) => b.reason === 'restore')!
    expect(snapshot).toBeDefined()
    await service.call('backups.restore', { name: snapshot.name })
    expect(service.plan.repos.site.get(id)?.['notes']).toBe('备份后的修改')
    expect(service.plan.repos.site.count()).toBe(29)
    // the restored plan is writable and its undo history is the restored one
    await service.call('rows.update', { entity: 'site', edits: [{ id, field: 'notes', value: '恢复后继续编辑' }] })
    expect((await service.call('history.state', {})).undoLabel?.en).toBe('Edit Notes')
    service.close()
    expect(existsSync(lockPathFor(path))).toBe(false)
  })

  it('refuses a damaged backup and an unknown name, leaving the plan as it was', async () => {
    const path = newPlan(10)
    const service = new AppService({ planPath: path, appDir: tempDir() })
    const b = await service.call('backups.create', {})
    const file = join(backupDir(path), b.name)
    const bytes = readFileSync(file)
    writeFileSync(file, bytes.subarray(0, 3000))
    const bad = await service.invoke('backups.restore', { name: b.name })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(['CORRUPT_PLAN', 'NOT_A_PLAN']).toContain(bad.error.code)
    const unknown = await service.invoke('backups.restore', { name: '20200101-000000-000-manual.anju' })
    expect(unknown.ok).toBe(false)
    if (!unknown.ok) expect(unknown.error.code).toBe('NOT_FOUND')
    const traversal = await service.invoke('backups.restore', { name: '../plan.anju' })
    expect(traversal.ok).toBe(false)
    if (!traversal.ok) expect(traversal.error.code).toBe('INVALID_INPUT')
    expect(service.plan.repos.site.count()).toBe(10)
    expect(service.plan.db.pragma('integrity_check', { simple: true })).toBe('ok')
    service.close()
  })

  it('lists, creates and restores backups from the CLI', async () => {
    const path = newPlan(20)
    const made = await cliRun(['backup', 'create', '--plan', path, '--json'])
    expect(made.code).toBe(0)
    const name = (JSON.parse(made.out) as { name: string }).name
    const plan = Plan.open(path)
    const ids = plan.repos.site.columnPairs('code').slice(0, 5).map(([i]) => i)
    plan.actions.run('delete', { zh: '删除', en: 'Delete' }, (rec) => ids.forEach((i) => rec.delete('site', i)))
    expect(plan.repos.site.count()).toBe(15)
    plan.close()
    const list = await cliRun(['backup', 'list', '--plan', path])
    expect(list.code).toBe(0)
    expect(list.out).toContain(name)
    const restored = await cliRun(['backup', 'restore', '--plan', path, '--name', name])
    expect(restored.code).toBe(0)
    expect(restored.out).toContain('安置点 / sites: 20')
    const again = Plan.open(path, { readOnly: true })
    expect(again.repos.site.count()).toBe(20)
    again.close()
    const none = await cliRun(['backup', 'restore', '--plan', path])
    expect(none.code).toBe(1)
    expect(none.err).toContain('--latest')
  })
})
