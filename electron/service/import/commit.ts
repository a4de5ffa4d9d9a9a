/**
 * Committing a preview and rolling a batch back. A commit is ONE action (one transaction, one change
 * set tied to the import batch, one undo step); a cancelled or refused commit leaves nothing behind,
 * not even the batch row. Rollback later is a new action that reverses the batch's changes, leaving
 * alone cells that were changed again since (and saying how many).
 */
import type { ChangeResult } from '../../../shared/api/changes.ts'
import { appError } from '../../../shared/api/errors.ts'
import type { ImportCommitResult, ImportPreview, ImportSummary } from '../../../shared/api/import-api.ts'
import type { EntityKey, FieldValue, RowValues } from '../../../shared/dictionary/types.ts'
import { ensureWritable } from '../handlers/plan-helpers.ts'
import type { Plan } from '../plan.ts'
import { ImportBatchRepository, rollbackKind } from '../repositories/import-batch-repository.ts'
import { throwIfAborted } from './errors.ts'
import type { PreviewWrites } from './preview.ts'
import { backupBeforeImport } from '../safety/plan-backups.ts'

export interface CommitOptions {
  excludedRows?: readonly string[]
  excludedCells?: readonly { row: string; field: string }[]
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

interface PlannedWrite {
  key: string
  entity: EntityKey
  id: number | null
  values: RowValues
}

export function commitPreview(plan: Plan, preview: ImportPreview, writes: PreviewWrites, opts: CommitOptions): ImportCommitResult {
  ensureWritable(plan)
  const excludedRows = new Set(opts.excludedRows ?? [])
  const excludedCells = new Map<string, Set<string>>()
  for (const c of opts.excludedCells ?? []) {
    let s = excludedCells.get(c.row)
    if (!s) excludedCells.set(c.row, (s = new Set()))
    s.add(c.field)
  }
  const counts: ImportSummary = { insert: 0, update: 0, unchanged: 0, reject: 0 }
  const planned: PlannedWrite[] = []
  preview.sheets.forEach((sheet, i) => {
    const w = writes.sheets[i]!
    for (const row of sheet.rows) {
      if (excludedRows.has(row.key)) continue
      const write = w.rows.get(row.key)
      if (!write) {
        counts[row.action]++
        continue
      }
      const skip = excludedCells.get(row.key)
      let values: RowValues
      if (row.action === 'update') {
        values = {}
        for (const ch of row.changes) if (!skip?.has(ch.field) && !(skip?.has('county') && ch.field === 'county_code')) values[ch.field] = ch.new
      } else {
        values = { ...write.values }
        for (const f of skip ?? []) delete values[f]
        if (skip?.has('county') || skip?.has('county_code')) {
          delete values['county']
          delete values['county_code']
        }
      }
      if (Object.keys(values).length === 0) {
        counts.unchanged++
        continue
      }
      counts[row.action]++
      planned.push({ key: row.key, entity: sheet.entity, id: write.id, values })
    }
  })
  // a facility or workshop of a site this workbook inserts: not written when that site row is excluded
  const insertedSiteKeys = new Set(planned.filter((p) => p.entity === 'site' && p.id === null).map((p) => p.key))
  for (let i = planned.length - 1; i >= 0; i--) {
    const ref = planned[i]!.values['site_id']
    if (typeof ref === 'number' && ref < 0 && !insertedSiteKeys.has(writes.pendingSites.get(ref) ?? '')) {
      const p = planned.splice(i, 1)[0]!
      counts[p.id === null ? 'insert' : 'update']--
      counts.reject++
    }
  }
  const first = preview.sheets[0]!
  const label = { zh: `导入 ${preview.fileName}`, en: `Import ${preview.fileName}` }
  if (planned.length === 0) return { setId: null, label, affected: {}, batchId: null, counts }
  const batches = new ImportBatchRepository(plan.db)
  const total = planned.length
  // a consistent snapshot of the plan before the import (issue 9: automatic backups before every import)
  backupBeforeImport(plan)
  return plan.db.transaction((): ImportCommitResult => {
    const batchId = batches.create({ fileName: preview.fileName, sha256: preview.sha256, sheet: first.sheet, entity: preview.sheets.map((s) => s.entity).join(','), counts })
    const seq = new Map<string, number>()
    const newSiteIds = new Map<string, number>()
    const nextCode = (county: string): string => {
      const n = (seq.get(county) ?? plan.repos.site.maxSiteSeq(county)) + 1
      seq.set(county, n)
      return `${county}-${String(n).padStart(3, '0')}`
    }
    const result = plan.actions.run(
      'import',
      label,
      (rec) => {
        planned.forEach((p, i) => {
          if (i % 500 === 0) {
            throwIfAborted(opts.signal)
            opts.onProgress?.(i, total)
          }
          const ref = p.values['site_id']
          const values = typeof ref === 'number' && ref < 0 ? { ...p.values, site_id: newSiteIds.get(writes.pendingSites.get(ref) ?? '') ?? null } : p.values
          if (p.id === null) {
            if (p.entity === 'site' && !values['code'] && typeof values['county_code'] === 'string') values['code'] = nextCode(values['county_code'])
            const id = rec.insertCanonical(p.entity, values)
            if (p.entity === 'site') newSiteIds.set(p.key, id)
          } else rec.update(p.entity, p.id, values)
        })
        opts.onProgress?.(total, total)
      },
      { batchId },
    )
    if (result.setId === null) {
      batches.delete(batchId)
      return { ...result, batchId: null, counts }
    }
    return { ...result, batchId, counts }
  })()
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

export function rollbackBatch(plan: Plan, batchId: number): ChangeResult & { skipped: number } {
  ensureWritable(plan)
  const batches = new ImportBatchRepository(plan.db)
  const batch = batches.get(batchId)
  if (!batch) throw appError('NOT_FOUND', `找不到导入批次 ${batchId}`, `Import batch ${batchId} not found`)
  if (batch.state === 'rolled_back') throw appError('CONFLICT', `导入批次 ${batchId}（${batch.fileName}）已撤回`, `Import batch ${batchId} (${batch.fileName}) was already rolled back`)
  const set = batches.changeSetOf(batchId)
  if (!set || set.state !== 'done') throw appError('CONFLICT', `导入批次 ${batchId} 已撤销`, `Import batch ${batchId} was undone`)
  const changes = plan.actions.log.changesOf(set.id)
  let skipped = 0
  const label = { zh: `撤回导入 ${batch.fileName}`, en: `Roll back import ${batch.fileName}` }
  const result = plan.actions.run(rollbackKind(batchId), label, (rec) => {
    for (const c of [...changes].reverse()) {
      const repo = plan.repos[c.entity]
      const current = repo.get(c.rowId)
      if (c.op === 'insert') {
        if (current) rec.delete(c.entity, c.rowId)
      } else if (c.op === 'update' && c.field) {
        if (!current) continue
        if (sameValue(current[c.field], c.newValue)) rec.update(c.entity, c.rowId, { [c.field]: (c.oldValue ?? null) as FieldValue })
        else skipped++
      }
    }
  })
  batches.setState(batchId, 'rolled_back')
  return { ...result, skipped }
}
