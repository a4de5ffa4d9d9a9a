import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppService } from '../../electron/service/app-service.ts'
import { pasteBlock } from '../../electron/service/handlers/paste-handlers.ts'
import { Plan } from '../../electron/service/plan.ts'
import { tempDir } from '../support/temp.ts'

function newService(): AppService {
  const dir = tempDir()
  const path = join(dir, 'plan.anju')
  Plan.create(path, '520000').close()
  return new AppService({ planPath: path, appDir: dir })
}

async function addSites(service: AppService, n: number): Promise<number[]> {
  const rows = Array.from({ length: n }, (_, i) => ({ name: `安置点${i + 1}`, county_code: '520281', planned_people: 100 + i }))
  const r = await service.call('rows.insert', { entity: 'site', rows })
  return r.affected.site!.upserted.map((x) => x.id)
}

describe('rows.paste', () => {
  it('previews accepted, adjusted, rejected and read-only cells without writing', async () => {
    const service = newService()
    const [a, b] = await addSites(service, 2)
    const before = await service.call('history.state', {})
    const r = await service.call('rows.paste', {
      entity: 'site',
      commit: false,
      edits: [
        { id: a!, field: 'planned_people', value: '１,２００' },
        { id: a!, field: 'township', value: '红果镇' },
        { id: b!, field: 'planned_people', value: '很多' },
        { id: b!, field: 'county', value: '盘州' },
        { id: b!, field: 'id', value: '9' },
      ],
    })
    const byField = (id: number, f: string) => r.preview.cells.find((c) => c.id === id && c.field === f)!
    expect(byField(a!, 'planned_people')).toMatchObject({ verdict: 'adjusted', newValue: 1200, oldValue: 100 })
    expect(byField(a!, 'township')).toMatchObject({ verdict: 'accepted', newValue: '红果镇' })
    expect(byField(b!, 'planned_people').verdict).toBe('rejected')
    expect(byField(b!, 'planned_people').message!.zh).toContain('不是数字')
    expect(byField(b!, 'id').verdict).toBe('skipped')
    expect(r.change).toBeNull()
    expect((await service.call('history.state', {})).steps).toBe(before.steps)
    service.close()
  })

  it('flags the ambiguous 2019.1 and an approximate 约1200 in the preview, as the import does', async () => {
    const service = newService()
    const [a] = await addSites(service, 1)
    const r = await service.call('rows.paste', {
      entity: 'site',
      commit: false,
      edits: [
        { id: a!, field: 'completion_date', value: '2019.1' },
        { id: a!, field: 'planned_people', value: '约1200' },
      ],
    })
    const byField = (f: string) => r.preview.cells.find((c) => c.field === f)!
    expect(byField('completion_date')).toMatchObject({ verdict: 'adjusted', newValue: '2019-01' })
    expect(byField('completion_date').message!.en).toContain('Ambiguous')
    expect(byField('completion_date').message!.zh).toContain('歧义')
    expect(byField('planned_people')).toMatchObject({ verdict: 'adjusted', newValue: 1200 })
    expect(byField('planned_people').message!.en).toContain('approximate value')
    service.close()
  })

  it('commits only the accepted cells and appended rows as one undo step', async () => {
    const service = newService()
    const [a, b] = await addSites(service, 2)
    const r = await service.call('rows.paste', {
      entity: 'site',
      commit: true,
      edits: [
        { id: a!, field: 'planned_people', value: '１,２００' },
        { id: b!, field: 'planned_people', value: '很多' },
      ],
      append: [{ name: '新点', county_code: '520281', planned_people: '50人' }],
    })
    expect(r.appendRows).toBe(1)
    expect(r.change!.setId).not.toBeNull()
    const rows = await service.call('rows.list', { entity: 'site' })
    const people = rows.columns.indexOf('planned_people')
    expect(rows.rows.map((x) => x[people])).toEqual([1200, 101, 50])
    await service.call('history.undo', {})
    const after = await service.call('rows.list', { entity: 'site' })
    expect(after.rows.map((x) => x[people])).toEqual([100, 101])
    service.close()
  })

  it('a commit with its preview token writes what was previewed; a write in between makes it check again', async () => {
    const service = newService()
    const [a] = await addSites(service, 1)
    const edits = [{ id: a!, field: 'planned_people', value: '300' }]
    const p1 = await service.call('rows.paste', { entity: 'site', commit: false, edits })
    expect(p1.token).toBeTruthy()
    // someone edits the row between preview and commit: the commit re-checks against the new state
    await service.call('rows.update', { entity: 'site', edits: [{ id: a!, field: 'planned_people', value: 300 }] })
    const c1 = await service.call('rows.paste', { entity: 'site', commit: true, edits, token: p1.token! })
    expect(c1.preview.counts.unchanged).toBe(1)
    expect(c1.change!.setId).toBeNull()
    // a token does not carry other cells than the ones previewed
    const p2 = await service.call('rows.paste', { entity: 'site', commit: false, edits: [{ id: a!, field: 'planned_people', value: '400' }] })
    await service.call('rows.paste', { entity: 'site', commit: true, edits: [{ id: a!, field: 'planned_people', value: '500' }], token: p2.token! })
    const [row] = await service.call('rows.get', { entity: 'site', ids: [a!] })
    expect(row!['planned_people']).toBe(500)
    service.close()
  })

  it('refuses the whole commit when a guard refuses (a required field emptied)', async () => {
    const service = newService()
    const [a] = await addSites(service, 1)
    const r = await service.call('rows.paste', { entity: 'site', commit: false, edits: [{ id: a!, field: 'name', value: '' }] })
    expect(r.preview.cells[0]!.verdict).toBe('rejected')
    // appended rows without their required county are refused by the action's guard, nothing written
    await expect(service.call('rows.paste', { entity: 'site', commit: true, edits: [], append: [{ name: '无县' }] })).rejects.toThrow(/不能为空/)
    expect((await service.call('rows.list', { entity: 'site' })).rows).toHaveLength(1)
    service.close()
  })

  it('shows the rule engine\'s refusal in the preview (a rolled-back dry run) and refuses the commit whole', () => {
    const dir = tempDir()
    const plan = Plan.create(join(dir, 'plan.anju'), '520000')
    plan.actions.addGuard((_db, touched) => {
      const ids = touched.get('site')?.upserted ?? new Set<number>()
      return [...ids].some((id) => Number(plan.repos.site.get(id)?.['planned_people'] ?? 0) > 1000) ? [{ zh: '规划人数超过上限', en: 'Too many planned people' }] : []
    })
    const setup = plan.actions.run('insert', { zh: '新增', en: 'Insert' }, (rec) => {
      rec.insert('site', { name: '甲', county_code: '520281', county: '盘州市', planned_people: 10 })
    })
    const id = setup.affected.site!.upserted[0]!.id
    const steps = plan.actions.state().steps
    const block = { ids: [id], fields: ['planned_people'], texts: [['2000']] }
    const preview = pasteBlock(plan, 'site', { edits: [], block, commit: false })
    expect(preview.refusal?.zh).toBe('规划人数超过上限')
    expect(plan.actions.state().steps).toBe(steps)
    expect(plan.repos.site.get(id)!['planned_people']).toBe(10)
    expect(() => pasteBlock(plan, 'site', { edits: [], block, commit: true, token: preview.token! })).toThrow(/规划人数超过上限/)
    expect(plan.repos.site.get(id)!['planned_people']).toBe(10)
    // an allowed value previews without a refusal and writes
    const ok = pasteBlock(plan, 'site', { edits: [], block: { ...block, texts: [['900']] }, commit: false })
    expect(ok.refusal).toBeNull()
    pasteBlock(plan, 'site', { edits: [], block: { ...block, texts: [['900']] }, commit: true, token: ok.token! })
    expect(plan.repos.site.get(id)!['planned_people']).toBe(900)
    plan.close()
  })

  it('rejects only the cells that break an error rule, with the rule\'s message, and writes the rest as one undo step', async () => {
    const service = newService()
    const [a, b] = await addSites(service, 2)
    const block = { ids: [a!, b!], fields: ['moved_people', 'township'], texts: [['50', '红果镇'], ['５００', '柏果镇']] }
    const steps = (await service.call('history.state', {})).steps
    const p = await service.call('rows.paste', { entity: 'site', commit: false, edits: [], block })
    const cell = (id: number, f: string) => p.preview.cells.find((c) => c.id === id && c.field === f)!
    expect(cell(a!, 'moved_people').verdict).toBe('accepted')
    expect(cell(b!, 'moved_people')).toMatchObject({ verdict: 'rejected', newValue: null })
    expect(cell(b!, 'moved_people').message!.zh).toBe('已搬迁入住人数 500 超过规划安置人数 101')
    expect(cell(b!, 'township').verdict).toBe('accepted')
    expect(p.preview.counts).toMatchObject({ accepted: 3, rejected: 1, adjusted: 0 })
    expect(p.refusal).toBeNull()
    const c = await service.call('rows.paste', { entity: 'site', commit: true, edits: [], block, token: p.token! })
    expect(c.change!.setId).not.toBeNull()
    expect(c.preview.counts.rejected).toBe(1)
    const [ra, rb] = await service.call('rows.get', { entity: 'site', ids: [a!, b!] })
    expect([ra!['moved_people'], ra!['township'], rb!['moved_people'], rb!['township']]).toEqual([50, '红果镇', null, '柏果镇'])
    expect((await service.call('history.state', {})).steps).toBe(steps + 1)
    await service.call('history.undo', {})
    const [ua, ub] = await service.call('rows.get', { entity: 'site', ids: [a!, b!] })
    expect([ua!['moved_people'], ua!['township'], ub!['township']]).toEqual([null, null, null])
    service.close()
  })

  it('checks the rules for pastes above 5,000 cells too: the breaking cell is rejected, the rest written', async () => {
    const service = newService()
    const ids = await addSites(service, 3000)
    const texts = ids.map((_, i) => [String(50 + (i % 40)), `镇${i}`])
    texts[2500] = ['99999', '坏镇']
    const block = { ids, fields: ['moved_people', 'township'], texts }
    const p = await service.call('rows.paste', { entity: 'site', commit: false, edits: [], block })
    expect(p.preview.counts.rejected).toBe(1)
    const bad = p.preview.cells.find((c) => c.verdict === 'rejected')!
    expect(bad).toMatchObject({ id: ids[2500], field: 'moved_people' })
    expect(bad.message!.zh).toContain('超过规划安置人数')
    const c = await service.call('rows.paste', { entity: 'site', commit: true, edits: [], block })
    expect(c.change!.setId).not.toBeNull()
    const rows = await service.call('rows.get', { entity: 'site', ids: [ids[0]!, ids[2500]!, ids[2999]!] })
    expect(rows.map((r) => [r['moved_people'], r['township']])).toEqual([[50, '镇0'], [null, '坏镇'], [50 + (2999 % 40), '镇2999']])
    service.close()
  }, 60_000)

  it('rejects appended-row cells that break a rule and keeps the row', async () => {
    const service = newService()
    await addSites(service, 1)
    const p = await service.call('rows.paste', { entity: 'site', commit: true, edits: [], append: [{ name: '新点', county_code: '520281', planned_people: '100', moved_people: '300' }] })
    const moved = p.preview.cells.find((c) => c.id === -1 && c.field === 'moved_people')!
    expect(moved.verdict).toBe('rejected')
    const list = await service.call('rows.list', { entity: 'site' })
    const row = list.rows[1]!
    expect([row[list.columns.indexOf('planned_people')], row[list.columns.indexOf('moved_people')]]).toEqual([100, null])
    service.close()
  })
})
