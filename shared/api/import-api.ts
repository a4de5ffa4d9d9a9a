/**
 * Import of county returns: preview a file (what each row would do), commit a preview as one action,
 * list and roll back import batches, and write return templates.
 */
import { z } from 'zod'
import type { EntityKey, FieldValue, Label, RowValues } from '../dictionary/types.ts'
import type { ChangeResult } from './changes.ts'
import { method } from './define.ts'

export type ImportAction = 'insert' | 'update' | 'unchanged' | 'reject'
export type IssueSeverity = 'error' | 'warning'

export interface ImportCellIssue {
  field: string | null
  severity: IssueSeverity
  message: Label
}

export interface ImportCellChange {
  field: string
  old: FieldValue
  new: FieldValue
}

export interface ImportPreviewRow {
  /** stable key of the row inside the preview: "sheetIndex:sourceRow" */
  key: string
  sourceRow: number
  action: ImportAction
  /** the existing row it matched */
  id: number | null
  /** canonical values read from the file (blank and null-marker cells are absent) */
  values: RowValues
  /** update rows: the cells that change */
  changes: ImportCellChange[]
  /** update rows: columns left blank in the file whose existing value stays */
  kept: string[]
  /** update rows, only with clearBlanks: columns whose null marker (—, /, 无 …) clears the existing value (also in changes, new null) */
  cleared?: string[]
  issues: ImportCellIssue[]
  /** display text of reference fields (a facility's site: its name), by field */
  labels?: Record<string, string>
  /** reference fields as the dry-run JSON shows them: the site's code (a site the same workbook inserts: its name until the commit numbers it) */
  refCodes?: Record<string, string>
}

export interface ImportSheetIssue {
  severity: IssueSeverity
  message: Label
  sourceRow: number | null
}

export type ImportSummary = Record<ImportAction, number>

export interface ImportSheetPreview {
  sheet: string | null
  entity: EntityKey
  headerRows: [number, number]
  columns: { col: number; header: string; field: string }[]
  ignored: { col: number; header: string }[]
  rows: ImportPreviewRow[]
  issues: ImportSheetIssue[]
  summary: ImportSummary
}

export interface ImportPreview {
  previewId: string
  fileName: string
  sha256: string
  format: 'xlsx' | 'xls' | 'csv'
  /** the first is the sites sheet when there is one */
  sheets: ImportSheetPreview[]
  /** the workbook's visible sheets, for choosing one (import.preview { sheet }); empty for CSV */
  sheetNames: string[]
  /** a batch with the same file content was committed before */
  sameFileBatch: number | null
}

export interface ImportBatchInfo {
  id: number
  fileName: string
  sha256: string
  sheet: string | null
  entity: string
  importedAt: string
  counts: ImportSummary
  state: 'committed' | 'rolled_back'
}

export interface ImportCommitResult extends ChangeResult {
  batchId: number | null
  counts: ImportSummary
}

const RowKey = z.string().regex(/^\d+:\d+$/)

export const importApi = {
  /** read a return (a path, or a file sent to the browser shell's upload route) and preview it; writes nothing */
  'import.preview': method(
    z.object({
      path: z.string().min(1).max(4096).optional(),
      uploadId: z.string().regex(/^[a-f0-9]{16,64}$/).optional(),
      county: z.string().max(40).optional(),
      sheet: z.string().max(200).optional(),
      /** a null marker (—, --, /, 无 …) clears the existing value; without it (the default) every blank or marker keeps it */
      clearBlanks: z.boolean().optional(),
      taskId: z.string().max(64).optional(),
    }),
  )<ImportPreview>(),
  /** write a preview as one action (one undo step) and record the batch */
  'import.commit': method(
    z.object({
      previewId: z.string().min(1).max(64),
      excludedRows: z.array(RowKey).max(200000).optional(),
      excludedCells: z.array(z.object({ row: RowKey, field: z.string().min(1).max(64) })).max(200000).optional(),
      taskId: z.string().max(64).optional(),
    }),
  )<ImportCommitResult>(),
  /** hand a file's bytes to the service (the Electron shell; the browser shell posts to /api/upload) */
  'import.upload': method(z.object({ fileName: z.string().min(1).max(255), base64: z.string().max(140 * 1024 * 1024) }))<{ uploadId: string; fileName: string; size: number }>(),
  /** cancel a running preview or commit started with this taskId; nothing is left behind */
  'import.cancel': method(z.object({ taskId: z.string().min(1).max(64) }))<{ cancelled: boolean }>(),
  'import.batches': method(z.object({}))<ImportBatchInfo[]>(),
  /** undo a whole batch later, as a new action; cells changed since are left alone and reported */
  'import.rollback': method(z.object({ batchId: z.number().int() }))<ChangeResult & { skipped: number }>(),
  /** write a return template for a county or prefecture */
  /** without a path the template is kept for download: GET /api/download?id=downloadId (browser shell) */
  'import.template': method(z.object({ county: z.string().regex(/^\d{6}$/).optional(), prefecture: z.string().regex(/^\d{6}$/).optional(), path: z.string().min(1).max(4096).optional() }))<{ path: string; sites: number; downloadId: string | null; fileName: string }>(),
} as const

