/**
 * The import end to end on real plans and real workbooks: commit as one undo step with the batch
 * recorded and cell provenance, undo/redo, rollback later as a new action, re-import that changes
 * nothing, updates that leave blank cells alone, a template round trip (template → fill → import),
 * cancellation, and every kind of bad file refused with a clear message and nothing written.
 */
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import * as XLSX from '@e965/xlsx'
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { AppService } from '../../electron/service/app-service.ts'
import { generateSamplePlan } from '../../electron/service/domain/sample-plan.ts'
import { commitPreview } from '../../electron/service/import/commit.ts'
import { previewBuffer } from '../../electron/service/import/import-service.ts'
import { writeTemplate } from '../../electron/service/import/template.ts'
import { Plan } from '../../electron/service/plan.ts'
import { AppError } from '../../shared/api/errors.ts'
import { DEREGISTERED, PLANNED } from '../../shared/rules/workshop-rules.ts'
import { tempDir } from '../support/temp.ts'

const root = resolve(import.meta.dirname, '../..')
const fixtures = resolve(root, '../shared/fixtures/returns')
const PANXIAN = join(fixtures, '01-盘县易地扶贫搬迁安置点基本情况统计表.xlsx')

function newService(): { service: AppService; path: string } {
  const dir = tempDir()
  const path = join(dir, 'plan.anju')
  Plan.create(path, '520000').close()
  return { service: new AppService({ planPath: path, appDir: dir }), path }
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

/** A small return in the county layout: title, 2-row header, 合计 last. */
async function smallReturn(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Sheet1')
  ws.addRow(['盘县易地扶贫搬迁安置点统计表'])
  ws.addRow(['序号', '安置点名称', '规划安置', null, '建设状态', '竣工时间'])
  ws.addRow([null, null, '户数', '人数', null, null])
  ws.mergeCells('C2:D2')
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

describe('import commit, undo, rollback', () => {
  it('commits a return as one undo step with the batch and cell provenance, and a second import changes nothing', async () => {
    const { service } = newService()
    const preview = await service.call('import.preview', { path: PANXIAN })
    expect(preview.sheets[0]!.summary).toEqual({ insert: 18, update: 0, unchanged: 0, reject: 0 })
    const result = await service.call('import.commit', { previewId: preview.previewId })
    expect(result.batchId).not.toBeNull()
    expect(result.counts.insert).toBe(18)
    const list = await service.call('rows.list', { entity: 'site' })
    expect(list.rows).toHaveLength(18)
    const nameIdx = list.columns.indexOf('name')
    const row = list.rows.find((r) => r[nameIdx] === '安居社区')!
    const id = row[0] as number
    const [site] = await service.call('rows.get', { entity: 'site', ids: [id] })
    expect(site).toMatchObject({ county_code: '520281', county: '盘州市', planned_people: 1387, completion_date: '2019-12', move_in_date: '2020-04-01' })
    expect(site!['code']).toMatch(/^520281-\d{3}$/)
    const history = await service.call('history.cell', { entity: 'site', id, field: 'planned_people' })
    expect(history[0]!.batch?.fileName).toBe('01-盘县易地扶贫搬迁安置点基本情况统计表.xlsx')
    const batches = await service.call('import.batches', {})
    expect(batches).toHaveLength(1)
    expect(batches[0]).toMatchObject({ state: 'committed', counts: { insert: 18 } })
    expect(batches[0]!.sha256).toMatch(/^[0-9a-f]{64}$/)

    const again = await service.call('import.preview', { path: PANXIAN })
    expect(again.sheets[0]!.summary).toEqual({ insert: 0, update: 0, unchanged: 18, reject: 0 })
    expect(again.sameFileBatch).toBe(result.batchId)
    const second = await service.call('import.commit', { previewId: again.previewId })
    expect(second.setId).toBeNull()
    expect(await service.call('import.batches', {})).toHaveLength(1)
    expect((await service.call('history.state', {})).steps).toBe(1)

    await service.call('history.undo', {})
    expect((await service.call('rows.list', { entity: 'site' })).rows).toHaveLength(0)
    expect((await service.call('import.batches', {}))[0]!.state).toBe('rolled_back')
    await service.call('history.redo', {})
    expect((await service.call('rows.list', { entity: 'site' })).rows).toHaveLength(18)
    expect((await service.call('import.batches', {}))[0]!.state).toBe('committed')
    service.close()
  })

  it('rolls a batch back later as a new action, leaving cells edited since alone', async () => {
    const { service } = newService()
    const p1 = await service.call('import.preview', { path: PANXIAN })
    const c1 = await service.call('import.commit', { previewId: p1.previewId })
    const list = await service.call('rows.list', { entity: 'site' })
    const keep = list.rows[0]![0] as number
    // a manual edit after the import, on a row the batch inserted
    await service.call('rows.update', { entity: 'site', edits: [{ id: keep, field: 'notes', value: '人工核实' }] })
    const rb = await service.call('import.rollback', { batchId: c1.batchId! })
    expect(rb.setId).not.toBeNull()
    expect((await service.call('rows.list', { entity: 'site' })).rows).toHaveLength(0)
    expect((await service.call('import.batches', {}))[0]!.state).toBe('rolled_back')
    await expectError(service.call('import.rollback', { batchId: c1.batchId! }), 'CONFLICT')
    // undoing the rollback brings the batch back
    await service.call('history.undo', {})
    expect((await service.call('rows.list', { entity: 'site' })).rows).toHaveLength(18)
    expect((await service.call('import.batches', {}))[0]!.state).toBe('committed')
    service.close()
  })

  it('updates only the cells that differ and keeps existing values where the return is blank', async () => {
    const { service, path } = newService()
    const dir = tempDir()
    const v1 = join(dir, 'v1.xlsx')
    writeFileSync(v1, await smallReturn([[1, '幸福社区', 100, 360, '在建', '2019.12'], [2, '和平小区', 50, 180, '已竣工', '2019年10月'], ['合计', null, 150, 540, null, null]]))
    const p1 = await service.call('import.preview', { path: v1 })
    expect(p1.sheets[0]!.rows.map((r) => r.values['county_code'])).toEqual(['520281', '520281'])
    expect(p1.sheets[0]!.rows.map((r) => r.values['completion_date'])).toEqual(['2019-12', '2019-10'])
    await service.call('import.commit', { previewId: p1.previewId })
    const v2 = join(dir, 'v2.xlsx')
    writeFileSync(v2, await smallReturn([[1, '幸福社区', 100, 365, '—', null], [2, '和平小区 ', 50, 180, '已竣工', '2019-10'], ['合计', null, 150, 999, null, null]]))
    const p2 = await service.call('import.preview', { path: v2 })
    const [a, b] = p2.sheets[0]!.rows
    expect(a!.action).toBe('update')
    expect(a!.changes).toEqual([{ field: 'planned_people', old: 360, new: 365 }])
    expect(a!.kept).toEqual(expect.arrayContaining(['status', 'completion_date']))
    expect(b!.action).toBe('unchanged')
    // the 合计 row disagrees with its detail rows: a warning with both numbers
    const warn = p2.sheets[0]!.issues.find((i) => i.sourceRow === 6)
    expect(warn?.message.zh).toContain('999')
    expect(warn?.message.zh).toContain('545')
    // excluding the one changed cell leaves nothing to write
    const none = await service.call('import.commit', { previewId: p2.previewId, excludedCells: [{ row: a!.key, field: 'planned_people' }] })
    expect(none.setId).toBeNull()
    const p3 = await service.call('import.preview', { path: v2 })
    await service.call('import.commit', { previewId: p3.previewId })
    service.close()
    const plan = Plan.open(path, { readOnly: true })
    const site = plan.repos.site.getMany(plan.repos.site.columnPairs('name').map(([id]) => id)).find((s) => s['name'] === '幸福社区')!
    expect(site).toMatchObject({ planned_people: 365, status: '在建', completion_date: '2019-12' })
    plan.close()
  })

  it('cancels a preview and a commit without leaving anything behind', async () => {
    const dir = tempDir()
    const plan = Plan.create(join(dir, 'p.anju'), '520000')
    const buf = readFileSync(PANXIAN)
    const ctl = new AbortController()
    ctl.abort()
    await expectError(previewBuffer(plan, buf, 'a.xlsx', { signal: ctl.signal }), 'CANCELLED')
    const { preview, writes } = await previewBuffer(plan, buf, 'a.xlsx')
    expect(() => commitPreview(plan, preview, writes, { signal: ctl.signal })).toThrowError(AppError)
    expect(plan.repos.site.count()).toBe(0)
    expect(plan.db.prepare('SELECT COUNT(*) AS n FROM import_batch').get()).toEqual({ n: 0 })
    expect(plan.actions.state().canUndo).toBe(false)
    plan.close()
  })
})

describe('values in the forms returns use', () => {
  it('flags the ambiguous 2019.1, keeps month precision, converts 元 to 万元 and carries the rule engine’s province check', async () => {
    const { service } = newService()
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('明细表')
    ws.addRow(['安置点名称', '县名', '竣工时间', '入住时间', '总投资（元）', '规划安置人数'])
    ws.addRow(['甲安置点', '盘县', 2019.1, 43856, 12345678, '１，２３４人'])
    ws.addRow(['乙安置点', '会理县', '2019年底', '20191231', '—', '３００'])
    const path = join(tempDir(), 'forms.xlsx')
    await wb.xlsx.writeFile(path)
    const p = await service.call('import.preview', { path })
    const [a, b] = p.sheets[0]!.rows
    expect(a!.values).toMatchObject({ county_code: '520281', completion_date: '2019-01', move_in_date: '2020-01-26', investment_wan: 1234.5678, planned_people: 1234 })
    expect(a!.issues.some((i) => i.field === 'completion_date' && i.severity === 'warning')).toBe(true)
    expect(b!.values).toMatchObject({ county_code: '513402', county: '会理市', completion_date: '2019-12', move_in_date: '2019-12-31', planned_people: 300 })
    expect(b!.values['investment_wan']).toBeUndefined()
    expect(b!.issues.some((i) => i.field === 'county_code' && i.severity === 'warning')).toBe(true)
    service.close()
  })
})

describe('the rule engine in the preview', () => {
  it('rejects a row that breaks an error rule, with the issue on its cell, and commits the rest', async () => {
    const { service } = newService()
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Sheet1')
    ws.addRow(['安置点名称', '县名', '规划安置人数', '已搬迁入住人数'])
    ws.addRow(['甲安置点', '盘县', 100, 120])
    ws.addRow(['乙安置点', '盘县', 100, 90])
    const path = join(tempDir(), 'rules.xlsx')
    await wb.xlsx.writeFile(path)
    const p = await service.call('import.preview', { path })
    const [a, b] = p.sheets[0]!.rows
    expect(a!.action).toBe('reject')
    expect(a!.issues.some((i) => i.field === 'moved_people' && i.severity === 'error')).toBe(true)
    expect(b!.action).toBe('insert')
    const r = await service.call('import.commit', { previewId: p.previewId })
    expect(r.counts).toMatchObject({ insert: 1, reject: 1 })
    expect((await service.call('rows.list', { entity: 'site' })).rows).toHaveLength(1)
    service.close()
  })
})

describe('CSV encodings', () => {
  const text = '填报单位：盘县发改局\r\n安置点名称,规划安置户数,竣工时间\r\n幸福社区,"1,234",2019年12月\r\n合计,"1,234",\r\n'
  const variants: [string, Buffer][] = [
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-8 without BOM', Buffer.from(text, 'utf8')],
    ['UTF-16LE with BOM, tab-separated', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/,(?![^"]*"\r)/g, '\t').replace(/"1,234"/g, '1234'), 'utf16le')])],
    ['GBK/GB18030 without BOM', iconv.encode(text, 'gb18030')],
  ]
  for (const [what, buf] of variants) {
    it(`reads ${what}`, async () => {
      const plan = Plan.create(':memory:', '520000')
      const { preview } = await previewBuffer(plan, buf, 'r.csv')
      const s = preview.sheets[0]!
      expect(s.rows).toHaveLength(1)
      expect(s.rows[0]).toMatchObject({ sourceRow: 3, values: { name: '幸福社区', planned_households: 1234, completion_date: '2019-12', county_code: '520281' } })
      plan.close()
    })
  }
})

describe('return templates', () => {
  it('round-trips: template → a county fills it in → import updates and inserts exactly that', async () => {
    const dir = tempDir()
    const plan = generateSamplePlan(join(dir, 'sample.anju'), { sites: 120, seed: 7 })
    const county = String(plan.repos.site.columnPairs('county_code')[0]![1])
    const out = join(dir, 'template.xlsx')
    const { sites } = await writeTemplate(plan, county, out)
    expect(sites).toBeGreaterThan(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填报说明', '_lists', '安置点', '配套设施', '就业帮扶车间'])
    expect(wb.getWorksheet('_lists')!.state).toBe('veryHidden')
    const ws = wb.getWorksheet('安置点')!
    expect(String(ws.getCell('A1').value)).toContain(plan.regions.get(county)!.name)
    expect((ws.getRow(3).values as unknown[]).filter((v) => v === '规划安置').length).toBeGreaterThanOrEqual(1)
    expect(ws.getCell('A3').value).toBe('基本情况')
    expect(ws.pageSetup.orientation).toBe('landscape')
    expect(ws.pageSetup.paperSize).toBe(9)
    expect(ws.pageSetup.printTitlesRow).toBe('3:4')
    const headers = (ws.getRow(4).values as unknown[]).map((v) => String(v ?? ''))
    const col = (label: string): number => headers.indexOf(label)
    const peopleCol = col('人数（人）')
    expect(peopleCol).toBeGreaterThan(0)
    const modeCol = col('安置方式')
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model
    expect(Object.entries(dv).some(([ref, v]) => ref.startsWith(`${String.fromCharCode(64 + modeCol)}5`) && v.type === 'list' && v.formulae[0]!.includes('_lists'))).toBe(true)
    expect(ws.getCell(3, 1).protection?.locked).not.toBe(false)
    expect(ws.getCell(5, peopleCol).protection?.locked).toBe(false)
    // the county updates one figure and adds a site
    const before = Number(ws.getCell(5, peopleCol).value)
    ws.getCell(5, peopleCol).value = before + 7
    const next = 5 + sites
    ws.getCell(next, col('安置点名称')).value = '新建安置点'
    ws.getCell(next, col('县级区划代码')).value = county
    ws.getCell(next, peopleCol).value = 88
    // … and a facility of the new site, named by the site's name
    const fs = wb.getWorksheet('配套设施')!
    const fHeaders = (fs.getRow(4).values as unknown[]).map((v) => String(v ?? ''))
    let fr = 5
    while (fs.getCell(fr, 1).value !== null && fs.getCell(fr, 1).value !== undefined) fr++
    fs.getCell(fr, fHeaders.indexOf('所在安置点')).value = '新建安置点'
    fs.getCell(fr, fHeaders.indexOf('设施名称')).value = '新建安置点卫生室'
    fs.getCell(fr, fHeaders.indexOf('设施类型')).value = '卫生室'
    const filled = join(dir, 'filled.xlsx')
    await wb.xlsx.writeFile(filled)
    const { preview, writes } = await previewBuffer(plan, readFileSync(filled), 'filled.xlsx')
    const s = preview.sheets[0]!
    expect(s.entity).toBe('site')
    expect(s.summary).toEqual({ insert: 1, update: 1, unchanged: sites - 1, reject: 0 })
    expect(s.rows[0]!.changes).toEqual([{ field: 'planned_people', old: before, new: before + 7 }])
    expect(preview.sheets.map((x) => x.entity)).toEqual(['site', 'facility', 'workshop'])
    const facilities = preview.sheets[1]!
    expect(facilities.summary).toMatchObject({ insert: 1, update: 0, reject: 0 })
    const newFacility = facilities.rows.find((r) => r.action === 'insert')!
    expect(newFacility.labels?.['site_id']).toBe('新建安置点')
    expect(newFacility.values['type']).toBe('卫生室/卫生院')
    expect(preview.sheets[2]!.summary.insert + preview.sheets[2]!.summary.update + preview.sheets[2]!.summary.reject).toBe(0)
    const result = commitPreview(plan, preview, writes, {})
    expect(result.counts).toMatchObject({ insert: 2, update: 1 })
    const newSite = plan.repos.site.columnPairs('name').find(([, n]) => n === '新建安置点')![0]
    const fac = plan.repos.facility.columnPairs('name').find(([, n]) => n === '新建安置点卫生室')![0]
    expect(plan.repos.facility.get(fac)!['site_id']).toBe(newSite)
    const again = await previewBuffer(plan, readFileSync(filled), 'filled.xlsx')
    expect(again.preview.sheets[0]!.summary).toEqual({ insert: 0, update: 0, unchanged: sites + 1, reject: 0 })
    expect(again.preview.sheets[1]!.summary.insert).toBe(0)
    plan.close()
  })
})

describe('template details', () => {
  it('has a title row on 填报说明, each sheet’s own status list (facility and workshop statuses as the rules know them) and date validation that accepts YYYY-MM', async () => {
    const dir = tempDir()
    const plan = generateSamplePlan(join(dir, 'sample.anju'), { sites: 40, seed: 3 })
    const county = String(plan.repos.site.columnPairs('county_code')[0]![1])
    const out = join(dir, 'template.xlsx')
    await writeTemplate(plan, county, out)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    const guide = wb.getWorksheet('填报说明')!
    expect(String(guide.getCell('A1').value)).toContain(plan.regions.get(county)!.name)
    expect(String(guide.getCell('A1').value)).toContain('填报说明')
    expect(guide.getCell('D1').isMerged).toBe(true)
    const lists = wb.getWorksheet('_lists')!
    /** the values of the dropdown list of a column, read from the hidden list sheet */
    const listOf = (sheet: string, header: string): string[] => {
      const ws = wb.getWorksheet(sheet)!
      const col = (ws.getRow(4).values as unknown[]).map((v) => String(v ?? '')).indexOf(header)
      const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model
      const ref = Object.entries(dv).find(([r, v]) => r.startsWith(`${String.fromCharCode(64 + col)}5`) && v.type === 'list')![1].formulae[0]!
      const m = /\$([A-Z]+)\$2:\$[A-Z]+\$(\d+)/.exec(ref)!
      return Array.from({ length: Number(m[2]) - 1 }, (_, i) => String(lists.getCell(`${m[1]}${i + 2}`).value))
    }
    expect(listOf('配套设施', '建设状态')).toEqual(['未开工', '在建', '已完工', '已交付使用'])
    expect(listOf('安置点', '建设状态')).toEqual(['未开工', '在建', '主体完工', '已竣工', '已入住'])
    expect(listOf('就业帮扶车间', '运营状态')).toEqual(expect.arrayContaining([DEREGISTERED, PLANNED, '正常']))
    const sites = wb.getWorksheet('安置点')!
    const dateCol = (sites.getRow(4).values as unknown[]).map((v) => String(v ?? '')).indexOf('竣工日期')
    const letter = String.fromCharCode(64 + dateCol)
    const dv = (sites as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model
    const dateDv = Object.entries(dv).find(([r]) => r.startsWith(`${letter}5`))![1]
    expect(dateDv.type).toBe('custom')
    expect(dateDv.formulae[0]).toContain(`ISNUMBER(${letter}5)`)
    expect(dateDv.formulae[0]).toContain(`LEN(${letter}5)=7`)
    plan.close()
  })
})

describe('bad input is refused with a clear message and nothing written', () => {
  const attempts: [string, () => Promise<{ buf: Buffer; name: string }>, RegExp, object?][] = [
    ['a truncated workbook', async () => ({ buf: readFileSync(PANXIAN).subarray(0, 3000), name: 't.xlsx' }), /损坏或不完整.*damaged or incomplete/s],
    ['random bytes', async () => ({ buf: Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256)), name: 'r.xlsx' }), /不是电子表格.*not a spreadsheet/s],
    [
      'a password-protected workbook',
      async () => {
        const cfb = XLSX.CFB.utils.cfb_new()
        XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.alloc(200, 1))
        XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(5000, 2))
        return { buf: Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array), name: 'p.xlsx' }
      },
      /密码.*password-protected/s,
    ],
    [
      'an empty workbook',
      async () => {
        const wb = new ExcelJS.Workbook()
        wb.addWorksheet('Sheet1')
        return { buf: Buffer.from(await wb.xlsx.writeBuffer()), name: 'e.xlsx' }
      },
      /工作簿是空的.*workbook is empty/s,
    ],
    [
      'a sheet over the row limit',
      async () => ({ buf: Buffer.from(['安置点名称,县级区划代码,规划安置户数', ...Array.from({ length: 60 }, (_, i) => `点${i},520281,${i}`)].join('\r\n')), name: 'big.csv' }),
      /超过 50 行.*50-row limit/s,
      { maxRows: 50 },
    ],
    [
      'an archive that unpacks beyond the limit',
      async () => {
        const wb = new ExcelJS.Workbook()
        const ws = wb.addWorksheet('Sheet1')
        for (let i = 0; i < 3000; i++) ws.addRow(['安置点名称', 'x'.repeat(200), i])
        return { buf: Buffer.from(await wb.xlsx.writeBuffer()), name: 'bomb.xlsx' }
      },
      /解压后超过 0.25 MB.*unpacks to more than the 0.25 MB limit/s,
      { maxUnpackedBytes: 256 * 1024 },
    ],
  ]
  for (const [what, make, message, limits] of attempts) {
    it(`refuses ${what}`, async () => {
      const dir = tempDir()
      const plan = Plan.create(join(dir, 'p.anju'), '520000')
      const { buf, name } = await make()
      const e = await expectError(previewBuffer(plan, buf, name, limits ? { limits } : {}), 'IMPORT_FAILED')
      expect(`${e.label.zh}\n${e.label.en}`).toMatch(message)
      expect(plan.repos.site.count()).toBe(0)
      expect(plan.db.prepare('SELECT COUNT(*) AS n FROM import_batch').get()).toEqual({ n: 0 })
      plan.close()
    })
  }

  it('the command line exits non-zero with one line on stderr and writes no plan', async () => {
    const dir = tempDir()
    const bad = join(dir, 'bad.xlsx')
    writeFileSync(bad, readFileSync(PANXIAN).subarray(0, 2000))
    const planPath = join(dir, 'none.anju')
    const r = await promisify(execFile)('node', ['bin/anju.mjs', 'import', bad, '--plan', planPath, '--dry-run', '--json'], { cwd: root }).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    )
    expect(r).not.toBeNull()
    expect(r!.code).not.toBe(0)
    expect(r!.stdout).toBe('')
    expect(r!.stderr.trim().split('\n')).toHaveLength(1)
    expect(r!.stderr).toContain('损坏')
  }, 60_000)
})
