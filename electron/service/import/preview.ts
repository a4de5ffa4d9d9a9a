/**
 * From a read workbook to a preview: pick the sheets (the sites sheet first; facility and workshop
 * sheets recognised by their headers), coerce every cell through coerceField with the column's unit,
 * resolve counties (code, old or short name, the title or 填报单位 line, or the user's choice), check
 * 合计/小计 rows against their detail rows, and match each row to the plan (sites by code, else county
 * and normalised name; facilities by site and name or type; workshops by site and name) to say
 * insert / update / unchanged / reject with the cells that change. Writes nothing.
 */
import { randomBytes } from 'node:crypto'
import type { ImportAction, ImportCellChange, ImportCellIssue, ImportPreview, ImportPreviewRow, ImportSheetIssue, ImportSheetPreview, ImportSummary } from '../../../shared/api/import-api.ts'
import { ENTITIES, fieldOf, totalKind, type EntityKey, type FieldValue, type Label, type RowValues } from '../../../shared/dictionary/index.ts'
import { coerceField, type CoerceContext, type CoerceResult } from '../../../shared/values/coerce.ts'
import { isNullMarker, normalizeLabel } from '../../../shared/values/normalize-text.ts'
import { SiteResolver } from '../domain/site-resolver.ts'
import type { Plan } from '../plan.ts'
import { findCountyInText } from '../repositories/region-repository.ts'
import { analyzeSheet, cellText, isBlank, type SheetLayout } from './analyze-sheet.ts'
import { importErrors, throwIfAborted } from './errors.ts'
import { isSerialHeader } from './header-match.ts'
import type { RawCell, RawWorkbook } from './types.ts'

export interface PreviewOptions {
  fileName: string
  sha256: string
  /** a county code or name chosen by the user (rows without a county of their own) */
  county?: string
  /** use this sheet (otherwise chosen by its headers) */
  sheet?: string
  /** a null marker (—, --, /, 无 …) clears the existing value; otherwise it keeps it, like a blank */
  clearBlanks?: boolean
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

/** What commit needs besides the preview: the values to write per row. */
export interface PreviewWrites {
  sheets: { entity: EntityKey; rows: Map<string, { id: number | null; values: RowValues }> }[]
  /**
   * Sites inserted by this same workbook that its facility or workshop rows point at: a negative
   * placeholder site_id → the key of the site row (the commit puts the new id in).
   */
  pendingSites: Map<number, string>
}

const L = (zh: string, en: string): Label => ({ zh, en })

/** types whose text cells repeat down a column (numbers as text: "1,320" with its conversion note) */
const MEMO_TYPES = new Set(['enum', 'date', 'bool', 'county', 'site', 'int', 'decimal'])

/** most rows change, keep, clear or flag nothing: one frozen empty list for all of them */
const NONE: never[] = Object.freeze([]) as unknown as never[]

/** Names compared without spaces, width or bracket differences. */
export const nameKey = (s: FieldValue): string => (typeof s === 'string' ? normalizeLabel(s) : '')

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const x = a ?? null
  const y = b ?? null
  if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x))
  return x === y
}

const emptySummary = (): ImportSummary => ({ insert: 0, update: 0, unchanged: 0, reject: 0 })

/** Lookup of existing rows of the plan, built once per preview. */
class ExistingIndex {
  readonly byCode = new Map<string, number>()
  readonly byKey = new Map<string, number>()
  readonly rows = new Map<number, RowValues>()
  constructor(plan: Plan, entity: EntityKey) {
    const repo = plan.repos[entity]
    const cols = repo.columns()
    for (const arr of repo.listArrays()) {
      const row: RowValues = {}
      cols.forEach((c, i) => (row[c] = arr[i] ?? null))
      const id = row['id'] as number
      this.rows.set(id, row)
      if (entity === 'site' && typeof row['code'] === 'string') this.byCode.set(nameKey(row['code']), id)
      const k = ExistingIndex.key(entity, row)
      if (k && !this.byKey.has(k)) this.byKey.set(k, id)
    }
  }

  static key(entity: EntityKey, v: RowValues): string | null {
    if (entity === 'site') return v['county_code'] && v['name'] ? `${String(v['county_code'])}|${nameKey(v['name'])}` : null
    const site = v['site_id']
    if (site === null || site === undefined) return null
    if (v['name']) return `${String(site)}|n|${nameKey(v['name'])}`
    if (entity === 'facility' && v['type']) return `${String(site)}|t|${String(v['type'])}`
    return null
  }

  /** `k`: ExistingIndex.key(entity, v) when the caller has it already */
  find(entity: EntityKey, v: RowValues, k: string | null = ExistingIndex.key(entity, v)): number | null {
    if (entity === 'site' && typeof v['code'] === 'string') {
      const id = this.byCode.get(nameKey(v['code']))
      if (id !== undefined) return id
    }
    return k ? (this.byKey.get(k) ?? null) : null
  }
}

interface SheetContext {
  plan: Plan
  layout: SheetLayout
  sheetIndex: number
  coerce: CoerceContext
  defaultCounty: { code: string; name: string } | null
  countyFromTitle: { code: string; name: string } | null
  existing: ExistingIndex
  /** the plan's sites and those this workbook inserts (negative placeholders) */
  sites: SiteResolver
}


function previewSheet(ctx: SheetContext, writes: Map<string, { id: number | null; values: RowValues }>, opts: PreviewOptions, progress: () => void): ImportSheetPreview {
  const { layout } = ctx
  const entity = layout.entity
  const def = ENTITIES[entity]
  const rows: ImportPreviewRow[] = []
  const issues: ImportSheetIssue[] = []
  const summary = emptySummary()
  const countyCol = layout.columns.find((c) => c.field.key === 'county_code')
  const countyNameCol = entity === 'site' ? layout.columns.find((c) => c.field.key === 'county') : undefined
  const valueCols = layout.columns.filter((c) => c.field.key !== 'county_code' && !(entity === 'site' && c.field.key === 'county'))
  const seen = new Map<string, number>()
  /** numeric values per data row index, for the total checks */
  const numbers = new Map<string, number[]>()
  const numericCols = layout.columns.filter((c) => (c.field.type === 'int' || c.field.type === 'decimal') && totalKind(c.field) === 'sum')
  for (const c of numericCols) numbers.set(c.field.key, new Array<number>(layout.dataRows.length).fill(0))

  const siteRefCols = layout.columns.filter((c) => c.field.type === 'site')
  const ruleCheck = ctx.plan.checks.rowChecker()
  const siteCache = new Map<number, RowValues | undefined>()
  const siteRow = (id: FieldValue | undefined): RowValues | undefined => {
    if (typeof id !== 'number') return undefined
    if (!siteCache.has(id)) siteCache.set(id, ctx.plan.repos.site.get(id))
    return siteCache.get(id)
  }
  // a facility or workshop names its site within the row's county: its own county column, the chosen
  // county, or the one in the title
  const { code: countyCodeCol, name: countyTextCol } = layout.countyColumns
  const rowCounty = (cells: RawCell[]): string | null => {
    for (const c of [countyCodeCol, countyTextCol]) {
      const raw = c ? (cells[c - 1] ?? null) : null
      if (raw === null || isBlank(raw)) continue
      const found = ctx.coerce.resolveCounty?.(cellText(raw).replace(/\.0+$/, ''))
      if (found) return found.code
    }
    return ctx.defaultCounty?.code ?? ctx.countyFromTitle?.code ?? null
  }
  let county: string | null = null
  const siteContext: CoerceContext = { ...ctx.coerce, resolveSite: (text) => ctx.sites.resolve(text, county) }
  // what each value column needs per cell, looked up once: its context, its memo, its total-check numbers.
  // Enums, dates, counties, site references and numbers written as text repeat down a column: each
  // distinct text is coerced once
  const cols = valueCols.map((c) => ({
    ...c,
    index: c.col - 1,
    key: c.field.key,
    isSite: c.field.type === 'site',
    context: c.field.type === 'site' ? siteContext : { ...ctx.coerce, moneyUnit: c.moneyUnit },
    memo: MEMO_TYPES.has(c.field.type) ? new Map<string, CoerceResult>() : null,
    numbers: numbers.get(c.field.key) ?? null,
  }))
  type ValueColumn = (typeof cols)[number]
  const coerceCell = (col: ValueColumn, cell: RawCell): CoerceResult => {
    // a site is named by text: a number in the cell is a code or a name, never a row id
    const raw = col.isSite && typeof cell === 'number' ? String(cell) : cell
    const m = typeof raw === 'string' ? col.memo : null
    if (!m) return coerceField(col.field, raw, col.context)
    const k = col.isSite ? `${county ?? ''}|${raw as string}` : (raw as string)
    let r = m.get(k)
    if (!r) {
      r = coerceField(col.field, raw, col.context)
      if (m.size < 5000) m.set(k, r)
    }
    return r
  }
  const required = def.fields.filter((f) => f.required && !f.derived)

  const dataRows = layout.dataRows
  for (let i = 0; i < dataRows.length; i++) {
    const dr = dataRows[i]!
    if (i % 1000 === 0) progress()
    const values: RowValues = {}
    const rowIssues: ImportCellIssue[] = []
    /** optional cells that could not be read: dropped (the existing value stays), the rest of the row imports */
    let dropped: Set<string> | null = null
    /** with clearBlanks: fields whose null marker clears the existing value */
    let clears: Set<string> | null = null
    if (siteRefCols.length > 0) county = rowCounty(dr.cells)
    const cells = dr.cells
    for (const col of cols) {
      const raw = cells[col.index] ?? null
      if (isBlank(raw)) continue
      const r = coerceCell(col, raw)
      if (!r.ok) {
        if (col.field.required) rowIssues.push({ field: col.key, severity: 'error', message: r.reason })
        else {
          rowIssues.push({ field: col.key, severity: 'error', message: L(`${r.reason.zh}；此格未导入，原值保留`, `${r.reason.en}; this cell is not imported and the existing value stays`) })
          ;(dropped ??= new Set()).add(col.key)
        }
        continue
      }
      const value = r.value
      if (value === null) {
        if (opts.clearBlanks && !col.field.required && typeof raw === 'string' && isNullMarker(raw)) (clears ??= new Set()).add(col.key)
        continue
      }
      values[col.key] = value
      if (r.warning) rowIssues.push({ field: col.key, severity: 'warning', message: r.warning })
      if (col.numbers !== null && typeof value === 'number') col.numbers[i] = value
    }
    if (entity === 'site') resolveRowCounty(ctx, dr.cells, countyCol?.col, countyNameCol?.col, values, rowIssues)
    for (const f of required) {
      if (values[f.key] === undefined && !rowIssues.some((x) => x.field === f.key))
        rowIssues.push({ field: f.key, severity: 'error', message: L(`${f.label.zh}不能为空`, `${f.label.en} is required`) })
    }
    const key = `${ctx.sheetIndex}:${dr.sourceRow}`
    let action: ImportAction
    let id: number | null = null
    let changes: ImportCellChange[] = NONE
    let kept: string[] = NONE
    let cleared: string[] = NONE
    if (rowIssues.length > 0 && rowIssues.some((x) => x.severity === 'error' && !(x.field !== null && dropped?.has(x.field)))) action = 'reject'
    else {
      const existingKey = ExistingIndex.key(entity, values)
      const matchKey = (entity === 'site' && typeof values['code'] === 'string' ? `c|${nameKey(values['code'])}` : null) ?? existingKey
      const dup = matchKey ? seen.get(matchKey) : undefined
      if (dup !== undefined) {
        rowIssues.push({ field: def.titleField, severity: 'error', message: L(`与第 ${dup} 行重复`, `Duplicates row ${dup}`) })
        action = 'reject'
      } else {
        if (matchKey) seen.set(matchKey, dr.sourceRow)
        id = ctx.existing.find(entity, values, existingKey)
        if (id === null) action = 'insert'
        else {
          changes = []
          kept = []
          cleared = []
          const before = ctx.existing.rows.get(id) ?? {}
          for (const [k, v] of Object.entries(values)) if (!sameValue(before[k], v)) changes.push({ field: k, old: before[k] ?? null, new: v })
          for (const col of layout.columns) {
            const k = col.field.key
            if (values[k] !== undefined || before[k] === null || before[k] === undefined || (entity === 'site' && k === 'county')) continue
            if (clears?.has(k)) {
              cleared.push(k)
              changes.push({ field: k, old: before[k], new: null })
            } else kept.push(k)
          }
          action = changes.length > 0 ? 'update' : 'unchanged'
        }
        if (action !== 'unchanged') {
          // the rule engine on the row as it would be stored: an error rule the row did not break
          // before rejects it (the commit's guard would refuse the whole import otherwise)
          // (an insert: the row is its values, and there is no before to check)
          const before = id === null ? null : (ctx.existing.rows.get(id) ?? null)
          let after: RowValues = values
          if (before) {
            after = { ...before, ...values }
            for (const k of cleared) after[k] = null
          }
          const site = entity === 'site' ? undefined : siteRow(after['site_id'])
          const already = before ? new Set(ruleCheck(entity, before, site).filter((x) => x.severity === 'error').map((x) => x.ruleId)) : null
          for (const x of ruleCheck(entity, after, site)) {
            const severity = x.severity === 'error' && !already?.has(x.ruleId) ? 'error' : 'warning'
            rowIssues.push({ field: x.field, severity, message: x.message })
            if (severity === 'error') action = 'reject'
          }
        }
      }
    }
    summary[action]++
    const flagged = rowIssues.length > 0 ? rowIssues : NONE
    const row: ImportPreviewRow =
      cleared.length > 0 ? { key, sourceRow: dr.sourceRow, action, id, values, changes, kept, cleared, issues: flagged } : { key, sourceRow: dr.sourceRow, action, id, values, changes, kept, issues: flagged }
    if (siteRefCols.length > 0) {
      const labels: Record<string, string> = {}
      const refCodes: Record<string, string> = {}
      for (const col of siteRefCols) {
        const ref = values[col.field.key]
        if (typeof ref !== 'number') continue
        const site = ctx.sites.get(ref)
        if (site?.name) labels[col.field.key] = site.name
        // a site this workbook inserts gets its code at the commit: until then its name stands for it
        const shown = site?.code ?? site?.name
        if (shown) refCodes[col.field.key] = shown
      }
      row.labels = labels
      row.refCodes = refCodes
    }
    rows.push(row)
    if (action === 'insert' || action === 'update') writes.set(key, { id, values })
  }

  // 合计 / 小计 rows against their detail rows
  for (const t of layout.totals) {
    for (const col of numericCols) {
      const raw = t.cells[col.col - 1] ?? null
      if (raw === null) continue
      const r = coerceField(col.field, raw, { moneyUnit: col.moneyUnit })
      if (!r.ok || typeof r.value !== 'number') continue
      const arr = numbers.get(col.field.key)!
      const from = t.kind === 'subtotal' ? t.groupStart : 0
      const to = t.kind === 'subtotal' ? t.groupEnd : arr.length
      let sum = 0
      for (let i = from; i < to; i++) sum += arr[i] ?? 0
      const tol = col.field.type === 'int' ? 0.5 : Math.max(0.011, Math.abs(sum) * 1e-6)
      if (Math.abs(sum - r.value) > tol) {
        const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 4 })
        const what = t.kind === 'subtotal' ? L('小计', 'subtotal') : L(t.label, 'total')
        issues.push({
          severity: 'warning',
          sourceRow: t.sourceRow,
          message: L(
            `第 ${t.sourceRow} 行${what.zh}的“${col.field.label.zh}”为 ${fmt(r.value)}，明细行相加为 ${fmt(sum)}`,
            `Row ${t.sourceRow}: the ${what.en} of ${col.field.label.en} is ${fmt(r.value)} but its detail rows add up to ${fmt(sum)}`,
          ),
        })
      }
    }
  }
  if (layout.hiddenSkipped.length > 0) {
    const list = layout.hiddenSkipped.join('、')
    issues.push({ severity: 'warning', sourceRow: null, message: L(`隐藏行已跳过：第 ${list} 行`, `Hidden rows were skipped: ${layout.hiddenSkipped.join(', ')}`) })
  }
  const unknown = layout.ignored.filter((c) => !isSerialHeader(c.header) && c.col !== countyCodeCol && c.col !== countyTextCol)
  if (unknown.length > 0) {
    const names = unknown.map((c) => c.header).join('、')
    issues.push({ severity: 'warning', sourceRow: null, message: L(`以下列未识别，已忽略：${names}`, `Columns not recognised and ignored: ${unknown.map((c) => c.header).join(', ')}`) })
  }
  return {
    sheet: opts.fileName.toLowerCase().endsWith('.csv') ? null : layout.sheet,
    entity,
    headerRows: layout.headerRows,
    columns: layout.columns.map((c) => ({ col: c.col, header: c.path.join(' › '), field: c.field.key })),
    ignored: layout.ignored,
    rows,
    issues,
    summary,
  }
}

function resolveRowCounty(ctx: SheetContext, cells: RawCell[], codeCol: number | undefined, nameCol: number | undefined, values: RowValues, issues: ImportCellIssue[]): void {
  const { plan } = ctx
  const codeRaw = codeCol ? (cells[codeCol - 1] ?? null) : null
  const nameRaw = nameCol ? (cells[nameCol - 1] ?? null) : null
  const nameText = nameRaw === null ? '' : cellText(nameRaw)
  let county: { code: string; name: string } | null = null
  const codeField = fieldOf('site', 'county_code')!
  if (codeRaw !== null && cellText(codeRaw) !== '') {
    const r = coerceField(codeField, codeRaw, ctx.coerce)
    if (r.ok && typeof r.value === 'string') county = { code: r.value, name: plan.regions.get(r.value)?.name ?? '' }
    else if (!r.ok && !nameText) {
      issues.push({ field: 'county_code', severity: 'error', message: r.reason })
      return
    }
  }
  if (nameText && !/^(—|-|--|\/|无)$/.test(nameText)) {
    const byName = ctx.coerce.resolveCounty?.(nameText) ?? null
    if (county && byName && byName.code !== county.code)
      issues.push({ field: 'county', severity: 'warning', message: L(`县名“${nameText}”与区划代码 ${county.code}（${county.name}）不一致，按代码导入`, `County name "${nameText}" does not match code ${county.code} (${county.name}); the code is used`) })
    if (!county && byName) county = byName
    if (!county) {
      issues.push({ field: 'county', severity: 'error', message: L(`未找到县级区划“${nameText}”`, `No county matches "${nameText}"`) })
      return
    }
  }
  county ??= ctx.defaultCounty ?? ctx.countyFromTitle
  if (!county) {
    issues.push({ field: 'county_code', severity: 'error', message: L('无法确定所属县：表中没有县名或区划代码，标题和填报单位中也没有；请选择县', 'The county is unknown: no county column, and neither the title nor the reporting unit names one; choose the county') })
    return
  }
  values['county_code'] = county.code
  values['county'] = county.name
}

function pickLayouts(wb: RawWorkbook, opts: PreviewOptions): SheetLayout[] {
  const visible = wb.sheets.filter((s) => !s.hidden)
  if (opts.sheet !== undefined) {
    const s = wb.sheets.find((x) => x.name === opts.sheet) ?? wb.sheets.find((x) => normalizeLabel(x.name) === normalizeLabel(opts.sheet!))
    if (!s) throw importErrors.noSheet(opts.sheet, wb.sheets.map((x) => x.name))
    const layout = analyzeSheet(s)
    if (!layout) throw importErrors.noHeader()
    return [layout]
  }
  const layouts = visible.map((s) => analyzeSheet(s)).filter((l): l is SheetLayout => l !== null)
  if (layouts.length === 0) throw importErrors.noHeader()
  const out: SheetLayout[] = []
  for (const entity of ['site', 'facility', 'workshop'] as const) {
    const cands = layouts.filter((l) => l.entity === entity)
    cands.sort((a, b) => b.score - a.score || b.dataRows.length - a.dataRows.length)
    if (cands[0]) out.push(cands[0])
  }
  return out
}

export function buildPreview(plan: Plan, wb: RawWorkbook, opts: PreviewOptions): { preview: ImportPreview; writes: PreviewWrites } {
  const layouts = pickLayouts(wb, opts)
  const province = plan.settings.settings().province_code
  // sites this workbook inserts can be named by its facility and workshop rows (a new site and its
  // facilities in one return): they resolve to negative placeholders until the commit writes them
  const pendingKey = new Map<number, string>()
  // only facility and workshop sheets name sites: a return of sites alone does not read the index
  const sites = layouts.some((l) => l.entity !== 'site') ? SiteResolver.ofPlan(plan) : new SiteResolver()
  // a county column repeats a few dozen names down thousands of rows: each distinct text resolved once
  const counties = new Map<string, { code: string; name: string } | null>()
  const coerce: CoerceContext = {
    resolveCounty: (text) => {
      let found = counties.get(text)
      if (found === undefined) {
        found = plan.regions.resolveCounty(text, { within: province }) ?? plan.regions.resolveCounty(text)
        if (counties.size < 5000) counties.set(text, found)
      }
      return found
    },
  }
  const registerPending = (sheet: ImportSheetPreview): void => {
    for (const r of sheet.rows) {
      if (r.action !== 'insert') continue
      const placeholder = -(pendingKey.size + 1)
      pendingKey.set(placeholder, r.key)
      const { code, name, county_code } = r.values
      // a name two sites share (new or existing) is told apart by the county, or refused
      sites.add({ id: placeholder, code: typeof code === 'string' ? code : null, name: typeof name === 'string' ? name : '', countyCode: typeof county_code === 'string' ? county_code : null })
    }
  }
  let defaultCounty: { code: string; name: string } | null = null
  if (opts.county) {
    defaultCounty = coerce.resolveCounty!(opts.county)
    if (!defaultCounty) throw importErrors.unknownCounty(opts.county)
  }
  const total = layouts.reduce((n, l) => n + l.dataRows.length, 0)
  let done = 0
  const sheets: ImportSheetPreview[] = []
  const writes: PreviewWrites = { sheets: [], pendingSites: pendingKey }
  const existing = new Map<EntityKey, ExistingIndex>()
  layouts.forEach((layout, sheetIndex) => {
    throwIfAborted(opts.signal)
    const title = layout.preamble.join(' ')
    const found = title ? findCountyInText(title, plan.regions) : null
    const ex = existing.get(layout.entity) ?? new ExistingIndex(plan, layout.entity)
    existing.set(layout.entity, ex)
    const w = new Map<string, { id: number | null; values: RowValues }>()
    let last = 0
    const sheet = previewSheet(
      { plan, layout, sheetIndex, coerce, defaultCounty, countyFromTitle: found ? { code: found.code, name: found.name } : null, existing: ex, sites },
      w,
      opts,
      () => {
        throwIfAborted(opts.signal)
        const n = layout.dataRows.length
        const step = Math.min(1000, n - last)
        last += step
        done += step
        opts.onProgress?.(done, total)
      },
    )
    sheets.push(sheet)
    writes.sheets.push({ entity: layout.entity, rows: w })
    // (only when a facility or workshop sheet follows that could name them)
    if (layout.entity === 'site' && layouts.some((l, i) => i > sheetIndex && l.entity !== 'site')) registerPending(sheet)
  })
  const preview: ImportPreview = {
    previewId: randomBytes(12).toString('hex'),
    fileName: opts.fileName,
    sha256: opts.sha256,
    format: wb.format,
    sheets,
    sheetNames: wb.format === 'csv' ? [] : wb.sheets.filter((s) => !s.hidden).map((s) => s.name),
    sameFileBatch: null,
  }
  return { preview, writes }
}

