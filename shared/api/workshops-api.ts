/**
 * Workshop methods: employment coverage of the relocated labour force (per site and per county), the
 * map's data, and the placement optimizer (propose new workshops, cancel a run, apply a proposal as
 * planned workshops in one undo step), plus the optimizer's settings kept in the plan.
 */
import { z } from 'zod'
import type { Label } from '../dictionary/types.ts'
import type { ChangeResult } from './changes.ts'
import { method } from './define.ts'

const RegionCode = z.string().regex(/^\d{6}$/)

/** Employment and job coverage of one site. "Jobseekers" are labour not yet employed. */
export interface SiteCoverage {
  siteId: number
  labour: number
  employed: number
  /** labour − employed (never negative) */
  unemployed: number
  labourHouseholds: number
  zeroHouseholds: number
  /** employed / labour, null without labour */
  employmentRate: number | null
  /** jobs of operating (正常) workshops within the commute radius */
  jobsNearby: number
  workshopsNearby: number
  /** great-circle km to the nearest operating workshop within the radius, null when none */
  nearestKm: number | null
  /** vacant posts (designed − jobs) of operating workshops within the radius */
  vacanciesNearby: number
  /** jobseekers a vacancy within reach can take (vacancies shared among sites in proportion to jobseekers) */
  covered: number
  /** jobseekers left without a job in reach: unemployed − covered */
  gap: number
  /** covered / unemployed (1 when nobody is looking) */
  coverage: number
  /** the site has no coordinates: only workshops attached to it count */
  noLocation: boolean
}

export interface CoverageSummary {
  sites: number
  labour: number
  employed: number
  unemployed: number
  labourHouseholds: number
  zeroHouseholds: number
  /** jobs of the operating workshops serving these sites */
  workshopJobs: number
  vacancies: number
  covered: number
  gap: number
  employmentRate: number | null
  /** sites with jobseekers and no operating workshop within the radius */
  sitesWithoutJobsNearby: number
  sitesWithGap: number
}

export interface CountyCoverage extends CoverageSummary {
  countyCode: string
  county: string
  prefectureCode: string | null
  prefecture: string
}

export interface CoverageResult {
  radiusKm: number
  sites: SiteCoverage[]
  counties: CountyCoverage[]
  total: CoverageSummary
  ms: number
}

export interface MapSite {
  id: number
  name: string
  lat: number
  lon: number
  people: number
  coverage: number
  gap: number
  countyCode: string
}

export interface MapWorkshop {
  id: number
  name: string
  lat: number
  lon: number
  jobs: number
  status: string | null
  siteId: number | null
}

export interface MapLabel {
  code: string
  name: string
  level: 1 | 2 | 3
  lat: number
  lon: number
}

export interface MapData {
  radiusKm: number
  sites: MapSite[]
  workshops: MapWorkshop[]
  labels: MapLabel[]
  /** sites without coordinates (not drawn) */
  unplaced: number
}

export const CandidatePointSchema = z.object({
  name: z.string().min(1).max(100),
  lat: z.number().min(3).max(54),
  lon: z.number().min(73).max(136),
  /** jobs this workshop would offer; the plan default when absent */
  jobs: z.number().int().min(1).max(100000).optional(),
  /** cost in 万元 (budget mode); the plan default when absent */
  costWan: z.number().min(0).max(1e7).optional(),
})
export type CandidatePoint = z.infer<typeof CandidatePointSchema>

/** The plan setting the optimizer's settings are stored under. */
export const PLACEMENT_SETTING_KEY = 'workshops.placement'

export const PlacementSettingsSchema = z.object({
  /** weight of a jobseeker from a zero-employment household (one per such household) */
  zeroEmploymentWeight: z.number().min(1).max(100),
  /** weight of any other jobseeker */
  baseWeight: z.number().min(0.01).max(100),
  /** jobs a new workshop offers */
  newWorkshopJobs: z.number().int().min(1).max(100000),
  /** cost of a new workshop, 万元 */
  newWorkshopCostWan: z.number().min(0).max(1e7),
  /** candidate points the planner added (besides every site) */
  candidates: z.array(CandidatePointSchema).max(5000),
})
export type PlacementSettings = z.infer<typeof PlacementSettingsSchema>

export const PlaceInputSchema = z
  .object({
    k: z.number().int().min(1).max(5000).optional(),
    budgetWan: z.number().min(0).max(1e9).optional(),
    radiusKm: z.number().min(0.1).max(200).optional(),
    region: RegionCode.nullish(),
    /** extra candidate points for this run (added to the plan's stored ones) */
    candidates: z.array(CandidatePointSchema).max(5000).optional(),
    /** sites are candidates too (default true) */
    sitesAsCandidates: z.boolean().optional(),
    timeLimitS: z.number().min(1).max(3600).optional(),
    /** relative gap at which the solver stops, default 1e-4 */
    gapTolerance: z.number().min(0).max(0.5).optional(),
    /** id the caller chooses to follow progress events and to cancel */
    taskId: z.string().min(1).max(100).optional(),
  })
  .refine((v) => v.k !== undefined || v.budgetWan !== undefined, { message: 'k or budgetWan is required / 需要 k 或预算' })

export interface ServedSite {
  siteId: number
  name: string
  countyCode: string
  km: number
  /** jobseekers of this site the new workshop takes */
  amount: number
}

export interface Proposal {
  /** 'site:ID' or 'point:N' */
  key: string
  name: string
  lat: number
  lon: number
  /** the site it stands at (candidate at a site) */
  atSiteId: number | null
  /** the site it serves most (the workshop's 所在安置点 when applied) */
  mainSiteId: number | null
  countyCode: string | null
  jobs: number
  costWan: number
  /** jobseekers it takes */
  covered: number
  /** weighted objective lost if this proposal alone were dropped (the others kept) */
  marginalValue: number
  /** jobseekers lost if it alone were dropped */
  marginalCovered: number
  serves: ServedSite[]
}

/** Jobseekers of a site a post in reach can take, before and after the proposals (the coverage table's figures). */
export interface SiteBeforeAfter {
  siteId: number
  name: string
  countyCode: string
  unemployed: number
  before: number
  after: number
}

export interface CountyBeforeAfter {
  countyCode: string
  county: string
  unemployed: number
  before: number
  after: number
}

export type PlacementStatus = 'optimal' | 'time-limit' | 'too-large' | 'nothing-to-do'

export interface PlacementResult {
  status: PlacementStatus
  /** what the status means for the planner */
  message: Label
  radiusKm: number
  region: string | null
  k: number | null
  budgetWan: number | null
  size: { sites: number; candidates: number; existing: number; pairs: number; columns: number; rows: number }
  /** weighted objective of the proposal set and the proven bound */
  objective: number
  bound: number
  /** proven relative optimality gap, (bound − objective) / objective: 0 when optimal, always a finite number */
  gap: number
  seconds: number
  unemployed: number
  coveredBefore: number
  coveredAfter: number
  proposals: Proposal[]
  sites: SiteBeforeAfter[]
  counties: CountyBeforeAfter[]
  /** for 'too-large' and slow runs: prefectures to solve one at a time */
  reducedRegions: { code: string; name: string; sites: number }[]
}

export const ApplyProposalSchema = z.object({
  proposals: z
    .array(
      z.object({
        name: z.string().min(1).max(100),
        lat: z.number().min(3).max(54),
        lon: z.number().min(73).max(136),
        mainSiteId: z.number().int().nullable(),
        jobs: z.number().int().min(1),
        covered: z.number().min(0).optional(),
      }),
    )
    .min(1)
    .max(5000),
})

export const workshopsApi = {
  'workshops.coverage': method(z.object({ region: RegionCode.nullish(), radiusKm: z.number().min(0.1).max(200).optional() }))<CoverageResult>(),
  'workshops.mapData': method(z.object({ region: RegionCode.nullish() }))<MapData>(),
  'workshops.place': method(PlaceInputSchema)<PlacementResult>(),
  'workshops.cancel': method(z.object({ taskId: z.string().min(1).max(100) }))<{ cancelled: boolean }>(),
  'workshops.applyProposal': method(ApplyProposalSchema)<ChangeResult>(),
  'workshops.getSettings': method(z.object({}))<PlacementSettings>(),
  'workshops.setSettings': method(PlacementSettingsSchema.partial())<PlacementSettings>(),
} as const
