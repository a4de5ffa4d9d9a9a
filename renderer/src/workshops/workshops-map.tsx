/**
 * The workshops map, drawn with no online tiles: ECharts on a plain longitude/latitude frame (a
 * graticule; county outlines are not in the reference data) with prefecture and county names at their
 * centres. Sites are circles sized by people and coloured by coverage of their jobseekers; workshops
 * are squares sized by jobs (operating blue, stopped grey, planned purple); proposals from the optimizer
 * are orange diamonds with lines to the sites they serve. Hovering a site or workshop draws its commute
 * radius; clicking one selects its row in the grid. Degrees of longitude are scaled by cos(latitude) so
 * distances look right. The region tree zooms: the data is the chosen region's.
 */
import { LineChart, LinesChart, ScatterChart } from 'echarts/charts'
import { DataZoomInsideComponent, GridComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'
import type { MapData, Proposal } from '../../../shared/api/workshops-api.ts'
import { useI18n, L } from '../i18n.tsx'

echarts.use([ScatterChart, LineChart, LinesChart, GridComponent, TooltipComponent, DataZoomInsideComponent, CanvasRenderer])

export interface MapTiming {
  /** ms from receiving the data to the chart's first finished frame */
  drawMs: number
  /** of which building the chart's model (setOption, synchronous) */
  setOptionMs: number
  sites: number
  workshops: number
}

declare global {
  interface Window {
    /** test and benchmark hooks of the workshops map */
    __workshopMap?: {
      pixelOf(kind: 'site' | 'workshop', id: number): [number, number] | null
      ids(kind: 'site' | 'workshop'): number[]
      timing: MapTiming | null
      /** the bench's floor: ms for bare ECharts to draw the same points (one colour and size, no frame or labels) */
      bareDrawMs(): number
      /** the ECharts instance (tests, profiling) */
      chart(): echarts.ECharts
    }
  }
}

export interface WorkshopsMapProps {
  data: MapData | null
  radiusKm: number
  proposals?: Proposal[]
  onSite?: (id: number) => void
  onWorkshop?: (id: number) => void
  /** a click on empty map (for adding candidate points) */
  onBlank?: (lat: number, lon: number) => void
}

/** red (nobody reached) → amber → green (all jobseekers reached) */
export function coverageColor(c: number, alpha = 1): string {
  const x = Math.max(0, Math.min(1, c))
  const hue = Math.round(x * 120)
  return `hsla(${hue}, 70%, 45%, ${alpha})`
}

/** lower bounds of the coverage classes the map colours sites by */
const COVERAGE_CLASSES = [0, 0.2, 0.4, 0.6, 0.8, 0.999]
const classOf = (c: number): number => {
  let k = 0
  for (let i = 0; i < COVERAGE_CLASSES.length; i++) if (c >= COVERAGE_CLASSES[i]!) k = i
  return k
}

/** symbol sizes as a share of the largest, by √(value / max) */
const SIZE_STEPS = [0.12, 0.25, 0.4, 0.6, 0.8, 1]
const sizeClass = (v: number, max: number): number => {
  const x = Math.sqrt(Math.max(0, v) / max)
  let k = 0
  while (k < SIZE_STEPS.length - 1 && x > (SIZE_STEPS[k]! + SIZE_STEPS[k + 1]!) / 2) k++
  return k
}

const STATUS_COLOR: Record<string, string> = { 正常: 'rgba(47,111,181,0.85)', 停产: 'rgba(154,163,173,0.85)', 规划: 'rgba(142,68,173,0.9)' }

function ring(lat: number, lon: number, km: number): [number, number][] {
  const out: [number, number][] = []
  const dLat = km / 110.574
  const dLon = km / (111.32 * Math.cos((lat * Math.PI) / 180))
  for (let i = 0; i <= 72; i++) {
    const a = (i / 72) * Math.PI * 2
    out.push([lon + dLon * Math.sin(a), lat + dLat * Math.cos(a)])
  }
  return out
}

/** Axis ranges with equal km per pixel on both axes. */
function frame(data: MapData, width: number, height: number): { lon: [number, number]; lat: [number, number] } {
  const pts = [...data.sites, ...data.workshops]
  if (pts.length === 0) return { lon: [103, 110], lat: [24, 30] }
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity
  for (const p of pts) {
    minLon = Math.min(minLon, p.lon)
    maxLon = Math.max(maxLon, p.lon)
    minLat = Math.min(minLat, p.lat)
    maxLat = Math.max(maxLat, p.lat)
  }
  const padLat = Math.max(0.05, (maxLat - minLat) * 0.06)
  const padLon = Math.max(0.05, (maxLon - minLon) * 0.06)
  minLat -= padLat
  maxLat += padLat
  minLon -= padLon
  maxLon += padLon
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)
  const dataAspect = ((maxLon - minLon) * k) / (maxLat - minLat)
  const pixAspect = width / Math.max(1, height)
  if (dataAspect > pixAspect) {
    const need = ((maxLon - minLon) * k) / pixAspect
    const mid = (minLat + maxLat) / 2
    minLat = mid - need / 2
    maxLat = mid + need / 2
  } else {
    const need = ((maxLat - minLat) * pixAspect) / k
    const mid = (minLon + maxLon) / 2
    minLon = mid - need / 2
    maxLon = mid + need / 2
  }
  return { lon: [minLon, maxLon], lat: [minLat, maxLat] }
}

const GRID = { left: 56, right: 14, top: 12, bottom: 30 }

export function WorkshopsMap(props: WorkshopsMapProps) {
  const { t } = useI18n()
  const host = useRef<HTMLDivElement | null>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const propsRef = useRef(props)
  propsRef.current = props

  useEffect(() => {
    const el = host.current
    if (!el) return
    const c = echarts.init(el, undefined, { renderer: 'canvas' })
    chart.current = c
    const ro = new ResizeObserver(() => {
      c.resize()
      draw()
    })
    ro.observe(el)
    c.on('click', (p) => {
      const v = p.value as number[] | undefined
      const id = Array.isArray(v) ? v[4] : undefined
      if (typeof id !== 'number') return
      if (p.seriesId?.startsWith('sites')) propsRef.current.onSite?.(id)
      else if (p.seriesId?.startsWith('workshops')) propsRef.current.onWorkshop?.(id)
    })
    c.on('mouseover', (p) => {
      const v = p.value as number[] | undefined
      if ((p.seriesId?.startsWith('sites') || p.seriesId?.startsWith('workshops') || p.seriesId === 'proposals') && Array.isArray(v))
        c.setOption({ series: [{ id: 'ring', data: ring(v[1]!, v[0]!, propsRef.current.radiusKm) }] })
    })
    c.on('mouseout', () => c.setOption({ series: [{ id: 'ring', data: [] }] }))
    c.getZr().on('click', (e) => {
      if (e.target) return
      const onBlank = propsRef.current.onBlank
      if (!onBlank) return
      const pt = c.convertFromPixel({ gridIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined
      if (pt && Number.isFinite(pt[0]) && Number.isFinite(pt[1])) onBlank(pt[1]!, pt[0]!)
    })
    window.__workshopMap = {
      timing: null,
      chart: () => c,
      bareDrawMs: () => {
        const d = propsRef.current.data
        const div = document.createElement('div')
        div.style.cssText = `position:absolute;left:-10000px;top:0;width:${el.clientWidth}px;height:${el.clientHeight}px`
        document.body.appendChild(div)
        const bare = echarts.init(div, undefined, { renderer: 'canvas' })
        const t0 = performance.now()
        bare.setOption({
          animation: false,
          xAxis: { type: 'value', scale: true },
          yAxis: { type: 'value', scale: true },
          series: [
            { type: 'scatter', symbolSize: 8, data: (d?.sites ?? []).map((x) => [x.lon, x.lat]) },
            { type: 'scatter', symbol: 'rect', symbolSize: 5, data: (d?.workshops ?? []).map((x) => [x.lon, x.lat]) },
          ],
        })
        const ms = performance.now() - t0
        bare.dispose()
        div.remove()
        return ms
      },
      ids: (kind) => (kind === 'site' ? (propsRef.current.data?.sites ?? []) : (propsRef.current.data?.workshops ?? [])).map((x) => x.id),
      pixelOf: (kind, id) => {
        const d = propsRef.current.data
        const item = kind === 'site' ? d?.sites.find((s) => s.id === id) : d?.workshops.find((w) => w.id === id)
        if (!item) return null
        const px = c.convertToPixel({ gridIndex: 0 }, [item.lon, item.lat]) as number[]
        const r = el.getBoundingClientRect()
        return [r.left + px[0]!, r.top + px[1]!]
      },
    }
    return () => {
      ro.disconnect()
      c.dispose()
      chart.current = null
    }
  }, [])

  const draw = (): void => {
    const c = chart.current
    const el = host.current
    const { data, proposals } = propsRef.current
    if (!c || !el || !data) return
    const t0 = performance.now()
    let setOptionMs = 0
    const f = frame(data, el.clientWidth - GRID.left - GRID.right, el.clientHeight - GRID.top - GRID.bottom)
    const maxPeople = Math.max(1, ...data.sites.map((s) => s.people))
    const maxJobs = Math.max(1, ...data.workshops.map((w) => w.jobs))
    const axisLabel = (suffix: string) => ({ formatter: (v: number) => `${Math.round(v * 100) / 100}°${suffix}`, color: '#6b7785', fontSize: 10, showMinLabel: false, showMaxLabel: false })
    const served = (proposals ?? []).flatMap((p) =>
      p.serves.map((s) => {
        const site = data.sites.find((x) => x.id === s.siteId)
        return site ? { coords: [[p.lon, p.lat], [site.lon, site.lat]] } : null
      }),
    ).filter((x) => x !== null)
    const onFinished = (): void => {
      c.off('finished', onFinished)
      const timing = { drawMs: performance.now() - t0, setOptionMs, sites: data.sites.length, workshops: data.workshops.length }
      if (window.__workshopMap) window.__workshopMap.timing = timing
      el.dataset['drawn'] = String(data.sites.length)
    }
    c.on('finished', onFinished)
    c.setOption(
      {
        animation: false,
        grid: GRID,
        tooltip: { trigger: 'item', confine: true },
        dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }, { type: 'inside', yAxisIndex: 0, filterMode: 'none' }],
        xAxis: { type: 'value', min: f.lon[0], max: f.lon[1], scale: true, splitLine: { lineStyle: { color: '#e6eaf0' } }, axisLabel: axisLabel('E') },
        yAxis: { type: 'value', min: f.lat[0], max: f.lat[1], scale: true, splitLine: { lineStyle: { color: '#e6eaf0' } }, axisLabel: axisLabel('N') },
        series: [
          {
            id: 'labels', type: 'scatter', silent: true, symbolSize: 0, z: 1,
            data: data.labels.map((l) => ({ value: [l.lon, l.lat], name: l.name, label: { fontSize: l.level === 2 ? 14 : 10, fontWeight: l.level === 2 ? 'bold' : 'normal', color: l.level === 2 ? 'rgba(60,70,85,0.55)' : 'rgba(90,100,115,0.7)' } })),
            label: { show: true, formatter: '{b}', position: 'inside' },
            labelLayout: { hideOverlap: true },
          },
          // sites by coverage class × size class and workshops by status × size class: one colour and one
          // size per series (a size callback per item costs more than drawing the points)
          ...COVERAGE_CLASSES.flatMap((lo, ci) =>
            SIZE_STEPS.map((_z, zi) => ({
              id: `sites-${ci}-${zi}`, type: 'scatter' as const, z: 3,
              // rows [lon, lat, people, coverage, id, index]
              data: data.sites.flatMap((x, i) => (classOf(x.coverage) === ci && sizeClass(x.people, maxPeople) === zi ? [[x.lon, x.lat, x.people, x.coverage, x.id, i]] : [])),
              symbolSize: 5 + 22 * SIZE_STEPS[zi]!,
              itemStyle: { color: coverageColor(lo + 0.1, 0.8) },
              tooltip: {
                formatter: (p: { value: number[] }) =>
                  `${data.sites[p.value[5]!]?.name ?? ''}<br/>${t(L('人数', 'People'))}：${p.value[2]}<br/>${t(L('待就业覆盖', 'Jobseekers reached'))}：${Math.round((p.value[3] ?? 0) * 100)}%`,
              },
            })),
          ).filter((x) => x.data.length > 0),
          ...Object.entries(STATUS_COLOR).flatMap(([status, color]) =>
            SIZE_STEPS.map((_z, zi) => ({
              id: `workshops-${status}-${zi}`, type: 'scatter' as const, z: 4, symbol: 'rect',
              data: data.workshops.flatMap((w, i) =>
                (w.status === status || (status === '正常' && !((w.status ?? '') in STATUS_COLOR))) && sizeClass(w.jobs, maxJobs) === zi ? [[w.lon, w.lat, w.jobs, 0, w.id, i]] : [],
              ),
              symbolSize: 3 + 7 * SIZE_STEPS[zi]!,
              itemStyle: { color },
              tooltip: { formatter: (p: { value: number[] }) => `${data.workshops[p.value[5]!]?.name ?? ''}<br/>${t(L('吸纳就业', 'Jobs'))}：${p.value[2]}` },
            })),
          ).filter((x) => x.data.length > 0),
          { id: 'served', type: 'lines', coordinateSystem: 'cartesian2d', silent: true, z: 5, lineStyle: { color: '#e67e22', width: 1, opacity: 0.7 }, data: served },
          {
            id: 'proposals', type: 'scatter', z: 6, symbol: 'diamond', symbolSize: 16,
            itemStyle: { color: '#e67e22', borderColor: '#fff', borderWidth: 1 },
            data: (proposals ?? []).map((p) => ({ value: [p.lon, p.lat, p.jobs, p.covered, -1], name: p.name })),
            tooltip: { formatter: (p: { name: string; value: number[] }) => `${p.name}<br/>${t(L('新增岗位', 'New jobs'))}：${p.value[2]}<br/>${t(L('吸纳待就业', 'Jobseekers taken'))}：${p.value[3]}` },
          },
          { id: 'ring', type: 'line', silent: true, z: 7, symbol: 'none', lineStyle: { color: '#c0392b', type: 'dashed', width: 1.5 }, data: [] },
        ],
      },
      { notMerge: true },
    )
    setOptionMs = performance.now() - t0
  }

  useEffect(draw, [props.data, props.proposals, props.radiusKm, t])

  return (
    <div className="ws-map-wrap">
      <div className="ws-map" ref={host} data-testid="workshops-map" />
      <div className="ws-legend">
        <span><i className="dot" style={{ background: coverageColor(0) }} />{t(L('无岗位可及', 'No posts in reach'))}</span>
        <span><i className="dot" style={{ background: coverageColor(0.5) }} />50%</span>
        <span><i className="dot" style={{ background: coverageColor(1) }} />{t(L('全覆盖', 'All reached'))}</span>
        <span><i className="sq" style={{ background: STATUS_COLOR['正常'] }} />{t(L('运营车间', 'Operating'))}</span>
        <span><i className="sq" style={{ background: STATUS_COLOR['规划'] }} />{t(L('规划车间', 'Planned'))}</span>
        <span><i className="dia" />{t(L('建议新建', 'Proposed'))}</span>
        <span className="muted">{t(L(`悬停显示 ${props.radiusKm} 公里通勤半径；滚轮缩放`, `Hover: ${props.radiusKm} km commute radius; wheel to zoom`))}</span>
        {props.data && props.data.unplaced > 0 && <span className="muted">{t(L(`${props.data.unplaced} 个安置点缺坐标未显示`, `${props.data.unplaced} sites without coordinates not shown`))}</span>}
      </div>
    </div>
  )
}
