/**
 * The facility Gantt on screen: one canvas redrawn for the visible window only, under a transparent
 * scroller sized to the whole chart, so a prefecture's 5,000+ rows scroll smoothly. Rows are grouped
 * county → site → facility; each facility has a planned bar (upper) and an actual bar (lower); the
 * site's move-in date is a diamond on its row and a dashed line through its facilities; the as-of
 * date is a red line. Overdue bars are red, bars late for move-in orange with a mark. Dragging a bar
 * moves it, dragging an end moves that date; the change goes through rows.update (checked, one undo
 * step). Clicking a row selects it.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { GanttData } from '../../../shared/api/facilities-api.ts'
import { dayOf, FLAG_BUILT, FLAG_LATE_FOR_MOVE_IN, FLAG_OVERDUE, shiftDate } from '../../../shared/facilities/schedule.ts'
import { L, useI18n } from '../i18n.tsx'
import { barDays, barSpan, ticks, timeScale, type DisplayRow, type FacilityBar, type TimeScale, type Zoom } from './gantt-model.ts'

export const ROW_H = 24
export const HEADER_H = 44
export const LABEL_W = 300

export interface DateEdit {
  field: 'planned_start' | 'planned_end' | 'actual_start' | 'actual_end'
  value: string
}

export interface GanttChartProps {
  data: GanttData
  rows: DisplayRow[]
  zoom: Zoom
  selectedId: number | null
  onSelect(id: number): void
  onToggle(key: string): void
  onDates(id: number, edits: DateEdit[]): Promise<unknown>
  /** the chosen baseline's planned period per facility id: drawn as a thin bar under the planned bar */
  baseline?: ReadonlyMap<number, readonly [string | null, string | null]> | null
}

type Which = 'planned' | 'actual'
interface Drag {
  id: number
  which: Which
  mode: 'move' | 'start' | 'end'
  x0: number
  dx: number
  /** allowed day shift range (start may not pass end) */
  min: number
  max: number
}

const COLORS = {
  grid: '#eef1f5',
  gridMajor: '#cfd6df',
  county: '#e4e9f0',
  site: '#f5f7fa',
  selected: '#fff1c2',
  planned: '#c7d5e9',
  plannedStroke: '#6f8fbf',
  overdue: '#f2c4c4',
  overdueStroke: '#b4232a',
  built: '#3f8f46',
  building: '#2f6db5',
  late: '#e07b1a',
  baseline: '#59606b',
  moveIn: '#c77700',
  asOf: '#b4232a',
  text: '#1f2933',
  muted: '#6b7785',
}

declare global {
  interface Window {
    /** the Gantt's geometry, for tests */
    __gantt?: {
      rowCount: number
      barBox(id: number, which: Which): { x: number; y: number; w: number; h: number } | null
      scrollToFacility(id: number): void
      scale: { pxPerDay: number }
    }
  }
}

function barRect(bar: FacilityBar, which: Which, scale: TimeScale, asOf: string): { x0: number; x1: number } | null {
  const d = barSpan(bar, which, asOf)
  if (!d) return null
  return { x0: scale.x(d.from), x1: Math.max(scale.x(d.to), scale.x(d.from) + 3) }
}

export function GanttChart(props: GanttChartProps) {
  const { data, rows, zoom, selectedId, baseline } = props
  const { t } = useI18n()
  const hostRef = useRef<HTMLDivElement>(null)
  const scrollRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const [size, setSize] = useState({ w: 800, h: 400 })
  const dragRef = useRef<Drag | null>(null)
  const frame = useRef(0)

  const scale = useMemo(() => timeScale(data.span, data.asOf, zoom), [data.span, data.asOf, zoom])
  const asOfDay = dayOf(data.asOf, 'end') ?? 0
  const rowIndexOf = useMemo(() => {
    const m = new Map<number, number>()
    rows.forEach((r, i) => r.kind === 'facility' && m.set(r.bar.id, i))
    return m
  }, [rows])

  useLayoutEffect(() => {
    const host = hostRef.current
    if (!host) return
    const ro = new ResizeObserver(() => setSize({ w: host.clientWidth, h: host.clientHeight }))
    ro.observe(host)
    setSize({ w: host.clientWidth, h: host.clientHeight })
    return () => ro.disconnect()
  }, [])

  const draw = useCallback(() => {
    const canvas = canvasRef.current
    const scroller = scrollRef.current
    if (!canvas || !scroller) return
    const dpr = window.devicePixelRatio || 1
    const W = size.w
    const H = size.h
    if (canvas.width !== Math.round(W * dpr) || canvas.height !== Math.round(H * dpr)) {
      canvas.width = Math.round(W * dpr)
      canvas.height = Math.round(H * dpr)
      canvas.style.width = `${W}px`
      canvas.style.height = `${H}px`
    }
    const g = canvas.getContext('2d')
    if (!g) return
    g.setTransform(dpr, 0, 0, dpr, 0, 0)
    g.clearRect(0, 0, W, H)
    // baseline bars drawn in view (tests read it from the host's data-baseline-bars)
    let baselineBars = 0
    g.font = '12px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'
    g.textBaseline = 'middle'
    const sl = scroller.scrollLeft
    const st = scroller.scrollTop
    const cx = (day: number): number => LABEL_W + scale.x(day) - sl
    const first = Math.max(0, Math.floor(st / ROW_H))
    const last = Math.min(rows.length, first + Math.ceil((H - HEADER_H) / ROW_H) + 1)
    const leftDay = scale.day(sl)
    const rightDay = scale.day(sl + W - LABEL_W)
    const tk = ticks(Math.floor(leftDay) - 200, Math.ceil(rightDay) + 1, zoom)

    // row backgrounds and vertical grid
    for (let i = first; i < last; i++) {
      const r = rows[i]!
      const y = HEADER_H + i * ROW_H - st
      if (r.kind === 'county') g.fillStyle = COLORS.county
      else if (r.kind === 'site') g.fillStyle = COLORS.site
      else g.fillStyle = r.bar.id === selectedId ? COLORS.selected : '#fff'
      g.fillRect(LABEL_W, y, W - LABEL_W, ROW_H)
    }
    for (const tick of tk.lower) {
      const x = Math.round(cx(tick.day)) + 0.5
      if (x < LABEL_W) continue
      g.strokeStyle = tick.major ? COLORS.gridMajor : COLORS.grid
      g.beginPath()
      g.moveTo(x, HEADER_H)
      g.lineTo(x, H)
      g.stroke()
    }

    // bars
    const drag = dragRef.current
    for (let i = first; i < last; i++) {
      const r = rows[i]!
      const y = HEADER_H + i * ROW_H - st
      if (r.kind === 'county') {
        g.fillStyle = COLORS.text
        continue
      }
      if (r.kind === 'site') {
        const mi = dayOf(r.moveIn, 'start')
        if (mi !== null) {
          const x = cx(mi)
          if (x >= LABEL_W) {
            g.fillStyle = COLORS.moveIn
            g.beginPath()
            g.moveTo(x, y + 5)
            g.lineTo(x + 6, y + ROW_H / 2)
            g.lineTo(x, y + ROW_H - 5)
            g.lineTo(x - 6, y + ROW_H / 2)
            g.closePath()
            g.fill()
            g.fillStyle = COLORS.moveIn
            g.fillText(`${t(L('入住', 'Move-in'))} ${r.moveIn}`, x + 9, y + ROW_H / 2)
          }
        }
        continue
      }
      const bar = r.bar
      const moveIn = data.sites[bar.siteIndex]?.moveIn ?? null
      const mi = dayOf(moveIn, 'start')
      if (mi !== null) {
        const x = Math.round(cx(mi)) + 0.5
        if (x >= LABEL_W) {
          g.strokeStyle = COLORS.moveIn
          g.setLineDash([3, 3])
          g.beginPath()
          g.moveTo(x, y)
          g.lineTo(x, y + ROW_H)
          g.stroke()
          g.setLineDash([])
        }
      }
      const base = baseline?.get(bar.id)
      const bd = base ? barDays(base[0], base[1]) : null
      if (bd) {
        const bx0 = LABEL_W + scale.x(bd.from) - sl
        const bx1 = LABEL_W + Math.max(scale.x(bd.to), scale.x(bd.from) + 3) - sl
        if (bx1 >= LABEL_W && bx0 <= W) {
          const left = Math.max(bx0, LABEL_W)
          g.fillStyle = COLORS.baseline
          g.fillRect(left, y + 11, bx1 - left, 2)
          baselineBars++
        }
      }
      for (const which of ['planned', 'actual'] as const) {
        const rect = barRect(bar, which, scale, data.asOf)
        if (!rect) continue
        let x0 = rect.x0
        let x1 = rect.x1
        if (drag && drag.id === bar.id && drag.which === which) {
          const dd = Math.max(drag.min, Math.min(drag.max, Math.round(drag.dx / scale.pxPerDay))) * scale.pxPerDay
          if (drag.mode !== 'end') x0 += dd
          if (drag.mode !== 'start') x1 += dd
        }
        const sx0 = LABEL_W + x0 - sl
        const sx1 = LABEL_W + x1 - sl
        if (sx1 < LABEL_W || sx0 > W) continue
        const left = Math.max(sx0, LABEL_W)
        if (which === 'planned') {
          const overdue = (bar.flags & FLAG_OVERDUE) !== 0
          g.fillStyle = overdue ? COLORS.overdue : COLORS.planned
          g.strokeStyle = overdue ? COLORS.overdueStroke : COLORS.plannedStroke
          g.fillRect(left, y + 4, sx1 - left, 7)
          g.strokeRect(left + 0.5, y + 4.5, sx1 - left - 1, 6)
        } else {
          const late = (bar.flags & FLAG_LATE_FOR_MOVE_IN) !== 0
          const built = (bar.flags & FLAG_BUILT) !== 0
          g.fillStyle = late ? COLORS.late : built ? COLORS.built : COLORS.building
          g.globalAlpha = built ? 1 : 0.75
          g.fillRect(left, y + 13, sx1 - left, 7)
          g.globalAlpha = 1
        }
      }
      if (bar.flags & (FLAG_LATE_FOR_MOVE_IN | FLAG_OVERDUE)) {
        const ends = [barRect(bar, 'planned', scale, data.asOf)?.x1, barRect(bar, 'actual', scale, data.asOf)?.x1].filter((v): v is number => v !== undefined)
        if (ends.length > 0) {
          const x = LABEL_W + Math.max(...ends) - sl + 4
          if (x > LABEL_W && x < W) {
            g.fillStyle = bar.flags & FLAG_LATE_FOR_MOVE_IN ? COLORS.late : COLORS.overdueStroke
            g.font = 'bold 11px "Noto Sans CJK SC", sans-serif'
            g.fillText(bar.flags & FLAG_LATE_FOR_MOVE_IN ? t(L('晚于入住', 'late for move-in')) : t(L('逾期', 'overdue')), x, y + ROW_H / 2)
            g.font = '12px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'
          }
        }
      }
    }

    // as-of line
    const ax = Math.round(cx(asOfDay)) + 0.5
    if (ax >= LABEL_W && ax <= W) {
      g.strokeStyle = COLORS.asOf
      g.setLineDash([6, 4])
      g.beginPath()
      g.moveTo(ax, HEADER_H)
      g.lineTo(ax, H)
      g.stroke()
      g.setLineDash([])
    }

    // labels
    g.fillStyle = '#fff'
    g.fillRect(0, HEADER_H, LABEL_W, H - HEADER_H)
    for (let i = first; i < last; i++) {
      const r = rows[i]!
      const y = HEADER_H + i * ROW_H - st
      if (r.kind === 'county') {
        g.fillStyle = COLORS.county
        g.fillRect(0, y, LABEL_W, ROW_H)
        g.fillStyle = COLORS.text
        g.font = 'bold 12px "Noto Sans CJK SC", sans-serif'
        g.fillText(`▾ ${r.name}`, 6, y + ROW_H / 2)
        g.font = '11px "Noto Sans CJK SC", sans-serif'
        g.fillStyle = r.late > 0 ? COLORS.late : COLORS.muted
        g.textAlign = 'right'
        g.fillText(`${r.facilities} ${t(L('项', 'items'))}${r.late > 0 ? ` · ${t(L('晚于入住', 'late'))} ${r.late}` : ''}`, LABEL_W - 8, y + ROW_H / 2)
        g.textAlign = 'left'
      } else if (r.kind === 'site') {
        g.fillStyle = COLORS.site
        g.fillRect(0, y, LABEL_W, ROW_H)
        g.fillStyle = COLORS.text
        g.font = 'bold 12px "Noto Sans CJK SC", sans-serif'
        g.fillText(clip(g, `▸ ${r.name}`, LABEL_W - 80), 18, y + ROW_H / 2)
        g.font = '11px "Noto Sans CJK SC", sans-serif'
        g.fillStyle = r.late > 0 ? COLORS.late : COLORS.muted
        g.textAlign = 'right'
        g.fillText(`${r.facilities}${r.late > 0 ? ` / ${r.late}!` : ''}`, LABEL_W - 8, y + ROW_H / 2)
        g.textAlign = 'left'
      } else {
        if (r.bar.id === selectedId) {
          g.fillStyle = COLORS.selected
          g.fillRect(0, y, LABEL_W, ROW_H)
        }
        g.font = '12px "Noto Sans CJK SC", sans-serif'
        g.fillStyle = r.bar.flags & FLAG_LATE_FOR_MOVE_IN ? COLORS.late : r.bar.flags & FLAG_OVERDUE ? COLORS.overdueStroke : COLORS.text
        g.fillText(clip(g, shortName(r.bar.name, data.sites[r.bar.siteIndex]?.name), LABEL_W - 110), 32, y + ROW_H / 2)
        g.fillStyle = COLORS.muted
        g.font = '11px "Noto Sans CJK SC", sans-serif'
        g.textAlign = 'right'
        g.fillText(r.bar.status ?? '', LABEL_W - 8, y + ROW_H / 2)
        g.textAlign = 'left'
      }
      g.strokeStyle = COLORS.grid
      g.beginPath()
      g.moveTo(0, y + ROW_H - 0.5)
      g.lineTo(W, y + ROW_H - 0.5)
      g.stroke()
    }
    g.strokeStyle = COLORS.gridMajor
    g.beginPath()
    g.moveTo(LABEL_W - 0.5, 0)
    g.lineTo(LABEL_W - 0.5, H)
    g.stroke()

    // time scale
    g.fillStyle = '#f7f8fa'
    g.fillRect(0, 0, W, HEADER_H)
    g.fillStyle = COLORS.text
    g.font = '12px "Noto Sans CJK SC", sans-serif'
    // the year whose start is off to the left sticks to the left edge until the next year pushes it out
    const firstShown = Math.max(0, tk.upper.findLastIndex((u) => cx(u.day) <= LABEL_W))
    for (let k = firstShown; k < tk.upper.length; k++) {
      const tick = tk.upper[k]!
      let x = Math.max(cx(tick.day), LABEL_W)
      const next = tk.upper[k + 1]
      if (next) x = Math.min(x, cx(next.day) - g.measureText(tick.label).width - 10)
      if (x > W) continue
      g.fillText(tick.label, x + 4, 12)
      g.strokeStyle = COLORS.gridMajor
      g.beginPath()
      g.moveTo(Math.round(cx(tick.day)) + 0.5, 0)
      g.lineTo(Math.round(cx(tick.day)) + 0.5, HEADER_H)
      g.stroke()
    }
    g.font = '11px "Noto Sans CJK SC", sans-serif'
    for (const tick of tk.lower) {
      const x = cx(tick.day)
      if (x < LABEL_W - 30 || x > W) continue
      g.fillStyle = COLORS.muted
      if (x >= LABEL_W) g.fillText(tick.label, x + 3, 33)
      g.strokeStyle = COLORS.grid
      g.beginPath()
      g.moveTo(Math.round(x) + 0.5, 24)
      g.lineTo(Math.round(x) + 0.5, HEADER_H)
      g.stroke()
    }
    if (ax >= LABEL_W && ax <= W) {
      g.fillStyle = COLORS.asOf
      g.fillText(`${t(L('截至', 'As of'))} ${data.asOf}`, ax + 3, 12)
    }
    g.fillStyle = '#f7f8fa'
    g.fillRect(0, 0, LABEL_W, HEADER_H)
    g.fillStyle = COLORS.text
    g.font = 'bold 12px "Noto Sans CJK SC", sans-serif'
    g.fillText(t(L('县 / 安置点 / 设施', 'County / site / facility')), 8, HEADER_H / 2)
    g.strokeStyle = COLORS.gridMajor
    g.beginPath()
    g.moveTo(0, HEADER_H - 0.5)
    g.lineTo(W, HEADER_H - 0.5)
    g.stroke()
    if (hostRef.current) hostRef.current.dataset['baselineBars'] = String(baselineBars)
  }, [size, rows, scale, zoom, selectedId, data, asOfDay, t, baseline])

  const schedule = useCallback(() => {
    cancelAnimationFrame(frame.current)
    frame.current = requestAnimationFrame(draw)
  }, [draw])

  useEffect(() => {
    draw()
  }, [draw])

  // start at the earliest bar; when the zoom changes keep the date at the left edge where it was
  const lastScale = useRef<TimeScale | null>(null)
  useLayoutEffect(() => {
    const s = scrollRef.current
    if (!s) return
    const prev = lastScale.current
    if (prev === null) {
      if (data.span) s.scrollLeft = Math.max(0, scale.x(dayOf(data.span.from, 'start') ?? scale.startDay) - 20)
    } else if (prev !== scale) {
      s.scrollLeft = Math.max(0, scale.x(prev.day(s.scrollLeft)))
    }
    lastScale.current = scale
  }, [scale, data.span])

  // rows narrowed (a site or type filter) to bars outside the visible months: bring them into view
  useLayoutEffect(() => {
    const s = scrollRef.current
    if (!s) return
    let lo = Infinity
    let hi = -Infinity
    for (const r of rows) {
      if (r.kind !== 'facility') continue
      for (const d of [barSpan(r.bar, 'planned', data.asOf), barSpan(r.bar, 'actual', data.asOf)]) {
        if (!d) continue
        lo = Math.min(lo, d.from)
        hi = Math.max(hi, d.to)
      }
    }
    if (lo === Infinity) return
    const viewFrom = scale.day(s.scrollLeft)
    const viewTo = scale.day(s.scrollLeft + Math.max(0, s.clientWidth - LABEL_W))
    if (hi < viewFrom || lo > viewTo) s.scrollLeft = Math.max(0, scale.x(lo) - 20)
  }, [rows, scale])

  const hit = (clientX: number, clientY: number): { row: number; bar?: FacilityBar; which?: Which; edge?: 'start' | 'end' | 'move'; inLabels: boolean } | null => {
    const s = scrollRef.current
    if (!s) return null
    const box = s.getBoundingClientRect()
    const x = clientX - box.left
    const y = clientY - box.top
    if (y < HEADER_H) return null
    const row = Math.floor((y - HEADER_H + s.scrollTop) / ROW_H)
    const r = rows[row]
    if (!r) return null
    if (x < LABEL_W) return { row, inLabels: true, ...(r.kind === 'facility' ? { bar: r.bar } : {}) }
    if (r.kind !== 'facility') return { row, inLabels: false }
    const within = (y - HEADER_H + s.scrollTop) % ROW_H
    const which: Which = within < 12.5 ? 'planned' : 'actual'
    const rect = barRect(r.bar, which, scale, data.asOf)
    const cxv = x - LABEL_W + s.scrollLeft
    if (rect && cxv >= rect.x0 - 5 && cxv <= rect.x1 + 5) {
      const edge = cxv <= rect.x0 + 5 ? 'start' : cxv >= rect.x1 - 5 ? 'end' : 'move'
      return { row, bar: r.bar, which, edge, inLabels: false }
    }
    return { row, bar: r.bar, inLabels: false }
  }

  const startField = (w: Which): 'planned_start' | 'actual_start' => (w === 'planned' ? 'planned_start' : 'actual_start')
  const endField = (w: Which): 'planned_end' | 'actual_end' => (w === 'planned' ? 'planned_end' : 'actual_end')

  const onMouseDown = (e: React.MouseEvent): void => {
    if (e.button !== 0) return
    const h = hit(e.clientX, e.clientY)
    if (!h) return
    const r = rows[h.row]!
    if (h.inLabels) {
      if (r.kind === 'county') props.onToggle(r.code)
      else if (r.kind === 'site') props.onToggle(`site:${data.sites[r.siteIndex]!.id}`)
      else props.onSelect(r.bar.id)
      return
    }
    if (!h.bar) return
    props.onSelect(h.bar.id)
    if (!h.which || !h.edge) return
    const bar = h.bar
    const s = bar[startField(h.which)]
    const en = bar[endField(h.which)]
    // both dates are needed to drag; an actual bar still in progress has no end to move
    if (!s || !en) return
    const sd = dayOf(s, 'start')!
    const ed = dayOf(en, 'end')!
    const span = Math.max(0, ed - sd)
    dragRef.current = { id: bar.id, which: h.which, mode: h.edge, x0: e.clientX, dx: 0, min: h.edge === 'end' ? -span : -100000, max: h.edge === 'start' ? span : 100000 }
    e.preventDefault()
    const move = (ev: MouseEvent): void => {
      const d = dragRef.current
      if (!d) return
      d.dx = ev.clientX - d.x0
      schedule()
    }
    const up = (): void => {
      window.removeEventListener('mousemove', move)
      window.removeEventListener('mouseup', up)
      const d = dragRef.current
      dragRef.current = null
      if (!d) return
      const days = Math.max(d.min, Math.min(d.max, Math.round(d.dx / scale.pxPerDay)))
      if (days === 0) return schedule()
      const edits: DateEdit[] = []
      if (d.mode !== 'end') edits.push({ field: startField(d.which), value: shiftDate(s, days, 'start') })
      if (d.mode !== 'start') edits.push({ field: endField(d.which), value: shiftDate(en, days, 'end') })
      const changed = edits.filter((x) => x.value !== bar[x.field])
      if (changed.length === 0) return schedule()
      props.onDates(bar.id, changed).finally(schedule)
    }
    window.addEventListener('mousemove', move)
    window.addEventListener('mouseup', up)
  }

  const onMouseMove = (e: React.MouseEvent): void => {
    if (dragRef.current) return
    const s = scrollRef.current
    if (!s) return
    const h = hit(e.clientX, e.clientY)
    s.style.cursor = h?.edge === 'move' ? 'grab' : h?.edge ? 'ew-resize' : h?.inLabels && rows[h.row]?.kind !== 'facility' ? 'pointer' : 'default'
  }

  // test hooks
  useEffect(() => {
    window.__gantt = {
      rowCount: rows.length,
      scale: { pxPerDay: scale.pxPerDay },
      scrollToFacility: (id) => {
        const i = rowIndexOf.get(id)
        const s = scrollRef.current
        if (i === undefined || !s) return
        s.scrollTop = Math.max(0, i * ROW_H - (size.h - HEADER_H) / 2)
        const bar = (rows[i] as { bar: FacilityBar }).bar
        const rect = barRect(bar, 'planned', scale, data.asOf)
        if (rect) s.scrollLeft = Math.max(0, rect.x0 - (size.w - LABEL_W) / 3)
        draw()
      },
      barBox: (id, which) => {
        const i = rowIndexOf.get(id)
        const s = scrollRef.current
        if (i === undefined || !s) return null
        const bar = (rows[i] as { bar: FacilityBar }).bar
        const rect = barRect(bar, which, scale, data.asOf)
        if (!rect) return null
        const box = s.getBoundingClientRect()
        return { x: box.left + LABEL_W + rect.x0 - s.scrollLeft, y: box.top + HEADER_H + i * ROW_H - s.scrollTop + (which === 'planned' ? 4 : 13), w: rect.x1 - rect.x0, h: 7 }
      },
    }
  }, [rows, rowIndexOf, scale, data.asOf, size, draw])

  return (
    <div className="gantt-host" ref={hostRef} data-testid="gantt" data-rows={rows.length}>
      <canvas ref={canvasRef} className="gantt-canvas" />
      <div className="gantt-scroller" ref={scrollRef} onScroll={schedule} onMouseDown={onMouseDown} onMouseMove={onMouseMove}>
        <div style={{ width: LABEL_W + scale.width, height: HEADER_H + rows.length * ROW_H }} />
      </div>
    </div>
  )
}

/** A facility's name without its site's name in front (生成的名称多为“安置点名称+类型”). */
export function shortName(name: string, siteName: string | undefined): string {
  return siteName && name.length > siteName.length && name.startsWith(siteName) ? name.slice(siteName.length) : name
}

function clip(g: CanvasRenderingContext2D, text: string, max: number): string {
  if (g.measureText(text).width <= max) return text
  let s = text
  while (s.length > 1 && g.measureText(`${s}…`).width > max) s = s.slice(0, -1)
  return `${s}…`
}
