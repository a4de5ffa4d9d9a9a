/**
 * The facility catalogue a plan uses: the dictionary's categories and types (shared/dictionary/
 * facility-fields.ts) with their usual units, extended or adjusted by the plan's settings
 * (setting key `facilities.catalogue`). A plan may change a type's usual unit or default scale, hide a
 * type from standard sets and pickers, or add its own named items that are stored under a dictionary
 * type (the 设施类型 column keeps the dictionary's values, so imports and checks still understand them).
 */
import { z } from 'zod'
import { FACILITY_CATEGORIES, FACILITY_TYPES, FACILITY_UNITS } from '../dictionary/facility-fields.ts'
import type { Label } from '../dictionary/types.ts'

export const CATALOGUE_SETTING_KEY = 'facilities.catalogue'

const typeValues = FACILITY_TYPES.map((t) => t.value) as [string, ...string[]]
const unitValues = FACILITY_UNITS.map((u) => u.value) as [string, ...string[]]

export const CatalogueOverrideSchema = z.object({
  /** a dictionary type */
  type: z.enum(typeValues),
  unit: z.enum(unitValues).optional(),
  /** scale written on a generated facility (default: 1, or the rule's) */
  defaultScale: z.number().min(0).optional(),
  /** hidden from standard sets */
  disabled: z.boolean().optional(),
})

export const CatalogueExtraSchema = z.object({
  /** the plan's own item name, e.g. 公共卫生间 */
  name: z.string().trim().min(1).max(40),
  en: z.string().max(80).optional(),
  /** the dictionary type it is stored as, e.g. 环卫设施 */
  storedAs: z.enum(typeValues),
  unit: z.enum(unitValues).optional(),
  defaultScale: z.number().min(0).optional(),
})

export const FacilityCatalogueSettingsSchema = z.object({
  overrides: z.array(CatalogueOverrideSchema).max(100).default([]),
  extras: z.array(CatalogueExtraSchema).max(200).default([]),
})
export type FacilityCatalogueSettings = z.infer<typeof FacilityCatalogueSettingsSchema>

export const DEFAULT_CATALOGUE_SETTINGS: FacilityCatalogueSettings = { overrides: [], extras: [] }

/** One item of the catalogue as the app uses it. */
export interface CatalogueItem {
  /** the name a rule or picker uses: a dictionary type or a plan extra */
  key: string
  label: Label
  /** dictionary type stored in the 设施类型 column */
  type: string
  category: string
  unit: string
  defaultScale: number
  disabled: boolean
  /** a plan's own item rather than a dictionary type */
  extra: boolean
}

export interface FacilityCatalogue {
  categories: { value: string; label: Label }[]
  items: CatalogueItem[]
  byKey: Map<string, CatalogueItem>
}

/** The dictionary catalogue merged with a plan's settings. */
export function buildCatalogue(settings: FacilityCatalogueSettings = DEFAULT_CATALOGUE_SETTINGS): FacilityCatalogue {
  const over = new Map(settings.overrides.map((o) => [o.type, o]))
  const items: CatalogueItem[] = FACILITY_TYPES.map((t) => {
    const o = over.get(t.value)
    return {
      key: t.value,
      label: { zh: t.value, en: t.en },
      type: t.value,
      category: t.category,
      unit: o?.unit ?? t.unit,
      defaultScale: o?.defaultScale ?? 1,
      disabled: o?.disabled ?? false,
      extra: false,
    }
  })
  for (const e of settings.extras) {
    const base = FACILITY_TYPES.find((t) => t.value === e.storedAs)!
    if (items.some((i) => i.key === e.name)) continue
    items.push({ key: e.name, label: { zh: e.name, en: e.en ?? e.name }, type: base.value, category: base.category, unit: e.unit ?? base.unit, defaultScale: e.defaultScale ?? 1, disabled: false, extra: true })
  }
  return {
    categories: FACILITY_CATEGORIES.map((c) => ({ value: c.value, label: { zh: c.value, en: c.en } })),
    items,
    byKey: new Map(items.map((i) => [i.key, i])),
  }
}

/** Sort key of a facility type: catalogue order (categories, then types as the dictionary lists them). */
export const TYPE_ORDER: ReadonlyMap<string, number> = new Map(FACILITY_TYPES.map((t, i) => [t.value, i]))
export const CATEGORY_ORDER: ReadonlyMap<string, number> = new Map(FACILITY_CATEGORIES.map((c, i) => [c.value, i]))
