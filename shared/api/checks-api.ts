/**
 * Check methods: the rule catalogue, whole-plan or region checks for the 检查 page, incremental checks
 * for grids after an edit, explanations of warnings (undoable), and the list exported to Excel.
 */
import { z } from 'zod'
import type { EntityKey, Label } from '../dictionary/types.ts'
import type { RuleScope, Severity, Violation } from '../rules/types.ts'
import type { ChangeResult } from './changes.ts'
import { method } from './define.ts'
import { EntityKeySchema } from './rows-api.ts'

export interface RuleInfo {
  id: string
  severity: Severity
  scope: RuleScope
  entity: EntityKey
  field: string
  fields: string[]
  title: Label
  domainCheck: number
}

export interface CheckReport {
  violations: Violation[]
  /** violations found (the list may be cut at the limit) */
  total: number
  truncated: boolean
  counts: { error: number; warning: number; explained: number }
  ms: number
}

export interface RowChecks {
  /** the rows that were checked: their violations replace whatever a client held for them */
  checked: Partial<Record<EntityKey, number[]>>
  violations: Violation[]
}

const Region = z.string().regex(/^\d{6}$/).nullish()
const ExplanationKey = z.object({
  ruleId: z.string().min(1).max(100),
  entity: EntityKeySchema,
  rowId: z.number().int(),
  field: z.string().min(1).max(64),
})

export const checksApi = {
  'checks.rules': method(z.object({}))<RuleInfo[]>(),
  /** every violation in a region (the whole plan without one), optionally of one entity */
  'checks.run': method(z.object({ region: Region, entity: EntityKeySchema.optional(), limit: z.number().int().min(1).max(1000000).optional() }))<CheckReport>(),
  /** violations of some rows and of the rows depending on them */
  'checks.forRows': method(z.object({ entity: EntityKeySchema, ids: z.array(z.number().int()).max(200000) }))<RowChecks>(),
  /** violations of the rows a change set touched (an edit, undo, redo, import) and their dependents */
  'checks.forChange': method(z.object({ setId: z.number().int() }))<RowChecks>(),
  /** mark a warning explained with a comment: one undo step */
  'checks.explain': method(ExplanationKey.extend({ comment: z.string().trim().min(1).max(2000) }))<ChangeResult>(),
  'checks.unexplain': method(ExplanationKey)<ChangeResult>(),
  /** the violation list as an Excel workbook at a path */
  'checks.export': method(z.object({ path: z.string().min(1), region: Region }))<{ path: string; count: number }>(),
} as const
