/**
 * Row methods for every dictionary entity (site, facility, workshop): list, edit, insert, delete,
 * preview of a batch of edits (paste), undo/redo and cell history.
 */
import { z } from 'zod'
import type { EntityKey, FieldValue, Label, RowValues } from '../dictionary/types.ts'
import type { CellHistoryEntry, ChangeResult, HistoryState } from './changes.ts'
import { method } from './define.ts'

export const EntityKeySchema = z.enum(['site', 'facility', 'workshop'])
const RawValue = z.union([z.string().max(10000), z.number(), z.boolean(), z.null()])

export const CellEditSchema = z.object({
  id: z.number().int(),
  field: z.string().min(1).max(64),
  /** typed or pasted text, or an already-typed value; coerced through the field dictionary */
  value: RawValue,
})
export type CellEdit = z.infer<typeof CellEditSchema>

export interface RowList {
  entity: EntityKey
  columns: string[]
  rows: FieldValue[][]
  /** rows in the scope; more than rows.length when a limit cut the list short */
  total: number
  /** display extras per row id (e.g. a facility's site name), by column */
  extras?: Record<string, Record<number, FieldValue>>
}

export type CellVerdict = 'accepted' | 'adjusted' | 'rejected' | 'unchanged' | 'skipped'

export interface CellPreview {
  id: number
  field: string
  raw: FieldValue
  verdict: CellVerdict
  oldValue: FieldValue
  newValue: FieldValue
  message?: Label
}

export interface EditPreview {
  cells: CellPreview[]
  counts: Record<CellVerdict, number>
}

/** A paste (or fill, or clear) checked or written: the preview, and the change when written. */
export interface PasteResult {
  /** cells of existing rows, then cells of appended rows (id -1, -2, … for the first, second new row) */
  preview: EditPreview
  /** rows that would be (or were) appended */
  appendRows: number
  /** the cell list is cut to the interesting cells (all but accepted/unchanged, then a sample) when large */
  truncated: boolean
  /** the change written (its rows come with the plan.changed event, not here) */
  change: ChangeResult | null
  /** the rule engine's refusal of this write, found by a dry run at preview time (small pastes), or null */
  refusal: Label | null
  /** a preview's token: a commit that passes it back, with the same cells, reuses the checked cells when the plan has not changed since */
  token: string | null
}

/** A pasted block in compact form: cell (r, c) goes to row ids[r], field fields[c]. */
export const PasteBlockSchema = z.object({
  ids: z.array(z.number().int()).max(200000),
  fields: z.array(z.string().min(1).max(64)).max(200),
  texts: z.array(z.array(z.string().max(10000)).max(200)).max(200000),
})

export const PasteInputSchema = z.object({
  entity: EntityKeySchema,
  edits: z.array(CellEditSchema).max(200000),
  /** a block of texts (the usual paste), checked after the edits */
  block: PasteBlockSchema.optional(),
  /** new rows to append after the existing ones (field → raw text) */
  append: z.array(z.record(z.string(), RawValue)).max(20000).optional(),
  /** false: preview only; true: write the accepted cells as one action (rejected and skipped cells are left out) */
  commit: z.boolean(),
  /** the token of the preview the user confirmed */
  token: z.string().max(100).optional(),
  label: z.object({ zh: z.string(), en: z.string() }).optional(),
})

export const rowsApi = {
  /** paste, fill and clear: preview, then write only the accepted cells (and appended rows) as one undo step */
  'rows.paste': method(PasteInputSchema)<PasteResult>(),
  /** the rows of a region in display order; `limit` gives the first page only (grids paint it while the rest loads) */
  'rows.list': method(z.object({ entity: EntityKeySchema, region: z.string().regex(/^\d{6}$/).nullish(), limit: z.number().int().min(1).max(100000).optional() }))<RowList>(),
  'rows.get': method(z.object({ entity: EntityKeySchema, ids: z.array(z.number().int()).max(100000) }))<RowValues[]>(),
  /** check a batch of cell edits without writing (the paste preview) */
  'rows.preview': method(z.object({ entity: EntityKeySchema, edits: z.array(CellEditSchema).max(200000) }))<EditPreview>(),
  /** write cell edits as one action; any rejected cell refuses the whole action with its reason */
  'rows.update': method(z.object({ entity: EntityKeySchema, edits: z.array(CellEditSchema).min(1).max(200000), label: z.object({ zh: z.string(), en: z.string() }).optional() }))<ChangeResult>(),
  'rows.insert': method(
    z.object({
      entity: EntityKeySchema,
      rows: z.array(z.record(z.string(), RawValue)).min(1).max(100000),
      label: z.object({ zh: z.string(), en: z.string() }).optional(),
    }),
  )<ChangeResult>(),
  'rows.delete': method(z.object({ entity: EntityKeySchema, ids: z.array(z.number().int()).min(1).max(200000) }))<ChangeResult>(),
  'history.undo': method(z.object({}))<ChangeResult>(),
  'history.redo': method(z.object({}))<ChangeResult>(),
  'history.state': method(z.object({}))<HistoryState>(),
  'history.cell': method(z.object({ entity: EntityKeySchema, id: z.number().int(), field: z.string().min(1).max(64) }))<CellHistoryEntry[]>(),
} as const
