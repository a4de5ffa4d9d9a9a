/**
 * `anju export --plan PLAN --out FILE.xlsx [--region CODE]`: the whole plan or a region as the same
 * Excel workbook the app exports (data sheets and every summary table).
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { appError } from '../../../shared/api/errors.ts'
import { exportWorkbook } from '../../service/export/plan-workbook.ts'
import { Plan } from '../../service/plan.ts'
import type { Command } from '../command.ts'

export const exportCommand: Command = {
  name: 'export',
  usage: 'anju export --plan PLAN --out FILE.xlsx [--region CODE]   导出 Excel 工作簿 / export the plan as an Excel workbook',
  valued: ['plan', 'out', 'region'],
  async run(args, io) {
    const planPath = args.options.get('plan')
    const out = args.options.get('out')
    const region = args.options.get('region') ?? null
    if (!planPath) throw appError('INVALID_INPUT', '缺少 --plan', 'Missing --plan')
    if (!out) throw appError('INVALID_INPUT', '缺少 --out', 'Missing --out')
    if (!/\.xlsx$/i.test(out)) throw appError('INVALID_INPUT', `输出文件应以 .xlsx 结尾：${out}`, `The output file must end in .xlsx: ${out}`)
    if (region !== null && !/^\d{6}$/.test(region)) throw appError('INVALID_INPUT', `区划代码应为 6 位数字：${region}`, `A region code has six digits: ${region}`)
    if (!existsSync(planPath)) throw appError('NOT_FOUND', `找不到规划文件“${planPath}”`, `Plan file "${planPath}" not found`)
    const plan = Plan.open(planPath, { readOnly: true })
    try {
      const t0 = performance.now()
      const abs = resolve(out)
      const r = await exportWorkbook(plan, { path: abs, region })
      io.out(`已导出 / exported ${abs}: ${r.sheets.length} sheets (${r.sheets.join('、')}), ${r.rows} rows, ${Math.round(performance.now() - t0)} ms`)
      return 0
    } finally {
      plan.close()
    }
  },
}
