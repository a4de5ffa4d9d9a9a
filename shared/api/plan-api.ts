/**
 * Plan file methods: what is open, open/new/save-copy, recent plans, settings, regions.
 */
import { z } from 'zod'
import type { PlanSettings } from '../settings.ts'
import { PlanSettingsPatchSchema } from '../settings.ts'
import { method } from './define.ts'

export interface PlanInfo {
  path: string
  /** the embedded sample plan, not yet saved anywhere the user chose */
  isSample: boolean
  readOnly: boolean
  /** why the plan is read-only when another window or command is writing it (one writer per plan) */
  readOnlyReason?: { zh: string; en: string }
  schemaVersion: number
  title: string
  provinceCode: string
  provinceName: string
  counts: { site: number; facility: number; workshop: number }
}

export interface RegionNode {
  code: string
  name: string
  level: 1 | 2 | 3
  siteCount: number
  people: number
  children: RegionNode[]
}

export interface RecentPlan {
  path: string
  title: string
  openedAt: string
}

export const planApi = {
  'plan.info': method(z.object({}))<PlanInfo>(),
  'plan.open': method(z.object({ path: z.string().min(1), readOnly: z.boolean().optional() }))<PlanInfo>(),
  'plan.new': method(z.object({ path: z.string().min(1), provinceCode: z.string().regex(/^\d{6}$/), sample: z.boolean().optional() }))<PlanInfo>(),
  'plan.saveCopy': method(z.object({ path: z.string().min(1), open: z.boolean().optional() }))<PlanInfo>(),
  'plan.recent': method(z.object({}))<RecentPlan[]>(),
  'plan.provinces': method(z.object({}))<{ code: string; name: string }[]>(),
  'settings.get': method(z.object({}))<PlanSettings>(),
  'settings.update': method(PlanSettingsPatchSchema)<PlanSettings>(),
  'ui.getState': method(z.object({ key: z.string().min(1).max(100) }))<unknown>(),
  /** `plan`: the path of the plan the state belongs to; a write that arrives after another plan was opened is dropped */
  'ui.setState': method(z.object({ key: z.string().min(1).max(100), value: z.unknown(), plan: z.string().max(4096).optional() }))<{ ok: true }>(),
  'regions.tree': method(z.object({}))<RegionNode>(),
  'regions.counties': method(z.object({ within: z.string().optional() }))<{ code: string; name: string; prefecture: string }[]>(),
} as const
