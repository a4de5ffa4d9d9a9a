/**
 * Reading the layout of one sheet the way a planner would: find the header block among the first
 * rows, rebuild multi-row merged headers into column paths, map columns to dictionary fields, then
 * walk the rows below it — skipping title, as-of, unit, column-number, blank, hidden, footer and
 * notes rows, recognising 合计/总计/小计 rows (and checking them against their detail rows later), and
 * filling vertically merged cells (a county written once for several sites) down.
 */
import { ENTITIES, type EntityKey, type FieldDef } from '../../../shared/dictionary/index.ts'
import type { MoneyUnit } from '../../../shared/values/coerce.ts'
import { trimAll } from '../../../shared/values/normalize-text.ts'
import { fieldIndex, isHeaderLike, matchPath, normHeader } from './header-match.ts'
import type { RawCell, RawSheet } from './types.ts'

export interface MappedColumn {
  /** 1-based column */
  col: number
  /** header path as written (trimmed) */
  path: string[]
  field: FieldDef
  /** money column: the unit its bare numbers are in, from its header, the unit row or the unit line */
  moneyUnit: MoneyUnit
}

export interface IgnoredColumn {
  col: number
  header: string
}

export interface DataRow {
  /** 1-based row number as the spreadsheet shows it (CSV: line number) */
  sourceRow: number
  cells: RawCell[]
}

export interface TotalRow {
  sourceRow: number
  kind: 'subtotal' | 'total'
  label: string
  cells: RawCell[]
  /** index into dataRows of the first detail row after the previous subtotal */
  groupStart: number
  /** number of detail rows before it */
  groupEnd: number
}

export interface SheetLayout {
  sheet: string
  entity: EntityKey
  headerRows: [number, number]
  /** a row of units under the header (户 / 人 / 万元 …), not a data row */
  unitRow: number | null
  columns: MappedColumn[]
  ignored: IgnoredColumn[]
  /** facility and workshop sheets: columns naming the county (not a field of theirs) that scope site names */
  countyColumns: { code?: number; name?: number }
  dataRows: DataRow[]
  totals: TotalRow[]
  hiddenSkipped: number[]
  /** the text above the header (title, as-of, 填报单位, unit line) */
  preamble: string[]
  /** fields matched per entity (to choose the sheet) */
  score: number
}

const SCAN_ROWS = 40
const MAX_HEADER_ROWS = 5

export function cellText(v: RawCell): string {
  if (v === null) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  return trimAll(String(v))
}

const COLUMN_NUMBER = /^[(（]?(\d{1,3}|[甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥]|[一二三四五六七八九十]{1,3})[)）]?$/
function isColumnNumberRow(cells: RawCell[]): boolean {
  let n = 0
  for (const c of cells) {
    if (c === null) continue
    if (typeof c === 'number') {
      if (!Number.isInteger(c) || c < 0 || c > 200) return false
    } else if (!COLUMN_NUMBER.test(cellText(c).replace(/\s+/g, ''))) return false
    n++
  }
  return n >= 3
}

const TOTAL = /^(合计|总计|小计|共计|累计|总合计)$|^(全[省市州县区]|本[县市区])?(合计|总计)$|(合计|小计|总计)$/
function totalKind(cells: RawCell[], maxCol: number): { kind: 'subtotal' | 'total'; label: string } | null {
  const n = Math.min(cells.length, maxCol)
  for (let c = 0; c < n; c++) {
    const v = cells[c]
    if (typeof v !== 'string' || !v.includes('计')) continue
    const t = normHeader(v)
    if (t.length === 0 || t.length > 14) continue
    if (TOTAL.test(t)) return { kind: t.includes('小计') ? 'subtotal' : 'total', label: trimAll(v) }
  }
  return null
}

const FOOTER = /^(填表人|填报人|审核人|审核|制表人|制表|单位负责人|负责人|联系电话|填报日期|填表日期|填报说明|填表说明|说明|注|附注)[:：]/
function isFooterRow(cells: RawCell[]): boolean {
  const first = cells.find((c) => !isBlank(c))
  if (typeof first !== 'string') return false
  const t = trimAll(first).replace(/[\s\u00a0\u3000]+/g, '')
  return FOOTER.test(t) || /^(填表人|审核人|填报说明|填表说明)/.test(t)
}

const BLANK_CHARS = new Set([0x20, 0x09, 0x0a, 0x0d, 0xa0, 0x3000, 0x200b, 0xfeff, 0x0b, 0x0c])
/** A cell holding nothing but spaces (fast: most cells are decided by their first character). */
export function isBlank(c: RawCell | undefined): boolean {
  if (c === null || c === undefined) return true
  if (typeof c !== 'string') return false
  for (let i = 0; i < c.length; i++) if (!BLANK_CHARS.has(c.charCodeAt(i))) return false
  return true
}

function nonEmptyCount(cells: RawCell[] | undefined): number {
  if (!cells) return 0
  let n = 0
  for (const c of cells) if (!isBlank(c)) n++
  return n
}

function headerScore(cells: RawCell[] | undefined): { hits: number; filled: number; numeric: boolean } {
  let hits = 0
  let filled = 0
  let numeric = false
  for (const c of cells ?? []) {
    if (c === null) continue
    const t = cellText(c)
    if (t === '') continue
    filled++
    if (typeof c === 'number' || c instanceof Date || /^[\d,，.\s]+$/.test(t)) numeric = true
    else if (isHeaderLike(t)) hits++
  }
  return { hits, filled, numeric }
}

/** Cells of a header row with merged ranges filled in from their top-left cell. */
function withMerges(sheet: RawSheet, row: number): RawCell[] {
  const cells = [...(sheet.rows[row] ?? [])]
  for (const m of sheet.merges) {
    if (row < m.top || row > m.bottom) continue
    const master = sheet.rows[m.top]?.[m.left - 1] ?? null
    for (let c = m.left; c <= m.right; c++) if (cells[c - 1] === null || cells[c - 1] === undefined) cells[c - 1] = master
  }
  for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null
  return cells
}

function findHeaderBlock(sheet: RawSheet): [number, number] | null {
  const last = Math.min(sheet.rows.length - 1, SCAN_ROWS)
  let start = -1
  for (let r = 1; r <= last; r++) {
    const s = headerScore(sheet.rows[r])
    if (s.hits >= 2 && s.hits >= s.filled * 0.5 && !s.numeric) {
      start = r
      break
    }
  }
  if (start < 0) return null
  let end = start
  // rows covered by a vertical merge that starts in the first header row
  for (const m of sheet.merges) if (m.top === start && m.bottom > end && m.bottom - start < MAX_HEADER_ROWS) end = m.bottom
  for (let r = end + 1; r < start + MAX_HEADER_ROWS && r < sheet.rows.length; r++) {
    const cells = sheet.rows[r]
    if (!cells || nonEmptyCount(cells) === 0) break
    if (isColumnNumberRow(cells)) break
    const s = headerScore(cells)
    if (s.numeric || s.hits === 0 || s.hits < s.filled * 0.6) break
    end = r
  }
  return [start, end]
}

/** Column paths of the header block: merged cells filled, parent labels carried right over their children. */
function headerPaths(sheet: RawSheet, [start, end]: [number, number]): string[][] {
  const grid: RawCell[][] = []
  let width = 0
  for (let r = start; r <= end; r++) {
    const cells = withMerges(sheet, r)
    grid.push(cells)
    width = Math.max(width, cells.length)
  }
  // a flattened multi-row header (CSV) writes a parent label only above its first child
  for (let i = 0; i < grid.length - 1; i++) {
    const up = grid[i]!
    const down = grid[i + 1]!
    for (let c = 1; c < width; c++) {
      const empty = up[c] === null || up[c] === undefined || cellText(up[c] ?? null) === ''
      if (empty && up[c - 1] != null && cellText(up[c - 1] ?? null) !== '' && down[c] != null && down[c - 1] != null && cellText(down[c] ?? null) !== '' && cellText(down[c - 1] ?? null) !== '')
        up[c] = up[c - 1] ?? null
    }
  }
  const paths: string[][] = []
  for (let c = 0; c < width; c++) {
    const path: string[] = []
    for (const row of grid) {
      const t = cellText(row[c] ?? null).replace(/[\s\u00a0\u3000]+/g, ' ')
      if (t !== '' && path[path.length - 1] !== t) path.push(t)
    }
    paths.push(path)
  }
  return paths
}

/** The money unit a text names (亿元 before 万元 before 元), or null. */
function moneyUnitIn(text: string): MoneyUnit | null {
  if (/亿元/.test(text)) return '亿元'
  if (/万元/.test(text)) return '万元'
  if (/元/.test(text)) return '元'
  return null
}

const UNIT_CELL = /^[(（]?(单位[:：]?)?(万元|亿元|元|户|人|套|个|所|处|座|间|名|平方米|平米|㎡|m2|m²|公里|km|%|％|亩|张|床位|年月|年|月|日|元\/月|元\/人)[)）]?$/i
/** A row that holds only units (户 / 人 / 万元 …), one per column: a second line of the header. */
function isUnitRow(cells: RawCell[] | undefined): boolean {
  if (!cells) return false
  let n = 0
  for (const c of cells) {
    if (isBlank(c)) continue
    if (typeof c !== 'string' || !UNIT_CELL.test(cellText(c).replace(/\s+/g, ''))) return false
    n++
  }
  return n >= 2
}

function mapColumns(entity: EntityKey, paths: string[][], unitLine: string, unitRow: RawCell[] | undefined): { columns: MappedColumn[]; ignored: IgnoredColumn[] } {
  const idx = fieldIndex(entity)
  const columns: MappedColumn[] = []
  const ignored: IgnoredColumn[] = []
  const used = new Set<string>()
  const lineUnit = moneyUnitIn(unitLine)
  paths.forEach((path, i) => {
    if (path.length === 0) return
    const norm = path.map(normHeader)
    const field = matchPath(idx, norm)
    if (!field || used.has(field.key)) {
      ignored.push({ col: i + 1, header: path.join(' › ') })
      return
    }
    used.add(field.key)
    let moneyUnit: MoneyUnit = '万元'
    if (field.money) {
      // the column's own header first (总投资（元）), then its cell in a unit row, then the unit line
      const rowCell = unitRow?.[i]
      moneyUnit = moneyUnitIn(norm.join('')) ?? (typeof rowCell === 'string' ? moneyUnitIn(rowCell) : null) ?? lineUnit ?? '万元'
    }
    columns.push({ col: i + 1, path, field, moneyUnit })
  })
  return { columns, ignored }
}

/** How well a sheet fits an entity: the number of its fields mapped, zero without its title field. */
function entityScore(entity: EntityKey, columns: MappedColumn[]): number {
  const title = ENTITIES[entity].titleField
  if (!columns.some((c) => c.field.key === title)) return 0
  return columns.length
}

export interface AnalyzeOptions {
  /** analyse as this entity only */
  entity?: EntityKey
}

/** The layout of a sheet, or null when it holds no recognisable header. */
export function analyzeSheet(sheet: RawSheet, opts: AnalyzeOptions = {}): SheetLayout | null {
  const block = findHeaderBlock(sheet)
  if (!block) return null
  const paths = headerPaths(sheet, block)
  const preamble: string[] = []
  for (let r = 1; r < block[0]; r++) {
    const cells = sheet.rows[r]
    if (!cells) continue
    const texts = [...new Set(cells.map(cellText).filter((t) => t !== ''))]
    if (texts.length > 0) preamble.push(texts.join(' '))
  }
  const unitLine = preamble.find((l) => /单位[:：]/.test(l.replace(/填报单位[^ ]*/, ''))) ?? ''
  const unitRow = isUnitRow(sheet.rows[block[1] + 1]) ? block[1] + 1 : null
  let best: { entity: EntityKey; columns: MappedColumn[]; ignored: IgnoredColumn[]; score: number } | null = null
  for (const entity of opts.entity ? [opts.entity] : (['site', 'facility', 'workshop'] as const)) {
    const m = mapColumns(entity, paths, unitLine.slice(unitLine.lastIndexOf('单位')), unitRow === null ? undefined : sheet.rows[unitRow])
    const score = entityScore(entity, m.columns)
    if (score > 0 && (!best || score > best.score)) best = { entity, ...m, score }
  }
  if (!best) return null
  const countyColumns: { code?: number; name?: number } = {}
  if (best.entity !== 'site') {
    const siteIdx = fieldIndex('site')
    for (const c of best.ignored) {
      const f = matchPath(siteIdx, (paths[c.col - 1] ?? []).map(normHeader))
      if (f?.key === 'county_code') countyColumns.code ??= c.col
      else if (f?.key === 'county') countyColumns.name ??= c.col
    }
  }
  const titleColumn = best.columns.find((c) => c.field.key === ENTITIES[best.entity].titleField)!
  const titleCol = titleColumn.col
  const titleText = normHeader(titleColumn.path[titleColumn.path.length - 1] ?? '')
  // vertical merges in the data area: a county (or township) written once for several rows
  const fillDown = sheet.merges.filter((m) => m.top > block[1] && m.bottom > m.top && m.left === m.right)
  const dataRows: DataRow[] = []
  const totals: TotalRow[] = []
  const hiddenSkipped: number[] = []
  let groupStart = 0
  const lastRow = sheet.rows.length - 1
  for (let r = (unitRow ?? block[1]) + 1; r <= lastRow; r++) {
    const cells = sheet.rows[r]
    if (!cells || nonEmptyCount(cells) === 0) continue
    if (sheet.hiddenRows.has(r)) {
      hiddenSkipped.push(r)
      continue
    }
    if (isFooterRow(cells)) break
    if (isColumnNumberRow(cells)) continue
    const total = totalKind(cells, Math.max(titleCol, 6))
    if (total) {
      totals.push({ sourceRow: r, kind: total.kind, label: total.label, cells, groupStart, groupEnd: dataRows.length })
      if (total.kind === 'subtotal') groupStart = dataRows.length
      continue
    }
    // a header repeated further down (printed page headers pasted into the data)
    const titleCell = cells[titleCol - 1] ?? null
    if (typeof titleCell === 'string' && titleText !== '' && normHeader(titleCell) === titleText) continue
    let filled = cells
    for (const m of fillDown) {
      if (r <= m.top || r > m.bottom) continue
      if (filled === cells) filled = [...cells]
      if (filled[m.left - 1] === null || filled[m.left - 1] === undefined) filled[m.left - 1] = sheet.rows[m.top]?.[m.left - 1] ?? null
    }
    // only a long text in the first cell and nothing mapped: a note line
    let mappedValues = 0
    for (const c of best.columns) if (!isBlank(filled[c.col - 1])) mappedValues++
    if (mappedValues === 0) continue
    if (mappedValues === 1 && nonEmptyCount(cells) === 1 && typeof cells[0] === 'string' && cellText(cells[0]).length > 15) break
    dataRows.push({ sourceRow: r, cells: filled })
  }
  return {
    sheet: sheet.name,
    entity: best.entity,
    headerRows: block,
    unitRow,
    columns: best.columns,
    ignored: best.ignored,
    countyColumns,
    dataRows,
    totals,
    hiddenSkipped,
    preamble,
    score: best.score,
  }
}

