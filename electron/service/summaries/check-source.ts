/**
 * The seam between the summaries and the rule engine: the open-violations report and the dashboard's
 * "open checks by severity" read check results through this interface only. The rule engine
 * (electron/service/checks) registers itself with registerCheckSource; until it does, both say the
 * checks are not available instead of showing an empty (and falsely reassuring) list.
 */
import type { CheckSeverity } from '../../../shared/api/reports-api.ts'
import type { EntityKey, Label } from '../../../shared/dictionary/types.ts'
import type { Plan } from '../plan.ts'

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

let source: CheckSource | null = null

export function registerCheckSource(s: CheckSource | null): void {
  source = s
}

export function checkSource(): CheckSource | null {
  return source
}
