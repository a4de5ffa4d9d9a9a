/**
 * Facility schedule methods (设施进度): the plan's catalogue and standard-set rules, generating
 * standard sets, roll-ups by category and region, the Gantt data, and baselines with slip.
 */
import { z } from 'zod'
import type { Label } from '../dictionary/types.ts'
import { FacilityCatalogueSettingsSchema, type CatalogueItem, type FacilityCatalogueSettings } from '../facilities/catalogue.ts'
import { StandardRulesSchema, type StandardRule } from '../facilities/standard-rules.ts'
import type { ChangeResult } from './changes.ts'
import { method } from './define.ts'

const Region = z.string().regex(/^\d{6}$/)

/** Counts of one roll-up line: 应配建 / 已建成 / 在建 / 未开工 / 完成率, late for move-in, overdue. */
export interface RollupCounts {
  required: number
  built: number
  building: number
  notStarted: number
  /** built / required, 0..1 (0 when nothing is required) */
  rate: number
  lateForMoveIn: number
  overdue: number
}

export interface RollupRegionRow extends RollupCounts {
  code: string
  name: string
  level: 1 | 2 | 3
  /** counts by category under this region */
  byCategory: Record<string, RollupCounts>
}

export interface FacilityRollup {
  region: string | null
  asOf: string
  total: RollupCounts
  byCategory: (RollupCounts & { category: string; label: Label })[]
  byType: (RollupCounts & { type: string; category: string; label: Label })[]
  /** prefectures (level 2) each followed by its counties (level 3); provinces first on a multi-province plan */
  byRegion: RollupRegionRow[]
}

/** Gantt rows, compact: one array per facility in `columns` order. */
export interface GanttSite {
  id: number
  name: string
  countyCode: string
  county: string
  moveIn: string | null
  people: number | null
}

export const GANTT_COLUMNS = ['id', 'site', 'name', 'type', 'category', 'status', 'planned_start', 'planned_end', 'actual_start', 'actual_end', 'flags', 'nature'] as const
export type GanttCell = string | number | null

export interface GanttData {
  region: string | null
  asOf: string
  /** sites in county then code order; facility rows refer to them by index */
  sites: GanttSite[]
  columns: typeof GANTT_COLUMNS
  /** grouped: rows of a site follow each other, sites in `sites` order */
  rows: GanttCell[][]
  /** earliest and latest date of any bar or marker ('YYYY-MM-DD'), null on an empty plan */
  span: { from: string; to: string } | null
  countyNames: Record<string, string>
  /** the region holds more facilities than one Gantt draws (GANTT_MAX_ROWS): rows and sites are empty */
  tooMany?: number
}

/** The most facility rows one Gantt carries; a larger region asks for a prefecture or county. */
export const GANTT_MAX_ROWS = 60000

export interface BaselineInfo {
  id: number
  name: string
  createdAt: string
  items: number
}

export interface SlipSummary {
  facilities: number
  /** facilities whose finish slipped later than the baseline */
  slipped: number
  maxSlip: number
  avgSlip: number
}

export interface BaselineCompare {
  baseline: BaselineInfo
  /** per facility: [facility id, site id, start slip days, finish slip days]; null where a date is missing */
  items: [number, number, number | null, number | null][]
  /** per facility in the baseline: [facility id, baseline planned start, baseline planned end] (the Gantt's baseline bars) */
  periods: [number, string | null, string | null][]
  /** facilities now in the plan but not in the baseline */
  added: number
  /** facilities in the baseline no longer in the plan */
  removed: number
  bySite: (SlipSummary & { siteId: number; name: string; countyCode: string })[]
  byCounty: (SlipSummary & { code: string; name: string })[]
  total: SlipSummary
}

export interface StandardGap {
  siteId: number
  siteName: string
  missing: string[]
}

export interface StandardPreview {
  sites: number
  sitesMissing: number
  facilities: number
  gaps: StandardGap[]
}

export interface CatalogueView {
  settings: FacilityCatalogueSettings
  items: CatalogueItem[]
  rules: StandardRule[]
  rulesAreDefault: boolean
}

const Scope = z
  .object({ siteIds: z.array(z.number().int()).min(1).max(100000).optional(), region: Region.nullish() })
  .refine((s) => !(s.siteIds && s.region), { message: 'siteIds or region, not both' })

export const facilitiesApi = {
  'facilities.catalogue': method(z.object({}))<CatalogueView>(),
  'facilities.setCatalogue': method(FacilityCatalogueSettingsSchema)<CatalogueView>(),
  'facilities.setRules': method(z.object({ rules: StandardRulesSchema.nullable() }))<CatalogueView>(),
  /** which sites lack which standard facilities (nothing written) */
  'facilities.standardPreview': method(Scope)<StandardPreview>(),
  /** add every missing standard facility to the chosen sites (or all sites of a region) as one action */
  'facilities.generateStandard': method(Scope)<{ change: ChangeResult; added: number; sites: number }>(),
  'facilities.rollup': method(z.object({ region: Region.nullish() }))<FacilityRollup>(),
  'facilities.gantt': method(z.object({ region: Region.nullish(), siteId: z.number().int().optional() }))<GanttData>(),
  'facilities.saveBaseline': method(z.object({ name: z.string().trim().min(1).max(100) }))<BaselineInfo>(),
  'facilities.baselines': method(z.object({}))<BaselineInfo[]>(),
  'facilities.deleteBaseline': method(z.object({ id: z.number().int() }))<{ ok: true }>(),
  'facilities.compare': method(z.object({ baselineId: z.number().int(), region: Region.nullish() }))<BaselineCompare>(),
} as const
