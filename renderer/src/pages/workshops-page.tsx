/**
 * 扶贫车间: the workshops of the region chosen in the tree. Above (a height the user drags, or folded
 * away, remembered), the map (sites coloured by coverage,
 * workshops, proposals) beside the placement optimizer; below, the workshops grid on the shared grid
 * layer and the employment coverage by county. Clicking a workshop on the map selects its row in the
 * grid; clicking a site opens it in the sites grid (where its employment columns are).
 */
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import type { MapData, PlacementResult } from '../../../shared/api/workshops-api.ts'
import { call, on } from '../api/client.ts'
import { EntityGrid } from '../grid/entity-grid.tsx'
import { CsvExportButton } from '../reports/csv-export-button.tsx'
import type { GridRow } from '../grid/columns.ts'
import { useEntityRows } from '../grid/use-entity-rows.ts'
import { L, useI18n } from '../i18n.tsx'
import { useApp } from '../shell/app-state.tsx'
import { CoverageTable } from '../workshops/coverage-table.tsx'
import { OptimizerPanel } from '../workshops/optimizer-panel.tsx'
import { useCoverage } from '../workshops/use-coverage.ts'
import { WorkshopsMap } from '../workshops/workshops-map.tsx'
import '../workshops/workshops.css'

/** The map's height (px) and whether it is folded away, remembered on this computer. */
const SPLIT_KEY = 'anju-workshops-split'
const MAP_MIN = 160
const MAP_DEFAULT = 300
interface Split {
  height: number
  collapsed: boolean
}
function readSplit(): Split {
  try {
    const v = JSON.parse(localStorage.getItem(SPLIT_KEY) ?? 'null') as Partial<Split> | null
    return { height: typeof v?.height === 'number' && v.height >= MAP_MIN ? v.height : MAP_DEFAULT, collapsed: v?.collapsed === true }
  } catch {
    return { height: MAP_DEFAULT, collapsed: false }
  }
}

/** Drag the bar between map and grid to share the height; the grid keeps at least ~8 rows. */
function useSplit(): { split: Split; setCollapsed(c: boolean): void; startDrag(e: ReactPointerEvent<HTMLElement>): void; topRef: React.RefObject<HTMLDivElement | null> } {
  const [split, setSplit] = useState<Split>(readSplit)
  const topRef = useRef<HTMLDivElement>(null)
  useEffect(() => localStorage.setItem(SPLIT_KEY, JSON.stringify(split)), [split])
  const setCollapsed = useCallback((collapsed: boolean) => setSplit((s) => ({ ...s, collapsed })), [])
  const startDrag = useCallback((e: ReactPointerEvent<HTMLElement>) => {
    const top = topRef.current
    const page = top?.parentElement
    if (!top || !page) return
    e.preventDefault()
    const y0 = e.clientY
    const h0 = top.getBoundingClientRect().height
    const max = Math.max(MAP_MIN, page.getBoundingClientRect().height - 360)
    // while dragging only the map's box follows the pointer; the page re-renders (and the height is
    // remembered) once, on release
    let height = Math.round(h0)
    const move = (ev: PointerEvent): void => {
      height = Math.round(Math.min(max, Math.max(MAP_MIN, h0 + ev.clientY - y0)))
      top.style.height = `${height}px`
    }
    const up = (): void => {
      window.removeEventListener('pointermove', move)
      window.removeEventListener('pointerup', up)
      setSplit({ collapsed: false, height })
    }
    window.addEventListener('pointermove', move)
    window.addEventListener('pointerup', up)
  }, [])
  return { split, setCollapsed, startDrag, topRef }
}

export function WorkshopsPage() {
  const app = useApp()
  const { t } = useI18n()
  const data = useEntityRows('workshop', app.region, app.planVersion)
  const [siteNames, setSiteNames] = useState<Map<number, string>>(new Map())
  const [mapData, setMapData] = useState<MapData | null>(null)
  const [mapNonce, setMapNonce] = useState(0)
  const [tab, setTab] = useState<'grid' | 'coverage'>('grid')
  const [radiusKm, setRadiusKm] = useState(10)
  const [result, setResult] = useState<PlacementResult | null>(null)
  const [pickMode, setPickMode] = useState(false)
  const [picked, setPicked] = useState<{ lat: number; lon: number } | null>(null)
  const [target, setTarget] = useState(0.9)
  const coverage = useCoverage(app.region, app.planVersion)
  const { split, setCollapsed, startDrag, topRef } = useSplit()

  useEffect(() => {
    call('settings.get', {}).then((s) => {
      setRadiusKm(s.commute_radius_km)
      setTarget(s.employment_rate_target)
    }, app.fail)
  }, [app.planVersion, app.fail])
  // site names for the 所在安置点 column (all sites: a workshop may serve a site across a border)
  useEffect(() => {
    call('rows.list', { entity: 'site' }).then((list) => {
      const iName = list.columns.indexOf('name')
      setSiteNames(new Map(list.rows.map((r) => [r[0] as number, String(r[iName] ?? '')])))
    }, app.fail)
  }, [app.planVersion, app.fail])
  useEffect(() => {
    let cancelled = false
    call('workshops.mapData', { region: app.region }).then((d) => {
      if (!cancelled) setMapData(d)
    }, app.fail)
    return () => {
      cancelled = true
    }
  }, [app.region, app.planVersion, mapNonce, app.fail])
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = on('plan.changed', (c) => {
      if (!c.affected.site && !c.affected.workshop && !c.reload) return
      clearTimeout(timer)
      timer = setTimeout(() => setMapNonce((n) => n + 1), 300)
    })
    return () => {
      clearTimeout(timer)
      off()
    }
  }, [])
  useEffect(() => setResult(null), [app.region])

  const siteName = useCallback((id: number) => siteNames.get(id) ?? `#${id}`, [siteNames])
  const onWorkshop = useCallback(
    (id: number) => {
      setTab('grid')
      const api = window.__grids?.workshop
      const node = api?.getRowNode(String(id))
      if (api && node) {
        api.deselectAll()
        node.setSelected(true)
      }
      app.focusCell('workshop', id, 'name')
    },
    [app],
  )
  const onSite = useCallback((id: number) => app.focusCell('site', id, 'name'), [app])
  const onBlank = useCallback(
    (lat: number, lon: number) => {
      if (!pickMode) return
      setPicked({ lat, lon })
    },
    [pickMode],
  )
  const inRegionRows = (data.rows ?? []) as GridRow[]

  return (
    <div className="ws-page">
      {!split.collapsed && (
        <div className="ws-top" ref={topRef} style={{ height: split.height }}>
          <WorkshopsMap data={mapData} radiusKm={radiusKm} proposals={result?.proposals ?? []} onSite={onSite} onWorkshop={onWorkshop} onBlank={onBlank} />
          <OptimizerPanel radiusKm={radiusKm} setRadiusKm={setRadiusKm} result={result} setResult={setResult} picked={picked} pickMode={pickMode} setPickMode={setPickMode} />
        </div>
      )}
      <div className={`ws-splitter${split.collapsed ? ' collapsed' : ''}`} onPointerDown={split.collapsed ? undefined : startDrag} data-testid="ws-splitter" title={split.collapsed ? undefined : t(L('拖动调整地图高度', 'Drag to resize the map'))}>
        <button type="button" onPointerDown={(e) => e.stopPropagation()} onClick={() => setCollapsed(!split.collapsed)} data-testid="ws-map-toggle">
          {split.collapsed ? t(L('▾ 显示地图与选址优化', '▾ Show map and placement')) : t(L('▴ 收起地图', '▴ Hide map'))}
        </button>
      </div>
      <div className="ws-bottom">
        <div className="ws-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'grid'} className={tab === 'grid' ? 'active' : ''} onClick={() => setTab('grid')} data-testid="tab-workshops">
            {t(L(`车间台账（${inRegionRows.length}）`, `Workshops (${inRegionRows.length})`))}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'coverage'} className={tab === 'coverage' ? 'active' : ''} onClick={() => setTab('coverage')} data-testid="tab-coverage">
            {t(L('按县就业覆盖', 'Employment coverage by county'))}
          </button>
          {coverage && (
            <span className="muted ws-headline">
              {t(
                L(
                  `劳动力 ${coverage.total.labour.toLocaleString()}，已就业 ${coverage.total.employed.toLocaleString()}（${((coverage.total.employmentRate ?? 0) * 100).toFixed(1)}%），零就业户 ${coverage.total.zeroHouseholds}，就业缺口 ${coverage.total.gap.toLocaleString()} 人`,
                  `Labour ${coverage.total.labour.toLocaleString()}, employed ${coverage.total.employed.toLocaleString()} (${((coverage.total.employmentRate ?? 0) * 100).toFixed(1)}%), zero-employment households ${coverage.total.zeroHouseholds}, gap ${coverage.total.gap.toLocaleString()}`,
                ),
              )}
            </span>
          )}
        </div>
        <div className="ws-tab-body" style={{ display: tab === 'grid' ? 'flex' : 'none' }}>
          <EntityGrid entity="workshop" data={data} siteName={siteName} toolbar={<CsvExportButton entity="workshop" />} />
        </div>
        {tab === 'coverage' && (
          <div className="ws-tab-body">
            <CoverageTable coverage={coverage} target={target} />
          </div>
        )}
      </div>
    </div>
  )
}
