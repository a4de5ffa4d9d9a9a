/**
 * Check results inside grids: a red (error) or amber (warning) mark on each offending cell with the
 * rule's message on hover, and a pinned per-row status column. The violations of the grid's entity are
 * loaded for the region once, then refreshed incrementally from each change set (checks.forChange
 * re-checks the rows an edit touched and their dependents: a site's move-in date re-checks its facilities).
 * The whole list is asked for only once the grid's rows are loaded and painted: a national plan's site
 * violations take the service about a second, and the first rows must not wait behind them.
 */
import type { ColDef, ITooltipParams, CellClassParams } from 'ag-grid-community'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import type { EntityKey, FieldDef, Label } from '../../../shared/dictionary/types.ts'
import type { Violation } from '../../../shared/rules/types.ts'
import { call, on } from '../api/client.ts'
import { cellWidth, type GridRow } from '../grid/columns.ts'
import { useI18n, L } from '../i18n.tsx'
import { useApp } from '../shell/app-state.tsx'
import './checks.css'
import type { RowClassParams } from 'ag-grid-community'

export interface GridDecorations {
  decorate?: (field: FieldDef, col: ColDef<GridRow>) => ColDef<GridRow>
  rowClass?: (p: RowClassParams<GridRow>) => string | undefined
  extraColumns?: ColDef<GridRow>[]
}

type Store = Map<number, Violation[]>

/** The worst open state of some violations: error, warning, explained, or none. */
export function worst(list: readonly Violation[] | undefined): 'error' | 'warning' | 'explained' | null {
  if (!list || list.length === 0) return null
  if (list.some((v) => !v.explained && v.severity === 'error')) return 'error'
  if (list.some((v) => !v.explained)) return 'warning'
  return 'explained'
}

function fill(store: Store, list: readonly Violation[]): void {
  for (const v of list) {
    const l = store.get(v.rowId)
    if (l) l.push(v)
    else store.set(v.rowId, [v])
  }
}

/** The column id of the grid's per-row check status. */
export const CHECK_COLUMN = '__check'

/**
 * loadedRegion: the region whose rows the grid holds in full ('' the whole plan), null while they
 * load — the marks are fetched for exactly those rows, once they are in, so the check request never
 * queues ahead of the rows themselves.
 */
export function useGridDecorations(entity: EntityKey, loadedRegion: string | null): GridDecorations {
  const app = useApp()
  const { t } = useI18n()
  const store = useRef<Store>(new Map())
  const tRef = useRef(t)
  tRef.current = t

  const refresh = useCallback(
    (ids?: readonly number[]) => {
      const api = window.__grids?.[entity]
      if (!api || api.isDestroyed()) return
      const rowNodes = ids?.map((id) => api.getRowNode(String(id))).filter((n) => n !== undefined)
      api.refreshCells({ force: true, ...(rowNodes ? { rowNodes } : {}) })
    },
    [entity],
  )

  const reload = useCallback(() => {
    if (loadedRegion === null) return
    call('checks.run', { region: loadedRegion === '' ? null : loadedRegion, entity }).then((r) => {
      const next: Store = new Map()
      fill(next, r.violations)
      store.current = next
      refresh()
    }, app.fail)
  }, [entity, loadedRegion, app.fail, refresh])

  useEffect(() => {
    if (loadedRegion === null) return
    // two frames: the rows that just arrived are painted before the request goes out
    let second = 0
    const first = requestAnimationFrame(() => (second = requestAnimationFrame(reload)))
    return () => {
      cancelAnimationFrame(first)
      cancelAnimationFrame(second)
    }
  }, [reload, loadedRegion, app.planVersion])

  useEffect(
    () =>
      on('plan.changed', (c) => {
        const rowsChanged = Object.keys(c.affected).length > 0
        // an explanation (no rows affected) or a big change: reload the grid's list
        if (c.reload || c.setId === null || !rowsChanged) {
          reload()
          return
        }
        call('checks.forChange', { setId: c.setId }).then((r) => {
          const ids = r.checked[entity]
          if (!ids || ids.length === 0) return
          for (const id of ids) store.current.delete(id)
          fill(
            store.current,
            r.violations.filter((v) => v.entity === entity),
          )
          refresh(ids)
        }, app.fail)
      }),
    [entity, reload, refresh, app.fail],
  )

  const decorate = useCallback((field: FieldDef, col: ColDef<GridRow>): ColDef<GridRow> => {
    const mine = (p: { data?: GridRow | undefined }): Violation[] | undefined => {
      const id = p.data?.id
      return typeof id === 'number' ? store.current.get(id)?.filter((v) => v.field === field.key) : undefined
    }
    return {
      ...col,
      cellClassRules: {
        ...(col.cellClassRules ?? {}),
        'check-error': (p: CellClassParams<GridRow>) => worst(mine(p)) === 'error',
        'check-warning': (p: CellClassParams<GridRow>) => worst(mine(p)) === 'warning',
        'check-explained': (p: CellClassParams<GridRow>) => worst(mine(p)) === 'explained',
      },
      tooltipValueGetter: (p: ITooltipParams<GridRow>) => {
        const list = mine(p)
        if (!list || list.length === 0) return undefined
        return list.map((v) => `${tRef.current(v.severity === 'error' ? L('错误', 'Error') : L('警告', 'Warning'))}：${tRef.current(v.message)}${v.explained ? ` — ${tRef.current(L('已说明', 'explained'))}：${v.explained.comment}` : ''}`).join('\n')
      },
    }
  }, [])

  const extraColumns = useMemo<ColDef<GridRow>[]>(() => {
    const label = (list: Violation[] | undefined): { text: string; kind: string } => {
      const w = worst(list)
      if (!w || !list) return { text: '✓', kind: 'ok' }
      const open = list.filter((v) => !v.explained)
      const errors = open.filter((v) => v.severity === 'error').length
      const text: Label =
        w === 'error' ? L(`错误 ${errors}`, `${errors} error${errors > 1 ? 's' : ''}`) : w === 'warning' ? L(`警告 ${open.length}`, `${open.length} warning${open.length > 1 ? 's' : ''}`) : L('已说明', 'Explained')
      return { text: t(text), kind: w }
    }
    return [
      {
        colId: CHECK_COLUMN,
        headerName: t(L('检查', 'Check')),
        headerTooltip: t(L('该行的检查结果（红：错误，黄：警告）', 'Check result of the row (red: error, amber: warning)')),
        // wide enough for the longest mark it shows in this language ("12 warnings")
        width: Math.max(78, cellWidth([t(L('错误 99', '99 errors')), t(L('警告 99', '99 warnings')), t(L('已说明', 'Explained'))])),
        pinned: 'left',
        editable: false,
        sortable: true,
        filter: true,
        suppressMovable: true,
        valueGetter: (p) => (p.node?.rowPinned || !p.data ? '' : label(store.current.get(p.data.id)).text),
        cellClass: (p) => (p.node?.rowPinned || !p.data ? 'check-status' : `check-status ${label(store.current.get(p.data.id)).kind}`),
        tooltipValueGetter: (p: ITooltipParams<GridRow>) => {
          const list = p.data ? store.current.get(p.data.id) : undefined
          return list && list.length > 0 ? list.map((v) => `• ${tRef.current(v.message)}`).join('\n') : undefined
        },
      },
    ]
  }, [t])

  return { decorate, extraColumns }
}
