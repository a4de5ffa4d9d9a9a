/**
 * `anju info --plan PLAN [--json]`: schema version and row counts per entity and region (sites,
 * people, facilities and workshops per county and prefecture). A read-only look: a file that is not a
 * plan is refused like everywhere else, and the plan's folder is left as it was (no -wal/-shm).
 */
import { appError } from '../../../shared/api/errors.ts'
import { planInfo } from '../../service/handlers/plan-handlers.ts'
import { Plan } from '../../service/plan.ts'
import { regionEntityCounts, type RegionEntityCounts } from '../../service/repositories/region-stats-repository.ts'
import type { Command } from '../command.ts'

export const infoCommand: Command = {
  name: 'info',
  usage: 'anju info --plan PLAN [--json]   规划概况 / schema version and row counts per entity and region',
  valued: ['plan'],
  async run(args, io) {
    const path = args.options.get('plan')
    if (!path) throw appError('INVALID_INPUT', '缺少 --plan', 'Missing --plan')
    const plan = Plan.open(path, { readOnly: true })
    try {
      const info = planInfo(plan)
      const { byCounty, unassigned } = regionEntityCounts(plan.db)
      const byRegion: Record<string, { name: string } & RegionEntityCounts> = {}
      for (const [code, s] of byCounty) {
        const county = plan.regions.get(code)
        const pref = county?.parentCode ? plan.regions.get(county.parentCode) : undefined
        // a county code the plan's region table does not know still shows up, under its code
        const rows = county ? [county, pref].filter((x) => x !== undefined) : [{ code, name: '' }]
        for (const r of rows) {
          const e = (byRegion[r.code] ??= { name: r.name, sites: 0, people: 0, facilities: 0, workshops: 0 })
          e.sites += s.sites
          e.people += s.people
          e.facilities += s.facilities
          e.workshops += s.workshops
        }
      }
      if (args.flags.has('json')) {
        io.out(JSON.stringify({ path: info.path, schemaVersion: info.schemaVersion, title: info.title, province: { code: info.provinceCode, name: info.provinceName }, counts: info.counts, regions: byRegion, unassigned }))
      } else {
        io.out(`${info.title}\n文件 / file: ${info.path}\n版本 / schema: ${info.schemaVersion}\n安置点 / sites: ${info.counts.site}\n设施 / facilities: ${info.counts.facility}\n车间 / workshops: ${info.counts.workshop}`)
        io.out('区划 / region: 安置点 sites, 人口 people, 设施 facilities, 车间 workshops')
        for (const [code, r] of Object.entries(byRegion).sort()) io.out(`  ${code} ${r.name}: ${r.sites} sites, ${r.people} people, ${r.facilities} facilities, ${r.workshops} workshops`)
        if (unassigned.facilities || unassigned.workshops) io.out(`  未关联安置点 / no site: ${unassigned.facilities} facilities, ${unassigned.workshops} workshops`)
      }
      return 0
    } finally {
      plan.close()
    }
  },
}
