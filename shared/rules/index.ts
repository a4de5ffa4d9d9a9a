/**
 * The rule catalogue: every check of domain.md in one list, and lookups by id and entity.
 * Check 8 (detail rows add up to the 合计 row of a return; county totals roll up) is a property of a
 * county return, not of the plan, so the import applies it to the sheet it reads.
 */
import type { EntityKey } from '../dictionary/types.ts'
import { FACILITY_RULES, FACILITY_SITE_RULES } from './facility-rules.ts'
import { SITE_AGGREGATE_RULES, SITE_RULES } from './site-rules.ts'
import type { Rule, RowRule, RowSiteRule, SiteAggregateRule } from './types.ts'
import { WORKSHOP_RULES } from './workshop-rules.ts'

export * from './types.ts'
export { compareDates, fmt } from './format.ts'
export { DEREGISTERED } from './workshop-rules.ts'

export const RULES: readonly Rule[] = [...SITE_RULES, ...SITE_AGGREGATE_RULES, ...FACILITY_RULES, ...FACILITY_SITE_RULES, ...WORKSHOP_RULES]

const byId = new Map(RULES.map((r) => [r.id, r]))

export function ruleById(id: string): Rule | undefined {
  return byId.get(id)
}

/** Row rules of an entity (scope 'row'). */
export function rowRules(entity: EntityKey): RowRule[] {
  return RULES.filter((r): r is RowRule => r.scope === 'row' && r.entity === entity)
}

/** Rules on a facility or workshop row that read its site. */
export function rowSiteRules(entity: EntityKey): RowSiteRule[] {
  return RULES.filter((r): r is RowSiteRule => r.scope === 'row+site' && r.entity === entity)
}

export function siteAggregateRules(): SiteAggregateRule[] {
  return RULES.filter((r): r is SiteAggregateRule => r.scope === 'site-aggregate')
}

/** Every facility type some site-aggregate rule counts. */
export function aggregateFacilityTypes(): string[] {
  return [...new Set(siteAggregateRules().flatMap((r) => r.facilityTypes))]
}

/** Fields of an entity that some rule reads, and the site fields read by rules on other entities. */
export function fieldsRead(entity: EntityKey): Set<string> {
  const out = new Set<string>()
  for (const r of RULES) {
    if (r.entity === entity) for (const f of r.fields) out.add(f)
    if (entity === 'site' && r.scope === 'row+site') for (const f of r.siteFields) out.add(f)
  }
  return out
}
