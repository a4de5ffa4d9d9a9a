/**
 * The import's entry points shared by the API handlers and the CLI: read a file into a preview
 * (kept in memory for the commit), and turn a preview into the dry-run JSON of the command line.
 */
import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import type { ImportPreview, ImportPreviewRow, ImportSheetPreview } from '../../../shared/api/import-api.ts'
import type { Label } from '../../../shared/dictionary/types.ts'
import type { Plan } from '../plan.ts'
import { buildPreview, type PreviewWrites } from './preview.ts'
import { readFileBytes, readWorkbook } from './read-workbook.ts'
import type { ReadLimits } from './types.ts'

export interface PreviewFileOptions {
  county?: string
  sheet?: string
  /** null markers clear existing values (an explicit choice; default off) */
  clearBlanks?: boolean
  signal?: AbortSignal
  limits?: Partial<ReadLimits>
  /** progress 0..1 with a label */
  onProgress?: (done: number, total: number, label: Label) => void
}

export interface StoredPreview {
  preview: ImportPreview
  writes: PreviewWrites
  planPath: string
  createdAt: number
}

const store = new Map<string, StoredPreview>()
const KEEP = 8

export function rememberPreview(plan: Plan, preview: ImportPreview, writes: PreviewWrites): void {
  store.set(preview.previewId, { preview, writes, planPath: plan.path, createdAt: Date.now() })
  while (store.size > KEEP) store.delete(store.keys().next().value!)
}

export function storedPreview(id: string): StoredPreview | undefined {
  return store.get(id)
}

export function forgetPreview(id: string): void {
  store.delete(id)
}

export const sha256Of = (buf: Buffer): string => createHash('sha256').update(buf).digest('hex')

export async function previewBuffer(plan: Plan, buf: Buffer, fileName: string, opts: PreviewFileOptions = {}): Promise<{ preview: ImportPreview; writes: PreviewWrites }> {
  const readLabel: Label = { zh: '读取文件', en: 'Reading the file' }
  const checkLabel: Label = { zh: '核对数据', en: 'Checking rows' }
  const wb = await readWorkbook(buf, fileName, {
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onProgress: (rows) => opts.onProgress?.(rows, 0, readLabel),
  })
  return buildPreview(plan, wb, {
    fileName,
    sha256: sha256Of(buf),
    ...(opts.county ? { county: opts.county } : {}),
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
    ...(opts.clearBlanks ? { clearBlanks: true } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onProgress: (done, total) => opts.onProgress?.(done, total, checkLabel),
  })
}

export async function previewFile(plan: Plan, path: string, opts: PreviewFileOptions = {}): Promise<{ preview: ImportPreview; writes: PreviewWrites }> {
  const buf = readFileBytes(path, opts.limits ? { limits: opts.limits } : {})
  return previewBuffer(plan, buf, basename(path), opts)
}

const msg = (l: Label): string => `${l.zh} / ${l.en}`

/** A row's values for the JSON: a site reference as the site's code (never an internal id), a cleared cell (--clear-blanks) as null. */
function jsonValues(r: ImportPreviewRow): Record<string, unknown> {
  const out: Record<string, unknown> = { ...r.values }
  for (const [k, code] of Object.entries(r.refCodes ?? {})) out[k] = code
  for (const k of r.cleared ?? []) out[k] = null
  return out
}

function sheetJson(s: ImportSheetPreview): Record<string, unknown> {
  return {
    sheet: s.sheet,
    entity: s.entity,
    rows: s.rows.map((r) => ({
      source_row: r.sourceRow,
      action: r.action,
      values: jsonValues(r),
      issues: r.issues.map((i) => ({ field: i.field, severity: i.severity, message: msg(i.message) })),
    })),
    issues: s.issues.map((i) => ({ severity: i.severity, message: msg(i.message), source_row: i.sourceRow })),
    summary: s.summary,
  }
}

/** The command line's --dry-run --json document. */
export function previewJson(preview: ImportPreview): Record<string, unknown> {
  const [first, ...rest] = preview.sheets
  const out: Record<string, unknown> = { file: preview.fileName, ...sheetJson(first!) }
  if (rest.length > 0) out['more'] = rest.map(sheetJson)
  return out
}
