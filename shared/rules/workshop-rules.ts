/**
 * Rules on a workshop (domain.md check 7): it qualifies only with enough formerly-poor workers, its
 * 其中 counts are parts of its jobs, it pays at least the local minimum wage, and a 注销 workshop no longer
 * counts. Deregistered workshops are listed once and skip the other warnings.
 */
import type { Label, RowValues } from '../dictionary/types.ts'
import { fmt, label, num, str } from './format.ts'
import type { RowRule } from './types.ts'

const L = (zh: string, en: string): Label => ({ zh, en })
const ws = (key: string): Label => label('workshop', key)

export const DEREGISTERED = '注销'
/** a workshop still being planned (e.g. proposed by the optimizer) has no workers yet */
export const PLANNED = '规划'
const active = (row: RowValues): boolean => {
  const status = str(row, 'op_status')
  return status !== DEREGISTERED && status !== PLANNED
}

function partOfJobs(id: string, part: string, title: Label): RowRule {
  return {
    id,
    severity: 'error',
    scope: 'row',
    entity: 'workshop',
    field: part,
    fields: [part, 'jobs'],
    title,
    domainCheck: 7,
    candidate: { greater: [{ field: part }, { field: 'jobs' }] },
    test(row) {
      const a = num(row, part)
      const jobs = num(row, 'jobs')
      if (a === null || jobs === null || a <= jobs) return null
      return L(`${ws(part).zh} ${fmt(a)} 超过${ws('jobs').zh} ${fmt(jobs)}`, `${ws(part).en} ${fmt(a)} exceeds ${ws('jobs').en} ${fmt(jobs)}`)
    },
  }
}

export const WORKSHOP_RULES = [
  partOfJobs('workshop.relocated_le_jobs', 'relocated_workers', L('其中搬迁群众不超过吸纳就业', 'Relocated workers ≤ jobs')),
  partOfJobs('workshop.poor_le_jobs', 'poor_workers', L('其中脱贫人口不超过吸纳就业', 'Formerly-poor workers ≤ jobs')),
  {
    id: 'workshop.min_poor_workers',
    severity: 'warning',
    scope: 'row',
    entity: 'workshop',
    field: 'poor_workers',
    fields: ['poor_workers', 'op_status'],
    title: L('吸纳脱贫人口达到认定标准', 'Enough formerly-poor workers to qualify'),
    domainCheck: 7,
    candidate: { greater: [{ setting: 'workshop_min_poor_workers' }, { field: 'poor_workers' }] },
    test(row, ctx) {
      const poor = num(row, 'poor_workers')
      const min = ctx.settings.workshop_min_poor_workers
      if (poor === null || poor >= min || !active(row)) return null
      return L(`${ws('poor_workers').zh} ${fmt(poor)}，少于认定标准 ${fmt(min)} 人`, `${ws('poor_workers').en} ${fmt(poor)}, fewer than the ${fmt(min)} a workshop needs to qualify`)
    },
  },
  {
    id: 'workshop.min_wage',
    severity: 'warning',
    scope: 'row',
    entity: 'workshop',
    field: 'avg_wage',
    fields: ['avg_wage', 'op_status'],
    title: L('月均工资不低于最低工资', 'Wage at least the minimum wage'),
    domainCheck: 7,
    candidate: { greater: [{ setting: 'min_wage' }, { field: 'avg_wage' }] },
    test(row, ctx) {
      const wage = num(row, 'avg_wage')
      const min = ctx.settings.min_wage
      if (wage === null || wage >= min || !active(row)) return null
      return L(`${ws('avg_wage').zh} ${fmt(wage, 0)} 元，低于当地最低工资 ${fmt(min, 0)} 元`, `${ws('avg_wage').en} ${fmt(wage, 0)} yuan, below the local minimum wage of ${fmt(min, 0)} yuan`)
    },
  },
  {
    id: 'workshop.deregistered',
    severity: 'warning',
    scope: 'row',
    entity: 'workshop',
    field: 'op_status',
    fields: ['op_status'],
    title: L('已注销车间不计入就业帮扶', 'Deregistered workshops do not count'),
    domainCheck: 7,
    candidate: { oneOf: ['op_status', [DEREGISTERED]] },
    test(row) {
      // only 注销: a planned (规划) workshop is not active either, but it is not closed
      if (str(row, 'op_status') !== DEREGISTERED) return null
      return L(`${ws('op_status').zh}为“${DEREGISTERED}”，不再计入就业帮扶车间`, `${ws('op_status').en} is "${DEREGISTERED}" (closed): it no longer counts as a workshop`)
    },
  },
] as const satisfies readonly RowRule[]
