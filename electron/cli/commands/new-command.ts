/**
 * `anju new PLAN [--province CODE] [--sample]`: create an empty or sample plan.
 */
import { appError } from '../../../shared/api/errors.ts'
import { existsSync } from 'node:fs'
import { generateSamplePlan } from '../../service/domain/sample-plan.ts'
import { Plan } from '../../service/plan.ts'
import type { Command } from '../command.ts'

export const newCommand: Command = {
  name: 'new',
  usage: 'anju new PLAN [--province CODE] [--sample] [--sites N]   创建空白或示例规划 / create an empty or sample plan',
  valued: ['province', 'sites', 'seed'],
  async run(args, io) {
    const path = args.positionals[0]
    if (!path) throw appError('INVALID_INPUT', '缺少规划文件路径', 'Missing the plan file path')
    if (existsSync(path)) throw appError('CONFLICT', `文件“${path}”已存在`, `"${path}" already exists`)
    const province = args.options.get('province') ?? '520000'
    if (!/^\d{2}0000$/.test(province)) throw appError('INVALID_INPUT', `省级代码无效：${province}`, `Not a province code: ${province}`)
    const sites = args.options.get('sites')
    const seed = args.options.get('seed')
    const plan = args.flags.has('sample')
      ? generateSamplePlan(path, { provinceCode: province, ...(sites ? { sites: Number(sites) } : {}), ...(seed ? { seed: Number(seed) } : {}) })
      : Plan.create(path, province)
    const counts = { site: plan.repos.site.count(), facility: plan.repos.facility.count(), workshop: plan.repos.workshop.count() }
    plan.close()
    io.out(`已创建 / created ${path}: ${counts.site} sites, ${counts.facility} facilities, ${counts.workshop} workshops`)
    return 0
  },
}
