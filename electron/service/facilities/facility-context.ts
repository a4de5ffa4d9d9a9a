/**
 * Per-plan access for the facility tool: its repository (statements prepared once per plan) and the
 * plan's catalogue and standard-set rules read from settings with the defaults filled in.
 */
import { appError } from '../../../shared/api/errors.ts'
import { buildCatalogue, CATALOGUE_SETTING_KEY, DEFAULT_CATALOGUE_SETTINGS, FacilityCatalogueSettingsSchema, type FacilityCatalogue, type FacilityCatalogueSettings } from '../../../shared/facilities/catalogue.ts'
import { DEFAULT_STANDARD_RULES, STANDARD_RULES_SETTING_KEY, StandardRulesSchema, type StandardRule } from '../../../shared/facilities/standard-rules.ts'
import type { ChangeResult } from '../../../shared/api/changes.ts'
import { changeSetting } from '../domain/setting-changes.ts'
import type { Plan } from '../plan.ts'
import { FacilityScheduleRepository } from '../repositories/facility-schedule-repository.ts'

const repos = new WeakMap<Plan, FacilityScheduleRepository>()

export function scheduleRepo(plan: Plan): FacilityScheduleRepository {
  let r = repos.get(plan)
  if (!r) repos.set(plan, (r = new FacilityScheduleRepository(plan.db)))
  return r
}

export function catalogueSettings(plan: Plan): FacilityCatalogueSettings {
  const parsed = FacilityCatalogueSettingsSchema.safeParse(plan.settings.getRaw(CATALOGUE_SETTING_KEY) ?? DEFAULT_CATALOGUE_SETTINGS)
  return parsed.success ? parsed.data : DEFAULT_CATALOGUE_SETTINGS
}

export function planCatalogue(plan: Plan): FacilityCatalogue {
  return buildCatalogue(catalogueSettings(plan))
}

/** The plan's rules, or the defaults when it has none saved. */
export function planRules(plan: Plan): { rules: StandardRule[]; isDefault: boolean } {
  const raw = plan.settings.getRaw(STANDARD_RULES_SETTING_KEY)
  if (raw === undefined || raw === null) return { rules: DEFAULT_STANDARD_RULES, isDefault: true }
  const parsed = StandardRulesSchema.safeParse(raw)
  return parsed.success ? { rules: parsed.data, isDefault: false } : { rules: DEFAULT_STANDARD_RULES, isDefault: true }
}

export function saveCatalogue(plan: Plan, settings: FacilityCatalogueSettings): ChangeResult {
  const names = new Set<string>()
  for (const e of settings.extras) {
    if (names.has(e.name)) throw appError('INVALID_INPUT', `自定义设施“${e.name}”重复`, `Custom facility "${e.name}" is listed twice`)
    names.add(e.name)
  }
  return changeSetting(plan.actions, CATALOGUE_SETTING_KEY, settings, { zh: '修改设施目录', en: 'Edit the facility catalogue' })
}

/** Save rules (null restores the defaults); every rule must name a catalogue item. */
export function saveRules(plan: Plan, rules: StandardRule[] | null): ChangeResult {
  if (rules === null) return changeSetting(plan.actions, STANDARD_RULES_SETTING_KEY, null, { zh: '配建规则恢复默认', en: 'Restore the default standard-set rules' })
  const catalogue = planCatalogue(plan)
  for (const r of rules) {
    if (!catalogue.byKey.has(r.item)) throw appError('INVALID_INPUT', `配建规则中的设施“${r.item}”不在设施目录中`, `Standard-set rule names "${r.item}", which is not in the facility catalogue`)
    if (r.maxPeople !== undefined && r.maxPeople <= r.minPeople) throw appError('INVALID_INPUT', `配建规则“${r.item}”的人数上限应大于下限`, `Rule "${r.item}": the upper people bound must exceed the lower one`)
  }
  return changeSetting(plan.actions, STANDARD_RULES_SETTING_KEY, rules, { zh: '修改配建规则', en: 'Edit the standard-set rules' })
}
