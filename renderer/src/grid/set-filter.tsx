/**
 * An Excel-style checkbox filter of a column's distinct values with a search box (AG Grid's set filter
 * is enterprise-only), as a community custom filter. The model is the list of values kept, as the
 * text the column shows; "filter by this value" in the context menu sets the same model. Ticking
 * boxes edits a draft: 确定 applies it, 取消 (or closing the popup) leaves the filter as it was, as in Excel.
 */
import type { IRowNode } from 'ag-grid-community'
import { useGridFilter, type CustomFilterProps } from 'ag-grid-react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { L, useI18n } from '../i18n.tsx'
import type { GridRow } from './columns.ts'

export interface SetFilterModel {
  values: string[]
}

export const BLANK = '(空白)'

/** The text a value is filtered by: what the column shows (formatted), blanks as one entry. */
export function filterKey(p: { api: CustomFilterProps<GridRow>['api']; node: IRowNode<GridRow>; colId: string }): string {
  const v: unknown = p.api.getCellValue({ rowNode: p.node, colKey: p.colId, useFormatter: true })
  const s = v === null || v === undefined ? '' : String(v)
  return s === '' ? BLANK : s
}

const MAX_LIST = 2000

export function SetFilter(props: CustomFilterProps<GridRow, unknown, SetFilterModel>) {
  const { t } = useI18n()
  const { api, column, model, onModelChange } = props
  const colId = column.getColId()
  const [search, setSearch] = useState('')
  const [version, setVersion] = useState(0)
  const applied = useMemo(() => (model ? new Set(model.values) : null), [model])
  /** the ticks shown: the applied filter until the user changes them (null: everything ticked) */
  const [kept, setKept] = useState<Set<string> | null>(applied)
  const hidePopup = useRef<(() => void) | null>(null)
  // a new model (OK, clear, "filter by this value") or the popup opening again shows the applied filter
  useEffect(() => setKept(applied), [applied, version])

  const doesFilterPass = useCallback(({ node }: { node: IRowNode<GridRow> }) => !applied || applied.has(filterKey({ api, node, colId })), [applied, api, colId])
  useGridFilter({
    doesFilterPass,
    afterGuiAttached: (params) => {
      hidePopup.current = params?.hidePopup ?? null
      setVersion((v) => v + 1)
    },
  })

  // distinct values over all rows (not only those other filters leave), counted
  const values = useMemo(() => {
    void version
    const counts = new Map<string, number>()
    api.forEachNode((node) => {
      if (!node.data) return
      const k = filterKey({ api, node, colId })
      counts.set(k, (counts.get(k) ?? 0) + 1)
    })
    return [...counts.entries()].sort((a, b) => (a[0] === BLANK ? 1 : b[0] === BLANK ? -1 : a[0].localeCompare(b[0], 'zh-CN', { numeric: true })))
  }, [api, colId, version])

  const q = search.trim().toLowerCase()
  const visible = q ? values.filter(([k]) => k.toLowerCase().includes(q)) : values
  const isKept = (k: string): boolean => !kept || kept.has(k)
  const set = (next: Set<string> | null): void => setKept(next === null || next.size === values.length ? null : next)
  const ok = (): void => {
    onModelChange(kept === null ? null : { values: [...kept] })
    hidePopup.current?.()
  }
  const cancel = (): void => {
    setKept(applied)
    hidePopup.current?.()
  }
  const toggle = (k: string): void => {
    const next = new Set(kept ?? values.map(([v]) => v))
    if (next.has(k)) next.delete(k)
    else next.add(k)
    set(next)
  }
  const allVisibleKept = visible.every(([k]) => isKept(k))
  const toggleVisible = (): void => {
    const next = new Set(kept ?? values.map(([v]) => v))
    for (const [k] of visible) {
      if (allVisibleKept) next.delete(k)
      else next.add(k)
    }
    set(next)
  }
  const sort = (dir: 'asc' | 'desc' | null): void => {
    api.applyColumnState({ state: [{ colId, sort: dir }], defaultState: { sort: null } })
  }
  return (
    <div className="set-filter" data-testid={`set-filter-${colId}`}>
      <div className="set-filter-sort">
        <button type="button" onClick={() => sort('asc')} data-testid="sort-asc">
          ↑ {t(L('升序', 'Ascending'))}
        </button>
        <button type="button" onClick={() => sort('desc')} data-testid="sort-desc">
          ↓ {t(L('降序', 'Descending'))}
        </button>
        <button type="button" onClick={() => sort(null)}>
          {t(L('不排序', 'No sort'))}
        </button>
      </div>
      <input className="set-filter-search" placeholder={t(L('搜索…', 'Search…'))} value={search} onChange={(e) => setSearch(e.target.value)} data-testid="set-filter-search" />
      <label className="set-filter-item all">
        <input type="checkbox" checked={allVisibleKept} onChange={toggleVisible} />
        {q ? t(L('（全选搜索结果）', '(Select all results)')) : t(L('（全选）', '(Select all)'))}
      </label>
      <div className="set-filter-list">
        {visible.slice(0, MAX_LIST).map(([k, n]) => (
          <label key={k} className="set-filter-item" data-value={k}>
            <input type="checkbox" checked={isKept(k)} onChange={() => toggle(k)} />
            <span className="v">{k}</span>
            <span className="n">{n.toLocaleString()}</span>
          </label>
        ))}
        {visible.length > MAX_LIST && <div className="muted">{t(L(`另有 ${visible.length - MAX_LIST} 项，请搜索`, `${visible.length - MAX_LIST} more; search to narrow`))}</div>}
      </div>
      <div className="set-filter-actions">
        <button type="button" onClick={() => onModelChange(null)} data-testid="set-filter-clear">
          {t(L('清除筛选', 'Clear filter'))}
        </button>
        <span className="spacer" />
        <button type="button" onClick={cancel} data-testid="set-filter-cancel">
          {t(L('取消', 'Cancel'))}
        </button>
        <button type="button" className="primary" onClick={ok} disabled={kept !== null && kept.size === 0} data-testid="set-filter-ok">
          {t(L('确定', 'OK'))}
        </button>
      </div>
    </div>
  )
}
