/**
 * App-wide state every page reads: the open plan, the region chosen in the tree, the current page,
 * toasts, and a focus request ("open this grid at this cell") other pages can send.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { PlanInfo, RegionNode } from '../../../shared/api/plan-api.ts'
import type { EntityKey, FieldValue, Label } from '../../../shared/dictionary/types.ts'
import { ApiError, call, on } from '../api/client.ts'
import { normalizePlanInfo } from './plan-info.ts'

export type PageKey = 'overview' | 'sites' | 'facilities' | 'workshops' | 'import' | 'reports' | 'checks' | 'settings' | 'backups'

export interface Toast {
  id: number
  kind: 'error' | 'info'
  text: Label
}

export interface FocusRequest {
  entity: EntityKey
  id: number
  field?: string
  /** changes on every request so the same cell can be requested twice */
  nonce: number
}

/** "Open this grid filtered": a page sets it (the dashboard's charts), the grid of that entity applies it once. */
export interface FilterRequest {
  entity: EntityKey
  field: string
  /** keeps the rows whose stored value passes */
  keep: (value: FieldValue) => boolean
  /** the value asked for, for pages that filter with their own controls (a facility category) */
  value?: string
  nonce: number
}

const consumedFilters = new Set<number>()

/** The pending filter request for an entity's grid or page, marked as applied (a page opened again later starts unfiltered). */
export function takeFilterRequest(r: FilterRequest | null, entity: EntityKey): FilterRequest | null {
  if (!r || r.entity !== entity || consumedFilters.has(r.nonce)) return null
  consumedFilters.add(r.nonce)
  return r
}

interface AppState {
  plan: PlanInfo | null
  tree: RegionNode | null
  region: string | null
  setRegion(code: string | null): void
  page: PageKey
  setPage(p: PageKey): void
  toasts: Toast[]
  toast(kind: Toast['kind'], text: Label): void
  /** show an API failure as a toast */
  fail(e: unknown): void
  focus: FocusRequest | null
  focusCell(entity: EntityKey, id: number, field?: string): void
  filterRequest: FilterRequest | null
  /** open an entity's page with its grid filtered */
  openFiltered(request: Omit<FilterRequest, 'nonce'>): void
  refreshTree(): void
  /** bumps when the plan is replaced or settings change: pages reload */
  planVersion: number
}

const Ctx = createContext<AppState | null>(null)

const PAGE_OF: Record<EntityKey, PageKey> = { site: 'sites', facility: 'facilities', workshop: 'workshops' }
let toastSeq = 0

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [plan, setPlan] = useState<PlanInfo | null>(null)
  const [tree, setTree] = useState<RegionNode | null>(null)
  const [region, setRegion] = useState<string | null>(null)
  const [page, setPage] = useState<PageKey>(() => ((new URLSearchParams(location.hash.slice(1)).get('page') as PageKey | null) ?? 'sites'))
  const [toasts, setToasts] = useState<Toast[]>([])
  const [focus, setFocus] = useState<FocusRequest | null>(null)
  const [filterRequest, setFilterRequest] = useState<FilterRequest | null>(null)
  const [planVersion, setPlanVersion] = useState(0)

  const toast = useCallback((kind: Toast['kind'], text: Label) => {
    const id = ++toastSeq
    setToasts((ts) => [...ts.slice(-4), { id, kind, text }])
    setTimeout(() => setToasts((ts) => ts.filter((t) => t.id !== id)), kind === 'error' ? 8000 : 4000)
  }, [])
  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof ApiError) toast('error', { zh: e.body.message, en: e.body.messageEn })
      else toast('error', { zh: String(e), en: String(e) })
    },
    [toast],
  )
  const refreshTree = useCallback(() => {
    call('regions.tree', {}).then(setTree, fail)
  }, [fail])
  const loadPlan = useCallback(() => {
    call('plan.info', {}).then((info) => setPlan(normalizePlanInfo(info)), fail)
    refreshTree()
  }, [fail, refreshTree])

  useEffect(() => {
    loadPlan()
    const offOpened = on('plan.opened', (info) => {
      setPlan(normalizePlanInfo(info))
      setRegion(null)
      setPlanVersion((v) => v + 1)
      refreshTree()
    })
    let timer: ReturnType<typeof setTimeout> | undefined
    const offChanged = on('plan.changed', (c) => {
      // the tree counts sites and their planned people per county: other site edits leave it as it is
      const fields = c.changedFields?.site
      if (fields && !fields.some((f) => f === 'county_code' || f === 'planned_people')) return
      if (c.affected.site || c.reload) {
        clearTimeout(timer)
        timer = setTimeout(refreshTree, 300)
      }
    })
    return () => {
      offOpened()
      offChanged()
    }
  }, [loadPlan, refreshTree])

  useEffect(() => {
    // keep the page in the hash; other parameters (a page's own, e.g. report=register) stay while the page is the same
    const params = new URLSearchParams(location.hash.slice(1))
    const next = params.get('page') === page ? params : new URLSearchParams()
    next.set('page', page)
    history.replaceState(null, '', `${location.pathname}${location.search}#${next.toString()}`)
  }, [page])

  const focusCell = useCallback((entity: EntityKey, id: number, field?: string) => {
    setPage(PAGE_OF[entity])
    setFocus({ entity, id, ...(field ? { field } : {}), nonce: Date.now() })
  }, [])

  const openFiltered = useCallback((request: Omit<FilterRequest, 'nonce'>) => {
    setPage(PAGE_OF[request.entity])
    setFilterRequest({ ...request, nonce: Date.now() })
  }, [])

  const value = useMemo<AppState>(
    () => ({ plan, tree, region, setRegion, page, setPage, toasts, toast, fail, focus, focusCell, filterRequest, openFiltered, refreshTree, planVersion }),
    [plan, tree, region, page, toasts, toast, fail, focus, focusCell, filterRequest, openFiltered, refreshTree, planVersion],
  )
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>
}

export function useApp(): AppState {
  const v = useContext(Ctx)
  if (!v) throw new Error('useApp outside AppStateProvider')
  return v
}
