/**
 * The grid every entity page uses: AG Grid Community with columns from the dictionary, edits sent
 * to the service (a value setter that sends the edit and leaves the row as it is: the grid never
 * changes a value the service has not accepted; unlike readOnlyEdit's cellEditRequest, which AG Grid
 * delivers a task later, the request leaves as the editor closes), a
 * pinned row-number column, a pinned 合计 row for the rows shown, and incremental patches from the
 * change log so undo, redo and other windows' edits show at once. On top of it, the spreadsheet layer
 * (sheet.ts and friends): range selection, copy/paste with Excel/WPS through a preview, fill handle,
 * context menu, status bar, set filter, find, and column widths/visibility remembered per plan.
 * Every write goes through rows.update/rows.paste/rows.insert/rows.delete: one action, one undo step.
 */
import {
  AllCommunityModule,
  type CellContextMenuEvent,
  type ValueSetterParams,
  type CellFocusedEvent,
  ModuleRegistry,
  themeQuartz,
  type ColDef,
  type ColGroupDef,
  type ColumnMovedEvent,
  type ColumnResizedEvent,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type RowClassParams,
} from 'ag-grid-community'
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale'
import { AgGridReact } from 'ag-grid-react'
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import type { PasteResult } from '../../../shared/api/rows-api.ts'
import type { CellBlock } from '../../../shared/grid/clipboard-text.ts'
import { ENTITIES, totalKind } from '../../../shared/dictionary/index.ts'
import type { EntityKey, FieldDef, FieldValue, Label } from '../../../shared/dictionary/types.ts'
import { ApiError, call } from '../api/client.ts'
import { useGridDecorations } from '../checks/grid-decorations.ts'
import { useI18n, L } from '../i18n.tsx'
import { takeFilterRequest, useApp } from '../shell/app-state.tsx'
import { CellHistoryDialog } from './cell-history-dialog.tsx'
import { ColumnChooser, useColumnState } from './column-state.tsx'
import { CELL_PADDING, cellWidth, entityColumns, fitWidth, formatValue, type ColumnOptions, type GridRow } from './columns.ts'
import { ContextMenu, type MenuItem } from './context-menu.tsx'
import { CountyEditor } from './county-editor.tsx'
import { FindBar } from './find-bar.tsx'
import { PasteDialog } from './paste-dialog.tsx'
import { insertionGroups } from '../../../shared/grid/row-order.ts'
import { filterKey, SetFilter } from './set-filter.tsx'
import { ROWNUM, Sheet, sheetClassRules, type CellEditOut, type PastePlan, type Rect } from './sheet.ts'
import { StatusBar } from './status-bar.tsx'
import type { EntityRows } from './use-entity-rows.ts'
import { readClipboard, useSheetInput, writeClipboard } from './use-sheet-input.ts'
import './grid.css'

ModuleRegistry.registerModules([AllCommunityModule])

// Grid options passed as stable references: AG Grid re-applies an option whose reference changes, and a new
// defaultColDef on every render would rebuild every column (it made a cell edit wait ~15 ms).
const DEFAULT_COL_DEF: ColDef<GridRow> = { cellDataType: false, wrapHeaderText: true, autoHeaderHeight: true, sortable: true, resizable: true, filter: true, floatingFilter: false, suppressHeaderMenuButton: false }
const ROW_SELECTION = { mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: false } as const
const rowIdOf = (p: GetRowIdParams<GridRow>): string => String(p.data.id)

export const gridTheme = themeQuartz.withParams({
  fontFamily: ['"Noto Sans CJK SC"', '"Microsoft YaHei"', '"PingFang SC"', 'sans-serif'],
  fontSize: 13,
  headerFontSize: 13,
  rowHeight: 30,
  headerHeight: 32,
  spacing: 5,
  // the theme's 15 px each side crowded narrow columns (the header text lost to padding and the filter icon)
  cellHorizontalPadding: CELL_PADDING,
  wrapperBorderRadius: 0,
})

declare global {
  interface Window {
    /** grid APIs by entity, for tests and benchmarks */
    __grids?: Partial<Record<EntityKey, GridApi<GridRow>>>
    /** the spreadsheet layer by entity, for tests and benchmarks */
    __sheets?: Partial<Record<EntityKey, Sheet>>
    /** last measured spreadsheet timings (ms), for the benchmark */
    __gridTiming?: { pastePreviewMs?: number; pasteCommitMs?: number; pastePlanMs?: number; pasteCallMs?: number; pasteCommitCallMs?: number }
  }
}

interface PasteState {
  plan: PastePlan
  result: PasteResult
  append: boolean
  busy: boolean
  error: Label | null
  t0: number
}

/** Wrap every column (groups included) with the spreadsheet's cell classes and the set filter. */
function withSheet(defs: (ColDef<GridRow> | ColGroupDef<GridRow>)[], ref: React.RefObject<Sheet | null>): (ColDef<GridRow> | ColGroupDef<GridRow>)[] {
  return defs.map((d) => {
    if ('children' in d) return { ...d, children: withSheet(d.children, ref) }
    const colId = d.colId ?? d.field
    if (!colId || colId === ROWNUM) return d
    // the checkbox filter replaces the stock text/number filters; a column that says filter: false or brings its own keeps it
    const filter = d.filter === undefined || d.filter === true || typeof d.filter === 'string' ? SetFilter : d.filter
    // extra columns (checks, derived figures) follow the dictionary columns' width rule: the header fits without breaking a word
    const width = typeof d.width === 'number' && typeof d.headerName === 'string' ? { width: fitWidth(d.width, d.headerName) } : {}
    return { ...d, ...width, filter, cellClassRules: { ...(d.cellClassRules ?? {}), ...sheetClassRules(ref, colId) } }
  })
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
  /** apply the app's "open this grid filtered" requests for this entity (pages with their own filters leave it off) */
  filterRequests?: boolean
}

function enumEditor(field: FieldDef, locale: 'zh' | 'en'): Partial<ColDef<GridRow>> {
  const values = ['', ...(field.enumValues ?? []).map((e) => e.value)]
  return {
    cellEditor: 'agSelectCellEditor',
    cellEditorParams: { values, valueListMaxHeight: 260 },
    refData: locale === 'en' ? Object.fromEntries((field.enumValues ?? []).map((e) => [e.value, e.en])) : undefined,
  }
}

/**
 * The county picker's keys are its own while it is open: AG Grid hears a keydown before React's
 * handlers run, so without this Enter closed the editor with the old value instead of picking.
 */
const COUNTY_EDITOR: Partial<ColDef<GridRow>> = {
  cellEditor: CountyEditor,
  cellEditorPopup: true,
  suppressKeyboardEvent: (p) => p.editing && ['Enter', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'].includes(p.event.key),
}

/** Past this many separate places for returning rows, one reload is cheaper than a transaction per place. */
const MAX_INSERT_GROUPS = 100

const apiMessage = (e: unknown): Label => (e instanceof ApiError ? { zh: e.body.message, en: e.body.messageEn } : { zh: String(e), en: String(e) })

export function EntityGrid(props: EntityGridProps) {
  const { entity, data } = props
  const { locale, t } = useI18n()
  const app = useApp()
  const apiRef = useRef<GridApi<GridRow> | null>(null)
  const [api, setApi] = useState<GridApi<GridRow> | null>(null)
  const sheetRef = useRef<Sheet | null>(null)
  const [sheet, setSheet] = useState<Sheet | null>(null)
  const hostRef = useRef<HTMLDivElement>(null)
  const [shown, setShown] = useState(0)
  const [paste, setPaste] = useState<PasteState | null>(null)
  const [menu, setMenu] = useState<{ x: number; y: number; rowId: number; colId: string } | null>(null)
  const [history, setHistory] = useState<{ id: number; field: string; title: string } | null>(null)
  const [finding, setFinding] = useState(false)
  /** where rows inserted from the context menu go (display index) */
  const pendingInsert = useRef<number | null>(null)
  // the grid's check marks load once its rows are on screen, so they never hold up the first rows
  const checks = useGridDecorations(entity, props.data.loadedRegion)
  const decorate = props.decorate ?? checks.decorate
  const rowClass = props.rowClass ?? checks.rowClass
  const columnState = useColumnState(entity, api, app.plan?.path ?? null, app.planVersion)

  const editorFor = useCallback(
    (field: FieldDef): Partial<ColDef<GridRow>> => {
      if (entity === 'site' && field.key === 'county') return { editable: true, ...COUNTY_EDITOR }
      if (field.type === 'county') return COUNTY_EDITOR
      if (field.type === 'enum') return enumEditor(field, locale)
      if (field.type === 'bool') return { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: ['', '是', '否'] } }
      if (field.type === 'text' && field.key === 'notes') return { cellEditor: 'agLargeTextCellEditor', cellEditorPopup: true }
      return { cellEditor: 'agTextCellEditor' }
    },
    [entity, locale],
  )

  const columnDefs = useMemo<(ColDef<GridRow> | ColGroupDef<GridRow>)[]>(() => {
    const rowNumber: ColDef<GridRow> = {
      colId: ROWNUM,
      headerName: '#',
      width: 64,
      pinned: 'left',
      lockPinned: true,
      editable: false,
      sortable: false,
      filter: false,
      suppressMovable: true,
      suppressNavigable: true,
      suppressHeaderMenuButton: true,
      cellClass: 'row-number',
      cellClassRules: sheetClassRules(sheetRef, ROWNUM),
      valueGetter: (p) => (p.node?.rowPinned ? '' : (p.node?.rowIndex ?? 0) + 1),
    }
    const opts: ColumnOptions = { locale, editorFor, ...(props.siteName ? { siteName: props.siteName } : {}), ...(decorate ? { decorate } : {}) }
    return [rowNumber, ...withSheet([...(checks.extraColumns ?? []), ...entityColumns(entity, opts), ...(props.extraColumns ?? [])], sheetRef)]
  }, [entity, locale, editorFor, props.siteName, decorate, checks.extraColumns, props.extraColumns])

  // Extra columns compute their values from outside the row (employment coverage): when they are
  // replaced with new figures, AG Grid keeps the rendered values, so their cells are refreshed here.
  useEffect(() => {
    const ids = (props.extraColumns ?? []).map((c) => c.colId).filter((id): id is string => typeof id === 'string')
    if (ids.length > 0 && api && !api.isDestroyed()) api.refreshCells({ columns: ids, force: true, suppressFlash: true })
  }, [api, props.extraColumns])

  useEffect(() => {
    if (sheet) sheet.siteName = props.siteName
  }, [sheet, props.siteName])

  const localeRef = useRef(locale)
  localeRef.current = locale
  // Widths are initial (a user's widths survive a column-defs update), so after a language switch the
  // columns too narrow for the new headers and choices widen to them; none is made narrower.
  const shownLocale = useRef(locale)
  useEffect(() => {
    if (!api || api.isDestroyed() || shownLocale.current === locale) return
    shownLocale.current = locale
    const needs = new Map<string, number>()
    const walk = (defs: (ColDef<GridRow> | ColGroupDef<GridRow>)[]): void => {
      for (const d of defs) {
        if ('children' in d) walk(d.children)
        else if (d.colId && typeof (d.initialWidth ?? d.width) === 'number') needs.set(d.colId, (d.initialWidth ?? d.width)!)
      }
    }
    walk(columnDefs)
    const widths: { key: string; newWidth: number }[] = []
    for (const [key, need] of needs) {
      const col = api.getColumn(key)
      if (col && col.getActualWidth() < need) widths.push({ key, newWidth: need })
    }
    if (widths.length > 0) api.setColumnWidths(widths, true, 'api')
  }, [api, locale, columnDefs])
  const partialRef = useRef(props.data.partial)
  partialRef.current = props.data.partial
  const totals = useCallback(() => {
    const api = apiRef.current
    if (!api) return
    if (partialRef.current) {
      // only the first page is here: a sum of it would mislead, so the 合计 row waits for the rest
      api.setGridOption('pinnedBottomRowData', [{ id: -1, [ENTITIES[entity].titleField]: t(L('合计（加载中…）', 'Total (loading…)')) }])
      setShown(api.getDisplayedRowCount())
      return
    }
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
    // a 合计 is never cut off: a column too narrow for its (bold) total widens to it
    const widths: { key: string; newWidth: number }[] = []
    for (const f of fields) {
      const col = api.getColumn(f.key)
      if (!col || !col.isVisible() || row[f.key] === undefined) continue
      const need = cellWidth([formatValue(f, row[f.key], localeRef.current)], true)
      if (col.getActualWidth() < need) widths.push({ key: f.key, newWidth: need })
    }
    if (widths.length > 0) api.setColumnWidths(widths, true, 'api')
  }, [entity, t])

  /** Apply a write's rows at once (the plan.changed event carries the same rows; applying twice is harmless). */
  const applyRows = useCallback(
    (res: { affected: Partial<Record<EntityKey, { upserted: unknown[] }>> } | null | undefined) => {
      const a = res?.affected[entity]
      const api = apiRef.current
      if (a && api) {
        // the transaction's modelUpdated recomputes the 合计 row; flushSync: AG Grid's React cells show
        // the new values now rather than at React's next scheduled render
        flushSync(() => api.applyTransaction({ update: (a.upserted as GridRow[]).filter((r) => api.getRowNode(String(r.id))) }))
      }
    },
    [entity],
  )

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
        const at = pendingInsert.current
        if (at !== null && add.length > 0) pendingInsert.current = null
        if (at !== null || add.length === 0) flushSync(() => api.applyTransaction({ add, update, remove, ...(at !== null && add.length > 0 ? { addIndex: at } : {}) }))
        else {
          // rows coming back (undo of a delete, redo of an insert) go where the service lists them, not to the bottom
          api.applyTransaction({ update, remove })
          const existing: GridRow[] = []
          api.forEachNode((n) => {
            if (n.data) existing.push(n.data)
          })
          const groups = insertionGroups(entity, existing, add)
          if (groups.length > MAX_INSERT_GROUPS) data.reload()
          else for (const g of groups) api.applyTransaction({ add: g.rows, addIndex: g.index })
        }
        if (add.length >= 1 && add.length <= 100 && update.length === 0) {
          const node = api.getRowNode(String(add[0]!.id))
          if (node) {
            api.ensureNodeVisible(node, 'middle')
            const s = sheetRef.current
            if (s && node.data && s.cols[0]) s.selectCell({ rowId: node.data.id, colId: s.cols[0] })
          }
        }
        // totals follow from the transaction's modelUpdated
      }),
    [data, entity],
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

  // a request from another page (the dashboard) to show only some rows: the column's checkbox filter
  // keeps the shown texts of the rows that pass, once every row of the region is here
  useEffect(() => {
    const api = apiRef.current
    if (!props.filterRequests || app.filterRequest?.entity !== entity || !api) return
    if (!data.rows || data.loading || data.partial || data.loadedRegion !== (app.region ?? '')) return
    const r = takeFilterRequest(app.filterRequest, entity)
    if (!r) return
    const kept = new Set<string>()
    api.forEachNode((node) => {
      if (node.data && r.keep(node.data[r.field] ?? null)) kept.add(filterKey({ api, node, colId: r.field }))
    })
    api.setFilterModel({ [r.field]: { values: [...kept] } })
    api.ensureColumnVisible(r.field)
  }, [app.filterRequest, app.region, entity, data.rows, data.loading, data.partial, data.loadedRegion, props.filterRequests])

  // an edit leaves for the service as the editor closes (AG Grid calls value setters synchronously;
  // grid events such as cellEditRequest come a task later); the row changes when the service answers
  const sendEdit = useRef<(p: ValueSetterParams<GridRow>) => void>(() => undefined)
  sendEdit.current = (p: ValueSetterParams<GridRow>): void => {
    if (!p.data || p.node?.rowPinned) return
    const field = p.colDef.field
    if (!field) return
    let value = p.newValue as FieldValue
    if (value === undefined) value = null
    call('rows.update', { entity, edits: [{ id: p.data.id, field, value }] })
      .then(applyRows)
      .catch(app.fail)
  }
  const defaultColDef = useMemo<ColDef<GridRow>>(
    () => ({
      ...DEFAULT_COL_DEF,
      valueSetter: (p) => {
        sendEdit.current(p)
        return false
      },
    }),
    [],
  )

  const onGridReady = useCallback(
    (e: GridReadyEvent<GridRow>) => {
      apiRef.current = e.api
      const s = new Sheet(entity, e.api)
      s.siteName = props.siteName
      sheetRef.current = s
      setSheet(s)
      setApi(e.api)
      window.__grids = { ...(window.__grids ?? {}), [entity]: e.api }
      window.__sheets = { ...(window.__sheets ?? {}), [entity]: s }
      props.onApi?.(e.api)
    },
    [entity, props],
  )

  // ---------- spreadsheet actions ----------

  const rowLabel = useCallback(
    (id: number): string => {
      const node = apiRef.current?.getRowNode(String(id))
      const title = node?.data?.[ENTITIES[entity].titleField]
      const idx = node?.rowIndex
      return `${idx !== null && idx !== undefined ? `#${idx + 1} ` : ''}${title ?? id}`
    },
    [entity],
  )
  const columnLabel = useCallback(
    (field: string): string => {
      const f = ENTITIES[entity].fields.find((x) => x.key === field)
      if (f) return t(f.label)
      return apiRef.current?.getColumn(field)?.getColDef().headerName ?? field
    },
    [entity, t],
  )

  /** Required site/county references the new rows take from the row they are inserted next to. */
  const carryValues = useCallback(
    (from: GridRow | undefined): Record<string, FieldValue> => {
      const out: Record<string, FieldValue> = {}
      if (!from) return out
      for (const f of ENTITIES[entity].fields) if (f.required && (f.type === 'county' || f.type === 'site')) out[f.key] = from[f.key] ?? null
      return out
    },
    [entity],
  )

  /** Write edits as one action, keeping the accepted cells; say what was refused. */
  const commitEdits = useCallback(
    (edits: CellEditOut[], label: Label, select?: Rect) => {
      if (edits.length === 0) return
      call('rows.paste', { entity, edits, commit: true, label })
        .then((r) => {
          applyRows(r.change)
          const s = sheetRef.current
          if (select && s) {
            const a = s.posAt(select.r0, select.c0)
            const b = s.posAt(select.r1, select.c1)
            if (a && b) s.set({ anchor: a, end: b, allRows: false, allCols: false })
          }
          const c = r.preview.counts
          const firstRejected = r.preview.cells.find((x) => x.verdict === 'rejected')
          if (c.rejected > 0 && firstRejected?.message)
            app.toast('error', { zh: `${c.rejected} 个单元格未写入：${firstRejected.message.zh}`, en: `${c.rejected} cell(s) not written: ${firstRejected.message.en}` })
          else if (c.accepted + c.adjusted > 0) app.toast('info', label)
        })
        .catch(app.fail)
    },
    [entity, app, applyRows],
  )

  const runPaste = useCallback(
    (block: CellBlock) => {
      const s = sheetRef.current
      if (!s || !s.rect) {
        app.toast('info', L('请先选择要粘贴到的单元格', 'Select the cell to paste into first'))
        return
      }
      if (block.length === 0) {
        app.toast('info', L('剪贴板里没有可粘贴的内容', 'The clipboard has nothing to paste'))
        return
      }
      const t0 = performance.now()
      const plan = s.pastePlan(block)
      const t1 = performance.now()
      call('rows.paste', { entity, edits: [], block: plan.block, commit: false })
        .then((result) => {
          window.__gridTiming = { ...(window.__gridTiming ?? {}), pastePlanMs: t1 - t0, pasteCallMs: performance.now() - t1 }
          setPaste({ plan, result, append: false, busy: false, error: null, t0 })
        })
        .catch(app.fail)
    },
    [entity, app],
  )

  // the preview's time: from the paste to the dialog on screen
  useEffect(() => {
    if (!paste || paste.busy || paste.t0 === 0) return
    const t0 = paste.t0
    requestAnimationFrame(() => {
      window.__gridTiming = { ...(window.__gridTiming ?? {}), pastePreviewMs: performance.now() - t0 }
    })
  }, [paste])

  const appendRowsOf = useCallback(
    (plan: PastePlan): Record<string, FieldValue>[] => {
      const s = sheetRef.current
      const last = s ? s.rowAt(s.rowCount() - 1)?.data : undefined
      const carry = carryValues(last)
      return plan.append.map((r) => ({ ...carry, ...r }))
    },
    [carryValues],
  )

  const setAppend = useCallback(
    (append: boolean) => {
      if (!paste) return
      setPaste({ ...paste, busy: true, append })
      call('rows.paste', { entity, edits: [], block: paste.plan.block, commit: false, ...(append ? { append: appendRowsOf(paste.plan) } : {}) })
        .then((result) => setPaste((p) => (p ? { ...p, result, busy: false, error: null, t0: 0 } : p)))
        .catch((e: unknown) => setPaste((p) => (p ? { ...p, busy: false, error: apiMessage(e) } : p)))
    },
    [paste, entity, appendRowsOf],
  )

  /** Give the keyboard back to the grid (after a dialog), at the range's active cell. */
  const refocus = useCallback(() => {
    const s = sheetRef.current
    const a = s?.active()
    const idx = a ? s?.rowIndexOf(a.rowId) : null
    if (s && a && idx !== null && idx !== undefined) s.api.setFocusedCell(idx, a.colId)
  }, [])

  const confirmPaste = useCallback(() => {
    if (!paste) return
    const t0 = performance.now()
    setPaste({ ...paste, busy: true, error: null })
    call('rows.paste', { entity, edits: [], block: paste.plan.block, commit: true, ...(paste.result.token ? { token: paste.result.token } : {}), ...(paste.append ? { append: appendRowsOf(paste.plan) } : {}) })
      .then((r) => {
        window.__gridTiming = { ...(window.__gridTiming ?? {}), pasteCommitCallMs: performance.now() - t0 }
        applyRows(r.change)
        setPaste(null)
        const s = sheetRef.current
        const rect = paste.plan.rect
        if (s && rect) {
          const a = s.posAt(rect.r0, rect.c0)
          const b = s.posAt(rect.r1, rect.c1)
          if (a && b) s.set({ anchor: a, end: b, allRows: false, allCols: false })
        }
        refocus()
        if (r.change?.label) app.toast('info', r.change.label)
        requestAnimationFrame(() => {
          window.__gridTiming = { ...(window.__gridTiming ?? {}), pasteCommitMs: performance.now() - t0 }
        })
      })
      .catch((e: unknown) => setPaste((p) => (p ? { ...p, busy: false, error: apiMessage(e) } : p)))
  }, [paste, entity, appendRowsOf, applyRows, app, refocus])

  const fill = useCallback(
    (direction: 'down' | 'right') => {
      const s = sheetRef.current
      if (!s) return
      const edits = s.fillDownEdits(direction)
      commitEdits(edits, direction === 'down' ? L(`向下填充 ${edits.length} 个单元格`, `Fill down ${edits.length} cell(s)`) : L(`向右填充 ${edits.length} 个单元格`, `Fill right ${edits.length} cell(s)`))
    },
    [commitEdits],
  )

  const fillTo = useCallback(
    (target: Rect, toggle: boolean) => {
      const s = sheetRef.current
      if (!s) return
      const edits = s.fillEdits(target, (seed) => s.defaultMode(seed, toggle))
      commitEdits(edits, L(`填充 ${edits.length} 个单元格`, `Fill ${edits.length} cell(s)`), target)
    },
    [commitEdits],
  )

  const clear = useCallback(() => {
    const s = sheetRef.current
    if (!s) return
    const edits = s.clearEdits()
    if (edits.length === 0) return
    commitEdits(edits, L(`清除 ${edits.length} 个单元格`, `Clear ${edits.length} cell(s)`))
  }, [commitEdits])

  const input = useSheetInput(hostRef, sheet, {
    paste: runPaste,
    fill,
    fillTo,
    clear,
    openFind: () => setFinding(true),
    copied: (n) => n > 0 && app.toast('info', L(`已复制 ${n.toLocaleString()} 个单元格，可粘贴到 Excel / WPS`, `Copied ${n.toLocaleString()} cell(s); paste them into Excel / WPS`)),
    clipboardError: () => app.toast('error', L('无法访问剪贴板，请用 Ctrl+C / Ctrl+V', 'The clipboard is not available; use Ctrl+C / Ctrl+V')),
  })

  const copyFromMenu = useCallback(() => {
    const s = sheetRef.current
    if (!s) return
    hostRef.current?.focus()
    // execCommand fires the copy event our listener fills; if the browser refuses, use the Clipboard API
    let done = false
    try {
      done = document.execCommand('copy')
    } catch {
      done = false
    }
    if (!done)
      writeClipboard(s).then(
        (n) => n > 0 && app.toast('info', L(`已复制 ${n.toLocaleString()} 个单元格`, `Copied ${n.toLocaleString()} cell(s)`)),
        () => app.toast('error', L('无法写入剪贴板', 'Could not write the clipboard')),
      )
  }, [app])

  const pasteFromMenu = useCallback(() => {
    readClipboard().then(runPaste, () => app.toast('error', L('无法读取剪贴板，请用 Ctrl+V 粘贴', 'Could not read the clipboard; paste with Ctrl+V')))
  }, [runPaste, app])

  const insertRows = useCallback(
    (where: 'above' | 'below', rowId: number) => {
      const api = apiRef.current
      const s = sheetRef.current
      if (!api || !s) return
      const node = api.getRowNode(String(rowId))
      if (!node?.data || node.rowIndex === null) return
      const n = Math.max(1, Math.min(100, s.rowIds().length || 1))
      const title = ENTITIES[entity].titleField
      const values = { ...carryValues(node.data), [title]: t(L(`新${ENTITIES[entity].label.zh}`, `New ${ENTITIES[entity].label.en}`)) }
      // 安置点 → 新安置点; labels like "Resettlement sites" read fine in English too
      if (entity === 'site') values[title] = t(L('新安置点', 'New site'))
      pendingInsert.current = where === 'above' ? node.rowIndex : node.rowIndex + 1
      call('rows.insert', { entity, rows: Array.from({ length: n }, () => values), label: where === 'above' ? L(`在上方插入 ${n} 行`, `Insert ${n} row(s) above`) : L(`在下方插入 ${n} 行`, `Insert ${n} row(s) below`) }).catch((e: unknown) => {
        pendingInsert.current = null
        app.fail(e)
      })
    },
    [entity, carryValues, t, app],
  )

  const deleteIds = useCallback(
    (ids: number[]) => {
      if (ids.length === 0) {
        app.toast('info', L('请先选择要删除的行', 'Select the rows to delete first'))
        return
      }
      if (!confirm(t(L(`删除 ${ids.length} 行？可以撤销。`, `Delete ${ids.length} row(s)? This can be undone.`)))) return
      call('rows.delete', { entity, ids }).catch(app.fail)
    },
    [entity, app, t],
  )

  const filterByValue = useCallback((rowId: number, colId: string) => {
    const api = apiRef.current
    const node = api?.getRowNode(String(rowId))
    if (!api || !node) return
    const key = filterKey({ api, node, colId })
    void api.setColumnFilterModel(colId, { values: [key] }).then(() => api.onFilterChanged())
  }, [])

  const onCellContextMenu = useCallback((e: CellContextMenuEvent<GridRow>) => {
    const s = sheetRef.current
    const ev = e.event as MouseEvent | null
    if (!s || !e.data || e.node.rowPinned || !ev) return
    const colId = e.column.getColId()
    const inRange = s.rect !== null && e.rowIndex !== null && e.rowIndex >= s.rect.r0 && e.rowIndex <= s.rect.r1 && (colId === ROWNUM || (s.cols.indexOf(colId) >= s.rect.c0 && s.cols.indexOf(colId) <= s.rect.c1))
    if (!inRange) {
      if (colId === ROWNUM) s.selectRow(e.data.id)
      else s.selectCell({ rowId: e.data.id, colId })
    }
    setMenu({ x: ev.clientX, y: ev.clientY, rowId: e.data.id, colId: colId === ROWNUM ? (s.cols[0] ?? colId) : colId })
  }, [])

  const menuItems = useMemo<(MenuItem | 'sep')[]>(() => {
    if (!menu) return []
    const s = sheetRef.current
    const n = s?.rowIds().length ?? 1
    const field = ENTITIES[entity].fields.find((f) => f.key === menu.colId)
    return [
      { key: 'copy', label: L('复制', 'Copy'), shortcut: 'Ctrl+C', run: copyFromMenu },
      { key: 'paste', label: L('粘贴', 'Paste'), shortcut: 'Ctrl+V', run: pasteFromMenu },
      'sep',
      { key: 'insert-above', label: L(`在上方插入 ${n} 行`, `Insert ${n} row(s) above`), run: () => insertRows('above', menu.rowId) },
      { key: 'insert-below', label: L(`在下方插入 ${n} 行`, `Insert ${n} row(s) below`), run: () => insertRows('below', menu.rowId) },
      { key: 'delete-rows', label: L(`删除 ${n} 行`, `Delete ${n} row(s)`), run: () => deleteIds(sheetRef.current?.rowIds() ?? []) },
      'sep',
      { key: 'clear', label: L('清除内容', 'Clear cells'), shortcut: 'Delete', run: clear },
      { key: 'fill-down', label: L('向下填充', 'Fill down'), shortcut: 'Ctrl+D', run: () => fill('down') },
      { key: 'fill-right', label: L('向右填充', 'Fill right'), shortcut: 'Ctrl+R', run: () => fill('right') },
      'sep',
      { key: 'filter-value', label: L('按此值筛选', 'Filter by this value'), run: () => filterByValue(menu.rowId, menu.colId) },
      { key: 'clear-filters', label: L('清除所有筛选', 'Clear all filters'), run: () => apiRef.current?.setFilterModel(null) },
      { key: 'find', label: L('查找', 'Find'), shortcut: 'Ctrl+F', run: () => setFinding(true) },
      'sep',
      {
        key: 'history',
        label: L('查看此单元格的历史', 'History of this cell'),
        disabled: !field,
        run: () => setHistory({ id: menu.rowId, field: menu.colId, title: `${rowLabel(menu.rowId)} · ${columnLabel(menu.colId)}` }),
      },
    ]
  }, [menu, entity, copyFromMenu, pasteFromMenu, insertRows, deleteIds, clear, fill, filterByValue, rowLabel, columnLabel])

  const onCellFocused = useCallback(
    (e: CellFocusedEvent<GridRow>) => {
      const s = sheetRef.current
      if (!s || input.mouseBusy() || e.rowPinned || e.rowIndex === null || !e.column || typeof e.column === 'string') return
      const colId = e.column.getColId()
      if (colId === ROWNUM) return
      const node = s.rowAt(e.rowIndex)
      if (!node?.data) return
      const r = s.rect
      const idx = s.cols.indexOf(colId)
      // already the single selected cell (or focus returning to the anchor of a range): keep the range
      const m = s.model
      if (r && m && m.anchor.rowId === node.data.id && m.anchor.colId === colId && (r.r0 !== r.r1 || r.c0 !== r.c1 || (r.r0 === e.rowIndex && r.c0 === idx))) return
      s.selectCell({ rowId: node.data.id, colId })
    },
    [input],
  )

  const onModelUpdated = useCallback(() => {
    totals()
    sheetRef.current?.resolve()
  }, [totals])

  const deleteRows = (): void => {
    const api = apiRef.current
    if (!api) return
    const selected = api.getSelectedRows()
    deleteIds(selected.length > 0 ? selected.map((r) => r.id) : (sheetRef.current?.rowIds() ?? []))
  }
  const addRow = (): void => {
    const values = props.newRowValues?.() ?? {}
    if (values === null) return
    call('rows.insert', { entity, rows: [values] }).catch(app.fail)
  }

  const total = data.partial ? data.total : (data.rows?.length ?? 0)
  const saveColumns = columnState.save
  const onDisplayedColumnsChanged = useCallback(() => sheetRef.current?.refreshColumns(), [])
  const onColumnVisible = useCallback(() => saveColumns(0), [saveColumns])
  const onColumnResized = useCallback((e: ColumnResizedEvent<GridRow>) => {
    // the user's widths are remembered; the grid's own widening (a language switch, a 合计) is not
    if (e.finished && e.source !== 'api') saveColumns()
  }, [saveColumns])
  const onColumnMoved = useCallback((e: ColumnMovedEvent<GridRow>) => {
    if (e.finished) saveColumns()
  }, [saveColumns])
  return (
    <div className="entity-grid" ref={hostRef} tabIndex={-1}>
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
        <ColumnChooser entity={entity} api={api} />
        <button type="button" onClick={() => setFinding(true)} data-testid="find-open" title="Ctrl+F">
          🔍 {t(L('查找', 'Find'))}
        </button>
        <span className="grid-count" data-testid="grid-count">
          {data.partial
            ? t(L(`正在加载 ${total.toLocaleString()} 行…`, `Loading ${total.toLocaleString()} rows…`))
            : t(L(`显示 ${shown.toLocaleString()} / 共 ${total.toLocaleString()} 行`, `${shown.toLocaleString()} of ${total.toLocaleString()} rows`))}
        </span>
      </div>
      {finding && sheet && <FindBar sheet={sheet} onClose={() => setFinding(false)} />}
      <div className="grid-host" data-testid={`grid-${entity}`} data-loaded-region={data.loadedRegion ?? undefined} data-shown-region={data.shownRegion ?? undefined} aria-busy={data.loading}>
        <AgGridReact<GridRow>
          theme={gridTheme}
          rowData={data.rows ?? undefined}
          loading={data.loading && !data.partial}
          columnDefs={columnDefs}
          defaultColDef={defaultColDef}
          getRowId={rowIdOf}
          rowSelection={ROW_SELECTION}
          localeText={locale === 'zh' ? AG_GRID_LOCALE_CN : undefined}
          onGridReady={onGridReady}
          onModelUpdated={onModelUpdated}
          onCellFocused={onCellFocused}
          onCellContextMenu={onCellContextMenu}
          preventDefaultOnContextMenu={true}
          onDisplayedColumnsChanged={onDisplayedColumnsChanged}
          onColumnVisible={onColumnVisible}
          onColumnResized={onColumnResized}
          onColumnMoved={onColumnMoved}
          getRowClass={rowClass}
          stopEditingWhenCellsLoseFocus={true}
          enterNavigatesVertically={true}
          enterNavigatesVerticallyAfterEdit={true}
          undoRedoCellEditing={false}
          animateRows={false}
          rowBuffer={20}
          suppressAnimationFrame={true}
          tooltipShowDelay={300}
        />
      </div>
      <StatusBar sheet={sheet} shown={shown} total={total} />
      {menu && <ContextMenu x={menu.x} y={menu.y} items={menuItems} onClose={() => setMenu(null)} />}
      {paste && (
        <PasteDialog
          result={paste.result}
          extraRows={paste.plan.append.length}
          append={paste.append}
          onAppendChange={setAppend}
          droppedCols={paste.plan.droppedCols}
          busy={paste.busy}
          error={paste.error}
          columnLabel={columnLabel}
          rowLabel={rowLabel}
          onConfirm={confirmPaste}
          onCancel={() => {
            setPaste(null)
            refocus()
          }}
        />
      )}
      {history && (
        <CellHistoryDialog
          entity={entity}
          id={history.id}
          field={history.field}
          title={history.title}
          onClose={() => {
            setHistory(null)
            refocus()
          }}
        />
      )}
    </div>
  )
}
