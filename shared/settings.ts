/**
 * Plan settings: the plan's identity for printed reports and the thresholds the checks use,
 * with the domain defaults of ../shared/docs/domain.md.
 */
import { z } from 'zod'

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

export const PlanSettingsPatchSchema = PlanSettingsSchema.partial()
