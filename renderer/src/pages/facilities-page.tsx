/**
 * 设施进度: the facility schedule tool. The facilities grid (shared EntityGrid) for the region chosen in
 * the tree, filtered by site, category, type, status and warning; derived columns for the site's
 * county and move-in date, planned vs actual finish and slip against a chosen baseline; the Gantt
 * above the grid (click a bar to select its row); the roll-up and baseline views; standard sets
 * generated for one site or every site missing them (one undo step); a print view of the Gantt.
 */
import type { ColDef, GridApi } from 'ag-grid-community'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { StandardPreview } from '../../../shared/api/facilities-api.ts'
import { FACILITY_CATEGORIES, FACILITY_STATUSES, FACILITY_TYPES } from '../../../shared/dictionary/facility-fields.ts'
import { FLAG_LATE_FOR_MOVE_IN, FLAG_OVERDUE, scheduleFlags, slipDays, type ScheduleFields } from '../../../shared/facilities/schedule.ts'
import { call } from '../api/client.ts'
import type { GridRow } from '../grid/columns.ts'
import { EntityGrid } from '../grid/entity-grid.tsx'
import { CsvExportButton } from '../reports/csv-export-button.tsx'
import { useEntityRows } from '../grid/use-entity-rows.ts'
import { GanttChart, type DateEdit } from '../facilities/gantt-chart.tsx'
import { displayRows, type FacilityBar, type Zoom } from '../facilities/gantt-model.ts'
import { StandardRulesEditor } from '../facilities/standard-rules-editor.tsx'
import { BaselinePanel, RollupPanel, useBaselineCompare, useBaselines } from '../facilities/schedule-panels.tsx'
import { useGanttData } from '../facilities/use-gantt-data.ts'
import '../facilities/facilities.css'
import { L, useI18n } from '../i18n.tsx'
import { takeFilterRequest, useApp } from '../shell/app-state.tsx'

type View = 'grid' | 'gantt' | 'rollup' | 'baseline'
type Flag = '' | 'overdue' | 'late'

interface Filters {
  siteId: number | null
  category: string
  type: string
  status: string
  flag: Flag
}

/** Above this many facilities the page does not load the whole plan when no region is chosen. */
const BIG_PLAN_FACILITIES = 100000

const NO_FILTERS: Filters = { siteId: null, category: '', type: '', status: '', flag: '' }

interface SiteInfo {
  name: string
  county: string
  moveIn: string | null
}

/** Sites of the region by id, kept in step with site patches. */
function useSiteIndex(region: string | null, planVersion: number): { map: Map<number, SiteInfo>; version: number } {
  const sites = useEntityRows('site', region, planVersion)
  const [state, setState] = useState<{ map: Map<number, SiteInfo>; version: number }>({ map: new Map(), version: 0 })
  const info = (r: GridRow): SiteInfo => ({ name: String(r['name'] ?? ''), county: String(r['county'] ?? ''), moveIn: typeof r['move_in_date'] === 'string' ? r['move_in_date'] : null })
  useEffect(() => {
    if (!sites.rows) return
    setState((s) => ({ map: new Map(sites.rows!.map((r) => [r.id, info(r)])), version: s.version + 1 }))
  }, [sites.rows])
  useEffect(
    () =>
      sites.onPatch((p) => {
        setState((s) => {
          const map = new Map(s.map)
          for (const r of p.upserted) map.set(r.id, info(r))
          for (const id of p.deleted) map.delete(id)
          return { map, version: s.version + 1 }
        })
      }),
    [sites],
  )
  return state
}

export function FacilitiesPage() {
  const app = useApp()
  const { t } = useI18n()
  // the plan's size decides what loads first, so wait for it
  if (!app.plan) return <p className="muted">{t(L('加载中…', 'Loading…'))}</p>
  return <FacilitiesTool />
}

function FacilitiesTool() {
  const app = useApp()
  const { t, locale } = useI18n()
  const [view, setView] = useState<View>(() => (localStorage.getItem('anju-facilities-view') as View | null) ?? 'grid')
  const [zoom, setZoom] = useState<Zoom>('quarter')
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set())
  const [baselineId, setBaselineId] = useState<number | null>(null)
  const [generate, setGenerate] = useState<StandardPreview | null>(null)
  const [rulesOpen, setRulesOpen] = useState(false)
  const [asOf, setAsOf] = useState('2020-12-31')
  const apiRef = useRef<GridApi<GridRow> | null>(null)

  useEffect(() => localStorage.setItem('anju-facilities-view', view), [view])
  // a national-scale plan is not loaded whole into the browser: with no region chosen, the plan's own province
  const bigPlan = (app.plan?.counts.facility ?? 0) > BIG_PLAN_FACILITIES
  const region = app.region ?? (bigPlan && app.plan ? app.plan.provinceCode : null)
  useEffect(() => setFilters((f) => ({ ...f, siteId: null })), [region])
  // the dashboard's "facilities of this category": the page's own category filter
  const request = app.filterRequest
  useEffect(() => {
    const r = request?.field === 'category' ? takeFilterRequest(request, 'facility') : null
    if (r) setFilters({ ...NO_FILTERS, category: r.value ?? '' })
  }, [request])
  useEffect(() => {
    call('settings.get', {}).then((s) => setAsOf(s.as_of_date), app.fail)
  }, [app.planVersion, app.fail])

  // the Gantt's request goes out first: in the Gantt view it is what the planner looks at
  const showGantt = view === 'gantt'
  const gantt = useGanttData(region, app.planVersion, { enabled: showGantt })
  // in the Gantt view the grid below loads once the Gantt has its rows, so the chart comes first
  const [gridRegion, setGridRegion] = useState(region)
  const ganttSettled = gantt.settled === (region ?? '')
  useEffect(() => {
    if (gridRegion === region) return
    if (!showGantt || ganttSettled) {
      const id = requestAnimationFrame(() => setGridRegion(region))
      return () => cancelAnimationFrame(id)
    }
  }, [region, gridRegion, showGantt, ganttSettled])

  const sites = useSiteIndex(gridRegion, app.planVersion)
  const sitesRef = useRef(sites.map)
  sitesRef.current = sites.map
  const inRegion = useCallback((r: GridRow) => sitesRef.current.has(Number(r['site_id'])), [])
  const data = useEntityRows('facility', gridRegion, app.planVersion, inRegion)
  const siteName = useCallback((id: number) => sitesRef.current.get(id)?.name ?? String(id), [])

  const baselines = useBaselines()
  const compare = useBaselineCompare(baselineId, region)
  const slipById = useMemo(() => new Map((compare?.items ?? []).map((i) => [i[0], i[3]])), [compare])
  const baselinePeriods = useMemo(() => (compare ? new Map(compare.periods.map((p) => [p[0], [p[1], p[2]] as const])) : null), [compare])
  const slipRef = useRef(slipById)
  slipRef.current = slipById
  const asOfRef = useRef(asOf)
  asOfRef.current = asOf

  const flagsOf = useCallback((r: GridRow): number => scheduleFlags(r as ScheduleFields, sitesRef.current.get(Number(r['site_id']))?.moveIn ?? null, asOfRef.current), [])

  // derived columns
  const extraColumns = useMemo<ColDef<GridRow>[]>(() => {
    const site = (p: { data?: GridRow }): SiteInfo | undefined => (p.data && !p.data['__pinned'] ? sitesRef.current.get(Number(p.data['site_id'])) : undefined)
    const cols: ColDef<GridRow>[] = [
      { colId: 'x_county', headerName: t(L('所在县', 'County')), width: 100, editable: false, valueGetter: (p) => site(p)?.county ?? '' },
      { colId: 'x_move_in', headerName: t(L('安置点入住日期', 'Site move-in')), width: 120, editable: false, valueGetter: (p) => site(p)?.moveIn ?? '' },
      {
        colId: 'x_finish_var',
        headerName: t(L('完工偏差（天）', 'Finish variance (days)')),
        headerTooltip: t(L('实际完工减计划完工，正数为推迟', 'Actual end minus planned end; positive is late')),
        width: 110,
        editable: false,
        type: 'rightAligned',
        valueGetter: (p) => (p.data && p.data.id > 0 ? slipDays(p.data['actual_end'], p.data['planned_end'], 'end') : null),
        cellClassRules: { 'cell-late': (p) => typeof p.value === 'number' && p.value > 0 },
      },
      {
        colId: 'x_baseline_slip',
        headerName: t(L('较基线拖期（天）', 'Slip vs baseline (days)')),
        width: 120,
        editable: false,
        type: 'rightAligned',
        hide: baselineId === null,
        valueGetter: (p) => (p.data ? (slipRef.current.get(p.data.id) ?? null) : null),
        cellClassRules: { 'cell-late': (p) => typeof p.value === 'number' && p.value > 0 },
      },
      {
        colId: 'x_warning',
        headerName: t(L('进度预警', 'Warning')),
        width: 120,
        pinned: 'right',
        editable: false,
        valueGetter: (p) => {
          if (!p.data || p.data.id <= 0) return ''
          const f = flagsOf(p.data)
          return [f & FLAG_OVERDUE ? t(L('逾期', 'Overdue')) : '', f & FLAG_LATE_FOR_MOVE_IN ? t(L('晚于入住', 'Late for move-in')) : ''].filter(Boolean).join('，')
        },
        cellClassRules: { 'cell-late': (p) => typeof p.value === 'string' && p.value !== '' },
      },
    ]
    return cols
  }, [t, baselineId, flagsOf])

  useEffect(() => {
    apiRef.current?.refreshCells({ force: true, columns: ['x_county', 'x_move_in', 'x_baseline_slip', 'x_warning', 'site_id'] })
  }, [sites.version, slipById, asOf])

  // filters: the grid's external filter and the Gantt's rows read the same predicate
  const pass = useCallback(
    (r: { site_id: number; category: unknown; type: unknown; status: unknown; flags: () => number }): boolean => {
      if (filters.siteId !== null && r.site_id !== filters.siteId) return false
      if (filters.category && r.category !== filters.category) return false
      if (filters.type && r.type !== filters.type) return false
      if (filters.status && r.status !== filters.status) return false
      if (filters.flag === 'overdue' && !(r.flags() & FLAG_OVERDUE)) return false
      if (filters.flag === 'late' && !(r.flags() & FLAG_LATE_FOR_MOVE_IN)) return false
      return true
    },
    [filters],
  )
  const filtersActive = filters.siteId !== null || !!filters.category || !!filters.type || !!filters.status || !!filters.flag
  const applyGridFilter = useCallback(
    (api: GridApi<GridRow>) => {
      api.setGridOption('isExternalFilterPresent', () => filtersActive)
      api.setGridOption('doesExternalFilterPass', (node) => {
        const d = node.data
        return !!d && pass({ site_id: Number(d['site_id']), category: d['category'], type: d['type'], status: d['status'], flags: () => flagsOf(d) })
      })
      api.onFilterChanged()
    },
    [filtersActive, pass, flagsOf],
  )
  useEffect(() => {
    if (apiRef.current) applyGridFilter(apiRef.current)
  }, [applyGridFilter])

  const onApi = useCallback(
    (api: GridApi<GridRow>) => {
      apiRef.current = api
      applyGridFilter(api)
      api.addEventListener('cellFocused', (e) => {
        if (e.rowIndex === null || e.rowPinned) return
        const id = api.getDisplayedRowAtIndex(e.rowIndex)?.data?.id
        if (typeof id === 'number') setSelectedId(id)
      })
    },
    [applyGridFilter],
  )

  // Gantt
  const ganttRows = useMemo(() => {
    if (!gantt.data) return []
    const d = gantt.data
    const bars = filtersActive ? gantt.bars.filter((b: FacilityBar) => pass({ site_id: d.sites[b.siteIndex]?.id ?? -1, category: b.category, type: b.type, status: b.status, flags: () => b.flags })) : gantt.bars
    return displayRows(d, bars, collapsed)
  }, [gantt.data, gantt.bars, filtersActive, pass, collapsed])

  const selectInGrid = useCallback((id: number) => {
    setSelectedId(id)
    const api = apiRef.current
    const node = api?.getRowNode(String(id))
    if (!api || !node) return
    api.deselectAll()
    node.setSelected(true)
    api.ensureNodeVisible(node, 'middle')
    api.flashCells({ rowNodes: [node] })
  }, [])
  const onDates = useCallback(
    (id: number, edits: DateEdit[]) =>
      call('rows.update', { entity: 'facility', edits: edits.map((e) => ({ id, field: e.field, value: e.value })), label: L('在甘特图中调整日期', 'Move dates in the Gantt') }).catch(app.fail),
    [app.fail],
  )
  const onToggle = useCallback((key: string) => {
    setCollapsed((s) => {
      const n = new Set(s)
      if (n.has(key)) n.delete(key)
      else n.add(key)
      return n
    })
  }, [])

  // standard sets
  const scope = (): { siteIds: number[] } | { region: string | null } => (filters.siteId !== null ? { siteIds: [filters.siteId] } : { region })
  const previewStandard = (): void => {
    call('facilities.standardPreview', scope()).then(setGenerate, app.fail)
  }
  const runStandard = (): void => {
    call('facilities.generateStandard', scope())
      .then((r) => {
        setGenerate(null)
        app.toast('info', r.added > 0 ? L(`已为 ${r.sites} 个安置点生成 ${r.added} 项配建设施（可撤销）`, `Added ${r.added} standard facilities at ${r.sites} sites (undo to revert)`) : L('没有缺少的配建设施', 'No standard facilities were missing'))
      })
      .catch(app.fail)
  }

  const openPrint = (): void => {
    const region = app.region
    if (filters.siteId === null && (!region || !/^\d{4}(?!00)\d{2}$/.test(region))) {
      app.toast('info', L('请先在区划树中选择一个县，或选择一个安置点，再打印甘特图', 'Choose a county in the tree, or a site, before printing the Gantt'))
      return
    }
    const q = new URLSearchParams({ print: 'facility-gantt', ...(filters.siteId !== null ? { site: String(filters.siteId) } : { region: region! }), paper: 'A4', zoom })
    window.open(`${location.pathname}${location.search}#${q.toString()}`, '_blank')
  }

  const siteOptions = useMemo(() => [...sites.map].sort((a, b) => a[1].county.localeCompare(b[1].county, 'zh-CN') || a[1].name.localeCompare(b[1].name, 'zh-CN')), [sites.map])
  const typeOptions = FACILITY_TYPES.filter((x) => !filters.category || x.category === filters.category)
  const set = <K extends keyof Filters>(k: K, v: Filters[K]): void => setFilters((f) => ({ ...f, [k]: v }))

  const toolbar = (
    <>
      <button type="button" onClick={previewStandard} data-testid="generate-standard" title={t(L('按配建标准为安置点补齐应有设施', 'Add the facilities a site should have under the standard-set rules'))}>
        {filters.siteId !== null ? t(L('为此安置点生成配建设施', 'Generate standard set for this site')) : t(L('为缺少配建的安置点生成设施', 'Generate standard sets where missing'))}
      </button>
      <button type="button" onClick={() => setRulesOpen(true)} data-testid="edit-rules">
        {t(L('配建标准…', 'Standard sets…'))}
      </button>
      <CsvExportButton entity="facility" />
    </>
  )

  return (
    <div className="facilities-page">
      <div className="fac-toolbar">
        <div className="tabs">
          {(
            [
              ['grid', L('表格', 'Grid')],
              ['gantt', L('甘特图', 'Gantt')],
              ['rollup', L('完成情况', 'Completion')],
              ['baseline', L('基线对比', 'Baseline')],
            ] as const
          ).map(([k, label]) => (
            <button key={k} type="button" className={view === k ? 'active' : ''} onClick={() => setView(k)} data-testid={`fac-view-${k}`}>
              {t(label)}
            </button>
          ))}
        </div>
        <select value={filters.siteId ?? ''} onChange={(e) => set('siteId', e.target.value ? Number(e.target.value) : null)} data-testid="filter-site" aria-label={t(L('安置点', 'Site'))}>
          <option value="">{t(L('全部安置点', 'All sites'))}</option>
          {siteOptions.map(([id, s]) => (
            <option key={id} value={id}>
              {s.county} · {s.name}
            </option>
          ))}
        </select>
        <select value={filters.category} onChange={(e) => setFilters((f) => ({ ...f, category: e.target.value, type: '' }))} data-testid="filter-category" aria-label={t(L('设施类别', 'Category'))}>
          <option value="">{t(L('全部类别', 'All categories'))}</option>
          {FACILITY_CATEGORIES.map((c) => (
            <option key={c.value} value={c.value}>
              {locale === 'zh' ? c.value : c.en}
            </option>
          ))}
        </select>
        <select value={filters.type} onChange={(e) => set('type', e.target.value)} data-testid="filter-type" aria-label={t(L('设施类型', 'Type'))}>
          <option value="">{t(L('全部类型', 'All types'))}</option>
          {typeOptions.map((c) => (
            <option key={c.value} value={c.value}>
              {locale === 'zh' ? c.value : c.en}
            </option>
          ))}
        </select>
        <select value={filters.status} onChange={(e) => set('status', e.target.value)} data-testid="filter-status" aria-label={t(L('建设状态', 'Status'))}>
          <option value="">{t(L('全部状态', 'All statuses'))}</option>
          {FACILITY_STATUSES.map((c) => (
            <option key={c.value} value={c.value}>
              {locale === 'zh' ? c.value : c.en}
            </option>
          ))}
        </select>
        <select value={filters.flag} onChange={(e) => set('flag', e.target.value as Flag)} data-testid="filter-flag" aria-label={t(L('进度预警', 'Warning'))}>
          <option value="">{t(L('全部进度', 'Any progress'))}</option>
          <option value="overdue">{t(L('仅逾期', 'Overdue only'))}</option>
          <option value="late">{t(L('仅晚于入住', 'Late for move-in only'))}</option>
        </select>
        {filtersActive && (
          <button type="button" className="link" onClick={() => setFilters(NO_FILTERS)}>
            {t(L('清除筛选', 'Clear filters'))}
          </button>
        )}
        {bigPlan && !app.region && <span className="muted">{t(L('全国规模规划：未选区划时显示本省', 'National-scale plan: showing the home province until a region is chosen'))}</span>}
        <span className="spacer" />
        <label className="inline">
          {t(L('基线', 'Baseline'))}
          <select value={baselineId ?? ''} onChange={(e) => setBaselineId(e.target.value ? Number(e.target.value) : null)} data-testid="baseline-select">
            <option value="">{t(L('（不对比）', '(none)'))}</option>
            {baselines.list.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        {view === 'gantt' && (
          <div className="tabs">
            {(
              [
                ['month', L('月', 'Month')],
                ['quarter', L('季', 'Quarter')],
                ['year', L('年', 'Year')],
              ] as const
            ).map(([k, label]) => (
              <button key={k} type="button" className={zoom === k ? 'active' : ''} onClick={() => setZoom(k)} data-testid={`zoom-${k}`}>
                {t(label)}
              </button>
            ))}
          </div>
        )}
        <button type="button" onClick={openPrint} data-testid="print-gantt">
          {t(L('打印甘特图', 'Print Gantt'))}
        </button>
      </div>

      {view === 'gantt' && (
        <div className="fac-upper" data-gantt-region={gantt.data?.region ?? ''} data-gantt-rows={gantt.loading ? -1 : ganttRows.length} data-gantt-load-ms={Math.round(gantt.loadMs)}>
          {gantt.tooLarge !== null ? (
            <p className="muted fac-panel">{t(L(`当前区划有 ${gantt.tooLarge.toLocaleString()} 项设施，请在区划树中选择一个市（州）或县后查看甘特图。`, `${gantt.tooLarge.toLocaleString()} facilities here: choose a prefecture or county in the tree to see the Gantt.`))}</p>
          ) : gantt.data ? (
            <>
              <div className="gantt-legend">
                <span className="lg planned" /> {t(L('计划', 'Planned'))}
                <span className="lg built" /> {t(L('实际（已完工）', 'Actual (done)'))}
                <span className="lg building" /> {t(L('实际（在建，至截至日）', 'Actual (in progress)'))}
                <span className="lg overdue" /> {t(L('逾期', 'Overdue'))}
                <span className="lg late" /> {t(L('晚于入住', 'Late for move-in'))}
                <span className="lg movein">◆</span> {t(L('入住日期', 'Move-in'))}
                <span className="lg asof" /> {t(L(`截至 ${gantt.data.asOf}`, `As of ${gantt.data.asOf}`))}
                {compare && (
                  <>
                    <span className="lg baseline" data-testid="gantt-baseline-legend" /> {t(L(`基线计划：${compare.baseline.name}`, `Baseline plan: ${compare.baseline.name}`))}
                  </>
                )}
                <span className="muted">{t(L('拖动横条调整日期，拖动两端调整开工或完工；可撤销', 'Drag a bar to move it, its ends to change start or end; undo reverts'))}</span>
              </div>
              <GanttChart data={gantt.data} rows={ganttRows} zoom={zoom} selectedId={selectedId} onSelect={selectInGrid} onToggle={onToggle} onDates={onDates} baseline={baselinePeriods} />
            </>
          ) : (
            <p className="muted fac-panel">{t(L('加载中…', 'Loading…'))}</p>
          )}
        </div>
      )}
      {view === 'rollup' && (
        <div className="fac-upper">
          <RollupPanel region={region} />
        </div>
      )}
      {view === 'baseline' && (
        <div className="fac-upper">
          <BaselinePanel region={region} baselineId={baselineId} setBaselineId={setBaselineId} compare={compare} baselines={baselines.list} refresh={baselines.refresh} onSite={(id) => set('siteId', id)} />
        </div>
      )}
      <div className={`fac-grid${view === 'grid' ? ' full' : ''}`}>
        <EntityGrid entity="facility" data={data} siteName={siteName} extraColumns={extraColumns} toolbar={toolbar} onApi={onApi} />
      </div>

      {rulesOpen && <StandardRulesEditor onClose={() => setRulesOpen(false)} />}
      {generate && (
        <div className="modal-backdrop" onClick={() => setGenerate(null)}>
          <div className="modal" onClick={(e) => e.stopPropagation()} data-testid="generate-dialog">
            <h3>{t(L('按配建标准生成设施', 'Generate standard facility sets'))}</h3>
            {generate.facilities === 0 ? (
              <p>{t(L(`所选 ${generate.sites} 个安置点的配建设施已齐全。`, `The ${generate.sites} site(s) chosen already have their standard facilities.`))}</p>
            ) : (
              <>
                <p>
                  {t(L(`${generate.sites} 个安置点中有 ${generate.sitesMissing} 个缺少配建设施，共需新增 ${generate.facilities} 项（作为一步操作，可撤销）。`, `${generate.sitesMissing} of ${generate.sites} site(s) lack standard facilities; ${generate.facilities} will be added as one step (undo reverts).`))}
                </p>
                <ul className="gap-list">
                  {generate.gaps.slice(0, 8).map((g) => (
                    <li key={g.siteId}>
                      <b>{g.siteName}</b>：{g.missing.join('、')}
                    </li>
                  ))}
                  {generate.gaps.length > 8 && <li className="muted">…</li>}
                </ul>
              </>
            )}
            <div className="modal-actions">
              {generate.facilities > 0 && (
                <button type="button" className="primary" onClick={runStandard} data-testid="generate-confirm">
                  {t(L(`生成 ${generate.facilities} 项`, `Add ${generate.facilities}`))}
                </button>
              )}
              <button type="button" onClick={() => setGenerate(null)}>
                {t(L('关闭', 'Close'))}
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  )
}
