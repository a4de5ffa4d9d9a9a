/**
 * Column widths, order and shown/hidden columns remembered per plan (through ui.getState/ui.setState, which
 * keep them in the plan file), and the column chooser that shows and hides them.
 */
import type { ColumnState, GridApi } from 'ag-grid-community'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ENTITIES } from '../../../shared/dictionary/index.ts'
import type { EntityKey } from '../../../shared/dictionary/types.ts'
import { call } from '../api/client.ts'
import { L, useI18n } from '../i18n.tsx'
import type { GridRow } from './columns.ts'
import { ROWNUM } from './sheet.ts'

interface SavedColumn {
  colId: string
  width?: number
  hide?: boolean
}

export const columnStateKey = (entity: EntityKey): string => `grid.${entity}.columns`

/**
 * Restore the saved columns (widths, order, hidden) once the grid is ready and whenever another plan
 * is opened, then save every resize/move/show/hide (debounced) into the plan that was open when it
 * happened. A plan with no saved layout gets the dictionary's default layout, never the previous
 * plan's.
 */
export function useColumnState(entity: EntityKey, api: GridApi<GridRow> | null, planPath: string | null, planVersion: number): { save(delayMs?: number): void } {
  const restoring = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const shownFor = useRef<string | null>(null)
  const pathRef = useRef(planPath)
  pathRef.current = planPath
  useEffect(() => {
    if (!api || planPath === null) return
    let cancelled = false
    // a save still pending belongs to the plan shown before
    clearTimeout(timer.current)
    restoring.current = true
    const otherPlan = shownFor.current !== null && shownFor.current !== planPath
    shownFor.current = planPath
    if (otherPlan && !api.isDestroyed()) api.resetColumnState()
    call('ui.getState', { key: columnStateKey(entity) })
      .then((saved) => {
        if (cancelled || api.isDestroyed() || !Array.isArray(saved)) return
        const known = new Set(api.getColumns()?.map((c) => c.getColId()) ?? [])
        const state: ColumnState[] = (saved as SavedColumn[]).filter((s) => typeof s.colId === 'string' && known.has(s.colId)).map((s) => ({ colId: s.colId, ...(typeof s.width === 'number' ? { width: s.width } : {}), hide: s.hide === true }))
        // the row numbers stay first; the saved order follows
        if (state.length > 0) api.applyColumnState({ state: [{ colId: ROWNUM }, ...state], applyOrder: true })
      })
      .catch(() => undefined)
      .finally(() => {
        if (!cancelled) restoring.current = false
      })
    return () => {
      cancelled = true
    }
  }, [api, entity, planPath, planVersion])
  const save = useCallback((delayMs = 400) => {
    if (!api || restoring.current) return
    const plan = pathRef.current
    if (plan === null) return
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      if (api.isDestroyed() || pathRef.current !== plan) return
      const value: SavedColumn[] = api
        .getColumnState()
        .filter((s) => s.colId !== ROWNUM)
        .map((s) => ({ colId: s.colId, ...(s.width ? { width: s.width } : {}), hide: s.hide === true }))
      call('ui.setState', { key: columnStateKey(entity), value, plan }).catch(() => undefined)
    }, delayMs)
  }, [api, entity])
  return { save }
}

/** One entry of the column chooser: a grid column with the label its header shows. */
interface ChooserEntry {
  colId: string
  label: string
}

/** Every column of the grid but the row numbers, in the grid's order: dictionary fields by their label, extra (derived) columns by their header. */
function chooserEntries(entity: EntityKey, api: GridApi<GridRow>, t: ReturnType<typeof useI18n>['t']): ChooserEntry[] {
  const fields = new Map(ENTITIES[entity].fields.map((f) => [f.key, f]))
  const out: ChooserEntry[] = []
  for (const col of api.getColumns() ?? []) {
    const colId = col.getColId()
    if (colId === ROWNUM) continue
    const f = fields.get(colId)
    if (f) {
      out.push({ colId, label: `${f.group ? `${t(f.group)} · ` : ''}${t(f.label)}` })
      continue
    }
    const group = col.getParent()?.getColGroupDef()?.headerName
    const header = col.getColDef().headerName ?? colId
    out.push({ colId, label: group ? `${group} · ${header}` : header })
  }
  return out
}

/** The 列 button: a checkbox per column, the extra columns (employment, checks) included. */
export function ColumnChooser({ entity, api }: { entity: EntityKey; api: GridApi<GridRow> | null }) {
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  const [, bump] = useState(0)
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const away = (e: MouseEvent): void => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false)
    }
    const key = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false)
    }
    window.addEventListener('mousedown', away, true)
    window.addEventListener('keydown', key)
    return () => {
      window.removeEventListener('mousedown', away, true)
      window.removeEventListener('keydown', key)
    }
  }, [open])
  return (
    <div className="column-chooser" ref={ref}>
      <button type="button" onClick={() => setOpen((o) => !o)} data-testid="column-chooser">
        {t(L('列', 'Columns'))} ▾
      </button>
      {open && api && !api.isDestroyed() && (
        <div className="column-chooser-list" data-testid="column-chooser-list">
          {chooserEntries(entity, api, t).map((c) => (
            <label key={c.colId} data-col={c.colId}>
              <input
                type="checkbox"
                checked={api.getColumn(c.colId)?.isVisible() ?? false}
                onChange={(e) => {
                  api.setColumnsVisible([c.colId], e.target.checked)
                  bump((n) => n + 1)
                }}
              />
              {c.label}
            </label>
          ))}
        </div>
      )}
    </div>
  )
}
