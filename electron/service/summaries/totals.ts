/**
 * Subtotals and totals of a summary table, the way official statistical tables carry them: detail
 * rows, then a 小计 row closing each innermost group (a county in the register), a 合计 row closing each
 * outer group (a prefecture), and the scope's 总计 last. Sums add up the detail rows exactly; ratio
 * columns are recomputed from their summed numerator and denominator, never averaged.
 */
import type { FieldValue } from '../../../shared/dictionary/types.ts'
import type { ReportColumn, ReportRow, ReportRowKind } from '../../../shared/api/reports-api.ts'
import type { GroupRef } from './region-scope.ts'

export interface LeafRow {
  /** groups outermost first; every leaf of a table has the same depth */
  path: GroupRef[]
  cells: Record<string, FieldValue>
  region?: string
  siteId?: number
}

export interface TotalsOptions {
  /** the column that carries the row's name (小计/合计 labels go there) */
  labelKey: string
  /** the sequence-number column, numbered over detail rows */
  seqKey?: string
  /** number the detail rows from 1 again in every innermost group (a county's sites in the register) */
  seqPerGroup?: boolean
  /** label of a group's closing row, by depth (0 = outermost) */
  groupLabel(group: GroupRef, depth: number, depthCount: number): string
  grand: { label: string; region: string | null }
}

type Sums = Map<string, number>

/** The summed keys of a table: every numeric cell of any leaf, except the columns that do not sum. */
function sumKeys(leaves: readonly LeafRow[], skip: Set<string>): string[] {
  const keys = new Set<string>()
  for (const l of leaves) for (const k in l.cells) if (!skip.has(k) && !keys.has(k) && typeof l.cells[k] === 'number') keys.add(k)
  return [...keys]
}

function toSums(keys: readonly string[], acc: Float64Array): Sums {
  return new Map(keys.map((k, i) => [k, acc[i]!]))
}

export function ratio(num: number | undefined, den: number | undefined): number | null {
  return num !== undefined && den !== undefined && den > 0 ? num / den : null
}

/** A closing row's cells from its sums, following each column's total rule. */
export function totalCells(columns: readonly ReportColumn[], sums: Sums, label: { key: string; text: string }): Record<string, FieldValue> {
  const cells: Record<string, FieldValue> = {}
  for (const [k, v] of sums) cells[k] = v
  for (const c of columns) {
    if (c.total === 'ratio' && c.ratio) cells[c.key] = ratio(sums.get(c.ratio[0]), sums.get(c.ratio[1]))
    else if (c.total !== 'sum') cells[c.key] = null
    else cells[c.key] = sums.get(c.key) ?? 0
  }
  cells[label.key] = label.text
  return cells
}

/** Detail rows with their 小计/合计 rows and the 总计, in print order. Leaves must be sorted by path. */
export function withTotals(leaves: readonly LeafRow[], columns: readonly ReportColumn[], opts: TotalsOptions): ReportRow[] {
  const skip = new Set(columns.filter((c) => c.total === 'none' || c.total === 'value' || c.total === 'ratio').map((c) => c.key))
  if (opts.seqKey) skip.add(opts.seqKey)
  const keys = sumKeys(leaves, skip)
  const depth = leaves[0]?.path.length ?? 0
  const out: ReportRow[] = []
  const open: { group: GroupRef; acc: Float64Array }[] = []
  const grand = new Float64Array(keys.length)
  const kindAt = (d: number): ReportRowKind => (d === depth - 1 ? 'subtotal' : 'total')
  const close = (toDepth: number): void => {
    while (open.length > toDepth) {
      const d = open.length - 1
      const g = open.pop()!
      out.push({ kind: kindAt(d), region: g.group.code, cells: totalCells(columns, toSums(keys, g.acc), { key: opts.labelKey, text: opts.groupLabel(g.group, d, depth) }) })
    }
  }
  let seq = 0
  for (const leaf of leaves) {
    let same = 0
    while (same < open.length && same < leaf.path.length && open[same]!.group.code === leaf.path[same]!.code && open[same]!.group.name === leaf.path[same]!.name) same++
    close(same)
    if (opts.seqPerGroup && open.length < leaf.path.length) seq = 0
    for (let d = open.length; d < leaf.path.length; d++) open.push({ group: leaf.path[d]!, acc: new Float64Array(keys.length) })
    const cells = leaf.cells
    if (opts.seqKey) cells[opts.seqKey] = ++seq
    out.push({ kind: 'detail', cells, ...(leaf.region ? { region: leaf.region } : {}), ...(leaf.siteId !== undefined ? { siteId: leaf.siteId } : {}) })
    for (let i = 0; i < keys.length; i++) {
      const v = cells[keys[i]!]
      if (typeof v !== 'number') continue
      grand[i] = grand[i]! + v
      for (const g of open) g.acc[i] = g.acc[i]! + v
    }
  }
  close(0)
  out.push({ kind: 'grand', ...(opts.grand.region ? { region: opts.grand.region } : {}), cells: totalCells(columns, toSums(keys, grand), { key: opts.labelKey, text: opts.grand.label }) })
  return out
}
