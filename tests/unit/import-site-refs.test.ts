/**
 * Facilities and workshops name their site by code or name; the same site name exists in two counties.
 * The name is looked up within the row's county (its own county column, the chosen county or the title),
 * an ambiguous name is refused naming both codes, and the dry-run JSON shows a site by its code — never
 * an internal or placeholder id. Real plans (SQLite) and real workbooks (exceljs), the CLI for the JSON.
 */
import ExcelJS from 'exceljs'
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { commitPreview } from '../../electron/service/import/commit.ts'
import { previewBuffer } from '../../electron/service/import/import-service.ts'
import { Plan } from '../../electron/service/plan.ts'
import { tempDir } from '../support/temp.ts'

type Row = (string | number | null)[]

async function workbook(sheets: Record<string, Row[]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name)
    for (const r of rows) ws.addRow(r)
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** Two sites called 幸福社区: one in 盘州市 (520281), one in 黔西市 (520581). */
async function twoCountyPlan(path = ':memory:'): Promise<Plan> {
  const plan = Plan.create(path, '520000')
  const buf = await workbook({
    安置点: [
      ['安置点编码', '安置点名称', '县级区划代码', '规划安置人数'],
      ['520281-001', '幸福社区', '520281', 300],
      ['520581-001', '幸福社区', '520581', 200],
      ['520581-002', '和平小区', '520581', 100],
    ],
  })
  const { preview, writes } = await previewBuffer(plan, buf, 'sites.xlsx')
  commitPreview(plan, preview, writes, {})
  return plan
}

const idOf = (plan: Plan, code: string): number => plan.repos.site.columnPairs('code').find(([, c]) => c === code)![0]

describe('a facility names its site within its county', () => {
  it('uses the row’s county column to tell two 幸福社区 apart, and refuses the name without one, naming both codes', async () => {
    const plan = await twoCountyPlan()
    try {
      const buf = await workbook({
        配套设施: [
          ['设施名称', '所在安置点', '县（市、区）', '设施类型'],
          ['幸福社区卫生室', '幸福社区', '盘州市', '卫生室'],
          ['幸福社区幼儿园', '幸福社区', '黔西县', '幼儿园'],
          ['幸福社区小学', '幸福社区', null, '小学'],
          ['和平小区卫生室', '和平小区', null, '卫生室'],
        ],
      })
      const { preview } = await previewBuffer(plan, buf, 'f.xlsx')
      const s = preview.sheets[0]!
      expect(s.entity).toBe('facility')
      const [a, b, c, d] = s.rows
      expect(a!.values['site_id']).toBe(idOf(plan, '520281-001'))
      expect(b!.values['site_id']).toBe(idOf(plan, '520581-001'))
      expect(c!.action).toBe('reject')
      const issue = c!.issues.find((i) => i.field === 'site_id')!
      expect(issue.severity).toBe('error')
      expect(issue.message.zh).toContain('520281-001')
      expect(issue.message.zh).toContain('520581-001')
      expect(issue.message.en).toMatch(/ambiguous.*520281-001.*520581-001/)
      // a name only one site has needs no county
      expect(d!.values['site_id']).toBe(idOf(plan, '520581-002'))
      // the county column scopes the names: it is not listed as an unknown column
      expect(s.issues.some((i) => i.message.zh.includes('县（市、区）'))).toBe(false)
    } finally {
      plan.close()
    }
  })

  it('takes the county chosen for the return when the sheet has no county column', async () => {
    const plan = await twoCountyPlan()
    try {
      const buf = await workbook({ 配套设施: [['设施名称', '所在安置点', '设施类型'], ['幸福社区小学', '幸福社区', '小学']] })
      const { preview } = await previewBuffer(plan, buf, 'f.xlsx', { county: '520581' })
      expect(preview.sheets[0]!.rows[0]!.values['site_id']).toBe(idOf(plan, '520581-001'))
    } finally {
      plan.close()
    }
  })

  it('the dry-run JSON shows a site by its code, and a site the workbook inserts by its name, never an id', async () => {
    const dir = tempDir()
    const planPath = join(dir, 'plan.anju')
    ;(await twoCountyPlan(planPath)).close()
    const file = join(dir, 'return.xlsx')
    writeFileSync(
      file,
      await workbook({
        安置点: [
          ['安置点名称', '县级区划代码', '规划安置人数'],
          ['团结新村', '520281', 80],
        ],
        配套设施: [
          ['设施名称', '所在安置点', '县级区划代码', '设施类型'],
          ['幸福社区卫生室', '幸福社区', '520281', '卫生室'],
          ['团结新村卫生室', '团结新村', '520281', '卫生室'],
          ['幸福社区小学', '幸福社区', null, '小学'],
        ],
      }),
    )
    const root = resolve(import.meta.dirname, '../..')
    const { stdout } = await promisify(execFile)('node', ['bin/anju.mjs', 'import', file, '--plan', planPath, '--dry-run', '--json'], { cwd: root })
    const out = JSON.parse(stdout) as { more: { entity: string; rows: { action: string; values: Record<string, unknown>; issues: { field: string; message: string }[] }[] }[] }
    const facilities = out.more.find((m) => m.entity === 'facility')!
    expect(facilities.rows.map((r) => r.values['site_id'])).toEqual(['520281-001', '团结新村', undefined])
    expect(facilities.rows[2]!.action).toBe('reject')
    expect(facilities.rows[2]!.issues.find((i) => i.field === 'site_id')!.message).toContain('520581-001')
    expect(stdout).not.toMatch(/"site_id":-?\d/)
  }, 60_000)
})
