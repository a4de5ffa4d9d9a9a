/**
 * The rule engine inside the service: edits, pastes and inserts that break an error rule are refused
 * through the API with the rule's message; warnings are listed, explained (undoably) and exported;
 * incremental checks follow dependents; the sample plan breaks no error rule; `anju check` prints.
 */
import ExcelJS from 'exceljs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../electron/cli/main.ts'
import { AppService } from '../../electron/service/app-service.ts'
import { generateSamplePlan } from '../../electron/service/domain/sample-plan.ts'
import { Plan } from '../../electron/service/plan.ts'
import { AppError } from '../../shared/api/errors.ts'
import { tempDir } from '../support/temp.ts'

function newService(): { service: AppService; path: string } {
  const dir = tempDir()
  const path = join(dir, 'plan.anju')
  Plan.create(path, '520000').close()
  return { service: new AppService({ planPath: path, appDir: dir }), path }
}

const SITE = { name: '幸福社区', county_code: '520281', planned_households: 305, planned_people: 1210, moved_households: 300, moved_people: 1200, poor_people: 1100, floor_area_m2: 24000 }

async function addSite(service: AppService, values: Record<string, string | number | boolean | null> = {}): Promise<number> {
  const r = await service.call('rows.insert', { entity: 'site', rows: [{ ...SITE, ...values }] })
  return r.affected.site!.upserted[0]!.id
}

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe('RULE_VIOLATION')
    return e as AppError
  }
  throw new Error('expected RULE_VIOLATION')
}

describe('checks in the service', () => {
  it('refuses an edit that breaks an error rule, with the rule message, and writes nothing', async () => {
    const { service } = newService()
    const id = await addSite(service)
    const steps = (await service.call('history.state', {})).steps
    const err = await refused(service.call('rows.update', { entity: 'site', edits: [{ id, field: 'moved_people', value: '1,320' }] }))
    expect(err.label.zh).toBe('幸福社区：已搬迁入住人数 1,320 超过规划安置人数 1,210')
    expect(err.label.en).toBe('幸福社区: People moved in 1,320 exceeds Planned people 1,210')
    expect(service.plan.repos.site.get(id)!['moved_people']).toBe(1200)
    expect((await service.call('history.state', {})).steps).toBe(steps)
    // lowering the whole below the part is refused too
    await refused(service.call('rows.update', { entity: 'site', edits: [{ id, field: 'planned_people', value: 1000 }] }))
    // a paste fixing both cells together is accepted
    await service.call('rows.update', { entity: 'site', edits: [{ id, field: 'planned_people', value: 1400 }, { id, field: 'moved_people', value: 1320 }] })
    expect(service.plan.repos.site.get(id)!['moved_people']).toBe(1320)
    service.close()
  })

  it('refuses a pasted block and an insert that break error rules, and accepts a warning', async () => {
    const { service } = newService()
    await refused(service.call('rows.insert', { entity: 'site', rows: [{ ...SITE, planned_households: 2000 }] }))
    expect(service.plan.repos.site.count()).toBe(0)
    const siteId = await addSite(service)
    const r = await service.call('rows.insert', { entity: 'facility', rows: [{ site_id: siteId, name: '卫生室', type: '卫生室/卫生院', planned_start: '2018-03', planned_end: '2018-09' }] })
    const fid = r.affected.facility!.upserted[0]!.id
    const e = await refused(service.call('rows.update', { entity: 'facility', edits: [{ id: fid, field: 'planned_end', value: '2017年12月' }] }))
    expect(e.label.zh).toContain('计划完工 2017-12 早于计划开工 2018-03')
    const w = await service.call('rows.insert', { entity: 'workshop', rows: [{ site_id: siteId, name: '刺绣车间', jobs: 20, poor_workers: 8 }] })
    const wid = w.affected.workshop!.upserted[0]!.id
    const e2 = await refused(service.call('rows.update', { entity: 'workshop', edits: [{ id: wid, field: 'relocated_workers', value: 25 }] }))
    expect(e2.label.zh).toContain('其中：搬迁群众 25 超过吸纳就业人数 20')
    // a warning (area per poor person over 25 m²) is allowed and listed
    await service.call('rows.update', { entity: 'site', edits: [{ id: siteId, field: 'floor_area_m2', value: 33000 }] })
    const report = await service.call('checks.run', {})
    expect(report.violations.find((v) => v.ruleId === 'site.area_per_poor')?.message.zh).toContain('人均住房面积 30 平方米')
    service.close()
  })

  it('lets a new row with only a name and county in, and never refuses undo or redo', async () => {
    const { service } = newService()
    const r = await service.call('rows.insert', { entity: 'site', rows: [{ name: '新安置点', county_code: '520281' }] })
    const id = r.affected.site!.upserted[0]!.id
    await service.call('rows.update', { entity: 'site', edits: [{ id, field: 'planned_people', value: 100 }, { id, field: 'moved_people', value: 100 }] })
    await service.call('history.undo', {})
    await service.call('history.undo', {})
    await service.call('history.redo', {})
    await service.call('history.redo', {})
    expect(service.plan.repos.site.get(id)!['moved_people']).toBe(100)
    service.close()
  })

  it('a row that already breaks a rule (an old import) can still be edited elsewhere, but not made worse into a new error', async () => {
    const { service } = newService()
    const id = await addSite(service)
    service.plan.repos.site.update(id, { moved_people: 1500 }) // written behind the guard's back, as an old file might hold it
    await service.call('rows.update', { entity: 'site', edits: [{ id, field: 'township', value: '红果镇' }] })
    expect(service.plan.repos.site.get(id)!['township']).toBe('红果镇')
    const err = await refused(service.call('rows.update', { entity: 'site', edits: [{ id, field: 'employed', value: 900 }, { id, field: 'labor_force', value: 600 }] }))
    expect(err.label.zh).toContain('已就业人数 900 超过劳动力人数 600')
    const report = await service.call('checks.run', { region: '520281' })
    expect(report.counts.error).toBe(1)
    expect(report.violations[0]).toMatchObject({ ruleId: 'site.moved_people_le_planned', severity: 'error', entity: 'site', rowId: id, field: 'moved_people', regionCode: '520281' })
    service.close()
  })

  it('re-checks dependents: a site move-in date change re-checks its facilities; a facility delete re-checks its site', async () => {
    const { service } = newService()
    const siteId = await addSite(service, { move_in_date: '2019-06-01' })
    const r = await service.call('rows.insert', { entity: 'facility', rows: [{ site_id: siteId, name: '卫生室', type: '卫生室/卫生院', planned_start: '2018-03', planned_end: '2019-03', actual_end: '2019-05' }] })
    const fid = r.affected.facility!.upserted[0]!.id
    const before = await service.call('checks.forRows', { entity: 'facility', ids: [fid] })
    expect(before.violations.filter((v) => v.ruleId === 'facility.completed_by_move_in')).toEqual([])
    const edit = await service.call('rows.update', { entity: 'site', edits: [{ id: siteId, field: 'move_in_date', value: '2019-04-10' }] })
    const after = await service.call('checks.forChange', { setId: edit.setId! })
    expect(after.checked.facility).toContain(fid)
    expect(after.violations.find((v) => v.ruleId === 'facility.completed_by_move_in')?.message.zh).toBe('实际完工 2019-05 晚于安置点入住日期 2019-04-10（设施应与搬迁同步建成）')
    expect(after.violations.some((v) => v.ruleId === 'site.health_facility')).toBe(false)
    const del = await service.call('rows.delete', { entity: 'facility', ids: [fid] })
    const gone = await service.call('checks.forChange', { setId: del.setId! })
    expect(gone.checked.site).toContain(siteId)
    expect(gone.violations.find((v) => v.ruleId === 'site.health_facility')?.rowId).toBe(siteId)
    service.close()
  })

  it('explains a warning with a comment as one undo step; errors cannot be explained', async () => {
    const { service } = newService()
    const id = await addSite(service, { zero_employment_households: 2 })
    const key = { ruleId: 'site.zero_employment', entity: 'site' as const, rowId: id, field: 'zero_employment_households' }
    const res = await service.call('checks.explain', { ...key, comment: '两户均为五保户，已纳入兜底保障' })
    expect(res.setId).not.toBeNull()
    let report = await service.call('checks.run', {})
    let v = report.violations.find((x) => x.ruleId === 'site.zero_employment')!
    expect(v.explained?.comment).toBe('两户均为五保户，已纳入兜底保障')
    expect(report.counts.explained).toBe(1)
    expect((await service.call('history.state', {})).undoLabel?.zh).toContain('说明检查结果')
    await service.call('history.undo', {})
    report = await service.call('checks.run', {})
    expect(report.violations.find((x) => x.ruleId === 'site.zero_employment')!.explained).toBeUndefined()
    await service.call('history.redo', {})
    report = await service.call('checks.run', {})
    expect(report.violations.find((x) => x.ruleId === 'site.zero_employment')!.explained?.comment).toContain('五保户')
    await service.call('checks.unexplain', key)
    v = (await service.call('checks.run', {})).violations.find((x) => x.ruleId === 'site.zero_employment')!
    expect(v.explained).toBeUndefined()
    service.plan.repos.site.update(id, { moved_people: 2000 })
    await expect(service.call('checks.explain', { ruleId: 'site.moved_people_le_planned', entity: 'site', rowId: id, field: 'moved_people', comment: 'x' })).rejects.toThrow(/只能改正/)
    await expect(service.call('checks.explain', { ruleId: 'site.area_per_poor', entity: 'site', rowId: id, field: 'floor_area_m2', comment: 'x' })).rejects.toThrow(/没有违反/)
    service.close()
  })

  it('checks a row before it is written (for the import), without writing it', () => {
    const plan = Plan.create(':memory:', '520000')
    const found = plan.checks.checkValues('site', { name: '幸福社区', county_code: '520281', county: '盘州市', planned_people: 1210, moved_people: 1320, zero_employment_households: 1 })
    expect(found.map((f) => [f.ruleId, f.severity])).toEqual([
      ['site.moved_people_le_planned', 'error'],
      ['site.zero_employment', 'warning'],
    ])
    expect(found[0]!.message.zh).toBe('已搬迁入住人数 1,320 超过规划安置人数 1,210')
    expect(plan.repos.site.count()).toBe(0)
    expect(plan.checks.checkValues('facility', { actual_end: '2019-05' }, { move_in_date: '2019-03-01' }).map((f) => f.ruleId)).toEqual(['facility.completed_by_move_in'])
    plan.close()
  })

  it('the sample plan breaks no error rule, and lists warnings of several rules', () => {
    const plan = generateSamplePlan(':memory:')
    const list = plan.checks.evaluateRegion(null)
    expect(list.filter((v) => v.severity === 'error')).toEqual([])
    expect(new Set(list.map((v) => v.ruleId)).size).toBeGreaterThan(5)
    plan.close()
  })

  it('the SQL prefilter of the whole-plan pass never holds back a violation (same list as a full scan)', () => {
    const plan = generateSamplePlan(':memory:')
    const sites = plan.repos.site.listArrays().slice(0, 4).map((r) => r[0] as number)
    // edge rows: month against day precision, empty strings, shared facilities, closed workshops
    plan.db.transaction(() => {
      plan.repos.site.update(sites[0]!, { move_in_date: '2019-03' })
      plan.repos.facility.insert({ site_id: sites[0]!, name: '同月完工', planned_start: '2019-01', planned_end: '2019-03-31', actual_start: '2019-03-31', actual_end: '2019-03' })
      plan.repos.facility.insert({ site_id: sites[0]!, name: '次月完工', planned_start: '2019-01', planned_end: '2019-04-01', actual_end: '' })
      plan.repos.facility.insert({ site_id: sites[1]!, name: '倒序', planned_start: '2019-05-02', planned_end: '2019-05-01', actual_start: '2019-06', actual_end: '2019-05-30', status: '' })
      plan.repos.facility.insert({ site_id: sites[2]!, name: '逾期', planned_end: '2020-12', status: null })
      plan.repos.facility.insert({ site_id: null, name: '无安置点', planned_start: '2019-05', planned_end: '2019-04', status: '在建' })
      plan.repos.workshop.insert({ site_id: sites[3]!, name: '车间', jobs: 4, poor_workers: 5, relocated_workers: 5, avg_wage: 1569.5, op_status: null })
      plan.repos.workshop.insert({ site_id: null, name: '注销车间', jobs: 4, poor_workers: 1, op_status: '注销' })
    })()
    const key = (v: { ruleId: string; rowId: number; field: string; message: { zh: string }; rowKey: string }): string => `${v.ruleId}|${v.rowId}|${v.field}|${v.message.zh}|${v.rowKey}`
    const fast = plan.checks.evaluateRegion(null).map(key).sort()
    const full = plan.checks.evaluateRegion(null, undefined, { prefilter: false }).map(key).sort()
    expect(fast).toEqual(full)
    expect(fast.some((k) => k.startsWith('facility.planned_start_le_end') && k.includes('无安置点'))).toBe(true)
    expect(fast.filter((k) => k.includes('次月完工') && k.startsWith('facility.completed_by_move_in'))).toHaveLength(1)
    expect(fast.filter((k) => k.includes('同月完工'))).toEqual([])
    const region = plan.repos.site.get(sites[1]!)!['county_code'] as string
    expect(plan.checks.evaluateRegion(region).map(key).sort()).toEqual(plan.checks.evaluateRegion(region, undefined, { prefilter: false }).map(key).sort())
    plan.close()
  })

  it('exports the list to an Excel workbook that reads back', async () => {
    const { service } = newService()
    const id = await addSite(service, { zero_employment_households: 2, floor_area_m2: 40000 })
    await service.call('checks.explain', { ruleId: 'site.zero_employment', entity: 'site', rowId: id, field: 'zero_employment_households', comment: '已核实' })
    const path = join(tempDir(), '检查结果.xlsx')
    const r = await service.call('checks.export', { path })
    expect(r.count).toBeGreaterThanOrEqual(3)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const ws = wb.worksheets[0]!
    const texts: string[] = []
    ws.eachRow((row) => texts.push((row.values as unknown[]).map((x) => String(x ?? '')).join('|')))
    expect(texts[2]).toContain('严重程度')
    expect(texts.some((t) => t.includes('人均住房面积 36.36 平方米') && t.includes('盘州市') && t.includes('六盘水市') && t.includes('建筑面积'))).toBe(true)
    expect(texts.some((t) => t.includes('已说明：已核实'))).toBe(true)
    service.close()
  })

  it('anju check prints violations and exits 0; a plan it cannot read exits non-zero', async () => {
    const { service, path } = newService()
    const id = await addSite(service)
    service.plan.repos.site.update(id, { moved_people: 1320 })
    service.close()
    const out: string[] = []
    const err: string[] = []
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }
    expect(await main(['check', '--plan', path], io)).toBe(0)
    expect(out.join('\n')).toContain('site.moved_people_le_planned\t520281 盘州市\tsite\t520281-001 幸福社区\t已搬迁入住人数\t已搬迁入住人数 1,320 超过规划安置人数 1,210')
    out.length = 0
    expect(await main(['check', '--plan', path, '--region', '520100', '--json'], io)).toBe(0)
    expect(JSON.parse(out[0]!)).toMatchObject({ total: 0, violations: [] })
    out.length = 0
    expect(await main(['check', '--plan', path, '--json'], io)).toBe(0)
    const json = JSON.parse(out[0]!) as { violations: { ruleId: string; severity: string; region: string; entity: string; rowKey: string; field: string; message: string }[] }
    expect(json.violations).toContainEqual(expect.objectContaining({ ruleId: 'site.moved_people_le_planned', severity: 'error', region: '520281', entity: 'site', rowKey: '520281-001 幸福社区', field: 'moved_people' }))
    expect(await main(['check', '--plan', join(tempDir(), 'missing.anju')], io)).not.toBe(0)
    expect(err.join('\n')).toContain('找不到规划文件')
    // an unknown region is not a clean plan: one bilingual line and a non-zero exit
    out.length = 0
    err.length = 0
    expect(await main(['check', '--plan', path, '--region', '999999'], io)).not.toBe(0)
    expect(out).toEqual([])
    expect(err).toHaveLength(1)
    expect(err[0]).toMatch(/未找到区划代码 999999.*No region has the code 999999/)
  })
})
