/**
 * Values of county returns through the real import preview (exceljs workbooks, SQLite plans): money
 * in 元 / 万元 / 亿元 by the header, its unit row or the unit line, and by a unit written in the cell;
 * one unreadable optional cell costs only that cell; approximate and ambiguous values are warnings.
 */
import ExcelJS from 'exceljs'
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { ImportSheetPreview } from '../../shared/api/import-api.ts'
import { commitPreview } from '../../electron/service/import/commit.ts'
import { previewBuffer } from '../../electron/service/import/import-service.ts'
import { Plan } from '../../electron/service/plan.ts'
import { tempDir } from '../support/temp.ts'

type Row = (string | number | null)[]

async function workbook(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Sheet1')
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

async function previewWith(plan: Plan, rows: Row[], clearBlanks = false): Promise<Awaited<ReturnType<typeof previewBuffer>>> {
  return previewBuffer(plan, await workbook(rows), 'r.xlsx', clearBlanks ? { clearBlanks } : {})
}

async function previewRows(rows: Row[]): Promise<ImportSheetPreview> {
  const plan = Plan.create(':memory:', '520000')
  try {
    return (await previewWith(plan, rows)).preview.sheets[0]!
  } finally {
    plan.close()
  }
}

describe('money in 万元', () => {
  it('divides by 10,000 when the header says 元 in brackets', async () => {
    const s = await previewRows([
      ['安置点名称', '县名', '总投资（元）', '已完成投资（万元）'],
      ['幸福社区', '盘县', 35000000, 1200],
    ])
    expect(s.rows[0]!.values).toMatchObject({ investment_wan: 3500, investment_done_wan: 1200 })
  })

  it('reads the unit row under the header (元 / 万元 / 亿元 per column) and does not take it for a site', async () => {
    const s = await previewRows([
      ['安置点名称', '县名', '规划安置人数', '总投资', '已完成投资'],
      [null, null, '人', '亿元', '元'],
      ['幸福社区', '盘县', 360, 1.5, 3500000],
    ])
    expect(s.rows).toHaveLength(1)
    expect(s.rows[0]).toMatchObject({ sourceRow: 3, action: 'insert' })
    expect(s.rows[0]!.values).toMatchObject({ planned_people: 360, investment_wan: 15000, investment_done_wan: 350 })
  })

  it('follows the unit line above the header (单位：元)', async () => {
    const s = await previewRows([
      ['盘县安置点统计表'],
      ['填报单位：盘县发改局', null, '单位：户、人、元'],
      ['安置点名称', '规划安置人数', '总投资'],
      ['幸福社区', 360, 35000000],
    ])
    expect(s.rows[0]!.values).toMatchObject({ planned_people: 360, investment_wan: 3500 })
  })

  it('converts a cell that names its unit ("12万", "1.2亿", "35000元") whatever the header says', async () => {
    for (const header of ['总投资（元）', '总投资（万元）', '总投资']) {
      const s = await previewRows([
        ['安置点名称', '县名', header],
        ['甲', '盘县', '12万'],
        ['乙', '盘县', '1.2亿'],
        ['丙', '盘县', '35000元'],
        ['丁', '盘县', '12万元'],
      ])
      expect(s.rows.map((r) => r.values['investment_wan']), header).toEqual([12, 12000, 3.5, 12])
    }
  })
})

describe('one unreadable optional cell costs only that cell', () => {
  it('drops the cell with an error on it and imports the rest of the row; required fields and rule errors still reject', async () => {
    const s = await previewRows([
      ['安置点名称', '县名', '规划安置人数', '已搬迁入住人数', '建设状态', '竣工时间'],
      ['幸福社区', '盘县', '很多', 90, '在建', '2019年12月'],
      ['和平小区', '盘县', 200, 90, '差不多', '明年'],
      ['团结社区', '火星县', 200, 90, '在建', '2019-12'],
      ['友谊社区', '盘县', 100, 120, '在建', '2019-12'],
    ])
    const [a, b, c, d] = s.rows
    expect(a).toMatchObject({ action: 'insert', values: { name: '幸福社区', moved_people: 90, status: '在建', completion_date: '2019-12' } })
    expect(a!.values['planned_people']).toBeUndefined()
    expect(a!.issues).toEqual([expect.objectContaining({ field: 'planned_people', severity: 'error' })])
    expect(a!.issues[0]!.message.en).toContain('not imported')
    expect(b).toMatchObject({ action: 'insert', values: { name: '和平小区', planned_people: 200 } })
    expect(b!.issues.map((i) => i.field).sort()).toEqual(['completion_date', 'status'])
    // the county (required) cannot be read: the row is rejected
    expect(c!.action).toBe('reject')
    // 已搬迁入住 > 规划: the rule engine's error still rejects the row
    expect(d!.action).toBe('reject')
    expect(d!.issues.some((i) => i.field === 'moved_people' && i.severity === 'error')).toBe(true)
    expect(s.summary).toEqual({ insert: 2, update: 0, unchanged: 0, reject: 2 })
  })

  it('keeps the existing value of a dropped cell on an update, and writes the rest', async () => {
    const plan = Plan.create(':memory:', '520000')
    try {
      const header: Row = ['安置点名称', '县名', '规划安置人数', '建设状态']
      const v1 = await previewWith(plan, [header, ['幸福社区', '盘县', 360, '在建']])
      commitPreview(plan, v1.preview, v1.writes, {})
      const v2 = await previewWith(plan, [header, ['幸福社区', '盘县', '三百六', '已竣工']])
      const row = v2.preview.sheets[0]!.rows[0]!
      expect(row).toMatchObject({ action: 'update', changes: [{ field: 'status', old: '在建', new: '已竣工' }] })
      expect(row.kept).toContain('planned_people')
      expect(row.issues).toEqual([expect.objectContaining({ field: 'planned_people', severity: 'error' })])
      commitPreview(plan, v2.preview, v2.writes, {})
      expect(plan.repos.site.get(row.id!)).toMatchObject({ planned_people: 360, status: '已竣工' })
    } finally {
      plan.close()
    }
  })
})

describe('values read with a doubt are warnings', () => {
  it('reads 约1200 as 1200 with an "approximate value" warning, and flags 2019.1 written as text', async () => {
    const s = await previewRows([
      ['安置点名称', '县名', '规划安置人数', '竣工时间', '入住时间'],
      ['幸福社区', '盘县', '约1200', '2019.1', 2019.1],
    ])
    const r = s.rows[0]!
    expect(r).toMatchObject({ action: 'insert', values: { planned_people: 1200, completion_date: '2019-01', move_in_date: '2019-01' } })
    const warning = (f: string) => r.issues.find((i) => i.field === f && i.severity === 'warning')
    expect(warning('planned_people')?.message.en).toContain('approximate value')
    expect(warning('completion_date')?.message.en).toContain('Ambiguous')
    expect(warning('move_in_date')?.message.en).toContain('Ambiguous')
  })
})

describe('clearing a value takes an explicit choice', () => {
  const header: Row = ['安置点名称', '县名', '规划安置人数', '建设状态', '竣工时间', '备注']
  const v1: Row[] = [header, ['幸福社区', '盘县', 360, '在建', '2019-12', '一期']]
  const v2: Row[] = [header, ['幸福社区', '盘县', 365, '—', '/', null]]

  it('by default a null marker or a blank keeps the existing value and the preview says so', async () => {
    const plan = Plan.create(':memory:', '520000')
    try {
      const a = await previewWith(plan, v1)
      commitPreview(plan, a.preview, a.writes, {})
      const b = await previewWith(plan, v2)
      const row = b.preview.sheets[0]!.rows[0]!
      expect(row.changes).toEqual([{ field: 'planned_people', old: 360, new: 365 }])
      expect(row.kept.sort()).toEqual(['completion_date', 'notes', 'status'])
      expect(row.cleared).toBeUndefined()
      commitPreview(plan, b.preview, b.writes, {})
      expect(plan.repos.site.get(row.id!)).toMatchObject({ planned_people: 365, status: '在建', completion_date: '2019-12', notes: '一期' })
    } finally {
      plan.close()
    }
  })

  it('with clearBlanks a null marker clears the existing value (old → null in the preview); an empty cell still keeps it', async () => {
    const plan = Plan.create(':memory:', '520000')
    try {
      const a = await previewWith(plan, v1)
      commitPreview(plan, a.preview, a.writes, {})
      const b = await previewWith(plan, v2, true)
      const row = b.preview.sheets[0]!.rows[0]!
      expect(row.action).toBe('update')
      expect(row.changes).toEqual([
        { field: 'planned_people', old: 360, new: 365 },
        { field: 'status', old: '在建', new: null },
        { field: 'completion_date', old: '2019-12', new: null },
      ])
      expect(row.cleared).toEqual(['status', 'completion_date'])
      expect(row.kept).toEqual(['notes'])
      commitPreview(plan, b.preview, b.writes, {})
      expect(plan.repos.site.get(row.id!)).toMatchObject({ planned_people: 365, status: null, completion_date: null, notes: '一期' })
    } finally {
      plan.close()
    }
  })

  it('the command line clears only with --clear-blanks (the dry-run JSON shows the cleared cell as null)', async () => {
    const dir = tempDir()
    const planPath = join(dir, 'plan.anju')
    const plan = Plan.create(planPath, '520000')
    const a = await previewWith(plan, v1)
    commitPreview(plan, a.preview, a.writes, {})
    plan.close()
    const file = join(dir, 'v2.xlsx')
    writeFileSync(file, await workbook(v2))
    const root = resolve(import.meta.dirname, '../..')
    const run = async (...extra: string[]): Promise<{ rows: { action: string; values: Record<string, unknown> }[] }> =>
      JSON.parse((await promisify(execFile)('node', ['bin/anju.mjs', 'import', file, '--plan', planPath, ...extra, '--dry-run', '--json'], { cwd: root })).stdout) as { rows: { action: string; values: Record<string, unknown> }[] }
    const keep = await run()
    expect(keep.rows[0]!.action).toBe('update')
    expect('status' in keep.rows[0]!.values).toBe(false)
    const clear = await run('--clear-blanks')
    expect(clear.rows[0]!.values).toMatchObject({ planned_people: 365, status: null, completion_date: null })
    expect('notes' in clear.rows[0]!.values).toBe(false)
  }, 60_000)
})
