/**
 * Return templates (填报模板) for a county or a prefecture, written with exceljs so next month's returns
 * come back clean: a 填报说明 sheet with every field's meaning and unit, data sheets for sites,
 * facilities and workshops whose two-row grouped headers, units and order come from the field
 * dictionary, dropdowns for enums from a hidden list sheet (no 255-character limit), number and date
 * validation, the existing rows pre-filled with their codes and current values, protected header rows,
 * A4 landscape print setup with repeated header rows, and the plan's title and as-of date on top.
 * The importer reads these templates back like any other return.
 */
import type ExcelJS from 'exceljs'
import { loadExcel } from '../lazy-libs.ts'
import { appError } from '../../../shared/api/errors.ts'
import { ENTITIES, storedFields, type EntityKey, type FieldDef, type FieldValue } from '../../../shared/dictionary/index.ts'
import { regionPrefixOf as regionPrefix } from '../../../shared/regions.ts'
import type { Plan } from '../plan.ts'

const TITLE_ROW = 1
const INFO_ROW = 2
const GROUP_ROW = 3
const LABEL_ROW = 4
const FIRST_DATA_ROW = 5
const BLANK_ROWS = 200

const SHEET_NAMES: Record<EntityKey, string> = { site: '安置点', facility: '配套设施', workshop: '就业帮扶车间' }

/** Fields a county fills in (derived and the county-name echo of county_code are left out). */
function templateFields(entity: EntityKey): FieldDef[] {
  return storedFields(entity).filter((f) => !(entity === 'site' && f.key === 'county'))
}

const headerText = (f: FieldDef): string => {
  const base = f.group && f.short ? f.short.zh : f.label.zh
  return f.unit ? `${base}（${f.unit.zh}）` : base
}

function asOfText(iso: string): string {
  const [y, m, d] = iso.split('-')
  return d ? `${Number(y)}年${Number(m)}月${Number(d)}日` : `${Number(y)}年${Number(m)}月底`
}

function colName(n: number): string {
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/**
 * Date validation of a text-formatted date column: a date (1990–2100) or the text we ask for,
 * YYYY-MM-DD (or YYYY-MM where a month is enough). A plain date validation would refuse the text.
 */
function dateRule(cell: string, monthPrecision: boolean): string {
  const lengths = monthPrecision ? `OR(LEN(${cell})=7,LEN(${cell})=10)` : `LEN(${cell})=10`
  const text = `AND(ISTEXT(${cell}),${lengths},ISNUMBER(--LEFT(${cell},4)),MID(${cell},5,1)="-",ISNUMBER(--MID(${cell},6,2)),OR(LEN(${cell})=7,AND(MID(${cell},8,1)="-",ISNUMBER(--RIGHT(${cell},2)))))`
  return `OR(AND(ISNUMBER(${cell}),${cell}>=32874,${cell}<=73051),${text})`
}

const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }

export async function writeTemplate(plan: Plan, regionCode: string, path: string): Promise<{ path: string; sites: number }> {
  const region = plan.regions.get(regionCode)
  if (!region || region.level === 1) throw appError('INVALID_INPUT', `不是县或市（州）代码：${regionCode}`, `Not a county or prefecture code: ${regionCode}`)
  const settings = plan.settings.settings()
  const prefix = regionPrefix(region.code)
  const excel = await loadExcel()
  const wb = new excel.Workbook()
  wb.creator = 'Anju Planner'
  wb.created = new Date()

  // 填报说明
  const guide = wb.addWorksheet('填报说明', { properties: { tabColor: { argb: 'FF2F6FB0' } } })
  guide.columns = [{ width: 16 }, { width: 26 }, { width: 12 }, { width: 60 }]
  // a title row like the data sheets': the region, the plan and the as-of date, across the table
  const guideTitle = guide.addRow([`${region.name}${settings.plan_title}填报说明（截至${asOfText(settings.as_of_date)}）`])
  guide.mergeCells(guideTitle.number, 1, guideTitle.number, 4)
  guideTitle.font = { bold: true, size: 16 }
  guideTitle.alignment = { horizontal: 'center', vertical: 'middle' }
  guideTitle.height = 28
  guide.addRow(['1. 请在“安置点”“配套设施”“就业帮扶车间”表中逐行填报；已有行已按编码预填当前数据，请直接更新，勿改编码，新增行编码可留空。'])
  guide.addRow(['2. 空白单元格表示“不修改”；数字请填阿拉伯数字，不带单位；金额单位为万元；日期填“2020-06-30”或“2020-06”。'])
  guide.addRow(['3. 带下拉箭头的列请从下拉列表中选择；合计行由省级汇总，无需填写。'])
  guide.addRow([])
  const head = guide.addRow(['表', '字段', '单位', '说明（可选值）'])
  head.font = { bold: true }
  for (const entity of ['site', 'facility', 'workshop'] as const) {
    for (const f of templateFields(entity)) {
      const values = f.enumValues?.map((v) => v.value).join('、')
      const note = [f.group ? `${f.group.zh} › ${f.short?.zh ?? f.label.zh}` : f.label.zh, f.required ? '必填' : '', values ? `可选：${values}` : '', f.monthPrecision ? '可填到月' : ''].filter(Boolean).join('；')
      guide.addRow([SHEET_NAMES[entity], f.label.zh, f.unit?.zh ?? (f.money ? '万元' : ''), note])
    }
  }

  // hidden list sheet for dropdowns (no 255-character limit of inline lists)
  const lists = wb.addWorksheet('_lists', { state: 'veryHidden' })
  const listRange = new Map<string, string>()
  let listCol = 1
  const addList = (key: string, values: string[]): string => {
    const existing = listRange.get(key)
    if (existing) return existing
    const c = colName(listCol++)
    lists.getCell(`${c}1`).value = key
    values.forEach((v, i) => (lists.getCell(`${c}${i + 2}`).value = v))
    const ref = `'_lists'!$${c}$2:$${c}$${values.length + 1}`
    listRange.set(key, ref)
    return ref
  }

  const siteRows = plan.repos.site.listArrays({ region: prefix.length === 6 ? region.code : `${prefix}${'0'.repeat(6 - prefix.length)}` })
  const siteCols = plan.repos.site.columns()
  const siteIds = new Set(siteRows.map((r) => r[0] as number))
  // facilities and workshops name their site by its code (its name when it has none): names repeat across counties
  const siteCode = new Map<number, string>(siteRows.map((r) => [r[0] as number, String(r[siteCols.indexOf('code')] ?? '') || String(r[siteCols.indexOf('name')] ?? '')]))

  for (const entity of ['site', 'facility', 'workshop'] as const) {
    const fields = templateFields(entity)
    const ws = wb.addWorksheet(SHEET_NAMES[entity], { views: [{ state: 'frozen', ySplit: LABEL_ROW, xSplit: 0 }] })
    const last = colName(fields.length)
    ws.mergeCells(`A${TITLE_ROW}:${last}${TITLE_ROW}`)
    const title = ws.getCell(`A${TITLE_ROW}`)
    title.value = `${region.name}${ENTITIES[entity].label.zh}情况统计表（${settings.plan_title}）`
    title.font = { bold: true, size: 16 }
    title.alignment = { horizontal: 'center' }
    ws.getRow(TITLE_ROW).height = 28
    ws.mergeCells(`A${INFO_ROW}:${last}${INFO_ROW}`)
    ws.getCell(`A${INFO_ROW}`).value = `填报单位（盖章）：${region.name}    （截至${asOfText(settings.as_of_date)}）    单位：户、人、套、平方米、万元`
    // two-row grouped header from the dictionary
    let c = 1
    while (c <= fields.length) {
      const f = fields[c - 1]!
      const group = f.group?.zh ?? ''
      let end = c
      while (end < fields.length && group !== '' && (fields[end]!.group?.zh ?? '') === group) end++
      if (group !== '') {
        if (end > c) ws.mergeCells(GROUP_ROW, c, GROUP_ROW, end)
        ws.getCell(GROUP_ROW, c).value = group
        for (let k = c; k <= end; k++) ws.getCell(LABEL_ROW, k).value = headerText(fields[k - 1]!)
        ws.getCell(LABEL_ROW, c).value = headerText(f)
      } else {
        ws.mergeCells(GROUP_ROW, c, LABEL_ROW, c)
        ws.getCell(GROUP_ROW, c).value = headerText(f)
      }
      c = end + 1
    }
    for (const r of [GROUP_ROW, LABEL_ROW]) {
      const row = ws.getRow(r)
      row.height = r === GROUP_ROW ? 22 : 34
      for (let k = 1; k <= fields.length; k++) {
        const cell = row.getCell(k)
        cell.font = { bold: true }
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
        cell.border = THIN
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF6' } }
        cell.protection = { locked: true }
      }
    }
    fields.forEach((f, i) => {
      const col = ws.getColumn(i + 1)
      col.width = Math.max(8, Math.round((f.width ?? 100) / 8))
    })
    // existing rows, pre-filled
    let rows: FieldValue[][] = []
    let cols: string[] = []
    if (entity === 'site') {
      rows = siteRows
      cols = siteCols
    } else {
      cols = plan.repos[entity].columns()
      const siteIdx = cols.indexOf('site_id')
      rows = plan.repos[entity].listArrays().filter((r) => siteIds.has(r[siteIdx] as number))
    }
    let r = FIRST_DATA_ROW
    for (const src of rows) {
      const row = ws.getRow(r++)
      fields.forEach((f, i) => {
        let v = src[cols.indexOf(f.key)] ?? null
        if (f.type === 'site' && typeof v === 'number') v = siteCode.get(v) ?? null
        if (f.type === 'bool' && v !== null) v = v ? '是' : '否'
        if (v !== null) row.getCell(i + 1).value = v as string | number
      })
    }
    const lastRow = r + BLANK_ROWS
    for (let k = FIRST_DATA_ROW; k < lastRow; k++) for (let i = 1; i <= fields.length; i++) ws.getCell(k, i).protection = { locked: false }
    // validation
    fields.forEach((f, i) => {
      const ref = `${colName(i + 1)}${FIRST_DATA_ROW}:${colName(i + 1)}${lastRow}`
      let dv: ExcelJS.DataValidation | null = null
      // lists per entity and field: site and facility both have a 建设状态 with different values
      if (f.type === 'enum' && f.enumValues) dv = { type: 'list', allowBlank: true, formulae: [addList(`${entity}.${f.key}`, f.enumValues.map((v) => v.value))], showErrorMessage: true, errorStyle: 'warning', error: `请从下拉列表中选择${f.label.zh}` }
      else if (f.type === 'bool') dv = { type: 'list', allowBlank: true, formulae: [addList('_bool', ['是', '否'])], showErrorMessage: true, error: '请填“是”或“否”' }
      else if (f.type === 'int') dv = { type: 'whole', operator: 'between', allowBlank: true, formulae: [f.min ?? 0, f.max ?? 100000000], showErrorMessage: true, errorStyle: 'warning', error: `${f.label.zh}应为整数` }
      else if (f.type === 'decimal') dv = { type: 'decimal', operator: 'between', allowBlank: true, formulae: [f.min ?? 0, f.max ?? 1e12], showErrorMessage: true, errorStyle: 'warning', error: `${f.label.zh}应为数字` }
      else if (f.type === 'date') dv = { type: 'custom', allowBlank: true, formulae: [dateRule(`${colName(i + 1)}${FIRST_DATA_ROW}`, f.monthPrecision === true)], showErrorMessage: true, errorStyle: 'warning', errorTitle: f.label.zh, error: f.monthPrecision ? '日期填“2020-06-30”，只知月份可填“2020-06”' : '日期填“2020-06-30”' }
      if (dv) (ws as unknown as { dataValidations: { add(ref: string, dv: ExcelJS.DataValidation): void } }).dataValidations.add(ref, dv)
      if (f.type === 'decimal') ws.getColumn(i + 1).numFmt = f.decimals === 0 ? '0' : `0.${'0'.repeat(Math.min(f.decimals ?? 2, 6))}`
      if (f.type === 'text' || f.type === 'county' || f.type === 'date') ws.getColumn(i + 1).numFmt = '@'
    })
    ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${GROUP_ROW}:${LABEL_ROW}`, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } }
    ws.headerFooter = { oddFooter: '第 &P 页 共 &N 页' }
    await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, insertRows: true, deleteRows: true, sort: true, autoFilter: true })
  }
  await wb.xlsx.writeFile(path)
  return { path, sites: siteRows.length }
}
