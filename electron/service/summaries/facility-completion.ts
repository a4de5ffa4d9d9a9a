/**
 * Facility completion by category (应配建 / 已建成 / 在建 / 完成率), rolled up from the per-county (or
 * per-site) SQL aggregates. 应配建 counts every facility row planned at the sites; 已建成 is 已完工 or
 * 已交付使用; 完成率 = 已建成 / 应配建.
 *
 * The facilities module is writing a reusable facilityRollup(plan, {region}); until it is on main this
 * is the summaries' own, and the dashboard, the printed report and the Excel sheet all read it from here.
 */
import { FACILITY_CATEGORIES } from '../../../shared/dictionary/index.ts'
import type { FacilityCategoryFigures } from '../../../shared/api/reports-api.ts'
import type { FacilityAgg } from '../repositories/summary-repository.ts'
import { ratio } from './totals.ts'

export const UNCATEGORISED = { zh: '未分类', en: 'Uncategorised' }

/** Figures per dictionary category (in dictionary order), plus 未分类 when rows lack a category. */
export function facilityCompletion(rows: readonly FacilityAgg[]): FacilityCategoryFigures[] {
  const by = new Map<string, { planned: number; built: number; building: number }>()
  for (const r of rows) {
    const k = r.category ?? ''
    const e = by.get(k) ?? { planned: 0, built: 0, building: 0 }
    e.planned += r.planned
    e.built += r.built
    e.building += r.building
    by.set(k, e)
  }
  const out: FacilityCategoryFigures[] = []
  const push = (category: string, label: { zh: string; en: string }, e: { planned: number; built: number; building: number }): void => {
    out.push({ category, label, planned: e.planned, built: e.built, building: e.building, notStarted: e.planned - e.built - e.building, rate: ratio(e.built, e.planned) })
  }
  for (const c of FACILITY_CATEGORIES) push(c.value, { zh: c.value, en: c.en }, by.get(c.value) ?? { planned: 0, built: 0, building: 0 })
  const known = new Set(FACILITY_CATEGORIES.map((c) => c.value))
  const other = { planned: 0, built: 0, building: 0 }
  for (const [k, e] of by) {
    if (known.has(k)) continue
    other.planned += e.planned
    other.built += e.built
    other.building += e.building
  }
  if (other.planned > 0) push('', UNCATEGORISED, other)
  return out
}
