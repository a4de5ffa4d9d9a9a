/**
 * Plan settings: the plan's identity for printed reports and the thresholds the checks use,
 * with the domain defaults of ../shared/docs/domain.md.
 */
import { z } from 'zod'
import { parseDateText } from './values/parse-date.ts'
import { parseNumberText } from './values/parse-number.ts'

/** The setting key the plan settings are stored under. */
export const PLAN_SETTING_KEY = 'plan'

export const PlanSettingsSchema = z.object({
  province_code: z.string().regex(/^\d{6}$/),
  plan_title: z.string().max(200),
  as_of_date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
  compiling_unit: z.string().max(200),
  preparer: z.string().max(100),
  reviewer: z.string().max(100),
  /** local minimum monthly wage, 元 */
  min_wage: z.number().min(0).max(100000),
  /** sites of at least this many people need a community service centre and employment assistance */
  large_site_people: z.number().int().min(1),
  /** sites of at least this many people need 一区一策 */
  huge_site_people: z.number().int().min(1),
  /** floor area per registered-poor person, m² */
  max_area_per_poor_m2: z.number().min(1),
  /** employment-rate target, 0..1 */
  employment_rate_target: z.number().min(0).max(1),
  /** workshops qualify with at least this many formerly-poor workers */
  workshop_min_poor_workers: z.number().int().min(0),
  /** commute radius for workshop coverage, km */
  commute_radius_km: z.number().min(0.1).max(200),
  /** people per household bounds */
  min_people_per_household: z.number().min(0),
  max_people_per_household: z.number().min(1),
})

export type PlanSettings = z.infer<typeof PlanSettingsSchema>

export const DEFAULT_SETTINGS: PlanSettings = {
  province_code: '520000',
  plan_title: '易地扶贫搬迁安置点建设及后续扶持规划',
  as_of_date: '2020-12-31',
  compiling_unit: '',
  preparer: '',
  reviewer: '',
  min_wage: 1570,
  large_site_people: 800,
  huge_site_people: 10000,
  max_area_per_poor_m2: 25,
  employment_rate_target: 0.9,
  workshop_min_poor_workers: 5,
  commute_radius_km: 10,
  min_people_per_household: 1,
  max_people_per_household: 8,
}

/**
 * What settings.update accepts: any subset of the settings with the right types. The bounds are
 * checked by the service against PlanSettingsSchema, so a refusal can name the setting by its label.
 * (Object.fromEntries loses the key types, hence the cast back to the patch type.)
 */
export const PlanSettingsPatchSchema = z
  .object(Object.fromEntries(Object.entries(PlanSettingsSchema.shape).map(([k, v]) => [k, (v instanceof z.ZodString ? z.string().max(1000) : z.number()).optional()])))
  .strict() as unknown as z.ZodType<Partial<PlanSettings>>

/** How a setting is shown and typed in the settings page and `anju settings`. */
export interface SettingFieldDef {
  key: keyof PlanSettings
  label: { zh: string; en: string }
  group: 'identity' | 'thresholds'
  /** text; a date (YYYY-MM or YYYY-MM-DD); a number; a share shown as a percentage; fixed when the plan is made */
  kind: 'text' | 'date' | 'number' | 'percent' | 'fixed'
  unit?: { zh: string; en: string }
  /** where the setting shows up, for the settings page's hint line */
  hint?: { zh: string; en: string }
}

const PEOPLE = { zh: '人', en: 'people' }

/** One definition per setting: the settings page, the CLI and change-log labels read it. */
export const SETTING_FIELDS: readonly SettingFieldDef[] = [
  { key: 'province_code', label: { zh: '省份', en: 'Province' }, group: 'identity', kind: 'fixed', hint: { zh: '新建规划时选定', en: 'chosen when the plan was created' } },
  { key: 'plan_title', label: { zh: '规划名称', en: 'Plan title' }, group: 'identity', kind: 'text', hint: { zh: '报表标题', en: 'report titles' } },
  { key: 'as_of_date', label: { zh: '统计截止日期', en: 'As-of date' }, group: 'identity', kind: 'date', hint: { zh: '报表“截至”日期；设施逾期按此判断', en: 'the reports’ “as of” date; facilities are overdue against it' } },
  { key: 'compiling_unit', label: { zh: '填报单位', en: 'Compiling unit' }, group: 'identity', kind: 'text', hint: { zh: '报表页脚', en: 'report footers' } },
  { key: 'preparer', label: { zh: '填表人', en: 'Prepared by' }, group: 'identity', kind: 'text', hint: { zh: '报表页脚', en: 'report footers' } },
  { key: 'reviewer', label: { zh: '审核人', en: 'Reviewed by' }, group: 'identity', kind: 'text', hint: { zh: '报表页脚', en: 'report footers' } },
  { key: 'min_wage', label: { zh: '当地最低月工资', en: 'Local minimum monthly wage' }, group: 'thresholds', kind: 'number', unit: { zh: '元', en: 'yuan' }, hint: { zh: '车间平均工资低于此值时警告', en: 'workshops paying less are flagged' } },
  { key: 'large_site_people', label: { zh: '大型安置点人数', en: 'Large site, people' }, group: 'thresholds', kind: 'number', unit: PEOPLE, hint: { zh: '须配社区综合服务设施和就业服务', en: 'needs a community service centre and employment assistance' } },
  { key: 'huge_site_people', label: { zh: '特大型安置点人数', en: 'Very large site, people' }, group: 'thresholds', kind: 'number', unit: PEOPLE, hint: { zh: '须“一区一策”', en: 'needs 一区一策' } },
  { key: 'max_area_per_poor_m2', label: { zh: '建档立卡人均住房面积上限', en: 'Max. housing area per registered-poor person' }, group: 'thresholds', kind: 'number', unit: { zh: '平方米', en: 'm²' } },
  { key: 'employment_rate_target', label: { zh: '就业率目标', en: 'Employment-rate target' }, group: 'thresholds', kind: 'percent', unit: { zh: '%', en: '%' } },
  { key: 'workshop_min_poor_workers', label: { zh: '车间吸纳脱贫劳动力下限', en: 'Workshop min. formerly-poor workers' }, group: 'thresholds', kind: 'number', unit: PEOPLE },
  { key: 'commute_radius_km', label: { zh: '通勤半径', en: 'Commute radius' }, group: 'thresholds', kind: 'number', unit: { zh: '公里', en: 'km' }, hint: { zh: '就业覆盖与车间选址', en: 'employment coverage and workshop placement' } },
  { key: 'min_people_per_household', label: { zh: '户均人数下限', en: 'Min. people per household' }, group: 'thresholds', kind: 'number', unit: PEOPLE },
  { key: 'max_people_per_household', label: { zh: '户均人数上限', en: 'Max. people per household' }, group: 'thresholds', kind: 'number', unit: PEOPLE },
]

/** A setting's value as typed in its field: a share as a percentage number (0.85 → 85). */
export function settingInputText(def: SettingFieldDef, value: PlanSettings[keyof PlanSettings]): string {
  if (def.kind === 'percent' && typeof value === 'number') return String(Math.round(value * 10000) / 100)
  return String(value)
}

/** A setting's value as people read it (a share as a percentage, an empty text as —). */
export function formatSettingValue(def: SettingFieldDef, value: PlanSettings[keyof PlanSettings]): string {
  if (value === '') return '—'
  return def.kind === 'percent' ? `${settingInputText(def, value)}%` : settingInputText(def, value)
}

/**
 * Parse a setting typed by a person (the settings page, `anju settings`) with the same parsers as
 * cells (shared/values): numbers may carry thousands separators or full-width digits, dates every
 * form of domain.md (2021年6月, 2021.6, 2021-06-30); a percentage may be written 90, 90% or 0.9.
 * Returns the value or a message.
 */
export function parseSettingInput(def: SettingFieldDef, text: string): { value: string | number } | { error: { zh: string; en: string } } {
  const t = text.trim()
  if (def.kind === 'text') return { value: t }
  if (def.kind === 'fixed') return { error: { zh: `“${def.label.zh}”在新建规划时选定，不能修改`, en: `"${def.label.en}" is chosen when the plan is created and cannot be changed` } }
  if (def.kind === 'date') {
    const d = parseDateText(t)
    if (d.kind !== 'date') return { error: { zh: `“${def.label.zh}”应为日期，如 2020-12-31 或 2020-12：“${t}”`, en: `"${def.label.en}" must be a date such as 2020-12-31 or 2020-12: "${t}"` } }
    return { value: d.value }
  }
  const n = parseNumberText(t)
  if (n.kind !== 'number') return { error: { zh: `“${def.label.zh}”应为数字：“${t}”`, en: `"${def.label.en}" must be a number: "${t}"` } }
  if (def.kind === 'percent') return { value: n.percent || n.value > 1 ? n.value / 100 : n.value }
  return { value: n.value }
}

/** Settings that contradict each other (each field valid alone): bilingual messages, empty when consistent. */
export function settingsConflicts(s: PlanSettings): { zh: string; en: string }[] {
  const out: { zh: string; en: string }[] = []
  if (s.max_people_per_household <= s.min_people_per_household) out.push({ zh: `户均人数上限（${s.max_people_per_household}）应大于下限（${s.min_people_per_household}）`, en: `Max. people per household (${s.max_people_per_household}) must exceed the minimum (${s.min_people_per_household})` })
  if (s.huge_site_people <= s.large_site_people) out.push({ zh: `特大型安置点人数（${s.huge_site_people}）应大于大型安置点人数（${s.large_site_people}）`, en: `The very-large-site size (${s.huge_site_people}) must exceed the large-site size (${s.large_site_people})` })
  return out
}

/** The change-log label of a settings change: what changed, old → new. */
export function settingsChangeLabel(before: PlanSettings, after: PlanSettings): { zh: string; en: string } {
  const changed = SETTING_FIELDS.filter((d) => before[d.key] !== after[d.key])
  const zh = changed.map((d) => `${d.label.zh} ${formatSettingValue(d, before[d.key])} → ${formatSettingValue(d, after[d.key])}`)
  const en = changed.map((d) => `${d.label.en} ${formatSettingValue(d, before[d.key])} → ${formatSettingValue(d, after[d.key])}`)
  return { zh: `修改规划设置：${zh.join('；')}`, en: `Plan settings: ${en.join('; ')}` }
}
