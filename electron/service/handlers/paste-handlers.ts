/**
 * rows.paste: the grid's paste, fill and clear. A block of raw texts is checked cell by cell through
 * the dictionary (previewEdits → coerceField) and shown to the user first; the commit writes only the
 * accepted cells, plus any rows the user chose to append, as ONE action (one undo step). The rule
 * engine's guards run inside that action and refuse it whole with their message.
 */
import type { CellPreview, CellVerdict, EditPreview, PasteResult } from '../../../shared/api/rows-api.ts'
import { fieldOf, type EntityKey, type FieldValue, type RowValues } from '../../../shared/dictionary/index.ts'
import { coerceField } from '../../../shared/values/coerce.ts'
import type { Plan } from '../plan.ts'
import type { Handlers, ServiceContext } from '../service-context.ts'
import { ensureWritable, nextSiteCode } from './plan-helpers.ts'
import { coerceContext, previewEdits } from './rows-handlers.ts'

/** Above this many cells the preview carries the interesting cells and a sample of the rest. */
const MAX_PREVIEW_CELLS = 3000

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

export function pasteBlock(
  plan: Plan,
  entity: EntityKey,
  input: { edits: Parameters<typeof previewEdits>[2]; append?: Record<string, FieldValue>[] | undefined; commit: boolean; label?: { zh: string; en: string } | undefined },
): PasteResult {
  const { preview, writes } = previewEdits(plan, entity, input.edits)
  const appended = previewAppend(plan, entity, input.append ?? [])
  const counts = { ...preview.counts }
  for (const k of Object.keys(counts) as CellVerdict[]) counts[k] += appended.counts[k]
  const all = appended.cells.length > 0 ? [...preview.cells, ...appended.cells] : preview.cells
  const { cells, truncated } = trim(all)
  const full: EditPreview = { cells, counts }
  if (!input.commit) return { preview: full, appendRows: appended.rows.length, truncated, change: null }

  ensureWritable(plan)
  const nCells = counts.accepted + counts.adjusted
  const label = input.label ?? { zh: `粘贴 ${nCells} 个单元格`, en: `Paste ${nCells} cell(s)` }
  const change = plan.actions.run('paste', label, (rec) => {
    for (const [id, values] of writes) rec.update(entity, id, values)
    for (const values of appended.rows) {
      if (entity === 'site' && !values['code'] && typeof values['county_code'] === 'string') values['code'] = nextSiteCode(plan, values['county_code'])
      rec.insert(entity, values)
    }
  })
  return { preview: full, appendRows: appended.rows.length, truncated, change }
}

export const pasteHandlers: Handlers<'rows.paste'> = {
  'rows.paste': ({ entity, edits, append, commit, label }, ctx: ServiceContext) => {
    const result = pasteBlock(ctx.plan(), entity, { edits, append, commit, label })
    if (result.change && result.change.setId !== null) ctx.emit('plan.changed', result.change)
    return result
  },
}

