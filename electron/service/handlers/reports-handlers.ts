/**
 * Report handlers: the dashboard summary, one printed summary table, and the Excel export of the
 * plan or a region. The figures come from the summaries module; the workbook from the export module.
 */
import { resolve } from 'node:path'
import type { Handlers } from '../service-context.ts'
import { exportWorkbook } from '../export/plan-workbook.ts'
import { dashboardSummary, reportTable } from '../summaries/summary-tables.ts'

type ReportsMethods = 'reports.summary' | 'reports.table' | 'reports.exportXlsx'

export const reportsHandlers: Handlers<ReportsMethods> = {
  'reports.summary': ({ region }, ctx) => dashboardSummary(ctx.plan(), region ?? null),
  'reports.table': ({ kind, region }, ctx) => reportTable(ctx.plan(), kind, region ?? null),
  'reports.exportXlsx': async ({ path, region }, ctx) => {
    const t0 = performance.now()
    const abs = resolve(path)
    const r = await exportWorkbook(ctx.plan(), { path: abs, region: region ?? null })
    return { path: abs, sheets: r.sheets, rows: r.rows, ms: Math.round(performance.now() - t0) }
  },
}
