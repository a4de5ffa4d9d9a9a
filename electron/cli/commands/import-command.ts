/**
 * `anju import FILE --plan PLAN [--county CODE] [--sheet NAME] [--clear-blanks] [--dry-run] [--json]`:
 * the same code path as the app's import page. --dry-run writes nothing (a plan that does not exist yet
 * is an empty in-memory plan); --json prints the preview document and nothing else. A blank or
 * null-marker cell keeps the existing value unless --clear-blanks makes null markers clear it.
 */
import { existsSync } from 'node:fs'
import { appError } from '../../../shared/api/errors.ts'
import type { ImportPreview } from '../../../shared/api/import-api.ts'
import { commitPreview } from '../../service/import/commit.ts'
import { previewFile, previewJson } from '../../service/import/import-service.ts'
import { Plan } from '../../service/plan.ts'
import type { Command } from '../command.ts'

/** The province most rows of the preview's first sheet belong to. */
function provinceOf(preview: ImportPreview): string | null {
  const counts = new Map<string, number>()
  for (const r of preview.sheets[0]?.rows ?? []) {
    const c = r.values['county_code']
    if (typeof c === 'string') counts.set(`${c.slice(0, 2)}0000`, (counts.get(`${c.slice(0, 2)}0000`) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
}

export const importCommand: Command = {
  name: 'import',
  usage: 'anju import FILE --plan PLAN [--county CODE] [--sheet NAME] [--clear-blanks] [--dry-run] [--json]   导入县级报表 / import a county return',
  valued: ['plan', 'county', 'sheet', 'province'],
  async run(args, io) {
    const file = args.positionals[0]
    const planPath = args.options.get('plan')
    if (!file) throw appError('INVALID_INPUT', '缺少要导入的文件', 'Missing the file to import')
    if (!planPath) throw appError('INVALID_INPUT', '缺少 --plan', 'Missing --plan')
    const dryRun = args.flags.has('dry-run')
    const json = args.flags.has('json')
    let plan: Plan
    const scratch = !existsSync(planPath) && dryRun && !args.options.has('province')
    if (existsSync(planPath)) plan = Plan.open(planPath, { readOnly: dryRun })
    else if (dryRun) plan = Plan.create(':memory:', args.options.get('province') ?? '520000')
    else throw appError('NOT_FOUND', `找不到规划文件“${planPath}”（可先用 anju new 创建）`, `Plan "${planPath}" not found (create it with anju new)`)
    try {
      const county = args.options.get('county')
      const sheet = args.options.get('sheet')
      const opts = { ...(county ? { county } : {}), ...(sheet !== undefined ? { sheet } : {}), ...(args.flags.has('clear-blanks') ? { clearBlanks: true } : {}) }
      let { preview, writes } = await previewFile(plan, file, opts)
      if (scratch) {
        // a dry run without a plan: an empty plan of the province the return is from
        const province = provinceOf(preview)
        if (province && province !== plan.settings.settings().province_code) {
          plan.close()
          plan = Plan.create(':memory:', province)
          ;({ preview, writes } = await previewFile(plan, file, opts))
        }
      }
      if (dryRun) {
        if (json) io.out(JSON.stringify(previewJson(preview)))
        else for (const s of preview.sheets) io.out(`${s.sheet ?? 'CSV'} (${s.entity}): 新增 insert ${s.summary.insert}, 更新 update ${s.summary.update}, 不变 unchanged ${s.summary.unchanged}, 拒绝 reject ${s.summary.reject}`)
        return 0
      }
      const result = commitPreview(plan, preview, writes, {})
      if (json) io.out(JSON.stringify({ ...previewJson(preview), batch: result.batchId, counts: result.counts }))
      else io.out(`已导入 / imported ${preview.fileName}: batch ${result.batchId ?? '-'}, insert ${result.counts.insert}, update ${result.counts.update}, unchanged ${result.counts.unchanged}, reject ${result.counts.reject}`)
      return 0
    } finally {
      plan.close()
    }
  },
}
