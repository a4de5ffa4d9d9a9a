/**
 * 报表: the print preview of the report set of domain.md for the region chosen in the tree (the whole
 * plan, a prefecture or a county), on A4 or A3 landscape, with print / save as PDF, the Excel export of
 * the plan or region, and a CSV of the report shown. Rows click through to the filtered grid.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { REPORT_KINDS, REPORT_TITLES, type ReportKind, type ReportRow, type ReportTable } from '../../../shared/api/reports-api.ts'
import { call } from '../api/client.ts'
import { useShellCapabilities } from '../api/shell.ts'
import { L, useI18n } from '../i18n.tsx'
import { downloadBlob, downloadText, reportCsv } from '../reports/csv-export.ts'
import { pageCss, printReport, publishPrintSetup, savePath, type PrintSetup } from '../reports/print.ts'
import { ReportTableView } from '../reports/report-table-view.tsx'
import '../reports/report.css'
import { useApp } from '../shell/app-state.tsx'

function initialKind(): ReportKind {
  const k = new URLSearchParams(location.hash.slice(1)).get('report')
  return (REPORT_KINDS as readonly string[]).includes(k ?? '') ? (k as ReportKind) : 'headline'
}

export function ReportsPage() {
  const app = useApp()
  const { t } = useI18n()
  const [kind, setKind] = useState<ReportKind>(initialKind)
  const [table, setTable] = useState<ReportTable | null>(null)
  const [paper, setPaper] = useState<PrintSetup['size'] | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const styleRef = useRef<HTMLStyleElement | null>(null)
  const shell = useShellCapabilities()

  useEffect(() => {
    let live = true
    setTable(null)
    call('reports.table', { kind, region: app.region })
      .then((r) => live && setTable(r))
      .catch(app.fail)
    return () => {
      live = false
    }
  }, [kind, app.region, app.planVersion, app.fail])

  const setup = useMemo<PrintSetup>(() => ({ size: paper ?? table?.paper.size ?? 'A4', landscape: true }), [paper, table])

  // the @page rule follows the chosen paper; tests read the footer template from window.__anjuPrint
  useEffect(() => {
    const el = document.createElement('style')
    el.dataset['anju'] = 'report-page'
    document.head.appendChild(el)
    styleRef.current = el
    return () => {
      el.remove()
      styleRef.current = null
      delete window.__anjuPrint
    }
  }, [])
  useEffect(() => {
    if (styleRef.current) styleRef.current.textContent = pageCss(setup, false)
    if (table) publishPrintSetup(table, setup)
  }, [setup, table])

  const onRowClick = useCallback(
    (r: ReportRow) => {
      if (r.ref) app.focusCell(r.ref.entity, r.ref.id, r.ref.field)
      else if (r.siteId !== undefined) app.focusCell('site', r.siteId)
      else if (r.region) {
        app.setRegion(r.region)
        app.setPage('sites')
      }
    },
    [app],
  )

  const print = async (): Promise<void> => {
    if (!table) return
    setBusy('print')
    try {
      const path = await printReport(table, setup, styleRef.current)
      if (path) app.toast('info', L(`已保存 PDF：${path}`, `PDF saved: ${path}`))
    } catch (e) {
      app.fail(e)
    } finally {
      setBusy(null)
    }
  }

  const exportXlsx = async (): Promise<void> => {
    setBusy('xlsx')
    const scope = table?.header.scopeName ?? ''
    try {
      const path = await savePath(`${scope}易地扶贫搬迁安置点数据.xlsx`, { name: 'Excel', extensions: ['xlsx'] })
      if (path === null) return
      if (path !== undefined) {
        const r = await call('reports.exportXlsx', { path, region: app.region })
        app.toast('info', L(`已导出 ${r.sheets.length} 个工作表：${r.path}`, `Exported ${r.sheets.length} sheets: ${r.path}`))
        return
      }
      // browser shell: the server writes the workbook and the page downloads it
      const token = sessionStorage.getItem('anju-token') ?? ''
      const res = await fetch(`/api/reports/export.xlsx${app.region ? `?region=${app.region}` : ''}`, { headers: { 'x-anju-token': token } })
      if (!res.ok) throw new Error(await res.text())
      downloadBlob(await res.blob(), `${scope}易地扶贫搬迁安置点数据.xlsx`)
    } catch (e) {
      app.fail(e)
    } finally {
      setBusy(null)
    }
  }

  const exportCsv = (): void => {
    if (table) downloadText(reportCsv(table), `${table.header.scopeName}${table.name.zh}.csv`)
  }

  return (
    <div className="reports-page" data-testid="reports-page">
      <div className="report-toolbar">
        <div className="tabs" role="tablist">
          {REPORT_KINDS.map((k) => (
            <button key={k} type="button" role="tab" className={k === kind ? 'active' : ''} aria-selected={k === kind} onClick={() => setKind(k)} data-testid={`report-${k}`}>
              {t(REPORT_TITLES[k])}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <label>
          {t(L('纸张', 'Paper'))}{' '}
          <select value={setup.size} onChange={(e) => setPaper(e.target.value === 'A3' ? 'A3' : 'A4')} data-testid="report-paper">
            <option value="A4">{t(L('A4 横向', 'A4 landscape'))}</option>
            <option value="A3">{t(L('A3 横向', 'A3 landscape'))}</option>
          </select>
        </label>
        <button type="button" className="primary" disabled={!table || busy !== null} onClick={() => void print()} data-testid="report-print">
          {t(shell?.printToPdf ? L('保存为 PDF', 'Save as PDF') : L('打印', 'Print'))}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void exportXlsx()} data-testid="report-export-xlsx">
          {busy === 'xlsx' ? t(L('正在导出…', 'Exporting…')) : t(L('导出 Excel', 'Export Excel'))}
        </button>
        <button type="button" disabled={!table} onClick={exportCsv} data-testid="report-export-csv">
          {t(L('导出 CSV', 'Export CSV'))}
        </button>
      </div>
      <div className="report-scroll">
        {table ? <ReportTableView table={table} paper={setup.size} onRowClick={onRowClick} /> : <div className="muted">{t(L('正在生成报表…', 'Building the report…'))}</div>}
      </div>
    </div>
  )
}
