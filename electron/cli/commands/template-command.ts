/**
 * `anju template --plan PLAN --county CODE | --prefecture CODE --out FILE.xlsx`: the return template a
 * county fills in, pre-filled with its current rows.
 */
import { appError } from '../../../shared/api/errors.ts'
import { writeTemplate } from '../../service/import/template.ts'
import { Plan } from '../../service/plan.ts'
import type { Command } from '../command.ts'

export const templateCommand: Command = {
  name: 'template',
  usage: 'anju template --plan PLAN (--county CODE | --prefecture CODE) --out FILE.xlsx   生成填报模板 / write a return template',
  valued: ['plan', 'county', 'prefecture', 'out'],
  async run(args, io) {
    const planPath = args.options.get('plan')
    const out = args.options.get('out')
    const region = args.options.get('county') ?? args.options.get('prefecture')
    if (!planPath) throw appError('INVALID_INPUT', '缺少 --plan', 'Missing --plan')
    if (!out) throw appError('INVALID_INPUT', '缺少 --out', 'Missing --out')
    if (!region || !/^\d{6}$/.test(region)) throw appError('INVALID_INPUT', '缺少 --county 或 --prefecture（6 位代码）', 'Missing --county or --prefecture (a 6-digit code)')
    const plan = Plan.open(planPath, { readOnly: true })
    try {
      const r = await writeTemplate(plan, region, out)
      io.out(`已生成 / written ${r.path} (${r.sites} sites)`)
      return 0
    } finally {
      plan.close()
    }
  },
}
