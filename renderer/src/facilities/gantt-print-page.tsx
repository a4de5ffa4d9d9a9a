/**
 * The printable Gantt of a county or a site (route `#print=facility-gantt&region=…|site=…&paper=A4|A3
 * &zoom=month|quarter|year`), laid out as landscape sheets sized by CSS @page. A chart taller or
 * wider than a sheet is cut into pages down and across; every page repeats the row labels, the time
 * scale, the county and site headers of the rows it continues (（续）), the legend and
 * "第 X 页 共 Y 页". Rendered as SVG in millimetres so the PDF is crisp at any zoom.
 */
import { useEffect, useMemo, useState } from 'react'
import type { GanttData } from '../../../shared/api/facilities-api.ts'
import type { PlanSettings } from '../../../shared/settings.ts'
import { dayOf, FLAG_BUILT, FLAG_LATE_FOR_MOVE_IN, FLAG_OVERDUE } from '../../../shared/facilities/schedule.ts'
import { call } from '../api/client.ts'
import { L, useI18n } from '../i18n.tsx'
import { shortName } from './gantt-chart.tsx'
import { barDays, barSpan, barsOf, displayRows, ticks, timeScale, type DisplayRow, type Zoom } from './gantt-model.ts'
import './facilities.css'
import './gantt-print.css'

type Paper = 'A4' | 'A3'
const PAPER: Record<Paper, { w: number; h: number; label: number }> = { A4: { w: 297, h: 210, label: 64 }, A3: { w: 420, h: 297, label: 84 } }
const MARGIN = 10
const TITLE_H = 16
const FOOT_H = 7
const SCALE_H = 9
const ROW_H = 5.2
/** mm per day by zoom */
const MM_PER_DAY: Record<Zoom, number> = { month: 0.36, quarter: 0.13, year: 0.055 }

interface PrintParams {
  region: string | null
  siteId: number | null
  paper: Paper
  zoom: Zoom
}

function readParams(): PrintParams {
  const p = new URLSearchParams(location.hash.slice(1))
  const paper = p.get('paper') === 'A3' ? 'A3' : 'A4'
  const z = p.get('zoom')
  const zoom: Zoom = z === 'month' || z === 'year' ? z : 'quarter'
  const site = p.get('site')
  return { region: p.get('region'), siteId: site ? Number(site) : null, paper, zoom }
}

interface Sheet {
  rows: (DisplayRow & { cont?: boolean })[]
  fromDay: number
  toDay: number
}

/**
 * The days a page's rows draw something on: planned and actual bars, move-in markers. A time slice
 * with none of them is not printed for those rows (a county's rows otherwise filled pages with empty
 * years), but every page keeps the labels and the scale of the slice it shows.
 */
function contentSpans(rows: readonly DisplayRow[], asOf: string): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = []
  for (const r of rows) {
    if (r.kind === 'facility') {
      for (const d of [barSpan(r.bar, 'planned', asOf), barSpan(r.bar, 'actual', asOf)]) if (d) out.push(d)
    } else if (r.kind === 'site') {
      const d = barDays(r.moveIn, r.moveIn)
      if (d) out.push(d)
    }
  }
  return out
}

/** Cut the rows into pages (repeating the county and site headers a page continues) and the time into slices. */
export function paginate(rows: DisplayRow[], rowsPerPage: number, startDay: number, endDay: number, daysPerSlice: number, asOf: string): Sheet[] {
  const chunks: (DisplayRow & { cont?: boolean })[][] = []
  let i = 0
  let county: DisplayRow | null = null
  let site: DisplayRow | null = null
  while (i < rows.length) {
    const page: (DisplayRow & { cont?: boolean })[] = []
    if (chunks.length > 0) {
      const first = rows[i]!
      if (first.kind !== 'county' && county) page.push({ ...county, cont: true })
      if (first.kind === 'facility' && site) page.push({ ...site, cont: true })
    }
    while (page.length < rowsPerPage && i < rows.length) {
      const r = rows[i]!
      // never end a page on a header
      if (r.kind !== 'facility' && page.length >= rowsPerPage - 1) break
      if (r.kind === 'county') county = r
      if (r.kind === 'site') site = r
      page.push(r)
      i++
    }
    chunks.push(page)
  }
  const slices: [number, number][] = []
  for (let d = startDay; d < endDay; d += daysPerSlice) slices.push([d, Math.min(endDay, d + daysPerSlice)])
  const sheets: Sheet[] = []
  for (const c of chunks) {
    const spans = contentSpans(c, asOf)
    const drawn = slices.filter(([a, b]) => spans.some((d) => d.from < b && d.to > a))
    for (const [a, b] of drawn.length > 0 ? drawn : slices.slice(0, 1)) sheets.push({ rows: c, fromDay: a, toDay: b })
  }
  return sheets
}

export function GanttPrintPage() {
  const { t } = useI18n()
  const [params, setParams] = useState(readParams)
  const [data, setData] = useState<GanttData | null>(null)
  const [settings, setSettings] = useState<PlanSettings | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const input = params.siteId !== null ? { siteId: params.siteId } : { region: params.region }
    call('facilities.gantt', input).then(setData, (e: unknown) => setError(String(e)))
    call('settings.get', {}).then(setSettings, (e: unknown) => setError(String(e)))
  }, [params.region, params.siteId])

  const paper = PAPER[params.paper]
  const W = paper.w - 2 * MARGIN
  const H = paper.h - 2 * MARGIN
  const chartW = W - paper.label
  const chartH = H - TITLE_H - FOOT_H
  const rowsPerPage = Math.floor((chartH - SCALE_H) / ROW_H)
  const mmPerDay = MM_PER_DAY[params.zoom]

  const layout = useMemo(() => {
    if (!data) return null
    const rows = displayRows(data, barsOf(data))
    const scale = timeScale(data.span, data.asOf, params.zoom, 1)
    // slices of whole months that fit the chart width
    const daysFit = Math.floor(chartW / mmPerDay)
    const daysPerSlice = Math.max(31, Math.floor(daysFit / 30.44) * 30.44)
    // print from the first month with a bar to the month after the last date (or the as-of date)
    const first = data.span ? dayOf(data.span.from.slice(0, 7), 'start') : null
    const lastDay = Math.max(data.span ? (dayOf(data.span.to.slice(0, 7), 'end') ?? 0) : 0, dayOf(data.asOf.slice(0, 7), 'end') ?? 0)
    const from = Math.max(scale.startDay, first ?? scale.startDay)
    const to = Math.min(scale.endDay, lastDay > 0 ? lastDay + 1 : scale.endDay)
    return { rows, scale, sheets: paginate(rows, rowsPerPage, from, to, Math.floor(daysPerSlice), data.asOf) }
  }, [data, params.zoom, chartW, mmPerDay, rowsPerPage])

  useEffect(() => {
    if (!layout || !settings) return
    void document.fonts.ready.then(() => {
      document.body.dataset['printReady'] = 'true'
      document.body.dataset['pages'] = String(layout.sheets.length)
    })
  }, [layout, settings])

  const title = useMemo(() => {
    if (!data) return ''
    if (params.siteId !== null) return `${data.sites[0]?.county ?? ''}${data.sites[0]?.name ?? ''}配套设施建设进度甘特图`
    const names = Object.values(data.countyNames)
    return `${names.length === 1 ? names[0] : ''}易地扶贫搬迁安置点配套设施建设进度甘特图`
  }, [data, params.siteId])

  if (error) return <div className="print-error">{error}</div>
  if (!data || !layout || !settings) return <div className="print-loading">{t(L('正在准备打印…', 'Preparing the print…'))}</div>
  const total = layout.sheets.length
  const asOfDay = dayOf(data.asOf, 'end') ?? 0
  return (
    <div className="print-root" data-testid="gantt-print">
      <style>{`@page { size: ${params.paper} landscape; margin: ${MARGIN}mm; }`}</style>
      <div className="print-toolbar">
        <b>{t(L('甘特图打印预览', 'Gantt print preview'))}</b>
        <label>
          {t(L('纸张', 'Paper'))}
          <select value={params.paper} onChange={(e) => setParams({ ...params, paper: e.target.value as Paper })}>
            <option value="A4">A4 {t(L('横向', 'landscape'))}</option>
            <option value="A3">A3 {t(L('横向', 'landscape'))}</option>
          </select>
        </label>
        <label>
          {t(L('时间刻度', 'Scale'))}
          <select value={params.zoom} onChange={(e) => setParams({ ...params, zoom: e.target.value as Zoom })}>
            <option value="month">{t(L('月', 'Month'))}</option>
            <option value="quarter">{t(L('季', 'Quarter'))}</option>
            <option value="year">{t(L('年', 'Year'))}</option>
          </select>
        </label>
        <span>{t(L(`共 ${total} 页`, `${total} pages`))}</span>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t(L('打印', 'Print'))}
        </button>
      </div>
      {layout.sheets.map((sheet, n) => {
        const x = (day: number): number => paper.label + (day - sheet.fromDay) * mmPerDay
        const tk = ticks(sheet.fromDay, sheet.toDay - 1, params.zoom)
        const sliceW = (sheet.toDay - sheet.fromDay) * mmPerDay
        return (
          <section className="print-sheet" key={n} style={{ width: `${W}mm`, height: `${H}mm` }} data-page={n + 1}>
            <header className="print-title" style={{ height: `${TITLE_H}mm` }}>
              <h1>{title}</h1>
              <div className="print-sub">
                <span>
                  {t(L(`（截至 ${data.asOf}）`, `(as of ${data.asOf})`))} {settings.compiling_unit && `${t(L('编制单位：', 'Compiled by: '))}${settings.compiling_unit}`}
                </span>
                <span className="print-legend">
                  <i className="lg planned" />
                  {t(L('计划', 'Planned'))}
                  <i className="lg built" />
                  {t(L('实际', 'Actual'))}
                  <i className="lg building" />
                  {t(L('在建', 'In progress'))}
                  <i className="lg overdue" />
                  {t(L('逾期', 'Overdue'))}
                  <i className="lg late" />
                  {t(L('晚于入住', 'Late for move-in'))}
                  <b className="movein">◆</b>
                  {t(L('入住日期', 'Move-in'))}
                </span>
              </div>
            </header>
            <svg className="print-chart" width={`${W}mm`} height={`${chartH}mm`} viewBox={`0 0 ${W} ${chartH}`}>
              {/* time scale */}
              <rect x={0} y={0} width={W} height={SCALE_H} fill="#f2f4f7" />
              <text x={2} y={SCALE_H / 2 + 1.2} className="h">
                {t(L('县 / 安置点 / 设施', 'County / site / facility'))}
              </text>
              {tk.upper.map((u) => (
                <g key={`u${u.day}`}>
                  <line x1={x(Math.max(u.day, sheet.fromDay))} x2={x(Math.max(u.day, sheet.fromDay))} y1={0} y2={chartH} stroke="#9aa5b1" strokeWidth={0.25} />
                  <text x={x(Math.max(u.day, sheet.fromDay)) + 1} y={3.6} className="y">
                    {u.label}
                  </text>
                </g>
              ))}
              {tk.lower.map((l) => (
                <g key={`l${l.day}`}>
                  <line x1={x(l.day)} x2={x(l.day)} y1={4.8} y2={chartH} stroke="#e3e7ec" strokeWidth={0.2} />
                  {x(l.day) + 4 < paper.label + sliceW && (
                    <text x={x(l.day) + 0.8} y={8} className="m">
                      {l.label}
                    </text>
                  )}
                </g>
              ))}
              <line x1={0} x2={W} y1={SCALE_H} y2={SCALE_H} stroke="#6b7785" strokeWidth={0.3} />
              {/* rows */}
              {sheet.rows.map((r, i) => {
                const y = SCALE_H + i * ROW_H
                const mid = y + ROW_H / 2 + 1.1
                if (r.kind === 'county')
                  return (
                    <g key={i}>
                      <rect x={0} y={y} width={paper.label + sliceW} height={ROW_H} fill="#e4e9f0" />
                      <text x={1.5} y={mid} className="county">
                        {r.name}
                        {r.cont ? t(L('（续）', ' (cont.)')) : ''}
                      </text>
                      <text x={paper.label - 1.5} y={mid} className="meta" textAnchor="end">
                        {r.facilities}
                        {t(L('项', ''))}
                        {r.late > 0 ? ` · ${t(L('晚于入住', 'late'))}${r.late}` : ''}
                      </text>
                    </g>
                  )
                if (r.kind === 'site') {
                  const mi = dayOf(r.moveIn, 'start')
                  return (
                    <g key={i}>
                      <rect x={0} y={y} width={paper.label + sliceW} height={ROW_H} fill="#f5f7fa" />
                      <text x={4} y={mid} className="site">
                        {r.name}
                        {r.cont ? t(L('（续）', ' (cont.)')) : ''}
                      </text>
                      <text x={paper.label - 1.5} y={mid} className="meta" textAnchor="end">
                        {r.moveIn ? `${t(L('入住', 'in'))} ${r.moveIn}` : ''}
                      </text>
                      {mi !== null && mi >= sheet.fromDay && mi < sheet.toDay && <path d={`M${x(mi)} ${y + 0.8} l1.6 ${ROW_H / 2 - 0.8} l-1.6 ${ROW_H / 2 - 0.8} l-1.6 ${-(ROW_H / 2 - 0.8)} z`} fill="#c77700" />}
                    </g>
                  )
                }
                const b = r.bar
                const moveIn = dayOf(data.sites[b.siteIndex]?.moveIn ?? null, 'start')
                const clipBar = (d: { from: number; to: number } | null): [number, number] | null => {
                  if (!d) return null
                  const a = Math.max(d.from, sheet.fromDay)
                  const e = Math.min(d.to, sheet.toDay)
                  return e > a ? [x(a), Math.max(x(e) - x(a), 0.5)] : null
                }
                const planned = clipBar(barSpan(b, 'planned', data.asOf))
                const actual = clipBar(barSpan(b, 'actual', data.asOf))
                const late = (b.flags & FLAG_LATE_FOR_MOVE_IN) !== 0
                const overdue = (b.flags & FLAG_OVERDUE) !== 0
                return (
                  <g key={i}>
                    <text x={7} y={mid} className={`fac${late ? ' late' : overdue ? ' overdue' : ''}`}>
                      {clipText(shortName(b.name, data.sites[b.siteIndex]?.name), paper.label - 20)}
                    </text>
                    <text x={paper.label - 1.5} y={mid} className="meta" textAnchor="end">
                      {b.status ?? ''}
                    </text>
                    {planned && <rect className="bar" x={planned[0]} y={y + 0.9} width={planned[1]} height={1.6} fill={overdue ? '#f2c4c4' : '#c7d5e9'} stroke={overdue ? '#b4232a' : '#6f8fbf'} strokeWidth={0.2} />}
                    {actual && <rect className="bar" x={actual[0]} y={y + 2.8} width={actual[1]} height={1.6} fill={late ? '#e07b1a' : b.flags & FLAG_BUILT ? '#3f8f46' : '#2f6db5'} />}
                    {moveIn !== null && moveIn >= sheet.fromDay && moveIn < sheet.toDay && <line className="bar" x1={x(moveIn)} x2={x(moveIn)} y1={y} y2={y + ROW_H} stroke="#c77700" strokeWidth={0.25} strokeDasharray="0.8 0.6" />}
                    <line x1={0} x2={paper.label + sliceW} y1={y + ROW_H} y2={y + ROW_H} stroke="#eef1f5" strokeWidth={0.15} />
                  </g>
                )
              })}
              {asOfDay >= sheet.fromDay && asOfDay < sheet.toDay && (
                <g>
                  <line x1={x(asOfDay)} x2={x(asOfDay)} y1={SCALE_H} y2={SCALE_H + sheet.rows.length * ROW_H} stroke="#b4232a" strokeWidth={0.35} strokeDasharray="1.5 1" />
                </g>
              )}
              <line x1={paper.label} x2={paper.label} y1={0} y2={SCALE_H + sheet.rows.length * ROW_H} stroke="#6b7785" strokeWidth={0.3} />
            </svg>
            <footer className="print-foot" style={{ height: `${FOOT_H}mm` }}>
              <span>
                {settings.compiling_unit && `${t(L('编制单位：', 'Compiled by: '))}${settings.compiling_unit}　`}
                {settings.preparer && `${t(L('填表人：', 'Prepared by: '))}${settings.preparer}　`}
                {settings.reviewer && `${t(L('审核人：', 'Reviewed by: '))}${settings.reviewer}`}
              </span>
              <span>{t(L(`第 ${n + 1} 页 共 ${total} 页`, `Page ${n + 1} of ${total}`))}</span>
            </footer>
          </section>
        )
      })}
    </div>
  )
}

/** Shorten a label to about the given width in mm (CJK ≈ 2.9 mm at the print size, Latin ≈ 1.6 mm). */
function clipText(s: string, mm: number): string {
  let w = 0
  let out = ''
  for (const ch of s) {
    w += /[\u0000-\u00ff]/.test(ch) ? 1.6 : 2.9
    if (w > mm) return `${out}…`
    out += ch
  }
  return out
}
