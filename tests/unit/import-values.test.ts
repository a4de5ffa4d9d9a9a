/**
 * Values of county returns through the real import preview (exceljs workbooks, SQLite plans): money
 * in 元 / 万元 / 亿元 by the header, its unit row or the unit line, and by a unit written in the cell;
 * one unreadable optional cell costs only that cell; approximate and ambiguous values are warnings.
 */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { ImportSheetPreview } from '../../shared/api/import-api.ts'
import { previewBuffer } from '../../electron/service/import/import-service.ts'
import { Plan } from '../../electron/service/plan.ts'

type Row = (string | number | null)[]

async function previewRows(rows: Row[], merges: string[] = [], plan?: Plan): Promise<ImportSheetPreview> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Sheet1')
  for (const r of rows) ws.addRow(r)
  for (const m of merges) ws.mergeCells(m)
  const own = plan ?? Plan.create(':memory:', '520000')
  try {
    const { preview } = await previewBuffer(own, Buffer.from(await wb.xlsx.writeBuffer()), 'r.xlsx')
    return preview.sheets[0]!
  } finally {
    if (!plan) own.close()
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
