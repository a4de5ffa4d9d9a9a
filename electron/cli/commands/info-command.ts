/**
 * `anju info --plan PLAN [--json]`: schema version and row counts per entity and region.
 */
import { appError } from '../../../shared/api/errors.ts'
import { planInfo } from '../../service/handlers/plan-handlers.ts'
import { Plan } from '../../service/plan.ts'
import { regionStats } from '../../service/repositories/region-stats-repository.ts'
import type { Command } from '../command.ts'

export const infoCommand: Command = {
  name: 'info',
  usage: 'anju info --plan PLAN [--json]   规划概况 / schema version and row counts',
  valued: ['plan'],
  async run(args, io) {
    const path = args.options.get('plan')
    if (!path) throw appError('INVALID_INPUT', '缺少 --plan', 'Missing --plan')
    const plan = Plan.open(path, { readOnly: true })
    try {
      const info = planInfo(plan)
      const stats = regionStats(plan.db)
      const byRegion: Record<string, { name: string; sites: number; people: number }> = {}
      for (const [code, s] of stats) {
        const county = plan.regions.get(code)
        const pref = county?.parentCode ? plan.regions.get(county.parentCode) : undefined
        for (const r of [county, pref].filter((x) => x !== undefined)) {
          const e = (byRegion[r.code] ??= { name: r.name, sites: 0, people: 0 })
          e.sites += s.sites
          e.people += s.people
        }
      }
      if (args.flags.has('json')) {
        io.out(JSON.stringify({ path: info.path, schemaVersion: info.schemaVersion, title: info.title, province: { code: info.provinceCode, name: info.provinceName }, counts: info.counts, regions: byRegion }))
      } else {
        io.out(`${info.title}\n文件 / file: ${info.path}\n版本 / schema: ${info.schemaVersion}\n安置点 / sites: ${info.counts.site}\n设施 / facilities: ${info.counts.facility}\n车间 / workshops: ${info.counts.workshop}`)
        for (const [code, r] of Object.entries(byRegion).sort()) io.out(`  ${code} ${r.name}: ${r.sites} sites, ${r.people} people`)
      }
      return 0
    } finally {
      plan.close()
    }
  },
}
