import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppService } from '../../electron/service/app-service.ts'
import { Plan } from '../../electron/service/plan.ts'
import { AppError } from '../../shared/api/errors.ts'
import { parseSettingInput, SETTING_FIELDS, type SettingFieldDef } from '../../shared/settings.ts'
import { tempDir } from '../support/temp.ts'

const root = join(import.meta.dirname, '..', '..')
const anju = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/anju.mjs'), ...args], { cwd: root, encoding: 'utf8' })
const def = (key: string): SettingFieldDef => SETTING_FIELDS.find((d) => d.key === key)!

function newService(): { service: AppService; path: string } {
  const dir = tempDir()
  const path = join(dir, 'plan.anju')
  Plan.create(path, '520000').close()
  return { service: new AppService({ planPath: path, appDir: dir }), path }
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    return e as AppError
  }
  throw new Error('expected a refusal')
}

describe('plan settings', () => {
  it('a settings change is one undo step labelled old → new, and the checks judge by the new value', async () => {
    const { service } = newService()
    const site = await service.call('rows.insert', { entity: 'site', rows: [{ name: '幸福社区', county_code: '520281', planned_households: 100, planned_people: 360 }] })
    const siteId = site.affected.site!.upserted[0]!.id
    await service.call('rows.insert', { entity: 'workshop', rows: [{ name: '服装车间', site_id: siteId, status: '在营', jobs_total: 40, jobs_poor: 12, jobs_relocated: 30, avg_wage: 1700 }] })
    const wageViolations = async () => (await service.call('checks.run', { region: null })).violations.filter((v) => v.ruleId === 'workshop.min_wage')
    expect(await wageViolations()).toHaveLength(0)

    const next = await service.call('settings.update', { min_wage: 1800, preparer: '张三' })
    expect(next.min_wage).toBe(1800)
    const state = await service.call('history.state', {})
    expect(state.undoLabel?.zh).toBe('修改规划设置：填表人 — → 张三；当地最低月工资 1570 → 1800')
    expect(state.undoLabel?.en).toContain('Local minimum monthly wage 1570 → 1800')
    const [v] = await wageViolations()
    expect(v?.message.zh).toContain('1,800')

    const undone = await service.call('history.undo', {})
    expect(undone.tables).toContain('setting')
    expect((await service.call('settings.get', {})).min_wage).toBe(1570)
    expect((await service.call('settings.get', {})).preparer).toBe('')
    expect(await wageViolations()).toHaveLength(0)
    await service.call('history.redo', {})
    expect((await service.call('settings.get', {})).min_wage).toBe(1800)
  })

  it('saving unchanged settings writes no undo step; contradictory or invalid settings are refused and nothing is written', async () => {
    const { service } = newService()
    const steps = (await service.call('history.state', {})).steps
    await service.call('settings.update', { min_wage: 1570 })
    expect((await service.call('history.state', {})).steps).toBe(steps)
    const e1 = await refusal(service.call('settings.update', { min_people_per_household: 3, max_people_per_household: 2 }))
    expect(e1.label.zh).toContain('户均人数上限（2）应大于下限（3）')
    expect(e1.label.en).toContain('must exceed the minimum')
    const e2 = await refusal(service.call('settings.update', { province_code: '530000' }))
    expect(e2.label.zh).toContain('省份')
    const e3 = await refusal(service.call('settings.update', { commute_radius_km: 0 }))
    expect(e3.label.zh).toBe('“通勤半径”的值无效：不能小于 0.1')
    const s = await service.call('settings.get', {})
    expect([s.max_people_per_household, s.province_code, s.commute_radius_km]).toEqual([8, '520000', 10])
    expect((await service.call('history.state', {})).steps).toBe(steps)
  })

  it('facility catalogue and standard-rule edits are undoable too', async () => {
    const { service } = newService()
    const before = await service.call('facilities.catalogue', {})
    await service.call('facilities.setRules', { rules: before.rules.slice(1) })
    expect((await service.call('facilities.catalogue', {})).rules).toHaveLength(before.rules.length - 1)
    expect((await service.call('history.state', {})).undoLabel?.zh).toBe('修改配建规则')
    await service.call('history.undo', {})
    const after = await service.call('facilities.catalogue', {})
    expect(after.rules).toEqual(before.rules)
    expect(after.rulesAreDefault).toBe(true)
  })

  it('parses what people type: separators, percentages in either form, dates in Chinese forms', () => {
    expect(parseSettingInput(def('min_wage'), ' 1,800 ')).toEqual({ value: 1800 })
    expect(parseSettingInput(def('employment_rate_target'), '85%')).toEqual({ value: 0.85 })
    expect(parseSettingInput(def('employment_rate_target'), '85')).toEqual({ value: 0.85 })
    expect(parseSettingInput(def('employment_rate_target'), '0.85')).toEqual({ value: 0.85 })
    expect(parseSettingInput(def('as_of_date'), '2021年6月30日')).toEqual({ value: '2021-06-30' })
    expect(parseSettingInput(def('as_of_date'), '2021.6')).toEqual({ value: '2021-06' })
    expect(parseSettingInput(def('as_of_date'), '2021-02-30')).toHaveProperty('error')
    expect(parseSettingInput(def('min_wage'), '一千')).toHaveProperty('error')
    expect(parseSettingInput(def('province_code'), '530000')).toHaveProperty('error')
  })
})

describe('anju settings', () => {
  it('shows the settings, changes them as one undo step, and refuses a bad value in both languages without writing', () => {
    const path = join(tempDir(), 'cli.anju')
    expect(anju('new', path).status).toBe(0)
    const set = anju('settings', '--plan', path, '审核人=李四', 'employment_rate_target=85%')
    expect(set.status, set.stderr).toBe(0)
    expect(set.stdout).toContain('修改规划设置：审核人 — → 李四；就业率目标 90% → 85%')
    const shown = JSON.parse(anju('settings', '--plan', path, '--json').stdout) as { settings: { reviewer: string; employment_rate_target: number } }
    expect(shown.settings).toMatchObject({ reviewer: '李四', employment_rate_target: 0.85 })
    const bad = anju('settings', '--plan', path, 'min_wage=abc')
    expect(bad.status).not.toBe(0)
    expect(bad.stderr).toContain('“当地最低月工资”应为数字')
    expect(bad.stderr).toContain('must be a number')
    const unknown = anju('settings', '--plan', path, 'wage=1')
    expect(unknown.status).not.toBe(0)
    expect(unknown.stderr).toContain('没有名为“wage”的设置')
    const plan = Plan.open(path, { readOnly: true })
    try {
      expect(plan.settings.settings().min_wage).toBe(1570)
      expect(plan.actions.state().undoLabel?.zh).toContain('审核人')
    } finally {
      plan.close()
    }
  })
})
