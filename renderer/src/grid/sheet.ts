/**
 * The spreadsheet layer over AG Grid Community (range selection, copy/paste blocks, fill, find and the
 * selection statistics are enterprise-only there): one rectangular range kept by row id and column id,
 * so it survives sort, filter and refresh; resolved to displayed indices when the view changes. Cells
 * show the range, the fill handle, the fill preview and find hits through cellClassRules, so only the
 * rendered cells are touched. Network calls stay in the grid component; this module only computes.
 */
import type { CellClassParams, CellClassRules, GridApi, IRowNode } from 'ag-grid-community'
import type { RefObject } from 'react'
import { ENTITIES } from '../../../shared/dictionary/index.ts'
import type { EntityKey, FieldDef, FieldValue } from '../../../shared/dictionary/types.ts'
import type { CellBlock } from '../../../shared/grid/clipboard-text.ts'
import { continueSeries, defaultFillMode, type FillMode } from '../../../shared/grid/fill-series.ts'
import type { GridRow } from './columns.ts'

export const ROWNUM = '__rownum'

export interface CellPos {
  rowId: number
  colId: string
}

/** The selection as the user made it: by ids, with whole rows/columns as flags. */
export interface RangeModel {
  anchor: CellPos
  end: CellPos
  /** whole columns (a header click, Ctrl+A): every displayed row, whatever the filter */
  allRows: boolean
  /** whole rows (a row-number click, Ctrl+A) */
  allCols: boolean
}

/** The selection resolved to displayed row indices and displayed column positions (inclusive). */
export interface Rect {
  r0: number
  r1: number
  c0: number
  c1: number
}

export interface SelectionStats {
  cells: number
  count: number
  numericCount: number
  sum: number
  min: number | null
  max: number | null
  rows: number
  cols: number
}

export interface CellEditOut {
  id: number
  field: string
  value: FieldValue
}

export interface PastePlan {
  /** the block in compact form: texts[r][c] goes to row ids[r], field fields[c] */
  block: { ids: number[]; fields: string[]; texts: string[][] }
  /** cells the block covers */
  cells: number
  /** rows below the last displayed row, field → text, used only when the user asks to append */
  append: Record<string, FieldValue>[]
  /** the block's columns past the grid's last column */
  droppedCols: number
  /** the rectangle the paste covers (existing rows), to select after writing */
  rect: Rect | null
}

type Listener = () => void

export const CELL_CLASSES = ['rs-cell', 'rs-top', 'rs-bottom', 'rs-left', 'rs-right', 'rs-corner', 'rs-fill', 'find-hit', 'find-current'] as const
export type SheetClass = (typeof CELL_CLASSES)[number] | 'rs-rowhead'

/** cellClassRules bound to whichever Sheet the ref holds (the column defs exist before the grid API). */
export function sheetClassRules(ref: RefObject<Sheet | null>, colId: string): CellClassRules<GridRow> {
  const out: CellClassRules<GridRow> = {}
  const names: readonly SheetClass[] = colId === ROWNUM ? ['rs-rowhead'] : CELL_CLASSES
  for (const name of names) out[name] = (p) => ref.current?.cls(name, colId, p) ?? false
  return out
}

export class Sheet {
  readonly entity: EntityKey
  readonly api: GridApi<GridRow>
  private readonly fields: Map<string, FieldDef>
  model: RangeModel | null = null
  rect: Rect | null = null
  /** the fill handle's preview while dragging */
  fillRect: Rect | null = null
  cols: string[] = []
  private colIndex = new Map<string, number>()
  /** find: matches in display order and the current one */
  findHits: CellPos[] = []
  findCurrent = -1
  private findSet = new Set<string>()
  private listeners = new Set<Listener>()
  /** display text for a site id (facility/workshop grids) */
  siteName: ((id: number) => string) | undefined
  /** the range signature each rendered row (by id) was last painted with */
  private painted = new Map<number, string>()

  constructor(entity: EntityKey, api: GridApi<GridRow>) {
    this.entity = entity
    this.api = api
    this.fields = new Map(ENTITIES[entity].fields.map((f) => [f.key, f]))
    this.refreshColumns()
  }

  onChange(fn: Listener): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  private emit(): void {
    for (const l of this.listeners) l()
  }

  field(colId: string): FieldDef | undefined {
    return this.fields.get(colId)
  }

  // ---------- view changes ----------

  /** Displayed columns changed (shown/hidden/moved): re-index and re-resolve. */
  refreshColumns(): void {
    this.cols = this.api
      .getAllDisplayedColumns()
      .map((c) => c.getColId())
      .filter((id) => id !== ROWNUM)
    this.colIndex = new Map(this.cols.map((c, i) => [c, i]))
    this.resolve()
  }

  rowIndexOf(id: number): number | null {
    const node = this.api.getRowNode(String(id))
    return node && node.rowIndex !== null && node.displayed !== false ? node.rowIndex : null
  }

  rowAt(index: number): IRowNode<GridRow> | undefined {
    return this.api.getDisplayedRowAtIndex(index) ?? undefined
  }

  rowCount(): number {
    return this.api.getDisplayedRowCount()
  }

  /** Rows were sorted, filtered or changed: find the range again by its ids and repaint. */
  resolve(repaint = true): void {
    const m = this.model
    let rect: Rect | null = null
    const n = this.rowCount()
    if (m && n > 0 && this.cols.length > 0) {
      const ra = m.allRows ? 0 : this.rowIndexOf(m.anchor.rowId)
      const re = m.allRows ? n - 1 : this.rowIndexOf(m.end.rowId)
      const ca = m.allCols ? 0 : this.colIndex.get(m.anchor.colId)
      const ce = m.allCols ? this.cols.length - 1 : this.colIndex.get(m.end.colId)
      if (ra !== null && re !== null && ca !== undefined && ce !== undefined)
        rect = { r0: Math.min(ra, re), r1: Math.max(ra, re), c0: Math.min(ca, ce), c1: Math.max(ca, ce) }
    }
    this.rect = rect
    if (repaint) this.paintRange()
  }

  /** Every rendered cell re-evaluates its classes (find results and fill previews change them all). */
  repaint(): void {
    this.api.refreshCells({ suppressFlash: true })
    this.painted = this.signatures()
    this.emit()
  }

  /**
   * How a rendered row wears the range: its part of the rectangle, of the fill preview and the current
   * find hit. A row whose signature is unchanged needs no repaint.
   */
  private signatureOf(index: number, rowId: number): string {
    const part = (r: Rect | null): string => (r && index >= r.r0 && index <= r.r1 ? `${r.c0}-${r.c1}${index === r.r0 ? 't' : ''}${index === r.r1 ? 'b' : ''}` : '')
    const hit = this.findHits[this.findCurrent]
    return `${part(this.rect)}|${part(this.fillRect)}|${this.fillRect === null ? '' : 'f'}|${hit?.rowId === rowId ? hit.colId : ''}`
  }

  private signatures(): Map<number, string> {
    const out = new Map<number, string>()
    for (const n of this.api.getRenderedNodes()) if (n.data && n.rowIndex !== null && !n.rowPinned) out.set(n.data.id, this.signatureOf(n.rowIndex, n.data.id))
    return out
  }

  /**
   * Repaint only the rendered rows whose place in the range changed. Refreshing every cell on each
   * selection move or model update re-ran ~10 class rules on ~1,000 cells and made a cell edit wait.
   */
  private paintRange(): void {
    const now = this.signatures()
    const changed: IRowNode<GridRow>[] = []
    for (const n of this.api.getRenderedNodes()) if (n.data && now.get(n.data.id) !== this.painted.get(n.data.id)) changed.push(n)
    this.painted = now
    if (changed.length > 0) this.api.refreshCells({ rowNodes: changed, suppressFlash: true })
    this.emit()
  }

  // ---------- selecting ----------

  set(model: RangeModel | null): void {
    this.model = model
    this.resolve()
  }

  posAt(rowIndex: number, colIndex: number): CellPos | null {
    const node = this.rowAt(rowIndex)
    const col = this.cols[colIndex]
    if (!node?.data || col === undefined) return null
    return { rowId: node.data.id, colId: col }
  }

  selectCell(pos: CellPos): void {
    this.set({ anchor: pos, end: pos, allRows: false, allCols: false })
  }

  /** Shift+click / drag: keep the anchor, move the other corner. */
  extendTo(pos: CellPos): void {
    const m = this.model
    if (!m) return this.selectCell(pos)
    this.set({ ...m, end: pos })
  }

  selectColumn(colId: string, extend = false): void {
    const first = this.rowAt(0)?.data
    if (!first) return
    const m = this.model
    if (extend && m && m.allRows) this.set({ ...m, end: { rowId: m.end.rowId, colId } })
    else this.set({ anchor: { rowId: first.id, colId }, end: { rowId: first.id, colId }, allRows: true, allCols: false })
  }

  selectRow(rowId: number, extend = false): void {
    const m = this.model
    const firstCol = this.cols[0]
    if (firstCol === undefined) return
    if (extend && m && m.allCols) this.set({ ...m, end: { rowId, colId: m.end.colId } })
    else this.set({ anchor: { rowId, colId: firstCol }, end: { rowId, colId: firstCol }, allRows: false, allCols: true })
  }

  selectAll(): void {
    const first = this.rowAt(0)?.data
    const firstCol = this.cols[0]
    if (!first || firstCol === undefined) return
    const pos = { rowId: first.id, colId: firstCol }
    this.set({ anchor: this.model?.anchor ?? pos, end: pos, allRows: true, allCols: true })
  }

  /** Shift+arrow (one step) or Ctrl+Shift+arrow (to the edge): move the range's far corner. */
  extendBy(dr: number, dc: number, toEdge: boolean): void {
    const m = this.model
    const rect = this.rect
    if (!m || !rect) return
    const n = this.rowCount()
    const endR = m.allRows ? (dr !== 0 ? n - 1 : rect.r1) : (this.rowIndexOf(m.end.rowId) ?? rect.r1)
    const endC = m.allCols ? this.cols.length - 1 : (this.colIndex.get(m.end.colId) ?? rect.c1)
    let r = endR
    let c = endC
    if (dr !== 0) r = toEdge ? (m.allRows ? (dr < 0 ? 0 : n - 1) : this.dataEdge(endR, endC, dr, 0).r) : Math.max(0, Math.min(n - 1, endR + dr))
    if (dc !== 0) c = toEdge ? (m.allCols ? (dc < 0 ? 0 : this.cols.length - 1) : this.dataEdge(endR, endC, 0, dc).c) : Math.max(0, Math.min(this.cols.length - 1, endC + dc))
    const pos = this.posAt(r, c)
    if (!pos) return
    this.set({ ...m, end: pos, allRows: m.allRows && dr === 0, allCols: m.allCols && dc === 0 })
    this.api.ensureIndexVisible(r)
    this.api.ensureColumnVisible(pos.colId)
  }

  private isBlank(r: number, c: number): boolean {
    const node = this.rowAt(r)
    const col = this.cols[c]
    if (!node || col === undefined) return true
    const v = this.raw(node, col)
    return v === null || v === ''
  }

  /**
   * Where Ctrl+arrow lands from (r, c), as in Excel: from a filled cell with a filled neighbour, the last
   * filled cell of that run; otherwise the next filled cell that way; the grid's edge when there is none.
   */
  dataEdge(r: number, c: number, dr: number, dc: number): { r: number; c: number } {
    const n = this.rowCount()
    const m = this.cols.length
    const inside = (rr: number, cc: number): boolean => rr >= 0 && rr < n && cc >= 0 && cc < m
    if (!inside(r + dr, c + dc)) return { r, c }
    let rr = r + dr
    let cc = c + dc
    if (!this.isBlank(r, c) && !this.isBlank(rr, cc)) {
      while (inside(rr + dr, cc + dc) && !this.isBlank(rr + dr, cc + dc)) {
        rr += dr
        cc += dc
      }
      return { r: rr, c: cc }
    }
    while (inside(rr + dr, cc + dc) && this.isBlank(rr, cc)) {
      rr += dr
      cc += dc
    }
    return { r: rr, c: cc }
  }

  /** Move the active cell (keyboard): the grid's focus follows, and the range with it (onCellFocused). */
  moveTo(r: number, c: number): void {
    const n = this.rowCount()
    const row = Math.max(0, Math.min(n - 1, r))
    const col = this.cols[Math.max(0, Math.min(this.cols.length - 1, c))]
    if (n === 0 || col === undefined) return
    const pos = this.posAt(row, this.cols.indexOf(col))
    if (pos) this.selectCell(pos)
    this.api.ensureIndexVisible(row)
    this.api.ensureColumnVisible(col)
    this.api.setFocusedCell(row, col)
  }

  /** Ctrl+arrow, Home, End, Ctrl+Home, Ctrl+End from the active cell. */
  jump(kind: 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'first' | 'last'): void {
    const f = this.api.getFocusedCell()
    const a = this.active()
    const r = f && !f.rowPinned ? f.rowIndex : a ? (this.rowIndexOf(a.rowId) ?? 0) : 0
    const fc = f ? this.cols.indexOf(f.column.getColId()) : -1
    const c = fc >= 0 ? fc : a ? (this.colIndex.get(a.colId) ?? 0) : 0
    const last = this.cols.length - 1
    switch (kind) {
      case 'home':
        return this.moveTo(r, 0)
      case 'end':
        return this.moveTo(r, last)
      case 'first':
        return this.moveTo(0, 0)
      case 'last':
        return this.moveTo(this.rowCount() - 1, last)
      default: {
        const [dr, dc] = kind === 'up' ? [-1, 0] : kind === 'down' ? [1, 0] : kind === 'left' ? [0, -1] : [0, 1]
        const to = this.dataEdge(r, c, dr, dc)
        return this.moveTo(to.r, to.c)
      }
    }
  }

  /** The active cell: where a paste starts and what the status bar's history/filter-by-value use. */
  active(): CellPos | null {
    const rect = this.rect
    if (!rect) return null
    return this.posAt(rect.r0, rect.c0)
  }

  cellCount(): number {
    const r = this.rect
    return r ? (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1) : 0
  }

  /** Ids of the rows the range covers, in display order. */
  rowIds(): number[] {
    const r = this.rect
    if (!r) return []
    const out: number[] = []
    for (let i = r.r0; i <= r.r1; i++) {
      const d = this.rowAt(i)?.data
      if (d) out.push(d.id)
    }
    return out
  }

  // ---------- cell classes ----------

  private inRect(r: Rect | null, rowIndex: number | null, colId: string): boolean {
    if (!r || rowIndex === null) return false
    const c = this.colIndex.get(colId)
    return c !== undefined && rowIndex >= r.r0 && rowIndex <= r.r1 && c >= r.c0 && c <= r.c1
  }

  /** Whether a cell carries one of the spreadsheet classes (cellClassRules call this for rendered cells only). */
  cls(name: SheetClass, colId: string, p: CellClassParams<GridRow>): boolean {
    if (p.node.rowPinned) return false
    const i = p.node.rowIndex
    const r = this.rect
    switch (name) {
      case 'rs-cell':
        return this.inRect(r, i, colId)
      case 'rs-top':
        return this.inRect(r, i, colId) && i === r!.r0
      case 'rs-bottom':
        return this.inRect(r, i, colId) && i === r!.r1
      case 'rs-left':
        return this.inRect(r, i, colId) && this.colIndex.get(colId) === r!.c0
      case 'rs-right':
        return this.inRect(r, i, colId) && this.colIndex.get(colId) === r!.c1
      case 'rs-corner':
        return r !== null && i === r.r1 && this.colIndex.get(colId) === r.c1 && this.fillRect === null
      case 'rs-fill':
        return this.inRect(this.fillRect, i, colId) && !this.inRect(r, i, colId)
      case 'find-hit':
        return p.data !== undefined && this.findSet.has(`${p.data.id}:${colId}`)
      case 'find-current': {
        const h = this.findHits[this.findCurrent]
        return h !== undefined && p.data?.id === h.rowId && h.colId === colId
      }
      case 'rs-rowhead':
        return r !== null && i !== null && i >= r.r0 && i <= r.r1
    }
  }

  // ---------- values ----------

  raw(node: IRowNode<GridRow>, colId: string): FieldValue {
    const d = node.data
    if (!d) return null
    if (this.fields.has(colId)) return d[colId] ?? null
    const v: unknown = this.api.getCellValue({ rowNode: node, colKey: colId })
    return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : null
  }

  /** Text for the clipboard and find: numbers raw, dates ISO, enums their Chinese value, yes/no 是/否, sites by name. */
  text(node: IRowNode<GridRow>, colId: string): string {
    const v = this.raw(node, colId)
    if (v === null) return ''
    const f = this.fields.get(colId)
    if (f?.type === 'bool' || typeof v === 'boolean') return v === true ? '是' : '否'
    if (f?.type === 'site' && typeof v === 'number') return this.siteName?.(v) ?? String(v)
    return String(v)
  }

  /** The text the cell shows (through the column's formatter), as find should also match it: "1,363", "Urban", "2019年12月". */
  shownText(node: IRowNode<GridRow>, colId: string): string {
    const v: unknown = this.api.getCellValue({ rowNode: node, colKey: colId, useFormatter: true })
    return v === null || v === undefined ? '' : String(v)
  }

  isNumeric(colId: string): boolean {
    const f = this.fields.get(colId)
    return f ? f.type === 'int' || f.type === 'decimal' : true
  }

  stats(): SelectionStats | null {
    const r = this.rect
    if (!r) return null
    const cols = this.cols.slice(r.c0, r.c1 + 1)
    const numeric = cols.map((c) => this.isNumeric(c))
    const known = cols.map((c) => this.fields.has(c))
    let count = 0
    let numericCount = 0
    let sum = 0
    let min = Infinity
    let max = -Infinity
    for (let i = r.r0; i <= r.r1; i++) {
      const node = this.rowAt(i)
      const d = node?.data
      if (!node || !d) continue
      for (let k = 0; k < cols.length; k++) {
        const v = known[k] ? d[cols[k]!] : this.raw(node, cols[k]!)
        if (v === null || v === undefined || v === '') continue
        count++
        if (numeric[k] && typeof v === 'number') {
          numericCount++
          sum += v
          if (v < min) min = v
          if (v > max) max = v
        }
      }
    }
    return { cells: (r.r1 - r.r0 + 1) * cols.length, count, numericCount, sum, min: numericCount ? min : null, max: numericCount ? max : null, rows: r.r1 - r.r0 + 1, cols: cols.length }
  }

  /** The range as cell texts (for the clipboard), with which cells are numbers. */
  block(): { block: CellBlock; numeric: boolean[][] } | null {
    const r = this.rect
    if (!r) return null
    const cols = this.cols.slice(r.c0, r.c1 + 1)
    const block: CellBlock = []
    const numeric: boolean[][] = []
    for (let i = r.r0; i <= r.r1; i++) {
      const node = this.rowAt(i)
      if (!node?.data) continue
      block.push(cols.map((c) => this.text(node, c)))
      numeric.push(cols.map((c) => this.isNumeric(c) && typeof this.raw(node, c) === 'number'))
    }
    return { block, numeric }
  }

  // ---------- paste, fill, clear ----------

  /**
   * Where a block goes: one value fills the whole range; otherwise the block starts at the active
   * cell, over displayed rows and columns; rows past the end become rows to append.
   */
  pastePlan(block: CellBlock): PastePlan {
    const r = this.rect
    const out: PastePlan = { block: { ids: [], fields: [], texts: [] }, cells: 0, append: [], droppedCols: 0, rect: null }
    if (!r || block.length === 0) return out
    if (block.length === 1 && block[0]!.length === 1 && this.cellCount() > 1) {
      const value = block[0]![0]!
      out.block.fields = this.cols.slice(r.c0, r.c1 + 1)
      const row = out.block.fields.map(() => value)
      for (let i = r.r0; i <= r.r1; i++) {
        const d = this.rowAt(i)?.data
        if (!d) continue
        out.block.ids.push(d.id)
        out.block.texts.push(row)
      }
      out.cells = out.block.ids.length * row.length
      out.rect = r
      return out
    }
    // a selection that is a whole multiple of the block repeats it, as Excel does
    const selRows = r.r1 - r.r0 + 1
    const selCols = r.c1 - r.c0 + 1
    const bRows = block.length
    const bCols = block[0]!.length
    if ((selRows > bRows || selCols > bCols) && selRows % bRows === 0 && selCols % bCols === 0) {
      out.block.fields = this.cols.slice(r.c0, r.c1 + 1)
      for (let i = r.r0; i <= r.r1; i++) {
        const d = this.rowAt(i)?.data
        if (!d) continue
        const src = block[(i - r.r0) % bRows]!
        out.block.ids.push(d.id)
        out.block.texts.push(out.block.fields.map((_, c) => src[c % bCols] ?? ''))
      }
      out.cells = out.block.ids.length * selCols
      out.rect = r
      return out
    }
    const width = block[0]!.length
    const lastCol = Math.min(this.cols.length - 1, r.c0 + width - 1)
    out.droppedCols = r.c0 + width - 1 - lastCol
    out.block.fields = this.cols.slice(r.c0, lastCol + 1)
    const used = lastCol - r.c0 + 1
    const n = this.rowCount()
    for (let i = 0; i < block.length; i++) {
      const row = block[i]!
      const d = r.r0 + i < n ? this.rowAt(r.r0 + i)?.data : undefined
      if (d) {
        out.block.ids.push(d.id)
        out.block.texts.push(row.length === used ? row : row.slice(0, used))
      } else {
        const values: Record<string, FieldValue> = {}
        for (let c = 0; c < used; c++) {
          const v = row[c] ?? ''
          if (v !== '') values[out.block.fields[c]!] = v
        }
        out.append.push(values)
      }
    }
    out.cells = out.block.ids.length * used
    out.rect = { r0: r.r0, r1: Math.min(n - 1, r.r0 + block.length - 1), c0: r.c0, c1: lastCol }
    return out
  }

  /** Delete: empty every cell of the range (read-only and required cells are left to the service to skip/refuse). */
  clearEdits(): CellEditOut[] {
    const r = this.rect
    if (!r) return []
    const out: CellEditOut[] = []
    for (let i = r.r0; i <= r.r1; i++) {
      const node = this.rowAt(i)
      if (!node?.data) continue
      for (let c = r.c0; c <= r.c1; c++) {
        const col = this.cols[c]!
        const f = this.fields.get(col)
        if (!f || f.readOnly || f.derived) continue
        if (this.raw(node, col) !== null) out.push({ id: node.data.id, field: col, value: null })
      }
    }
    return out
  }

  /**
   * Fill from the range into target (which contains it and extends it one way). Each column (vertical
   * fill) or row (horizontal fill) continues its own seed.
   */
  fillEdits(target: Rect, modeFor: (seed: FieldValue[]) => FillMode): CellEditOut[] {
    const r = this.rect
    if (!r) return []
    const out: CellEditOut[] = []
    const vertical = target.r0 < r.r0 || target.r1 > r.r1
    if (vertical) {
      const seedRows: IRowNode<GridRow>[] = []
      for (let i = r.r0; i <= r.r1; i++) {
        const node = this.rowAt(i)
        if (node) seedRows.push(node)
      }
      const positions: { node: IRowNode<GridRow>; p: number }[] = []
      for (let i = target.r0; i <= target.r1; i++) {
        if (i >= r.r0 && i <= r.r1) continue
        const node = this.rowAt(i)
        if (node?.data) positions.push({ node, p: i - r.r0 })
      }
      for (let c = r.c0; c <= r.c1; c++) {
        const col = this.cols[c]!
        const seed = seedRows.map((n) => this.raw(n, col))
        const values = continueSeries(seed, positions.map((x) => x.p), modeFor(seed))
        positions.forEach((x, k) => out.push({ id: x.node.data!.id, field: col, value: values[k] ?? null }))
      }
    } else {
      const positions: number[] = []
      for (let c = target.c0; c <= target.c1; c++) if (c < r.c0 || c > r.c1) positions.push(c)
      for (let i = r.r0; i <= r.r1; i++) {
        const node = this.rowAt(i)
        if (!node?.data) continue
        const seed: FieldValue[] = []
        for (let c = r.c0; c <= r.c1; c++) seed.push(this.raw(node, this.cols[c]!))
        const values = continueSeries(seed, positions.map((c) => c - r.c0), modeFor(seed))
        positions.forEach((c, k) => out.push({ id: node.data!.id, field: this.cols[c]!, value: values[k] ?? null }))
      }
    }
    return out
  }

  /** Ctrl+D / Ctrl+R: copy the range's first row (column) into the rest of it; a single row copies the one above. */
  fillDownEdits(direction: 'down' | 'right'): CellEditOut[] {
    const r = this.rect
    if (!r) return []
    if (direction === 'down') {
      const source = r.r1 > r.r0 ? r.r0 : r.r0 - 1
      const src = this.rowAt(source)
      if (source < 0 || !src) return []
      const out: CellEditOut[] = []
      for (let i = source + 1; i <= r.r1; i++) {
        const d = this.rowAt(i)?.data
        if (!d) continue
        for (let c = r.c0; c <= r.c1; c++) out.push({ id: d.id, field: this.cols[c]!, value: this.raw(src, this.cols[c]!) })
      }
      return out
    }
    const source = r.c1 > r.c0 ? r.c0 : r.c0 - 1
    if (source < 0) return []
    const out: CellEditOut[] = []
    for (let i = r.r0; i <= r.r1; i++) {
      const node = this.rowAt(i)
      if (!node?.data) continue
      const v = this.raw(node, this.cols[source]!)
      for (let c = source + 1; c <= r.c1; c++) out.push({ id: node.data.id, field: this.cols[c]!, value: v })
    }
    return out
  }

  /** The fill target for a drag to (rowIndex, colIndex): the range grown in the one direction the pointer went furthest. */
  fillTarget(rowIndex: number, colIndex: number): Rect | null {
    const r = this.rect
    if (!r) return null
    const down = rowIndex - r.r1
    const up = r.r0 - rowIndex
    const right = colIndex - r.c1
    const left = r.c0 - colIndex
    const best = Math.max(down, up, right, left)
    if (best <= 0) return null
    if (best === down) return { ...r, r1: rowIndex }
    if (best === up) return { ...r, r0: rowIndex }
    if (best === right) return { ...r, c1: colIndex }
    return { ...r, c0: colIndex }
  }

  defaultMode(seed: FieldValue[], toggle: boolean): FillMode {
    const m = defaultFillMode(seed)
    return toggle ? (m === 'copy' ? 'series' : 'copy') : m
  }

  // ---------- find ----------

  find(query: string): number {
    const q = query.trim().toLowerCase()
    this.findHits = []
    this.findSet = new Set()
    this.findCurrent = -1
    if (q) {
      const n = this.rowCount()
      // columns whose cells show something else than their value (formatted numbers and dates, enum labels in English)
      // (plain text columns show their value as it is: no need to format them)
      const formatted = this.cols.map((c) => {
        const f = this.fields.get(c)
        if (f && (f.type === 'text' || f.type === 'county')) return false
        const def = this.api.getColumn(c)?.getColDef()
        return def !== undefined && (def.valueFormatter !== undefined || def.refData !== undefined)
      })
      for (let i = 0; i < n; i++) {
        const node = this.rowAt(i)
        if (!node?.data) continue
        for (let k = 0; k < this.cols.length; k++) {
          const col = this.cols[k]!
          if (this.text(node, col).toLowerCase().includes(q) || (formatted[k] && this.shownText(node, col).toLowerCase().includes(q))) {
            this.findHits.push({ rowId: node.data.id, colId: col })
            this.findSet.add(`${node.data.id}:${col}`)
          }
        }
      }
      if (this.findHits.length > 0) this.findCurrent = 0
    }
    this.showFindCurrent()
    return this.findHits.length
  }

  findStep(delta: number): void {
    const n = this.findHits.length
    if (n === 0) return
    this.findCurrent = (((this.findCurrent + delta) % n) + n) % n
    this.showFindCurrent()
  }

  clearFind(): void {
    this.findHits = []
    this.findSet = new Set()
    this.findCurrent = -1
    this.repaint()
  }

  private showFindCurrent(): void {
    const h = this.findHits[this.findCurrent]
    if (h) {
      const idx = this.rowIndexOf(h.rowId)
      if (idx !== null) {
        this.api.ensureIndexVisible(idx, 'middle')
        this.api.ensureColumnVisible(h.colId)
        this.selectCell(h)
        return
      }
    }
    this.repaint()
  }
}
