/**
 * Per-cell rule verdicts for a paste, fill or clear: the rule engine's error rules (shared/rules, run
 * through CheckEngine.rowChecker) are applied to each row as the paste would leave it, and the pasted
 * cell a newly broken rule marks (or, when that one was not pasted, the pasted cells it reads) is
 * rejected with the rule's message, so the rest of the block can
 * still be written. Without this one bad cell made the action guard refuse the whole block. A rule the
 * row already broke before the paste does not reject anything (the guard lets such rows be edited too).
 * Runs for blocks of any size; the guard inside the action stays the last word.
 */
import type { CellPreview, CellVerdict } from '../../../shared/api/rows-api.ts'
import type { EntityKey, RowValues } from '../../../shared/dictionary/index.ts'
import { ruleById } from '../../../shared/rules/index.ts'
import type { Plan } from '../plan.ts'

/** A rule may read a field the pasted cell changes under another name: a site's county cell sets county and county_code. */
function storedKeys(entity: EntityKey, cellField: string): string[] {
  if (entity === 'site' && (cellField === 'county' || cellField === 'county_code')) return ['county_code', 'county']
  return [cellField]
}

type Checker = ReturnType<Plan['checks']['rowChecker']>

/**
 * Fix up a row's values until no new error rule fails: the values written, the row before (null for a
 * new row), and what to do with the cells of a field that has to go. Returns nothing; mutates values.
 */
function settleRow(
  plan: Plan,
  checker: Checker,
  entity: EntityKey,
  before: RowValues | null,
  values: RowValues,
  cellsOf: (key: string) => CellPreview[],
  reject: (cell: CellPreview, message: CellPreview['message']) => void,
  siteCache: Map<number, RowValues | undefined>,
): void {
  const siteOf = (row: RowValues): RowValues | undefined => {
    if (entity === 'site') return undefined
    const id = row['site_id']
    if (typeof id !== 'number') return undefined
    if (!siteCache.has(id)) siteCache.set(id, plan.repos.site.get(id))
    return siteCache.get(id)
  }
  // the rules the row broke before the paste, read only when the pasted row breaks one (most rows break none)
  let failedBefore: Set<string> | null = null
  const brokeBefore = (ruleId: string): boolean => {
    if (!failedBefore) {
      failedBefore = new Set()
      if (before) for (const r of checker(entity, before, siteOf(before))) if (r.severity === 'error') failedBefore.add(r.ruleId)
    }
    return failedBefore.has(ruleId)
  }
  // each pass removes at least one field, so this ends
  for (let pass = 0; pass < 64 && Object.keys(values).length > 0; pass++) {
    const row = { ...(before ?? {}), ...values }
    const broken = checker(entity, row, siteOf(row)).filter((r) => r.severity === 'error' && !brokeBefore(r.ruleId))
    if (broken.length === 0) return
    for (const b of broken) {
      // the cell the rule marks goes first (已搬迁入住 when it exceeds 规划); else the other pasted fields it reads
      const fields = ruleById(b.ruleId)?.fields ?? [b.field]
      let keys = b.field in values ? [b.field] : Object.keys(values).filter((k) => fields.includes(k))
      // a rule broken without reading a pasted field (it reads the site): every pasted cell of the row goes
      if (keys.length === 0) keys = Object.keys(values)
      for (const k of keys) {
        for (const k2 of storedKeys(entity, k)) {
          for (const cell of cellsOf(k2)) reject(cell, b.message)
          delete values[k2]
        }
      }
    }
  }
}

/**
 * Apply the error rules to the writes of a checked paste: cells are turned from accepted/adjusted into
 * rejected (with the rule's message), their values dropped from writes and from the rows to append,
 * and the counts moved with them.
 */
export function applyRuleVerdicts(
  plan: Plan,
  entity: EntityKey,
  writes: Map<number, RowValues>,
  appendRows: RowValues[],
  cells: CellPreview[],
  counts: Record<CellVerdict, number>,
): void {
  const checker = plan.checks.rowChecker()
  const repo = plan.repos[entity]
  // the cells that wrote each stored key of each row
  const byRow = new Map<number, Map<string, CellPreview[]>>()
  for (const c of cells) {
    if (c.verdict !== 'accepted' && c.verdict !== 'adjusted') continue
    let m = byRow.get(c.id)
    if (!m) byRow.set(c.id, (m = new Map()))
    for (const k of storedKeys(entity, c.field)) {
      const list = m.get(k)
      if (list) list.push(c)
      else m.set(k, [c])
    }
  }
  const reject = (cell: CellPreview, message: CellPreview['message']): void => {
    if (cell.verdict !== 'accepted' && cell.verdict !== 'adjusted') return
    counts[cell.verdict]--
    counts.rejected++
    cell.verdict = 'rejected'
    cell.newValue = null
    if (message) cell.message = message
    else delete cell.message
  }
  const siteCache = new Map<number, RowValues | undefined>()
  for (const [id, values] of writes) {
    const before = repo.get(id)
    if (!before) continue
    const m = byRow.get(id)
    settleRow(plan, checker, entity, before, values, (k) => m?.get(k) ?? [], reject, siteCache)
    if (Object.keys(values).length === 0) writes.delete(id)
  }
  appendRows.forEach((values, i) => {
    const m = byRow.get(-(i + 1))
    settleRow(plan, checker, entity, null, values, (k) => m?.get(k) ?? [], reject, siteCache)
  })
}
