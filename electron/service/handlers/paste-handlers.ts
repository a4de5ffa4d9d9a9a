/**
 * rows.paste: the grid's paste, fill and clear. A block of raw texts is checked cell by cell through
 * the dictionary (previewEdits → coerceField) and shown to the user first; the commit writes only the
 * accepted cells, plus any rows the user chose to append, as ONE action (one undo step). The rule
 * engine's error rules judge every cell at preview and commit (paste-rule-verdicts.ts): a cell that
 * breaks one is rejected with the rule's message and the rest are written. The guards inside the
 * action stay the last word (a dry run shows their refusal in small previews).
 */
import type { z } from 'zod'
import type { CellPreview, CellVerdict, EditPreview, PasteBlockSchema, PasteResult } from '../../../shared/api/rows-api.ts'
import { fieldOf, type EntityKey, type FieldValue, type RowValues } from '../../../shared/dictionary/index.ts'
import { coerceField } from '../../../shared/values/coerce.ts'
import { AppError } from '../../../shared/api/errors.ts'
import type { Label } from '../../../shared/dictionary/types.ts'
import type { Plan } from '../plan.ts'
import type { Handlers, ServiceContext } from '../service-context.ts'
import { writeStamp } from '../repositories/write-stamp.ts'
import { ensureWritable, nextSiteCode } from './plan-helpers.ts'
import { coerceContext, previewEdits } from './rows-handlers.ts'
import { applyRuleVerdicts } from './paste-rule-verdicts.ts'

/** Above this many cells the preview carries the interesting cells and a sample of the rest. */
const MAX_PREVIEW_CELLS = 3000
/** Up to this many cells a preview also runs the write with the rule engine's guards, then rolls it back. */
const DRY_RUN_CELLS = 5000

class DryRunDone extends Error {}

interface AppendPlan {
  rows: RowValues[]
  cells: CellPreview[]
  counts: Record<CellVerdict, number>
}

/** Coerce the cells of rows to append; rejected and read-only cells are left out of the row. */
function previewAppend(plan: Plan, entity: EntityKey, rows: readonly Record<string, FieldValue>[]): AppendPlan {
  const ctx = coerceContext(plan)
  const counts: Record<CellVerdict, number> = { accepted: 0, adjusted: 0, rejected: 0, unchanged: 0, skipped: 0 }
  const cells: CellPreview[] = []
  const out: RowValues[] = []
  rows.forEach((raw, i) => {
    const id = -(i + 1)
    const values: RowValues = {}
    for (const [key, value] of Object.entries(raw)) {
      const push = (verdict: CellVerdict, newValue: FieldValue, message?: { zh: string; en: string }): void => {
        counts[verdict]++
        cells.push({ id, field: key, raw: value, verdict, oldValue: null, newValue, ...(message ? { message } : {}) })
      }
      let field = fieldOf(entity, key)
      if (entity === 'site' && field?.key === 'county') field = fieldOf('site', 'county_code')
      if (!field || field.derived) {
        push('skipped', null, { zh: `“${key}”列不可编辑`, en: `Column "${key}" cannot be edited` })
        continue
      }
      if (field.readOnly) {
        push('skipped', null, { zh: `${field.label.zh}为只读列，已跳过`, en: `${field.label.en} is read-only and was skipped` })
        continue
      }
      const r = coerceField(field, value, ctx)
      if (!r.ok) {
        push('rejected', null, r.reason)
        continue
      }
      values[field.key] = r.value
      push(r.adjusted ? 'adjusted' : 'accepted', r.value, r.adjusted)
    }
    if (entity === 'site' && typeof values['county_code'] === 'string') values['county'] = plan.regions.get(values['county_code'])?.name ?? null
    out.push(values)
  })
  return { rows: out, cells, counts }
}

/** Keep every cell that needs the user's eye; sample the plain accepted ones when the block is large. */
function trim(cells: CellPreview[]): { cells: CellPreview[]; truncated: boolean } {
  if (cells.length <= MAX_PREVIEW_CELLS) return { cells, truncated: false }
  const interesting = cells.filter((c) => c.verdict === 'rejected' || c.verdict === 'adjusted' || c.verdict === 'skipped')
  const rest = cells.filter((c) => c.verdict === 'accepted').slice(0, 200)
  return { cells: [...interesting.slice(0, MAX_PREVIEW_CELLS), ...rest], truncated: true }
}

type Edits = Parameters<typeof previewEdits>[2]

/** FNV-1a over the cells, so a commit can tell it carries the very cells its preview checked. */
function fingerprint(entity: EntityKey, edits: Edits, append: readonly Record<string, FieldValue>[]): string {
  let h = 0x811c9dc5
  const mix = (s: string): void => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
    h = Math.imul(h ^ 0x1f, 0x01000193)
  }
  mix(entity)
  for (const e of edits) {
    mix(String(e.id))
    mix(e.field)
    mix(typeof e.value === 'string' ? e.value : JSON.stringify(e.value))
  }
  for (const r of append) mix(JSON.stringify(r))
  return `${(h >>> 0).toString(16)}:${edits.length}:${append.length}`
}

interface Checked {
  preview: EditPreview
  writes: Map<number, RowValues>
  appended: AppendPlan
}

/** The last preview per plan, reused by its commit when the plan has not been written since. */
const lastPreview = new WeakMap<Plan, { token: string; stamp: string; checked: Checked }>()
let tokenSeq = 0

function check(plan: Plan, entity: EntityKey, edits: Edits, append: Record<string, FieldValue>[]): Checked {
  const { preview, writes } = previewEdits(plan, entity, edits)
  const appended = previewAppend(plan, entity, append)
  const counts = { ...preview.counts }
  for (const k of Object.keys(counts) as CellVerdict[]) counts[k] += appended.counts[k]
  const cells = appended.cells.length > 0 ? [...preview.cells, ...appended.cells] : preview.cells
  // the error rules judge each cell too, at any block size: a cell that breaks one is rejected with its message, the rest still go
  applyRuleVerdicts(plan, entity, writes, appended.rows, cells, counts)
  return { preview: { cells, counts }, writes, appended }
}

/** The block form expanded to cell edits (row by row, as the user reads it). */
function blockEdits(block: z.infer<typeof PasteBlockSchema> | undefined): Edits {
  if (!block) return []
  const out: Edits[number][] = []
  block.texts.forEach((row, r) => {
    const id = block.ids[r]
    if (id === undefined) return
    row.forEach((value, c) => {
      const field = block.fields[c]
      if (field !== undefined) out.push({ id, field, value })
    })
  })
  return out
}

/** Write the checked cells and appended rows as one action. */
function write(plan: Plan, entity: EntityKey, checked: Checked, label: Label): ReturnType<Plan['actions']['run']> {
  return plan.actions.run('paste', label, (rec) => {
    for (const [id, values] of checked.writes) rec.update(entity, id, values)
    for (const values of checked.appended.rows) {
      const row = { ...values }
      if (entity === 'site' && !row['code'] && typeof row['county_code'] === 'string') row['code'] = nextSiteCode(plan, row['county_code'])
      rec.insert(entity, row)
    }
  })
}

/** Run the write with its guards inside a transaction that is always rolled back: the rule engine's refusal, if any. */
function dryRun(plan: Plan, entity: EntityKey, checked: Checked): Label | null {
  try {
    plan.db.transaction(() => {
      write(plan, entity, checked, { zh: '预览', en: 'Preview' })
      throw new DryRunDone()
    })()
  } catch (e) {
    if (e instanceof DryRunDone) return null
    if (e instanceof AppError && e.code === 'RULE_VIOLATION') return e.label
    return null
  }
  return null
}

export function pasteBlock(
  plan: Plan,
  entity: EntityKey,
  input: {
    edits: Edits
    block?: z.infer<typeof PasteBlockSchema> | undefined
    append?: Record<string, FieldValue>[] | undefined
    commit: boolean
    token?: string | undefined
    label?: { zh: string; en: string } | undefined
  },
): PasteResult {
  const append = input.append ?? []
  const edits = input.block ? [...input.edits, ...blockEdits(input.block)] : input.edits
  const print = fingerprint(entity, edits, append)
  const cached = lastPreview.get(plan)
  const reuse = input.commit && input.token !== undefined && cached !== undefined && cached.token === input.token && cached.token.endsWith(`/${print}`) && cached.stamp === writeStamp(plan.db)
  const checked = reuse ? cached.checked : check(plan, entity, edits, append)
  const { counts } = checked.preview

  if (!input.commit) {
    const cellsToWrite = counts.accepted + counts.adjusted
    const refusal = cellsToWrite > 0 && cellsToWrite <= DRY_RUN_CELLS && !plan.readOnly ? dryRun(plan, entity, checked) : null
    const token = `${++tokenSeq}/${print}`
    lastPreview.set(plan, { token, stamp: writeStamp(plan.db), checked })
    const { cells, truncated } = trim(checked.preview.cells)
    return { preview: { cells, counts }, appendRows: checked.appended.rows.length, truncated, change: null, refusal, token }
  }

  ensureWritable(plan)
  lastPreview.delete(plan)
  const nCells = counts.accepted + counts.adjusted
  const label = input.label ?? { zh: `粘贴 ${nCells} 个单元格`, en: `Paste ${nCells} cell(s)` }
  const change = write(plan, entity, checked, label)
  // after a write the caller needs the counts and what was refused, not every accepted cell again
  const refused = checked.preview.cells.filter((c) => c.verdict === 'rejected').slice(0, 100)
  return { preview: { cells: refused, counts }, appendRows: checked.appended.rows.length, truncated: refused.length < counts.rejected, change, refusal: null, token: null }
}

export const pasteHandlers: Handlers<'rows.paste'> = {
  'rows.paste': ({ entity, edits, block, append, commit, token, label }, ctx: ServiceContext) => {
    const result = pasteBlock(ctx.plan(), entity, { edits, block, append, commit, token, label })
    const change = result.change
    if (!change || change.setId === null) return result
    // the rows travel once, with the plan.changed event every grid applies; the answer only says what was done
    ctx.emit('plan.changed', change)
    return { ...result, change: { setId: change.setId, label: change.label, affected: {} } }
  },
}

