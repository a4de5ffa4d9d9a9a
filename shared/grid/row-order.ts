/**
 * Where a row that arrives with a patch (undo of a delete, redo of an insert, an import) belongs in a
 * grid's row data: the service lists rows in a fixed order (sites by code then id, facilities and
 * workshops by site then id, see EntityRepository.listArrays), and a row put back by undo must land
 * where a reload would show it, not at the bottom. Pure: the grid turns the groups into transactions.
 */
import type { EntityKey, FieldValue } from '../dictionary/types.ts'

/** A row as the grids hold it: its id and its values by field. */
export type ListRow = { id: number } & Record<string, FieldValue | undefined>

/** SQLite's ascending order for the values we sort by: NULL first, numbers, then text by code unit. */
function cmpValue(a: FieldValue | undefined, b: FieldValue | undefined): number {
  const an = a === null || a === undefined
  const bn = b === null || b === undefined
  if (an || bn) return an && bn ? 0 : an ? -1 : 1
  const at = typeof a === 'number' ? 0 : 1
  const bt = typeof b === 'number' ? 0 : 1
  if (at !== bt) return at - bt
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const sa = String(a)
  const sb = String(b)
  return sa < sb ? -1 : sa > sb ? 1 : 0
}

/** The service's list order for an entity's rows. */
export function listOrder(entity: EntityKey): (a: ListRow, b: ListRow) => number {
  const key = entity === 'site' ? 'code' : 'site_id'
  return (a, b) => cmpValue(a[key], b[key]) || a.id - b.id
}

export interface InsertGroup<T extends ListRow> {
  /** index in the row data before which the rows go */
  index: number
  rows: T[]
}

/**
 * The rows to add, grouped by the index in `existing` (the grid's row data, in list order) before
 * which each belongs. Groups come last index first, so applying them in turn keeps the earlier
 * indices valid. A row goes after every existing row that sorts before or equal to it.
 */
export function insertionGroups<T extends ListRow>(entity: EntityKey, existing: readonly ListRow[], add: readonly T[]): InsertGroup<T>[] {
  const cmp = listOrder(entity)
  const sorted = [...add].sort(cmp)
  const groups: InsertGroup<T>[] = []
  // existing may be out of order where rows were inserted at a chosen place: a linear walk only relies on it locally
  let i = 0
  for (const row of sorted) {
    while (i < existing.length && cmp(existing[i]!, row) <= 0) i++
    const last = groups[groups.length - 1]
    if (last && last.index === i) last.rows.push(row)
    else groups.push({ index: i, rows: [row] })
  }
  return groups.reverse()
}
