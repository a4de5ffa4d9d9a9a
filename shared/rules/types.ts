/**
 * Types of the rule catalogue: the one description of every check planners and inspectors apply
 * (../shared/docs/domain.md "Checks"). A rule is data (id, severity, the fields it reads, its scope)
 * plus a small pure test; the service evaluates the same rules for an edit, a paste, an import and
 * the whole-plan review, so they can never disagree.
 */
import type { EntityKey, Label, RowValues } from '../dictionary/types.ts'
import type { PlanSettings } from '../settings.ts'

/** error: refused at edit time and rejected at import; warning: allowed but listed. */
export type Severity = 'error' | 'warning'

/**
 * row: the row alone. row+site: a facility or workshop row and the site it belongs to.
 * site-aggregate: a site and what is built for it (facilities by type, active workshops).
 */
export type RuleScope = 'row' | 'row+site' | 'site-aggregate'

/** What the rules may ask about the world beyond the row: thresholds and the region list. */
export interface RuleContext {
  settings: PlanSettings
  /** a county by current code; undefined when the code is not a county */
  county(code: string): { name: string; provinceCode: string } | undefined
  /** does this county text name the county with this code (current, old, or short name)? */
  countyNameAgrees(code: string, name: string): boolean
  /** the plan's province name, for messages */
  provinceName: string
}

/** What a site-aggregate rule sees of a site's facilities and workshops. */
export interface SiteAggregate {
  /** facilities of the site by type (only the types some rule needs are counted) */
  facilityTypes: Readonly<Record<string, number>>
  /** workshops serving the site that are not 注销 */
  activeWorkshops: number
}

/** A value a candidate condition compares: a field of the row, a field of its site, a plan setting, or the first non-empty of some fields. */
export type Operand = { field: string } | { siteField: string } | { setting: keyof PlanSettings } | { firstOf: readonly string[] }

/**
 * A necessary condition for a row to fail a rule, as data (never SQL): the whole-plan pass turns it into a
 * WHERE clause so SQLite skips the rows that cannot fail, and the rule's test still decides. It may let
 * through rows that pass; it must never hold back a row that fails (a test compares both paths).
 * Dates compare by month (a month alone and a day in it may be equal), numbers as numbers; a NULL
 * operand makes the condition false, as the rules skip missing values.
 */
export type Candidate =
  | { laterOrSameMonth: readonly [Operand, Operand] }
  | { greater: readonly [Operand, Operand] }
  | { isNull: string }
  | { oneOf: readonly [string, readonly string[]] }
  | { noneOf: readonly [string, readonly string[]] }
  | { all: readonly Candidate[] }
  | { any: readonly Candidate[] }

interface RuleBase {
  /** stable id, e.g. site.moved_people_le_planned; stored with explanations */
  id: string
  severity: Severity
  /** the entity the violation is reported on */
  entity: EntityKey
  /** the cell the violation marks */
  field: string
  /** fields of the entity the rule reads (an edit to one of them re-checks the rule) */
  fields: readonly string[]
  /** short name of the rule, for the 检查 page */
  title: Label
  /** which of domain.md's checks 1–9 it implements */
  domainCheck: number
  /** a necessary condition for failing, so the whole-plan pass can skip rows in SQL (facility and workshop rules) */
  candidate?: Candidate
}

export interface RowRule extends RuleBase {
  scope: 'row'
  /** null when the row passes; otherwise the message quoting the values */
  test(row: RowValues, ctx: RuleContext): Label | null
}

export interface RowSiteRule extends RuleBase {
  scope: 'row+site'
  /** fields of the parent site it reads (a site edit to one of them re-checks the site's rows) */
  siteFields: readonly string[]
  test(row: RowValues, site: RowValues | undefined, ctx: RuleContext): Label | null
}

export interface SiteAggregateRule extends RuleBase {
  scope: 'site-aggregate'
  entity: 'site'
  /** facility types whose count per site the rule needs */
  facilityTypes: readonly string[]
  /** whether it needs the count of active workshops */
  workshops: boolean
  test(site: RowValues, agg: SiteAggregate, ctx: RuleContext): Label | null
}

export type Rule = RowRule | RowSiteRule | SiteAggregateRule

/** An explanation a planner wrote for a warning: it stops counting as open but stays listed. */
export interface Explanation {
  comment: string
  at: string
}

/** One broken rule on one cell. */
export interface Violation {
  ruleId: string
  severity: Severity
  entity: EntityKey
  rowId: number
  field: string
  message: Label
  /** county code of the row (of its site for facilities and workshops); null when unknown */
  regionCode: string | null
  /** what names the row for people: site code and name, facility or workshop name */
  rowKey: string
  explained?: Explanation
}
