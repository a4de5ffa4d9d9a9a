/**
 * Rules on a facility (domain.md check 3): dates in order, facilities built in step with the move-in
 * of their site (同步建设), and facilities past their planned end and not complete as of the plan's date.
 */
import type { Label } from '../dictionary/types.ts'
import { BUILT_STATUSES, moveInLateness, SHARED_NATURE } from '../facilities/schedule.ts'
import { compareDates, label, str } from './format.ts'
import type { RowRule, RowSiteRule } from './types.ts'

const L = (zh: string, en: string): Label => ({ zh, en })
const fac = (key: string): Label => label('facility', key)
const site = (key: string): Label => label('site', key)

const COMPLETE = new Set(BUILT_STATUSES)

function startBeforeEnd(id: string, start: string, end: string, title: Label): RowRule {
  return {
    id,
    severity: 'error',
    scope: 'row',
    entity: 'facility',
    field: end,
    fields: [start, end],
    title,
    domainCheck: 3,
    candidate: { laterOrSameMonth: [{ field: start }, { field: end }] },
    test(row) {
      const s = str(row, start)
      const e = str(row, end)
      if (s === null || e === null || compareDates(s, e) <= 0) return null
      return L(`${fac(end).zh} ${e} 早于${fac(start).zh} ${s}`, `${fac(end).en} ${e} is before ${fac(start).en} ${s}`)
    },
  }
}

export const FACILITY_RULES = [
  startBeforeEnd('facility.planned_start_le_end', 'planned_start', 'planned_end', L('计划开工不晚于计划完工', 'Planned start no later than planned end')),
  startBeforeEnd('facility.actual_start_le_end', 'actual_start', 'actual_end', L('实际开工不晚于实际完工', 'Actual start no later than actual end')),
  {
    id: 'facility.overdue',
    severity: 'warning',
    scope: 'row',
    entity: 'facility',
    field: 'planned_end',
    fields: ['planned_end', 'actual_end', 'status'],
    title: L('逾期未完工的设施', 'Facilities overdue'),
    domainCheck: 3,
    candidate: { all: [{ isNull: 'actual_end' }, { noneOf: ['status', [...COMPLETE]] }, { laterOrSameMonth: [{ setting: 'as_of_date' }, { field: 'planned_end' }] }] },
    test(row, ctx) {
      const end = str(row, 'planned_end')
      if (end === null || str(row, 'actual_end') !== null || COMPLETE.has(str(row, 'status') ?? '')) return null
      const asOf = ctx.settings.as_of_date
      if (compareDates(end, asOf) >= 0) return null
      const status = str(row, 'status') ?? '未填'
      return L(`${fac('planned_end').zh} ${end} 已过（截至 ${asOf}），${fac('status').zh}仍为“${status}”`, `${fac('planned_end').en} ${end} has passed (as of ${asOf}) and the status is still "${status}"`)
    },
  },
] as const satisfies readonly RowRule[]

export const FACILITY_SITE_RULES = [
  {
    id: 'facility.completed_by_move_in',
    severity: 'warning',
    scope: 'row+site',
    entity: 'facility',
    field: 'actual_end',
    fields: ['actual_end', 'planned_end', 'status', 'actual_start', 'nature'],
    siteFields: ['move_in_date'],
    title: L('设施与搬迁同步建成（不晚于入住）', 'Facilities complete by the move-in date'),
    domainCheck: 3,
    // moveInLateness (shared/facilities/schedule.ts) is the test; this only narrows the rows SQL reads
    candidate: {
      all: [
        { noneOf: ['nature', [SHARED_NATURE]] },
        {
          any: [
            { laterOrSameMonth: [{ firstOf: ['actual_end', 'planned_end'] }, { siteField: 'move_in_date' }] },
            { all: [{ noneOf: ['status', [...BUILT_STATUSES]] }, { laterOrSameMonth: [{ setting: 'as_of_date' }, { siteField: 'move_in_date' }] }] },
          ],
        },
      ],
    },
    test(row, parent, ctx) {
      const moveIn = str(parent, 'move_in_date')
      const asOf = ctx.settings.as_of_date
      const late = moveInLateness(row, moveIn, asOf)
      if (moveIn === null || late === null) return null
      if (late.kind === 'finishesAfter') {
        return L(
          `${fac(late.key).zh} ${late.date} 晚于安置点${site('move_in_date').zh} ${moveIn}（设施应与搬迁同步建成）`,
          `${fac(late.key).en} ${late.date} is after the site's ${site('move_in_date').en.toLowerCase()} ${moveIn} (facilities must be ready by move-in)`,
        )
      }
      const status = late.status ?? '未填'
      return L(
        `安置点已于 ${moveIn} 入住，截至 ${asOf} ${fac('status').zh}仍为“${status}”（设施应与搬迁同步建成）`,
        `The site moved in on ${moveIn} and as of ${asOf} the ${fac('status').en.toLowerCase()} is still "${status}" (facilities must be ready by move-in)`,
      )
    },
  },
] as const satisfies readonly RowSiteRule[]
