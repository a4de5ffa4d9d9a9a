/**
 * Settings changes as actions: the plan's settings, the optimizer's settings, the facility catalogue
 * and the standard-set rules are stored by key in the setting table; changing one goes through the
 * action runner like any edit, so it is one transaction, one entry in the change log ("修改规划设置：
 * 最低工资 1570 → 1800") and one undo step. The change log addresses rows by number, so each undoable
 * key has a fixed row number here.
 */
import type { ChangeResult } from '../../../shared/api/changes.ts'
import type { FieldValue, Label } from '../../../shared/dictionary/types.ts'
import { appError, schemaIssueLabel } from '../../../shared/api/errors.ts'
import { PLACEMENT_SETTING_KEY } from '../../../shared/api/workshops-api.ts'
import { CATALOGUE_SETTING_KEY } from '../../../shared/facilities/catalogue.ts'
import { STANDARD_RULES_SETTING_KEY } from '../../../shared/facilities/standard-rules.ts'
import { PLAN_SETTING_KEY, PlanSettingsSchema, SETTING_FIELDS, settingsChangeLabel, settingsConflicts, type PlanSettings } from '../../../shared/settings.ts'
import type { SettingsRepository } from '../repositories/settings-repository.ts'
import type { ActionRunner, AuxTable } from './actions.ts'

/** The name setting changes are logged under (ChangeResult.tables carries it: views reload). */
export const SETTING_TABLE = 'setting'

/** Undoable setting keys and their fixed row numbers in the change log (append only: never renumber). */
const KEY_IDS: Record<string, number> = {
  [PLAN_SETTING_KEY]: 1,
  [PLACEMENT_SETTING_KEY]: 2,
  [CATALOGUE_SETTING_KEY]: 3,
  [STANDARD_RULES_SETTING_KEY]: 4,
}

function idOf(key: string): number {
  const id = KEY_IDS[key]
  if (id === undefined) throw new Error(`setting key ${key} is not registered as undoable`)
  return id
}

function keyOf(id: number): string {
  const key = Object.keys(KEY_IDS).find((k) => KEY_IDS[k] === id)
  if (key === undefined) throw new Error(`no setting key has row number ${id}`)
  return key
}

/** The setting table seen as the change log's auxiliary table: a row is {key, value (JSON text)}. */
export function settingTable(settings: SettingsRepository): AuxTable {
  return {
    insert(values: Record<string, FieldValue>, id?: number): number {
      const key = id !== undefined ? keyOf(id) : String(values['key'])
      settings.setText(key, String(values['value']))
      return idOf(key)
    },
    get(id: number): Record<string, FieldValue> | undefined {
      const key = keyOf(id)
      const text = settings.getText(key)
      return text === undefined ? undefined : { key, value: text }
    },
    delete(id: number): void {
      settings.deleteRaw(keyOf(id))
    },
  }
}

/**
 * Store a setting's new value as one undoable action (nothing is logged when the value is unchanged).
 * The caller has validated the value.
 */
export function changeSetting(actions: ActionRunner, key: string, value: unknown, label: Label): ChangeResult {
  const id = idOf(key)
  return actions.run('settings', label, (rec) => {
    const stored = rec.auxRow(SETTING_TABLE, id)
    const before = stored === undefined ? undefined : String(stored['value'])
    const text = JSON.stringify(value)
    if (before === text) return
    if (before !== undefined) rec.deleteAux(SETTING_TABLE, id)
    rec.insertAux(SETTING_TABLE, { key, value: text })
  })
}

/**
 * Change plan settings (the settings page and `anju settings`): the patch is validated field by field
 * and as a whole (bounds that contradict each other are refused), the province stays as it was made,
 * and the change is one undo step labelled with what changed, old → new.
 */
export function updatePlanSettings(actions: ActionRunner, settings: SettingsRepository, patch: Partial<PlanSettings>): { settings: PlanSettings; result: ChangeResult } {
  const before = settings.settings()
  const parsed = PlanSettingsSchema.safeParse({ ...before, ...patch })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const key = String(issue?.path[0] ?? '')
    const def = SETTING_FIELDS.find((d) => d.key === key)
    const bound = schemaIssueLabel(issue)
    throw appError('INVALID_INPUT', `“${def?.label.zh ?? key}”的值无效：${bound.zh}`, `Invalid value for "${def?.label.en ?? key}": ${bound.en}`)
  }
  const next = parsed.data
  if (next.province_code !== before.province_code) throw appError('INVALID_INPUT', '省份在新建规划时选定，不能修改', 'The province is chosen when the plan is created and cannot be changed')
  const conflicts = settingsConflicts(next)
  if (conflicts.length > 0) throw appError('INVALID_INPUT', conflicts.map((c) => c.zh).join('；'), conflicts.map((c) => c.en).join('; '))
  return { settings: next, result: changeSetting(actions, PLAN_SETTING_KEY, next, settingsChangeLabel(before, next)) }
}
