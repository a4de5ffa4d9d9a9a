import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppService } from '../../electron/service/app-service.ts'
import { Plan } from '../../electron/service/plan.ts'
import { AppError } from '../../shared/api/errors.ts'
import { tempDir } from '../support/temp.ts'

function newService(): { service: AppService; path: string; appDir: string } {
  const dir = tempDir()
  const path = join(dir, 'plan.anju')
  Plan.create(path, '520000').close()
  const service = new AppService({ planPath: path, appDir: dir })
  return { service, path, appDir: dir }
}

async function addSite(service: AppService, values: Record<string, string | number | null> = {}): Promise<number> {
  const r = await service.call('rows.insert', { entity: 'site', rows: [{ name: '幸福社区', county_code: '520281', planned_households: 100, planned_people: 360, ...values }] })
  return r.affected.site!.upserted[0]!.id
}

async function expectError(p: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe(code)
    return e as AppError
  }
  throw new Error(`expected ${code}`)
}

describe('actions, undo and redo', () => {
  it('says which fields an update changed, so views reading other fields can skip it', async () => {
    const { service } = newService()
    const inserted = await service.call('rows.insert', { entity: 'site', rows: [{ name: '幸福社区', county_code: '520281', planned_households: 100, planned_people: 360 }] })
    expect(inserted.changedFields?.site).toBeUndefined()
    const id = inserted.affected.site!.upserted[0]!.id
    const edit = await service.call('rows.update', { entity: 'site', edits: [{ id, field: 'township', value: '红果镇' }, { id, field: 'labor_force', value: 150 }] })
    expect(new Set(edit.changedFields?.site)).toEqual(new Set(['township', 'labor_force']))
    const undo = await service.call('history.undo', {})
    expect(new Set(undo.changedFields?.site)).toEqual(new Set(['township', 'labor_force']))
    await service.call('history.undo', {})
    const redoInsert = await service.call('history.redo', {})
    expect(redoInsert.changedFields?.site).toBeUndefined()
    service.close()
  })

  it('inserts a site with a generated code and the county name filled in', async () => {
    const { service } = newService()
    const id = await addSite(service)
    const [row] = await service.call('rows.get', { entity: 'site', ids: [id] })
    expect(row).toMatchObject({ code: '520281-001', county: '盘州市', county_code: '520281', planned_people: 360 })
    service.close()
  })

  it('coerces typed text through the dictionary and logs one undo step per edit', async () => {
    const { service } = newService()
    const id = await addSite(service)
    await service.call('rows.update', { entity: 'site', edits: [{ id, field: 'planned_people', value: '１,２００' }] })
    await service.call('rows.update', { entity: 'site', edits: [{ id, field: 'mode', value: '县城安置' }, { id, field: 'completion_date', value: '2019年12月' }] })
    let [row] = await service.call('rows.get', { entity: 'site', ids: [id] })
    expect(row).toMatchObject({ planned_people: 1200, mode: '城镇集中安置', completion_date: '2019-12' })
    await service.call('history.undo', {})
    ;[row] = await service.call('rows.get', { entity: 'site', ids: [id] })
    expect(row).toMatchObject({ planned_people: 1200, mode: null, completion_date: null })
    await service.call('history.undo', {})
    ;[row] = await service.call('rows.get', { entity: 'site', ids: [id] })
    expect(row!['planned_people']).toBe(360)
    await service.call('history.redo', {})
    ;[row] = await service.call('rows.get', { entity: 'site', ids: [id] })
    expect(row!['planned_people']).toBe(1200)
    service.close()
  })

  it('refuses an invalid value with a message and writes nothing', async () => {
    const { service } = newService()
    const id = await addSite(service)
    const steps = (await service.call('history.state', {})).steps
    const err = await expectError(service.call('rows.update', { entity: 'site', edits: [{ id, field: 'planned_people', value: '很多' }] }), 'INVALID_INPUT')
    expect(err.label.zh).toContain('规划安置人数')
    expect(err.label.en).toContain('Planned people')
    await expectError(service.call('rows.update', { entity: 'site', edits: [{ id, field: 'name', value: '' }] }), 'INVALID_INPUT')
    expect((await service.call('history.state', {})).steps).toBe(steps)
    const [row] = await service.call('rows.get', { entity: 'site', ids: [id] })
    expect(row!['planned_people']).toBe(360)
    service.close()
  })

  it('keeps the undo history across a restart of the app', async () => {
    const { service, path, appDir } = newService()
    const id = await addSite(service)
    await service.call('rows.update', { entity: 'site', edits: [{ id, field: 'township', value: '红果镇' }] })
    service.close()
    const again = new AppService({ planPath: path, appDir })
    expect((await again.call('history.state', {})).undoLabel?.zh).toContain('乡（镇、街道）')
    await again.call('history.undo', {})
    const [row] = await again.call('rows.get', { entity: 'site', ids: [id] })
    expect(row!['township']).toBeNull()
    again.close()
  })

  it('deleting a site removes its facilities and unlinks its workshops, and undo brings all back', async () => {
    const { service } = newService()
    const id = await addSite(service)
    await service.call('rows.insert', { entity: 'facility', rows: [{ site_id: id, name: '幸福社区卫生室', type: '卫生室/卫生院', category: '公共服务设施' }] })
    await service.call('rows.insert', { entity: 'workshop', rows: [{ site_id: id, name: '刺绣车间', jobs: 20 }] })
    await service.call('rows.delete', { entity: 'site', ids: [id] })
    expect(service.plan.repos.facility.count()).toBe(0)
    expect(service.plan.repos.workshop.listArrays()[0]).toContain('刺绣车间')
    await service.call('history.undo', {})
    expect(service.plan.repos.site.get(id)?.['name']).toBe('幸福社区')
    expect(service.plan.repos.facility.count()).toBe(1)
    expect(service.plan.repos.workshop.get(service.plan.repos.workshop.listArrays()[0]![0] as number)?.['site_id']).toBe(id)
    service.close()
  })

  it('a new action after undo discards the redo stack', async () => {
    const { service } = newService()
    const id = await addSite(service)
    await service.call('rows.update', { entity: 'site', edits: [{ id, field: 'planned_people', value: 400 }] })
    await service.call('history.undo', {})
    expect((await service.call('history.state', {})).canRedo).toBe(true)
    await service.call('rows.update', { entity: 'site', edits: [{ id, field: 'planned_people', value: 500 }] })
    expect((await service.call('history.state', {})).canRedo).toBe(false)
    await expectError(service.call('history.redo', {}), 'NOTHING_TO_REDO')
    service.close()
  })

  it('shows the history of a cell, newest first', async () => {
    const { service } = newService()
    const id = await addSite(service)
    await service.call('rows.update', { entity: 'site', edits: [{ id, field: 'planned_people', value: 400 }] })
    await service.call('rows.update', { entity: 'site', edits: [{ id, field: 'planned_people', value: 500 }] })
    const h = await service.call('history.cell', { entity: 'site', id, field: 'planned_people' })
    expect(h.map((e) => [e.op, e.oldValue, e.newValue])).toEqual([
      ['update', 400, 500],
      ['update', 360, 400],
      ['insert', null, 360],
    ])
    service.close()
  })

  it('parses every input with its schema before a handler runs', async () => {
    const { service } = newService()
    const r = await service.invoke('rows.update', { entity: 'nope', edits: [] })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT')
    const u = await service.invoke('no.such', {})
    expect(u.ok).toBe(false)
    if (!u.ok) expect(u.error.code).toBe('UNKNOWN_METHOD')
    service.close()
  })
})
