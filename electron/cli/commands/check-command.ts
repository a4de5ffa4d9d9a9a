/**
 * `anju check --plan PLAN [--region CODE] [--json]`: the violations of the plan's rules (rule id,
 * severity, region, entity, row key, field, message), so a county can check a plan before sending it.
 * Exit code 0 whether or not violations exist; non-zero only when the plan cannot be read.
 */
import { appError } from '../../../shared/api/errors.ts'
import { fieldOf } from '../../../shared/dictionary/index.ts'
import { runChecks } from '../../service/handlers/checks-handlers.ts'
import { Plan } from '../../service/plan.ts'
import type { Command } from '../command.ts'

export const checkCommand: Command = {
  name: 'check',
  usage: 'anju check --plan PLAN [--region CODE] [--json]   检查规划 / list rule violations',
  valued: ['plan', 'region'],
  async run(args, io) {
    const path = args.options.get('plan')
    if (!path) throw appError('INVALID_INPUT', '缺少 --plan', 'Missing --plan')
    const region = args.options.get('region') ?? null
    if (region !== null && !/^\d{6}$/.test(region)) throw appError('INVALID_INPUT', `--region 应为 6 位区划代码：${region}`, `--region must be a 6-digit region code: ${region}`)
    const plan = Plan.open(path, { readOnly: true })
    try {
      const report = runChecks(plan, region, undefined, Number.MAX_SAFE_INTEGER)
      if (args.flags.has('json')) {
        io.out(
          JSON.stringify({
            counts: report.counts,
            total: report.total,
            violations: report.violations.map((v) => ({
              ruleId: v.ruleId,
              severity: v.severity,
              region: v.regionCode,
              entity: v.entity,
              rowId: v.rowId,
              rowKey: v.rowKey,
              field: v.field,
              message: v.message.zh,
              messageEn: v.message.en,
              ...(v.explained ? { explained: v.explained.comment } : {}),
            })),
          }),
        )
        return 0
      }
      const names = new Map<string, string>()
      const regionName = (code: string | null): string => {
        if (!code) return '-'
        if (!names.has(code)) names.set(code, `${code} ${plan.regions.get(code)?.name ?? ''}`.trim())
        return names.get(code)!
      }
      for (const v of report.violations) {
        const sev = v.severity === 'error' ? '错误/error' : '警告/warning'
        const field = fieldOf(v.entity, v.field)?.label.zh ?? v.field
        const note = v.explained ? `  [已说明/explained: ${v.explained.comment}]` : ''
        io.out(`${sev}\t${v.ruleId}\t${regionName(v.regionCode)}\t${v.entity}\t${v.rowKey}\t${field}\t${v.message.zh} / ${v.message.en}${note}`)
      }
      const c = report.counts
      io.out(`共 ${report.total} 条：错误 ${c.error}，警告 ${c.warning}，已说明 ${c.explained} / ${report.total} violations: ${c.error} errors, ${c.warning} warnings, ${c.explained} explained`)
      return 0
    } finally {
      plan.close()
    }
  },
}
