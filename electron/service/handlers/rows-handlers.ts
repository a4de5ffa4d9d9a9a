/**
 * Row handlers: list, preview and apply cell edits, insert and delete rows, undo/redo, cell history.
 * Every value goes through coerceField (the dictionary) and every write through the action runner.
 */
import type { ChangeResult } from '../../../shared/api/changes.ts'
import type { CellEdit, CellPreview, CellVerdict, EditPreview } from '../../../shared/api/rows-api.ts'
import { appError } from '../../../shared/api/errors.ts'
import { fieldOf, type EntityKey, type FieldValue, type RowValues } from '../../../shared/dictionary/index.ts'
import { coerceField, type CoerceContext } from '../../../shared/values/coerce.ts'
import type { Plan } from '../plan.ts'
import type { Handlers, ServiceContext } from '../service-context.ts'
import { ensureWritable, siteLookup, nextSiteCode } from './plan-helpers.ts'
import { SETTING_TABLE } from '../domain/setting-changes.ts'
import { planInfo } from './plan-handlers.ts'

type RowsMethods = 'rows.list' | 'rows.get' | 'rows.preview' | 'rows.update' | 'rows.insert' | 'rows.delete' | 'history.undo' | 'history.redo' | 'history.state' | 'history.cell'

export function coerceContext(plan: Plan): CoerceContext {
  const province = plan.settings.settings().province_code
  return {
    resolveCounty: (text) => plan.regions.resolveCounty(text, { within: province }) ?? plan.regions.resolveCounty(text),
    resolveSite: siteLookup(plan),
  }
}

/** Preview cell edits: what each would become, without writing. County edits set county and county_code together. */
export function previewEdits(plan: Plan, entity: EntityKey, edits: readonly CellEdit[]): { preview: EditPreview; writes: Map<number, RowValues> } {
  const ctx = coerceContext(plan)
  const repo = plan.repos[entity]
  const cells: CellPreview[] = []
  const writes = new Map<number, RowValues>()
  const counts: Record<CellVerdict, number> = { accepted: 0, adjusted: 0, rejected: 0, unchanged: 0, skipped: 0 }
  const rowCache = new Map<number, RowValues | undefined>()
  const current = (id: number): RowValues | undefined => {
    if (!rowCache.has(id)) rowCache.set(id, repo.get(id))
    return rowCache.get(id)
  }
  for (const e of edits) {
    const row = current(e.id)
    let field = fieldOf(entity, e.field)
    const push = (verdict: CellVerdict, newValue: FieldValue, message?: { zh: string; en: string }): void => {
      counts[verdict]++
      cells.push({ id: e.id, field: e.field, raw: e.value, verdict, oldValue: (row?.[e.field] ?? null) as FieldValue, newValue, ...(message ? { message } : {}) })
    }
    if (!row) {
      push('rejected', null, { zh: `找不到行 ${e.id}`, en: `Row ${e.id} not found` })
      continue
    }
    // the county name column is edited through the county picker: both county fields change together
    if (entity === 'site' && field?.key === 'county') field = fieldOf('site', 'county_code')
    if (!field || field.derived) {
      push('skipped', null, { zh: `“${e.field}”列不可编辑`, en: `Column "${e.field}" cannot be edited` })
      continue
    }
    if (field.readOnly) {
      push('skipped', null, { zh: `${field.label.zh}为只读列，已跳过`, en: `${field.label.en} is read-only and was skipped` })
      continue
    }
    const r = coerceField(field, e.value, ctx)
    if (!r.ok) {
      push('rejected', null, r.reason)
      continue
    }
    if (r.value === null && field.required) {
      push('rejected', null, { zh: `${field.label.zh}不能为空`, en: `${field.label.en} is required` })
      continue
    }
    const values = writes.get(e.id) ?? {}
    values[field.key] = r.value
    if (entity === 'site' && field.key === 'county_code' && typeof r.value === 'string') values['county'] = plan.regions.get(r.value)?.name ?? null
    const old = row[field.key] ?? null
    if (old === r.value && e.field !== 'county') {
      push('unchanged', r.value)
      continue
    }
    writes.set(e.id, values)
    push(r.adjusted ? 'adjusted' : 'accepted', e.field === 'county' ? (values['county'] ?? null) : r.value, r.adjusted)
  }
  return { preview: { cells, counts }, writes }
}

function coerceRow(plan: Plan, entity: EntityKey, raw: Record<string, FieldValue>): RowValues {
  const ctx = coerceContext(plan)
  const out: RowValues = {}
  for (const [key, value] of Object.entries(raw)) {
    const field = fieldOf(entity, key === 'county' ? 'county_code' : key)
    if (!field || field.derived) continue
    const r = coerceField(field, value, ctx)
    if (!r.ok) throw appError('INVALID_INPUT', r.reason.zh, r.reason.en)
    out[field.key] = r.value
  }
  if (entity === 'site' && typeof out['county_code'] === 'string') out['county'] = plan.regions.get(out['county_code'])?.name ?? null
  return out
}

function emitChange(ctx: ServiceContext, result: ChangeResult): ChangeResult {
  if (result.setId !== null) ctx.emit('plan.changed', result)
  // undoing or redoing a settings change: every view reads settings, so they reload
  if (result.setId !== null && result.tables?.includes(SETTING_TABLE)) ctx.emit('plan.opened', planInfo(ctx.plan()))
  return result
}

export const rowsHandlers: Handlers<RowsMethods> = {
  'rows.list': ({ entity, region, limit }, ctx) => {
    const repo = ctx.plan().repos[entity]
    const scope = { region: region ?? null }
    const rows = repo.listArrays(scope, limit)
    return { entity, columns: repo.columns(), rows, total: limit !== undefined && rows.length === limit ? repo.count(scope) : rows.length }
  },
  'rows.get': ({ entity, ids }, ctx) => ctx.plan().repos[entity].getMany(ids),
  'rows.preview': ({ entity, edits }, ctx) => previewEdits(ctx.plan(), entity, edits).preview,
  'rows.update': ({ entity, edits, label }, ctx) => {
    const plan = ensureWritable(ctx.plan())
    const { preview, writes } = previewEdits(plan, entity, edits)
    const rejected = preview.cells.filter((c) => c.verdict === 'rejected')
    if (rejected.length > 0) {
      const m = rejected[0]!.message!
      const more = rejected.length > 1 ? { zh: `（另有 ${rejected.length - 1} 处）`, en: ` (and ${rejected.length - 1} more)` } : { zh: '', en: '' }
      throw appError('INVALID_INPUT', m.zh + more.zh, m.en + more.en, { cells: rejected })
    }
    const n = edits.length
    const first = edits[0]!
    const fieldLabel = fieldOf(entity, first.field)?.label ?? { zh: first.field, en: first.field }
    const actionLabel = label ?? (n === 1 ? { zh: `修改${fieldLabel.zh}`, en: `Edit ${fieldLabel.en}` } : { zh: `修改 ${n} 个单元格`, en: `Edit ${n} cells` })
    const result = plan.actions.run('edit', actionLabel, (rec) => {
      for (const [id, values] of writes) rec.update(entity, id, values)
    })
    return emitChange(ctx, result)
  },
  'rows.insert': ({ entity, rows, label }, ctx) => {
    const plan = ensureWritable(ctx.plan())
    const coerced = rows.map((r) => coerceRow(plan, entity, r))
    const actionLabel = label ?? { zh: `新增 ${rows.length} 行`, en: `Insert ${rows.length} row(s)` }
    const result = plan.actions.run('insert', actionLabel, (rec) => {
      for (const values of coerced) {
        if (entity === 'site' && !values['code'] && typeof values['county_code'] === 'string') values['code'] = nextSiteCode(plan, values['county_code'])
        rec.insert(entity, values)
      }
    })
    return emitChange(ctx, result)
  },
  'rows.delete': ({ entity, ids }, ctx) => {
    const plan = ensureWritable(ctx.plan())
    const result = plan.actions.run('delete', { zh: `删除 ${ids.length} 行`, en: `Delete ${ids.length} row(s)` }, (rec) => {
      for (const id of ids) rec.delete(entity, id)
    })
    return emitChange(ctx, result)
  },
  'history.undo': (_i, ctx) => emitChange(ctx, ensureWritable(ctx.plan()).actions.undo()),
  'history.redo': (_i, ctx) => emitChange(ctx, ensureWritable(ctx.plan()).actions.redo()),
  'history.state': (_i, ctx) => ctx.plan().actions.state(),
  'history.cell': ({ entity, id, field }, ctx) =>
    ctx
      .plan()
      .actions.log.cellHistory(entity, id, field)
      .map((h) => ({
        setId: h.setId,
        at: h.at,
        label: h.label,
        kind: h.kind,
        op: h.op,
        oldValue: h.oldValue,
        newValue: h.newValue,
        state: h.state,
        batch: h.batchId !== null ? { id: h.batchId, fileName: h.fileName ?? '', importedAt: h.importedAt ?? '' } : null,
      })),
}
