/**
 * The optimizer's settings, kept in the plan (setting key 'workshops.placement'): demand weights,
 * the size and cost of a new workshop, and the candidate points the planner added. Stored values are
 * validated on read; anything missing or invalid falls back to the defaults.
 */
import { PLACEMENT_SETTING_KEY, PlacementSettingsSchema, type PlacementSettings } from '../../../shared/api/workshops-api.ts'
import { changeSetting } from '../domain/setting-changes.ts'
import type { Plan } from '../plan.ts'


export const DEFAULT_PLACEMENT: PlacementSettings = {
  zeroEmploymentWeight: 3,
  baseWeight: 1,
  newWorkshopJobs: 50,
  newWorkshopCostWan: 100,
  candidates: [],
}

export function placementSettings(plan: Plan): PlacementSettings {
  const stored = plan.settings.getRaw(PLACEMENT_SETTING_KEY)
  const merged = { ...DEFAULT_PLACEMENT, ...(typeof stored === 'object' && stored !== null ? stored : {}) }
  const parsed = PlacementSettingsSchema.safeParse(merged)
  return parsed.success ? parsed.data : DEFAULT_PLACEMENT
}

export function savePlacementSettings(plan: Plan, patch: Partial<PlacementSettings>): PlacementSettings {
  const next = PlacementSettingsSchema.parse({ ...placementSettings(plan), ...patch })
  changeSetting(plan.actions, PLACEMENT_SETTING_KEY, next, { zh: '修改车间选址设置', en: 'Edit the workshop placement settings' })
  return next
}
