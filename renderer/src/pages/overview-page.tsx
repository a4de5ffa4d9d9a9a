/**
 * 概览: the plan at a glance for the region chosen in the tree — headline indicators, sites by size
 * band, progress by prefecture (or county, or site), facility completion by category, employment, and
 * open checks by severity. Every chart follows the region tree and clicks through to the grid filtered
 * to what was clicked. Figures come from reports.summary, the same SQL as the printed reports.
 */
import { BarChart, GaugeChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef, useState } from 'react'
import type { DashboardSummary } from '../../../shared/api/reports-api.ts'
import type { Label } from '../../../shared/dictionary/types.ts'
import { call, on } from '../api/client.ts'
import { L, useI18n } from '../i18n.tsx'
import { formatNumber, formatPercent } from '../../../shared/reports/report-format.ts'
import { bandIndex } from '../../../shared/reports/size-bands.ts'
import '../reports/overview.css'
import { useApp } from '../shell/app-state.tsx'

echarts.use([BarChart, PieChart, GaugeChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, CanvasRenderer])

const FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif'
const RED = '#b4232a'
const BLUE = '#1f5fa8'
const GREEN = '#2f7d32'
const AMBER = '#c77700'
const GREY = '#9aa5b1'

type Option = echarts.EChartsCoreOption
type ClickParams = { dataIndex: number; seriesIndex?: number }

/** One ECharts instance in a div, resized with its box, with a click handler. */
function Chart({ option, onClick, testId, height = 260, count }: { option: Option; onClick?: (p: ClickParams) => void; testId: string; height?: number; count?: number }) {
  const el = useRef<HTMLDivElement | null>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const click = useRef(onClick)
  click.current = onClick
  useEffect(() => {
    if (!el.current) return
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' })
    chart.current = c
    c.on('click', (p) => click.current?.(p as unknown as ClickParams))
    const ro = new ResizeObserver(() => c.resize())
    ro.observe(el.current)
    return () => {
      ro.disconnect()
      c.dispose()
      chart.current = null
    }
  }, [])
  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option }, true)
  }, [option])
  return <div ref={el} className="chart" style={{ height }} data-testid={testId} data-count={count} />
}

function Card({ label, value, sub, testId }: { label: Label; value: string; sub?: string; testId: string }) {
  const { t } = useI18n()
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-label">{t(label)}</div>
      <div className="kpi-value">{value}</div>
      {sub && <div className="kpi-sub">{sub}</div>}
    </div>
  )
}

const n0 = (v: number): string => formatNumber(v, 0)
/** 万元 as 亿元 / 万元 in Chinese, million yuan in English */
const wan = (v: number, locale: 'zh' | 'en'): string =>
  locale === 'en' ? `${formatNumber(v / 100, v >= 100000 ? 0 : 1)} million yuan` : v >= 10000 ? `${formatNumber(v / 10000, 2)} 亿元` : `${formatNumber(v, 0)} 万元`
const pct = (v: number | null): number => (v === null ? 0 : Math.round(v * 1000) / 10)

export function OverviewPage() {
  const app = useApp()
  const { t, locale } = useI18n()
  const [s, setS] = useState<DashboardSummary | null>(null)

  // the figures follow edits made anywhere (debounced)
  const [changes, setChanges] = useState(0)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = on('plan.changed', () => {
      clearTimeout(timer)
      timer = setTimeout(() => setChanges((n) => n + 1), 500)
    })
    return () => {
      clearTimeout(timer)
      off()
    }
  }, [])

  useEffect(() => {
    let live = true
    call('reports.summary', { region: app.region })
      .then((r) => live && setS(r))
      .catch(app.fail)
    return () => {
      live = false
    }
  }, [app.region, app.planVersion, app.fail, changes])

  if (!s) return <div className="overview-page muted">{t(L('正在汇总…', 'Summarising…'))}</div>
  const h = s.headline
  const goSites = (region?: string): void => {
    if (region) app.setRegion(region)
    app.setPage('sites')
  }
  // a size band's bar: the sites of that band in the region shown
  const goBand = (band: number): void => app.openFiltered({ entity: 'site', field: 'planned_people', keep: (v) => bandIndex(typeof v === 'number' ? v : null) === band })
  // a category's bar: the facilities page filtered to it (未分类 has no category to filter by)
  const goCategory = (category: string | undefined): void => {
    if (category) app.openFiltered({ entity: 'facility', field: 'category', value: category, keep: (v) => v === category })
    else app.setPage('facilities')
  }
  const childLabel = s.childLevel === 'prefecture' ? L('各市（州）进度', 'Progress by prefecture') : s.childLevel === 'county' ? L('各县（市、区）进度', 'Progress by county') : L('各安置点进度', 'Progress by site')
  const children = s.children.slice(0, 40)
  // names slanted when they would not fit side by side
  const rotate = children.length > 8 || children.reduce((a, c) => a + c.name.length, 0) > 40

  const bandOption: Option = {
    tooltip: { trigger: 'axis' },
    grid: { left: 50, right: 50, top: 30, bottom: 30 },
    legend: { data: [t(L('安置点个数', 'Sites')), t(L('安置人数', 'People'))], top: 0 },
    xAxis: { type: 'category', data: s.bands.map((b) => t(b.label)), axisLabel: { interval: 0, fontSize: 11, formatter: (v: string) => v.replace('–', '–\n') } },
    yAxis: [{ type: 'value', name: t(L('个', 'sites')) }, { type: 'value', name: t(L('人', 'people')), splitLine: { show: false } }],
    series: [
      { name: t(L('安置点个数', 'Sites')), type: 'bar', data: s.bands.map((b) => b.sites), itemStyle: { color: RED }, label: { show: true, position: 'top' } },
      { name: t(L('安置人数', 'People')), type: 'bar', yAxisIndex: 1, data: s.bands.map((b) => b.people), itemStyle: { color: GREY } },
    ],
  }
  const progressOption: Option = {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)}%` },
    legend: { top: 0 },
    grid: { left: 40, right: 10, top: 30, bottom: rotate ? 70 : 40 },
    xAxis: { type: 'category', data: children.map((c) => c.name), axisLabel: { interval: 0, rotate: rotate ? 35 : 0, fontSize: 11, width: 110, overflow: 'truncate' } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: t(L('入住率', 'Moved in')), type: 'bar', data: children.map((c) => pct(c.movedRate)), itemStyle: { color: RED } },
      { name: t(L('设施完成率', 'Facilities built')), type: 'bar', data: children.map((c) => pct(c.facilityRate)), itemStyle: { color: BLUE } },
      { name: t(L('就业率', 'Employment')), type: 'bar', data: children.map((c) => pct(c.employmentRate)), itemStyle: { color: GREEN } },
    ],
  }
  const facOption: Option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 90, right: 20, top: 30, bottom: 25 },
    yAxis: { type: 'category', data: s.facilities.map((f) => t(f.label)), inverse: true },
    xAxis: { type: 'value' },
    series: [
      { name: t(L('已建成', 'Built')), type: 'bar', stack: 'f', data: s.facilities.map((f) => f.built), itemStyle: { color: GREEN } },
      { name: t(L('在建', 'Building')), type: 'bar', stack: 'f', data: s.facilities.map((f) => f.building), itemStyle: { color: AMBER } },
      { name: t(L('未开工', 'Not started')), type: 'bar', stack: 'f', data: s.facilities.map((f) => f.notStarted), itemStyle: { color: GREY } },
    ],
  }
  const e = s.employment
  const empOption: Option = {
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        splitNumber: 5,
        center: ['50%', '55%'],
        progress: { show: true, width: 14, itemStyle: { color: (e.rate ?? 0) >= e.target ? GREEN : AMBER } },
        axisLine: { lineStyle: { width: 14 } },
        axisLabel: { fontSize: 10 },
        splitLine: { length: 8 },
        pointer: { width: 4 },
        // the figure sits in the dial's open lower part, below the 0 and 100 labels, the caption under it
        detail: { valueAnimation: false, formatter: '{value}%', fontSize: 22, offsetCenter: [0, '78%'] },
        title: { offsetCenter: [0, '108%'], fontSize: 12 },
        data: [{ value: pct(e.rate), name: t(L(`就业率（目标 ${Math.round(e.target * 100)}%）`, `Employment rate (target ${Math.round(e.target * 100)}%)`)) }],
      },
    ],
  }
  const SEV: Record<string, { label: Label; color: string }> = {
    error: { label: L('错误', 'Errors'), color: RED },
    warning: { label: L('警告', 'Warnings'), color: AMBER },
    info: { label: L('提示', 'Info'), color: BLUE },
  }
  const openChecks = s.checks?.filter((c) => c.count > 0) ?? []
  const checksTotal = openChecks.reduce((a, c) => a + c.count, 0)
  const checksOption: Option | null = s.checks
    ? {
        title: { text: n0(checksTotal), subtext: t(L('项待处理', 'open')), left: 'center', top: '38%', textStyle: { fontSize: 22, fontFamily: FONT }, subtextStyle: { fontFamily: FONT } },
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['40%', '68%'],
            label: { formatter: '{b} {c}' },
            data: openChecks.map((c) => ({ name: t(SEV[c.severity]?.label ?? L(c.severity, c.severity)), value: c.count, itemStyle: { color: SEV[c.severity]?.color ?? GREY } })),
          },
        ],
      }
    : null

  return (
    <div className="overview-page" data-testid="overview-page">
      <h2 className="overview-title">
        {s.scope.name} · {t(L('易地扶贫搬迁概览', 'Relocation overview'))}
      </h2>
      <div className="kpis">
        <Card testId="kpi-sites" label={L('安置点', 'Sites')} value={n0(h.sites)} sub={t(L(`${n0(h.households)} 户`, `${n0(h.households)} households`))} />
        <Card testId="kpi-people" label={L('规划安置人数', 'People planned')} value={n0(h.people)} sub={t(L(`其中建档立卡 ${n0(h.poorPeople)} 人`, `${n0(h.poorPeople)} registered poor`))} />
        <Card testId="kpi-moved" label={L('搬迁入住率', 'Moved-in rate')} value={formatPercent(h.movedRate)} sub={t(L(`已入住 ${n0(h.movedPeople)} 人`, `${n0(h.movedPeople)} moved in`))} />
        <Card testId="kpi-investment" label={L('总投资', 'Investment')} value={wan(h.investmentWan, locale)} sub={t(L(`完成 ${formatPercent(h.investmentRate)}`, `${formatPercent(h.investmentRate)} done`))} />
        <Card
          testId="kpi-housing"
          label={L('安置住房', 'Housing')}
          value={t(L(`${n0(h.housingUnits)} 套`, `${n0(h.housingUnits)} units`))}
          sub={t(L(`人均 ${h.areaPerPoorM2 === null ? '—' : formatNumber(h.areaPerPoorM2, 1)} ㎡（建档立卡）`, `${h.areaPerPoorM2 === null ? '—' : formatNumber(h.areaPerPoorM2, 1)} m² per poor person`))}
        />
        <Card testId="kpi-employment" label={L('就业率', 'Employment rate')} value={formatPercent(e.rate)} sub={t(L(`零就业家庭 ${n0(e.zeroEmploymentHouseholds)} 户`, `${n0(e.zeroEmploymentHouseholds)} zero-employment households`))} />
        <Card testId="kpi-workshops" label={L('扶贫车间', 'Workshops')} value={n0(s.workshops.workshops)} sub={t(L(`吸纳就业 ${n0(s.workshops.jobs)} 人`, `${n0(s.workshops.jobs)} jobs`))} />
      </div>
      <div className="charts">
        <section className="panel">
          <h3>{t(L('按安置规模分', 'Sites by size band'))}</h3>
          <Chart testId="chart-bands" option={bandOption} count={s.bands.length} onClick={(p) => goBand(p.dataIndex)} />
        </section>
        <section className="panel wide">
          <h3>{t(childLabel)}</h3>
          <Chart
            testId="chart-progress"
            option={progressOption}
            count={children.length}
            onClick={(p) => {
              const c = children[p.dataIndex]
              if (!c) return
              if (s.childLevel === 'site') app.focusCell('site', Number(c.code))
              else goSites(c.code)
            }}
          />
        </section>
        <section className="panel">
          <h3>{t(L('配套设施完成情况', 'Facility completion'))}</h3>
          <Chart testId="chart-facilities" option={facOption} count={s.facilities.length} onClick={(p) => goCategory(s.facilities[p.dataIndex]?.category)} />
          <table className="mini-table">
            <tbody>
              {s.facilities.map((f) => (
                <tr key={f.category}>
                  <td>{t(f.label)}</td>
                  <td>{t(L(`应配建 ${n0(f.planned)}`, `${n0(f.planned)} planned`))}</td>
                  <td>{t(L(`完成率 ${formatPercent(f.rate)}`, `${formatPercent(f.rate)} built`))}</td>
                  <td className={f.lateForMoveIn > 0 ? 'warn' : undefined} data-testid={`late-${f.category}`}>
                    {t(L(`晚于入住 ${n0(f.lateForMoveIn)}`, `${n0(f.lateForMoveIn)} late for move-in`))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel">
          <h3>{t(L('搬迁劳动力就业', 'Employment'))}</h3>
          <Chart testId="chart-employment" option={empOption} onClick={() => goSites()} height={220} />
          <div className="emp-facts">
            <span>{t(L(`劳动力 ${n0(e.laborForce)} 人`, `Labour ${n0(e.laborForce)}`))}</span>
            <span>{t(L(`已就业 ${n0(e.employed)} 人`, `Employed ${n0(e.employed)}`))}</span>
            <button type="button" className="link" onClick={() => goSites()} data-testid="zero-employment">
              {t(L(`零就业家庭 ${n0(e.zeroEmploymentHouseholds)} 户（${n0(e.sitesWithZeroEmployment)} 个安置点）`, `${n0(e.zeroEmploymentHouseholds)} zero-employment households at ${n0(e.sitesWithZeroEmployment)} sites`))}
            </button>
          </div>
        </section>
        <section className="panel">
          <h3>{t(L('待处理检查问题', 'Open checks'))}</h3>
          {checksOption ? (
            <Chart testId="chart-checks" option={checksOption} onClick={() => app.setPage('checks')} />
          ) : (
            <div className="muted chart-empty" data-testid="chart-checks-empty">
              {t(L('检查引擎尚未接入，暂无检查结果', 'The check engine is not installed yet'))}
            </div>
          )}
        </section>
      </div>
      <div className="muted overview-note">{locale === 'zh' ? '点击图表可跳转到相应的筛选表格。' : 'Click a chart to open the filtered grid.'}</div>
    </div>
  )
}
