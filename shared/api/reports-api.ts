/**
 * Report methods: the dashboard summary, the printed summary tables of domain.md ("Printed plan
 * summaries") as one generic table model, and the Excel export of the whole plan or a region.
 * The same ReportTable feeds the print preview, the Excel summary sheets and the tests.
 */
import { z } from 'zod'
import type { FieldValue, Label } from '../dictionary/types.ts'
import { method } from './define.ts'

export const REPORT_KINDS = ['headline', 'register', 'facilities', 'employment', 'workshops', 'large-sites', 'checks'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]
export const ReportKindSchema = z.enum(REPORT_KINDS)

const RegionCode = z.string().regex(/^\d{6}$/)

/** The report set, in the order a planner prints it. */
export const REPORT_TITLES: Record<ReportKind, Label> = {
  headline: { zh: '主要指标汇总表', en: 'Headline indicators' },
  register: { zh: '安置点建设情况明细表', en: 'Site register' },
  facilities: { zh: '配套设施建设完成情况表', en: 'Facility completion by category' },
  employment: { zh: '搬迁劳动力就业情况表', en: 'Employment of relocated labour' },
  workshops: { zh: '扶贫车间（就业帮扶车间）情况表', en: 'Workshops' },
  'large-sites': { zh: '800人以上安置点后续扶持情况表', en: 'Sites of 800+ people' },
  checks: { zh: '数据检查问题清单', en: 'Open check violations' },
}

export type ReportCellKind = 'text' | 'int' | 'decimal' | 'percent' | 'date'

export interface ReportColumn {
  key: string
  label: Label
  /** the upper header (multi-level header); consecutive columns with the same group share it */
  group?: Label
  unit?: Label
  kind: ReportCellKind
  decimals?: number
  /** width in characters (CJK counts 2) */
  width: number
  /** how subtotal and total rows combine the column: summed, a ratio of two summed columns, or left blank */
  total: 'sum' | 'ratio' | 'none' | 'value'
  /** for ratios: numerator and denominator column keys */
  ratio?: [string, string]
}

/** detail: a site or a leaf region; subtotal: 小计; total: 合计; grand: the scope's 总计 */
export type ReportRowKind = 'detail' | 'subtotal' | 'total' | 'grand'

export interface ReportRow {
  kind: ReportRowKind
  /** values by column key */
  cells: Record<string, FieldValue>
  /** the region the row stands for (leaf regions and total rows): click-through filters to it */
  region?: string
  /** the site the row stands for: click-through focuses it */
  siteId?: number
  /** for check rows: what to focus */
  ref?: { entity: 'site' | 'facility' | 'workshop'; id: number; field?: string }
}

export interface ReportHeader {
  /** 贵州省易地扶贫搬迁安置点建设及后续扶持情况统计表 */
  title: string
  /** （截至2020年12月底） */
  asOf: string
  /** 单位：户、人、万元 */
  unitLine: string
  /** 填报单位 / 编制单位 */
  compilingUnit: string
  preparer: string
  reviewer: string
  /** the date printed in the footer, 2020年12月31日 */
  date: string
  /** the scope's name (贵州省, 黔南布依族苗族自治州 …) */
  scopeName: string
  scopeCode: string
}

export interface ReportTable {
  kind: ReportKind
  header: ReportHeader
  /** the report's own name (REPORT_TITLES) */
  name: Label
  columns: ReportColumn[]
  rows: ReportRow[]
  /** when the report cannot be made yet (the check engine is not installed) */
  notice?: Label
  /** suggested paper */
  paper: { size: 'A4' | 'A3'; landscape: boolean }
}

export interface SizeBand {
  key: 'lt800' | '800to3000' | '3000to10000' | 'ge10000'
  label: Label
  sites: number
  people: number
}

export interface HeadlineFigures {
  sites: number
  households: number
  people: number
  poorHouseholds: number
  poorPeople: number
  movedHouseholds: number
  movedPeople: number
  /** moved_people / planned_people, 0..1, null with no people */
  movedRate: number | null
  investmentWan: number
  investmentDoneWan: number
  investmentRate: number | null
  housingUnits: number
  floorAreaM2: number
  /** floor area per registered-poor person */
  areaPerPoorM2: number | null
}

export interface RegionProgress {
  code: string
  name: string
  sites: number
  people: number
  movedRate: number | null
  investmentRate: number | null
  facilityRate: number | null
  employmentRate: number | null
}

export interface FacilityCategoryFigures {
  category: string
  label: Label
  /** 应配建 */
  planned: number
  /** 已建成 (已完工 or 已交付使用) */
  built: number
  /** 在建 */
  building: number
  /** 未开工 or no status */
  notStarted: number
  rate: number | null
  /** 晚于入住: late for move-in (shared/facilities/schedule.ts moveInLateness, as the facilities page and the checks) */
  lateForMoveIn: number
}

export interface EmploymentFigures {
  laborForce: number
  employed: number
  rate: number | null
  laborHouseholds: number
  zeroEmploymentHouseholds: number
  /** sites with at least one zero-employment household */
  sitesWithZeroEmployment: number
  target: number
}

export interface WorkshopFigures {
  workshops: number
  operating: number
  jobs: number
  poorWorkers: number
  relocatedWorkers: number
  /** jobs-weighted average monthly wage, 元 */
  avgWage: number | null
}

export type CheckSeverity = 'error' | 'warning' | 'info'

export interface DashboardSummary {
  scope: { code: string; name: string; level: 1 | 2 | 3 }
  headline: HeadlineFigures
  bands: SizeBand[]
  /** the scope's children (prefectures of a province, counties of a prefecture, sites of a county) */
  children: RegionProgress[]
  childLevel: 'prefecture' | 'county' | 'site'
  facilities: FacilityCategoryFigures[]
  employment: EmploymentFigures
  workshops: WorkshopFigures
  /** null when the check engine is not installed */
  checks: { severity: CheckSeverity; count: number }[] | null
}

export const reportsApi = {
  'reports.summary': method(z.object({ region: RegionCode.nullish() }))<DashboardSummary>(),
  'reports.table': method(z.object({ kind: ReportKindSchema, region: RegionCode.nullish() }))<ReportTable>(),
  /** write the plan (or a region of it) as an Excel workbook */
  'reports.exportXlsx': method(z.object({ path: z.string().min(1).max(4096), region: RegionCode.nullish() }))<{ path: string; sheets: string[]; rows: number; ms: number }>(),
} as const
