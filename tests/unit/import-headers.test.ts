/**
 * Header paths of merged multi-row headers decide the field by their parent: a 合计 under 规划安置 is
 * the planned figure, a 其中 part is the sub-field (taking the parent's 户数/人数 when it names none).
 * Real workbooks written by exceljs with real merged cells, read back through the import preview.
 */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { previewBuffer } from '../../electron/service/import/import-service.ts'
import { Plan } from '../../electron/service/plan.ts'

async function previewOf(wb: ExcelJS.Workbook): Promise<{ fields: Record<string, string>; values: Record<string, unknown> }> {
  const plan = Plan.create(':memory:', '520000')
  try {
    const { preview } = await previewBuffer(plan, Buffer.from(await wb.xlsx.writeBuffer()), 'r.xlsx')
    const s = preview.sheets[0]!
    return { fields: Object.fromEntries(s.columns.map((c) => [c.header, c.field])), values: s.rows[0]!.values }
  } finally {
    plan.close()
  }
}

describe('merged header paths', () => {
  it('规划安置 › 合计 › 户数/人数 are the planned figures, 规划安置 › 其中建档立卡 › 户数/人数 the registered-poor ones', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Sheet1')
    ws.addRow(['安置点名称', '县名', '规划安置', null, null, null, '已搬迁入住', null])
    ws.addRow([null, null, '合计', null, '其中建档立卡', null, '户数', '人数'])
    ws.addRow([null, null, '户数', '人数', '户数', '人数', null, null])
    for (const r of ['A1:A3', 'B1:B3', 'C1:F1', 'C2:D2', 'E2:F2', 'G1:H1', 'G2:G3', 'H2:H3']) ws.mergeCells(r)
    ws.addRow(['幸福社区', '盘县', 100, 360, 50, 180, 90, 300])
    const { fields, values } = await previewOf(wb)
    expect(fields).toMatchObject({
      '规划安置 › 合计 › 户数': 'planned_households',
      '规划安置 › 合计 › 人数': 'planned_people',
      '规划安置 › 其中建档立卡 › 户数': 'poor_households',
      '规划安置 › 其中建档立卡 › 人数': 'poor_people',
      '已搬迁入住 › 户数': 'moved_households',
    })
    expect(values).toMatchObject({ planned_households: 100, planned_people: 360, poor_households: 50, poor_people: 180, moved_households: 90, moved_people: 300 })
  })

  it('规划安置人数 › 合计 / 其中：建档立卡 (a two-row merged header) take the measure from the parent', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Sheet1')
    ws.addRow(['安置点名称', '县名', '规划安置户数', null, '规划安置人数', null])
    ws.addRow([null, null, '合计', '其中：建档立卡', '合计', '其中建档立卡'])
    for (const r of ['A1:A2', 'B1:B2', 'C1:D1', 'E1:F1']) ws.mergeCells(r)
    ws.addRow(['幸福社区', '盘县', 100, 50, 360, 180])
    const { fields, values } = await previewOf(wb)
    expect(fields).toMatchObject({
      '规划安置户数 › 合计': 'planned_households',
      '规划安置户数 › 其中：建档立卡': 'poor_households',
      '规划安置人数 › 合计': 'planned_people',
      '规划安置人数 › 其中建档立卡': 'poor_people',
    })
    expect(values).toMatchObject({ planned_households: 100, poor_households: 50, planned_people: 360, poor_people: 180 })
  })

  it('a bare 户数 under a parent that names no field is ignored, not guessed', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Sheet1')
    ws.addRow(['安置点名称', '县名', '规划安置人数', '去年同期', null])
    ws.addRow([null, null, null, '户数', '人数'])
    for (const r of ['A1:A2', 'B1:B2', 'C1:C2', 'D1:E1']) ws.mergeCells(r)
    ws.addRow(['幸福社区', '盘县', 360, 80, 300])
    const { fields, values } = await previewOf(wb)
    expect(fields['规划安置人数']).toBe('planned_people')
    expect(fields['去年同期 › 户数']).toBeUndefined()
    expect(values['poor_households']).toBeUndefined()
    expect(values['poor_people']).toBeUndefined()
  })
})
