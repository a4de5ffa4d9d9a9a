/**
 * The grid every entity page uses: AG Grid Community with columns from the dictionary, edits sent
 * to the service (readOnlyEdit: the grid never changes a value the service has not accepted), a
 * pinned row-number column, a pinned 合计 row for the rows shown, and incremental patches from the
 * change log so undo, redo and other windows' edits show at once.
 */
import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type CellEditRequestEvent,
  type ColDef,
  type ColGroupDef,
  type GridApi,
  type GridReadyEvent,
  type RowClassParams,
} from 'ag-grid-community'
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale'
import { AgGridReact } from 'ag-grid-react'
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { ENTITIES, totalKind } from '../../../shared/dictionary/index.ts'
import type { EntityKey, FieldDef, FieldValue } from '../../../shared/dictionary/types.ts'
import { call } from '../api/client.ts'
import { useGridDecorations } from '../checks/grid-decorations.ts'
import { useI18n, L } from '../i18n.tsx'
import { useApp } from '../shell/app-state.tsx'
import { entityColumns, type ColumnOptions, type GridRow } from './columns.ts'
import { CountyEditor } from './county-editor.tsx'
import type { EntityRows } from './use-entity-rows.ts'

ModuleRegistry.registerModules([AllCommunityModule])

export const gridTheme = themeQuartz.withParams({
  fontFamily: ['"Noto Sans CJK SC"', '"Microsoft YaHei"', '"PingFang SC"', 'sans-serif'],
  fontSize: 13,
  headerFontSize: 13,
  rowHeight: 30,
  headerHeight: 32,
  spacing: 5,
  wrapperBorderRadius: 0,
})

declare global {
  interface Window {
    /** grid APIs by entity, for tests and benchmarks */
    __grids?: Partial<Record<EntityKey, GridApi<GridRow>>>
  }
}

export interface EntityGridProps {
  entity: EntityKey
  data: EntityRows
  /** text for a site id in facility/workshop grids */
  siteName?: (id: number) => string
  /** extra columns after the dictionary's (derived figures) */
  extraColumns?: ColDef<GridRow>[]
  decorate?: ColumnOptions['decorate']
  rowClass?: (p: RowClassParams<GridRow>) => string | undefined
  toolbar?: ReactNode
  /** values for a new row (e.g. the county chosen in the tree) */
  newRowValues?: () => Record<string, FieldValue> | null
  onApi?: (api: GridApi<GridRow>) => void
}

function enumEditor(field: FieldDef, locale: 'zh' | 'en'): Partial<ColDef<GridRow>> {
  const values = ['', ...(field.enumValues ?? []).map((e) => e.value)]
  return {
    cellEditor: 'agSelectCellEditor',
    cellEditorParams: { values, valueListMaxHeight: 260 },
    refData: locale === 'en' ? Object.fromEntries((field.enumValues ?? []).map((e) => [e.value, e.en])) : undefined,
  }
}

export function EntityGrid(props: EntityGridProps) {
  const { entity, data } = props
  const { locale, t } = useI18n()
  const app = useApp()
  const apiRef = useRef<GridApi<GridRow> | null>(null)
  const [shown, setShown] = useState(0)
  const checks = useGridDecorations(entity)
  const decorate = props.decorate ?? checks.decorate
  const rowClass = props.rowClass ?? checks.rowClass

  const editorFor = useCallback(
    (field: FieldDef): Partial<ColDef<GridRow>> => {
      if (entity === 'site' && field.key === 'county') return { editable: true, cellEditor: CountyEditor, cellEditorPopup: true }
      if (field.type === 'county') return { cellEditor: CountyEditor, cellEditorPopup: true }
      if (field.type === 'enum') return enumEditor(field, locale)
      if (field.type === 'bool') return { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: ['', '是', '否'] } }
      if (field.type === 'text' && field.key === 'notes') return { cellEditor: 'agLargeTextCellEditor', cellEditorPopup: true }
      return { cellEditor: 'agTextCellEditor' }
    },
    [entity, locale],
  )

  const columnDefs = useMemo<(ColDef<GridRow> | ColGroupDef<GridRow>)[]>(() => {
    const rowNumber: ColDef<GridRow> = {
      colId: '__rownum',
      headerName: '#',
      width: 64,
      pinned: 'left',
      lockPinned: true,
      editable: false,
      sortable: false,
      filter: false,
      suppressMovable: true,
      cellClass: 'row-number',
      valueGetter: (p) => (p.node?.rowPinned ? '' : (p.node?.rowIndex ?? 0) + 1),
    }
    const opts: ColumnOptions = { locale, editorFor, ...(props.siteName ? { siteName: props.siteName } : {}), ...(decorate ? { decorate } : {}) }
    return [rowNumber, ...(checks.extraColumns ?? []), ...entityColumns(entity, opts), ...(props.extraColumns ?? [])]
  }, [entity, locale, editorFor, props.siteName, decorate, checks.extraColumns, props.extraColumns])

  const totals = useCallback(() => {
    const api = apiRef.current
    if (!api) return
    const fields = ENTITIES[entity].fields.filter((f) => totalKind(f) !== 'none')
    const sums: Record<string, number> = {}
    const counts: Record<string, number> = {}
    let n = 0
    api.forEachNodeAfterFilter((node) => {
      const d = node.data
      if (!d) return
      n++
      for (const f of fields) {
        const v = d[f.key]
        if (typeof v === 'number') {
          sums[f.key] = (sums[f.key] ?? 0) + v
          counts[f.key] = (counts[f.key] ?? 0) + 1
        }
      }
    })
    const row: GridRow = { id: -1 }
    for (const f of fields) {
      const s = sums[f.key]
      if (s === undefined) continue
      row[f.key] = totalKind(f) === 'avg' ? Math.round(s / (counts[f.key] ?? 1)) : Math.round(s * 100) / 100
    }
    row[ENTITIES[entity].titleField] = `${t(L('合计', 'Total'))}（${n}）`
    api.setGridOption('pinnedBottomRowData', [row])
    setShown(n)
  }, [entity, t])

  // incremental updates from the change log
  useEffect(
    () =>
      data.onPatch((patch) => {
        const api = apiRef.current
        if (!api) return
        const add: GridRow[] = []
        const update: GridRow[] = []
        for (const r of patch.upserted) (api.getRowNode(String(r.id)) ? update : add).push(r)
        const remove = patch.deleted.filter((id) => api.getRowNode(String(id))).map((id) => ({ id }) as GridRow)
        api.applyTransaction({ add, update, remove })
        if (add.length === 1 && update.length === 0) {
          const node = api.getRowNode(String(add[0]!.id))
          if (node) api.ensureNodeVisible(node, 'middle')
        }
        totals()
      }),
    [data, totals],
  )

  // a request from another page to show a cell
  useEffect(() => {
    const f = app.focus
    const api = apiRef.current
    if (!f || f.entity !== entity || !api || !data.rows) return
    const node = api.getRowNode(String(f.id))
    if (!node) return
    api.ensureNodeVisible(node, 'middle')
    if (f.field) api.ensureColumnVisible(f.field)
    if (node.rowIndex !== null) api.setFocusedCell(node.rowIndex, f.field ?? ENTITIES[entity].titleField)
    api.flashCells({ rowNodes: [node], ...(f.field ? { columns: [f.field] } : {}) })
  }, [app.focus, entity, data.rows])

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<GridRow>) => {
      if (!e.data || e.node.rowPinned) return
      const field = e.colDef.field
      if (!field) return
      let value = e.newValue as FieldValue
      if (value === undefined) value = null
      call('rows.update', { entity, edits: [{ id: e.data.id, field, value }] })
        .then((res) => {
          // apply at once (the event carries the same rows; applying twice is harmless)
          const a = res.affected[entity]
          const api = apiRef.current
          if (a && api) {
            api.applyTransaction({ update: a.upserted.filter((r) => api.getRowNode(String(r.id))) as GridRow[] })
            totals()
          }
        })
        .catch(app.fail)
    },
    [entity, app.fail, totals],
  )

  const onGridReady = useCallback(
    (e: GridReadyEvent<GridRow>) => {
      apiRef.current = e.api
      window.__grids = { ...(window.__grids ?? {}), [entity]: e.api }
      props.onApi?.(e.api)
    },
    [entity, props],
  )

  const addRow = (): void => {
    const values = props.newRowValues?.() ?? {}
    if (values === null) return
    call('rows.insert', { entity, rows: [values] }).catch(app.fail)
  }
  const deleteRows = (): void => {
    const api = apiRef.current
    if (!api) return
    const selected = api.getSelectedRows()
    const focused = api.getFocusedCell()
    const ids = selected.length > 0 ? selected.map((r) => r.id) : focused ? [api.getDisplayedRowAtIndex(focused.rowIndex)?.data?.id].filter((x): x is number => typeof x === 'number') : []
    if (ids.length === 0) {
      app.toast('info', L('请先选择要删除的行', 'Select the rows to delete first'))
      return
    }
    if (!confirm(t(L(`删除 ${ids.length} 行？可以撤销。`, `Delete ${ids.length} row(s)? This can be undone.`)))) return
    call('rows.delete', { entity, ids }).catch(app.fail)
  }

  const total = data.rows?.length ?? 0
  return (
    <div className="entity-grid">
      <div className="grid-toolbar">
        {props.newRowValues && (
          <button type="button" onClick={addRow} data-testid="add-row">
            ＋ {t(L('新增行', 'Add row'))}
          </button>
        )}
        <button type="button" onClick={deleteRows} data-testid="delete-rows">
          － {t(L('删除行', 'Delete rows'))}
        </button>
        {props.toolbar}
        <span className="grid-count" data-testid="grid-count">
          {t(L(`显示 ${shown.toLocaleString()} / 共 ${total.toLocaleString()} 行`, `${shown.toLocaleString()} of ${total.toLocaleString()} rows`))}
        </span>
      </div>
      <div className="grid-host" data-testid={`grid-${entity}`}>
        <AgGridReact<GridRow>
          theme={gridTheme}
          rowData={data.rows ?? undefined}
          loading={data.loading}
          columnDefs={columnDefs}
          defaultColDef={{ cellDataType: false, sortable: true, resizable: true, filter: true, floatingFilter: false, suppressHeaderMenuButton: false }}
          getRowId={(p) => String(p.data.id)}
          readOnlyEdit={true}
          onCellEditRequest={onCellEditRequest}
          rowSelection={{ mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: false }}
          localeText={locale === 'zh' ? AG_GRID_LOCALE_CN : undefined}
          onGridReady={onGridReady}
          onModelUpdated={totals}
          getRowClass={rowClass}
          stopEditingWhenCellsLoseFocus={true}
          enterNavigatesVerticallyAfterEdit={true}
          undoRedoCellEditing={false}
          animateRows={false}
          tooltipShowDelay={300}
        />
      </div>
    </div>
  )
}
