/**
 * A child process of the reports benchmark, so each figure gets its own peak memory:
 *   export PLAN OUT   — the app's export of the whole plan (the figure)
 *   floor  XLSX OUT   — exceljs alone writing the same cells (read back from XLSX first, untimed)
 * Prints one JSON line {ms, rssMb, cells}.
 */
import ExcelJS from 'exceljs'
import { exportWorkbook } from '../electron/service/export/plan-workbook.ts'
import { Plan } from '../electron/service/plan.ts'

const [mode, input, out] = process.argv.slice(2)
const tick = (): Promise<void> => new Promise((r) => setImmediate(r))
const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024)

if (mode === 'export') {
  const plan = Plan.open(input!, { readOnly: true })
  const t0 = performance.now()
  const r = await exportWorkbook(plan, { path: out!, region: null })
  const ms = performance.now() - t0
  process.stdout.write(`${JSON.stringify({ ms, rssMb: rssMb(), rows: r.rows })}\n`)
} else if (mode === 'floor') {
  const sheets: { name: string; widths: number[]; rows: ExcelJS.CellValue[][] }[] = []
  let cells = 0
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input!, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' })
  for await (const ws of reader) {
    const sheet = { name: (ws as unknown as { name: string }).name, widths: [] as number[], rows: [] as ExcelJS.CellValue[][] }
    for await (const row of ws) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1)
      cells += values.length
      sheet.rows.push(values)
    }
    sheets.push(sheet)
  }
  const before = rssMb()
  const t0 = performance.now()
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out!, useStyles: true, useSharedStrings: false })
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name)
    let n = 0
    for (const values of s.rows) {
      ws.addRow(values).commit()
      if (++n % 4000 === 0) await tick()
    }
    await ws.commit()
  }
  await wb.commit()
  const ms = performance.now() - t0
  process.stdout.write(`${JSON.stringify({ ms, rssMb: rssMb(), rssBeforeWriteMb: before, cells })}\n`)
} else {
  process.stderr.write('usage: reports-export-worker export PLAN OUT | floor XLSX OUT\n')
  process.exit(2)
}
