/**
 * The seam between the summaries and the rule engine: the open-violations report and the dashboard's
 * "open checks by severity" read check results through this interface only. By default it reads the
 * plan's rule engine (plan.checks, electron/service/checks): every violation in the region that has
 * not been explained, with its rule's title and its site. registerCheckSource replaces it (null turns
 * it off, and the reports then say the checks are not available rather than show an empty list).
 */
import type { CheckSeverity } from '../../../shared/api/reports-api.ts'
import type { EntityKey, Label } from '../../../shared/dictionary/types.ts'
import { ruleById } from '../../../shared/rules/index.ts'
import type { Plan } from '../plan.ts'
import { summaryRepositoryOf } from '../repositories/summary-repository.ts'

export interface OpenViolation {
  ruleId: string
  /** the rule's name, e.g. 已搬迁入住人数不超过规划 */
  rule: Label
  severity: CheckSeverity
  entity: EntityKey
  rowId: number
  field?: string
  message: Label
  /** the site the row belongs to (the row itself for sites) */
  siteId: number | null
}

export interface CheckSource {
  /** open (not explained) violations under a region (a code prefix of county codes), or the whole plan */
  openViolations(plan: Plan, opts: { region?: string | null }): OpenViolation[]
}

/** The plan's own rule engine: open (unexplained) violations, memoised until the data changes. */
export const ENGINE_CHECK_SOURCE: CheckSource = {
  openViolations(plan, { region }) {
    const repo = summaryRepositoryOf(plan.db)
    return repo.memoised('openViolations', region, () => {
      const open = plan.checks.evaluateRegion(region ?? null).filter((v) => !v.explained)
      const siteOf = new Map<string, Map<number, number | null>>()
      for (const e of ['facility', 'workshop'] as const) {
        const ids = open.filter((v) => v.entity === e).map((v) => v.rowId)
        siteOf.set(e, repo.siteIdsOf(e, [...new Set(ids)]))
      }
      return open.map((v) => ({
        ruleId: v.ruleId,
        rule: ruleById(v.ruleId)?.title ?? { zh: v.ruleId, en: v.ruleId },
        severity: v.severity,
        entity: v.entity,
        rowId: v.rowId,
        field: v.field,
        message: v.message,
        siteId: v.entity === 'site' ? v.rowId : (siteOf.get(v.entity)?.get(v.rowId) ?? null),
      }))
    })
  },
}

let source: CheckSource | null = ENGINE_CHECK_SOURCE

/** Replace the check source (tests; null: no checks available). */
export function registerCheckSource(s: CheckSource | null): void {
  source = s
}

export function checkSource(): CheckSource | null {
  return source
}
