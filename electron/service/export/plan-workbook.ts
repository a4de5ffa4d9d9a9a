/**
 * The whole plan (or a region of it) as one Excel workbook: data sheets for sites, facilities and
 * workshops with the dictionary's grouped headers, then one sheet per summary table. Written with
 * exceljs's streaming WorkbookWriter so a national plan (35,000 sites, 420,000 facilities) stays well
 * under 1 GB: rows are committed as they are made and the writer yields to the output stream between
 * chunks. The sites sheet carries the dictionary's labels as headers and the site codes, so the file
 * imports back through the county-return importer unchanged.
 */
import type ExcelJS from 'exceljs'
import { loadExcel } from '../lazy-libs.ts'
import { mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { appError } from '../../../shared/api/errors.ts'
import { REPORT_KINDS, type ReportKind } from '../../../shared/api/reports-api.ts'
import { ENTITIES, storedFields, totalKind, type EntityKey, type FieldDef, type FieldValue } from '../../../shared/dictionary/index.ts'
import type { Plan } from '../plan.ts'
import { checkSource } from '../summaries/check-source.ts'
import { reportHeader } from '../summaries/report-header.ts'
import { RegionScope } from '../summaries/region-scope.ts'
import { reportTable, summaryRepository } from '../summaries/summary-tables.ts'
import { writeReportSheet } from './report-sheet.ts'
import { pageSetup, TITLE_STYLE, writeTwoRowHeader } from './sheet-layout.ts'
import { columnLetter, columnWidth, dateCell, dateFormat, fieldFormat, FMT_TEXT, needsTextFormat, StyleCache } from './xlsx-cells.ts'

export interface ExportOptions {
  path: string
  region: string | null
  /** the summary sheets to add (default: all the report set; checks only with a check engine) */
  reports?: readonly ReportKind[]
}

export interface ExportResult {
  sheets: string[]
  rows: number
}

/** Sheet names of the data sheets. */
export const DATA_SHEETS: Record<EntityKey, string> = { site: '安置点', facility: '配套设施', workshop: '扶贫车间' }

const CHUNK = 2000
const tick = (): Promise<void> => new Promise((r) => setImmediate(r))

/**
 * Backpressure for the streaming writer: exceljs's sheet stream ignores its consumer's write() result,
 * so a fast producer fills the zip entry's input buffer faster than deflate empties it. Wait until the
 * buffer the sheet writes into drains (at most a second, so a stalled zip queue can never hang us).
 */
async function drained(ws: unknown): Promise<void> {
  const pipes = (ws as { stream?: { pipes?: unknown[] } }).stream?.pipes ?? []
  for (const p of pipes) {
    const w = p as { writableNeedDrain?: boolean; once?: (e: string, f: () => void) => void }
    if (w.writableNeedDrain && typeof w.once === 'function') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000)
        w.once!('drain', () => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }
  await tick()
}

/** Header text of a field: its short label under a group, or its label; money, areas and other non-count units in brackets. */
export function headerText(f: FieldDef, twoLevel: boolean): string {
  const base = twoLevel && f.short ? f.short.zh : f.label.zh
  const unit = f.unit && (f.type === 'decimal' || f.money) && !base.includes(f.unit.zh) ? `（${f.unit.zh}）` : ''
  return base + unit
}

/** A field sits under its group header when it has a short label of its own (户数 under 规划安置). */
export function isTwoLevel(f: FieldDef): boolean {
  return f.short !== undefined && f.group !== undefined && f.short.zh !== f.label.zh
}

const FOOTER = { oddFooter: '&C第 &P 页 共 &N 页' }

function cellValue(f: FieldDef, v: FieldValue, siteCodes: Map<number, string> | null): ExcelJS.CellValue {
  if (v === null || v === undefined) return null
  switch (f.type) {
    case 'bool':
      return v === true || v === 1 ? '是' : '否'
    case 'site':
      return typeof v === 'number' ? (siteCodes?.get(v) ?? String(v)) : String(v)
    case 'date':
      return typeof v === 'string' ? dateCell(v) : v
    default:
      return typeof v === 'number' && (f.type === 'int' || f.type === 'decimal') ? v : String(v)
  }
}

/** The style of one cell when it differs from its column's: month-only dates, text that must stay text. */
function cellStyle(styles: StyleCache, f: FieldDef, v: FieldValue, column: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  if (typeof v !== 'string') return column
  if (f.type === 'date') return styles.of(dateFormat(v))
  return needsTextFormat(v) ? styles.of(FMT_TEXT) : column
}

/** One data sheet (sites, facilities or workshops): title, grouped headers, rows, a 合计 row of formulas. */
async function writeEntitySheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  entity: EntityKey,
  title: string,
  chunks: AsyncIterable<FieldValue[][]>,
  siteCodes: Map<number, string> | null,
  styleCache: StyleCache,
): Promise<number> {
  const fields = storedFields(entity)
  const heads = fields.map((f) => ({ group: isTwoLevel(f) ? f.group!.zh : null, text: headerText(f, isTwoLevel(f)) }))
  const frozenCols = entity === 'site' ? 2 : 1
  const ws = wb.addWorksheet(DATA_SHEETS[entity], {
    views: [{ state: 'frozen', xSplit: frozenCols, ySplit: 3, topLeftCell: `${columnLetter(frozenCols + 1)}4`, activeCell: 'A4' }],
    pageSetup: pageSetup('A3', '2:3'),
    headerFooter: FOOTER,
  })
  ws.columns = fields.map((f, i) => {
    const fmt = fieldFormat(f)
    return {
      key: f.key,
      width: columnWidth([heads[i]!.text, heads[i]!.group ?? ''].filter(Boolean), Math.round((f.width ?? 100) / 8)),
      ...(fmt ? { style: { numFmt: fmt } } : {}),
    }
  })
  const titleRow = ws.getRow(1)
  titleRow.getCell(1).value = title
  titleRow.getCell(1).style = TITLE_STYLE
  titleRow.height = 30
  ws.mergeCells(1, 1, 1, fields.length)
  titleRow.commit()
  writeTwoRowHeader(ws, 2, heads)

  const cellStyles: Partial<ExcelJS.Style>[] = fields.map((f) => styleCache.of(fieldFormat(f)))
  const sums = fields.map(() => 0)
  const counts = fields.map(() => 0)
  const kinds = fields.map((f) => totalKind(f))
  let r = 3
  for await (const rows of chunks) {
    for (const raw of rows) {
      r++
      const values: ExcelJS.CellValue[] = new Array<ExcelJS.CellValue>(fields.length)
      const styles: Partial<ExcelJS.Style>[] = new Array<Partial<ExcelJS.Style>>(fields.length)
      for (let i = 0; i < fields.length; i++) {
        const v = raw[i + 1] ?? null
        values[i] = cellValue(fields[i]!, v, siteCodes)
        styles[i] = cellStyle(styleCache, fields[i]!, v, cellStyles[i]!)
        if (kinds[i] !== 'none' && typeof v === 'number') {
          sums[i] = sums[i]! + v
          counts[i] = counts[i]! + 1
        }
      }
      const row = ws.addRow(values)
      // one shared style object per column: exceljs resolves a style object it has seen before from a
      // WeakMap instead of hashing a fresh copy for every cell (a fifth of the export's time)
      for (let i = 0; i < fields.length; i++) if (values[i] !== null) row.getCell(i + 1).style = styles[i]!
      row.commit()
    }
    await drained(ws)
  }
  const first = 4
  const last = r
  if (last >= first) {
    const labelCol = Math.max(0, fields.findIndex((f) => f.key === ENTITIES[entity].titleField))
    const total: ExcelJS.CellValue[] = fields.map((f, i) => {
      const L = columnLetter(i + 1)
      if (kinds[i] === 'sum') return { formula: `SUM(${L}${first}:${L}${last})`, result: Math.round(sums[i]! * 1e6) / 1e6 }
      if (kinds[i] === 'avg') return { formula: `IFERROR(AVERAGE(${L}${first}:${L}${last}),"")`, result: counts[i] ? sums[i]! / counts[i]! : '' }
      return null
    })
    total[labelCol] = '合计'
    const row = ws.addRow(total)
    row.font = { bold: true }
    row.commit()
  }
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: fields.length } }
  await ws.commit()
  return Math.max(0, last - 3)
}

async function* siteChunks(plan: Plan, region: string | null): AsyncIterable<FieldValue[][]> {
  const rows = plan.repos.site.listArrays({ region })
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK)
}

async function* childChunks(plan: Plan, entity: 'facility' | 'workshop', region: string | null): AsyncIterable<FieldValue[][]> {
  const repo = summaryRepository(plan)
  if (!region) {
    const orphans = repo.childRowsWithoutSite(entity)
    if (orphans.length) yield orphans
  }
  const siteIdx = storedFields(entity).findIndex((f) => f.key === 'site_id') + 1
  let after: [number, number] = [-1, 0]
  for (;;) {
    const rows = repo.childRowsAfter(entity, region, after, CHUNK)
    if (rows.length === 0) return
    const lastRow = rows[rows.length - 1]!
    after = [Number(lastRow[siteIdx]), Number(lastRow[0])]
    yield rows
    if (rows.length < CHUNK) return
  }
}

/** Write the workbook to a temporary file beside the target, then move it into place: a failed export leaves nothing half-written. */
export async function exportWorkbook(plan: Plan, opts: ExportOptions): Promise<ExportResult> {
  const region = opts.region
  if (region && !plan.regions.get(region)) throw appError('INVALID_INPUT', `区划代码 ${region} 不存在`, `Region code ${region} does not exist`)
  mkdirSync(dirname(opts.path), { recursive: true })
  const tmp = `${opts.path}.part-${process.pid}`
  const sheets: string[] = []
  let rows = 0
  try {
    // the summary tables first: the rule engine's and the roll-up's working memory is freed before the
    // streaming starts, so the peak is the larger of the two phases rather than their sum
    const kinds = opts.reports ?? REPORT_KINDS.filter((k) => k !== 'checks' || checkSource() !== null)
    const tables = kinds.map((kind) => reportTable(plan, kind, region))
    await tick()
    const excel = await loadExcel()
    const wb = new excel.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false })
    wb.creator = '安居规划 Anju Planner'
    wb.created = new Date()
    const settings = plan.settings.settings()
    const scope = new RegionScope(plan, region, []).scope
    const provinceName = plan.regions.get(settings.province_code)?.name ?? ''
    const header = reportHeader(settings, scope, provinceName, '')
    const prefix = `${scope.fullName}易地扶贫搬迁`
    const siteCodes = summaryRepository(plan).siteCodes()
    const styleCache = new StyleCache()
    rows += await writeEntitySheet(wb, 'site', `${prefix}安置点基本情况表${header.asOf}`, siteChunks(plan, region), null, styleCache)
    sheets.push(DATA_SHEETS.site)
    rows += await writeEntitySheet(wb, 'facility', `${prefix}安置点配套设施建设情况表${header.asOf}`, childChunks(plan, 'facility', region), siteCodes, styleCache)
    sheets.push(DATA_SHEETS.facility)
    rows += await writeEntitySheet(wb, 'workshop', `${prefix}扶贫车间（就业帮扶车间）情况表${header.asOf}`, childChunks(plan, 'workshop', region), siteCodes, styleCache)
    sheets.push(DATA_SHEETS.workshop)
    for (const t of tables) {
      const name = await writeReportSheet(wb, t, styleCache)
      rows += t.rows.length
      sheets.push(name)
      await tick()
    }
    await wb.commit()
    renameSync(tmp, opts.path)
    return { sheets, rows }
  } catch (e) {
    rmSync(tmp, { force: true })
    if (e instanceof Error && /EACCES|EPERM|EROFS|ENOENT/.test(e.message))
      throw appError('INVALID_INPUT', `无法写入“${opts.path}”：${e.message}`, `Cannot write "${opts.path}": ${e.message}`)
    throw e
  }
}
