/**
 * `anju settings --plan PLAN [KEY=VALUE ...] [--json]`: show the plan's settings (report identity and
 * the thresholds the checks use), or change some of them as one undoable action, through the same
 * code as the settings page. KEY is a setting's key (min_wage) or its Chinese label (当地最低月工资);
 * VALUE is typed as on the page (1,800; 90%; 2020-12).
 */
import { appError } from '../../../shared/api/errors.ts'
import { formatSettingValue, parseSettingInput, SETTING_FIELDS, type PlanSettings } from '../../../shared/settings.ts'
import { updatePlanSettings } from '../../service/domain/setting-changes.ts'
import { Plan } from '../../service/plan.ts'
import type { Command } from '../command.ts'

function parseAssignments(items: readonly string[]): Partial<PlanSettings> {
  const patch: Record<string, string | number> = {}
  for (const item of items) {
    const eq = item.indexOf('=')
    if (eq <= 0) throw appError('INVALID_INPUT', `“${item}”应写成 键=值`, `"${item}" should read KEY=VALUE`)
    const name = item.slice(0, eq).trim()
    const def = SETTING_FIELDS.find((d) => d.key === name || d.label.zh === name)
    if (!def) throw appError('INVALID_INPUT', `没有名为“${name}”的设置；可用：${SETTING_FIELDS.map((d) => d.key).join(', ')}`, `No setting named "${name}"; settings: ${SETTING_FIELDS.map((d) => d.key).join(', ')}`)
    const parsed = parseSettingInput(def, item.slice(eq + 1))
    if ('error' in parsed) throw appError('INVALID_INPUT', parsed.error.zh, parsed.error.en)
    patch[def.key] = parsed.value
  }
  return patch as Partial<PlanSettings>
}

export const settingsCommand: Command = {
  name: 'settings',
  usage: 'anju settings --plan PLAN [KEY=VALUE ...] [--json]   规划设置 / show or change plan settings (one undo step)',
  valued: ['plan'],
  async run(args, io) {
    const path = args.options.get('plan')
    if (!path) throw appError('INVALID_INPUT', '缺少 --plan', 'Missing --plan')
    const patch = parseAssignments(args.positionals)
    const changing = Object.keys(patch).length > 0
    const plan = Plan.open(path, { readOnly: !changing })
    try {
      let settings = plan.settings.settings()
      let label: { zh: string; en: string } | null = null
      if (changing) {
        if (plan.readOnly) throw appError('READ_ONLY', '规划正被其他窗口编辑，不能修改设置', 'The plan is open for writing elsewhere; settings cannot be changed')
        const out = updatePlanSettings(plan.actions, plan.settings, patch)
        settings = out.settings
        label = out.result.setId === null ? { zh: '设置未变', en: 'Settings unchanged' } : out.result.label
      }
      if (args.flags.has('json')) io.out(JSON.stringify(label ? { settings, changed: label } : { settings }))
      else {
        if (label) io.out(`${label.zh}\n${label.en}\n`)
        for (const d of SETTING_FIELDS) {
          const unit = d.unit && d.kind !== 'percent' ? ` ${d.unit.zh}` : ''
          io.out(`${d.key.padEnd(28)}${formatSettingValue(d, settings[d.key])}${unit}    ${d.label.zh} / ${d.label.en}`)
        }
      }
      return 0
    } finally {
      plan.close()
    }
  },
}
