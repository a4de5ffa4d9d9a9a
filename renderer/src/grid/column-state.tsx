/**
 * Column widths and shown/hidden columns remembered per plan (through ui.getState/ui.setState, which
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

/** Restore the saved columns once the grid is ready, then save every resize/show/hide (debounced). */
export function useColumnState(entity: EntityKey, api: GridApi<GridRow> | null, planVersion: number): { save(delayMs?: number): void } {
  const restoring = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => {
    if (!api) return
    let cancelled = false
    restoring.current = true
    call('ui.getState', { key: columnStateKey(entity) })
      .then((saved) => {
        if (cancelled || api.isDestroyed() || !Array.isArray(saved)) return
        const known = new Set(api.getColumns()?.map((c) => c.getColId()) ?? [])
        const state: ColumnState[] = (saved as SavedColumn[]).filter((s) => typeof s.colId === 'string' && known.has(s.colId)).map((s) => ({ colId: s.colId, ...(typeof s.width === 'number' ? { width: s.width } : {}), hide: s.hide === true }))
        if (state.length > 0) api.applyColumnState({ state, applyOrder: false })
      })
      .catch(() => undefined)
      .finally(() => {
        restoring.current = false
      })
    return () => {
      cancelled = true
    }
  }, [api, entity, planVersion])
  const save = useCallback((delayMs = 400) => {
    if (!api || restoring.current) return
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      if (api.isDestroyed()) return
      const value: SavedColumn[] = api
        .getColumnState()
        .filter((s) => s.colId !== ROWNUM)
        .map((s) => ({ colId: s.colId, ...(s.width ? { width: s.width } : {}), hide: s.hide === true }))
      call('ui.setState', { key: columnStateKey(entity), value }).catch(() => undefined)
    }, delayMs)
  }, [api, entity])
  return { save }
}

/** The 列 button: a checkbox per dictionary column. */
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
    window.addEventListener('mousedown', away, true)
    return () => window.removeEventListener('mousedown', away, true)
  }, [open])
  return (
    <div className="column-chooser" ref={ref}>
      <button type="button" onClick={() => setOpen((o) => !o)} data-testid="column-chooser">
        {t(L('列', 'Columns'))} ▾
      </button>
      {open && api && (
        <div className="column-chooser-list" data-testid="column-chooser-list">
          {ENTITIES[entity].fields.map((f) => {
            const col = api.getColumn(f.key)
            if (!col) return null
            return (
              <label key={f.key} data-col={f.key}>
                <input
                  type="checkbox"
                  checked={col.isVisible()}
                  onChange={(e) => {
                    api.setColumnsVisible([f.key], e.target.checked)
                    bump((n) => n + 1)
                  }}
                />
                {f.group ? `${t(f.group)} · ` : ''}
                {t(f.label)}
              </label>
            )
          })}
        </div>
      )}
    </div>
  )
}
