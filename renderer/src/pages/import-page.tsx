/**
 * 导入: where a planner merges a county return. Choose a file, watch it being read (a progress bar fed
 * by the service, with cancel), then review the preview — insert / update / unchanged / reject per row,
 * changed cells as old → new, every issue on its row and cell — exclude rows or cells, and commit as
 * one undo step. Blank and “—” cells keep existing values unless 清除 is ticked (then a null marker
 * clears the value, shown as old → (空)). A workbook of several sheets can be previewed on a sheet the
 * planner picks; the return template downloads for a county or a whole prefecture. Below, the import
 * history lists every batch with a rollback button.
 */
import type { CellClassParams, ColDef, ICellRendererParams, ITooltipParams } from 'ag-grid-community'
import { AgGridReact } from 'ag-grid-react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ImportAction, ImportBatchInfo, ImportPreview, ImportPreviewRow, ImportSheetPreview } from '../../../shared/api/import-api.ts'
import type { RegionNode } from '../../../shared/api/plan-api.ts'
import { fieldOf, type EntityKey, type FieldValue, type Label } from '../../../shared/dictionary/index.ts'
import { apiToken, call, on, uploadFile } from '../api/client.ts'
import { saveDialog, useShellCapabilities } from '../api/shell.ts'
import { gridTheme } from '../grid/entity-grid.tsx'
import { localDateTime } from '../local-time.ts'
import { L, useI18n } from '../i18n.tsx'
import { useApp } from '../shell/app-state.tsx'
import './import-page.css'

const ACTION_LABEL: Record<ImportAction, Label> = {
  insert: L('新增', 'Insert'),
  update: L('更新', 'Update'),
  unchanged: L('不变', 'Unchanged'),
  reject: L('拒绝', 'Reject'),
}

const ENTITY_LABEL: Record<EntityKey, Label> = { site: L('安置点', 'Sites'), facility: L('配套设施', 'Facilities'), workshop: L('就业帮扶车间', 'Workshops') }

type Filter = 'all' | ImportAction | 'issues'

interface PreviewGridRow extends ImportPreviewRow {
  excluded: boolean
  excludedCells: string[]
}

declare global {
  interface Window {
    __importPreview?: ImportPreview
  }
}

interface PreviewChoice {
  county: string
  clearBlanks: boolean
  /** a sheet the planner chose ('' = chosen by its headers) */
  sheet: string
}

/** Prefectures and counties of the region tree, for the template download. */
function templateRegions(root: RegionNode | null): { prefectures: RegionNode[]; counties: { node: RegionNode; prefecture: string }[] } {
  const prefectures: RegionNode[] = []
  const counties: { node: RegionNode; prefecture: string }[] = []
  const walk = (n: RegionNode, prefecture: string): void => {
    if (n.level === 2) prefectures.push(n)
    if (n.level === 3) counties.push({ node: n, prefecture })
    for (const c of n.children) walk(c, n.level === 2 ? n.name : prefecture)
  }
  if (root) walk(root, '')
  return { prefectures, counties }
}

function show(v: FieldValue | undefined, locale: 'zh' | 'en'): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'boolean') return v ? (locale === 'zh' ? '是' : 'yes') : locale === 'zh' ? '否' : 'no'
  if (typeof v === 'number') return v.toLocaleString('en-US', { maximumFractionDigits: 6 })
  return v
}

export function ImportPage() {
  const app = useApp()
  const { t, locale } = useI18n()
  const fileInput = useRef<HTMLInputElement>(null)
  const [county, setCounty] = useState('')
  const [counties, setCounties] = useState<{ code: string; name: string; prefecture: string }[]>([])
  const [busy, setBusy] = useState<{ taskId: string; label: Label; done: number; total: number } | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [sheetIndex, setSheetIndex] = useState(0)
  const [excludedRows, setExcludedRows] = useState<Set<string>>(new Set())
  const [excludedCells, setExcludedCells] = useState<Map<string, Set<string>>>(new Map())
  const [filter, setFilter] = useState<Filter>('all')
  const [batches, setBatches] = useState<ImportBatchInfo[]>([])
  const [lastFile, setLastFile] = useState<File | null>(null)
  /** null markers clear existing values: an explicit choice, off by default */
  const [clearBlanks, setClearBlanks] = useState(false)
  const [sheetChoice, setSheetChoice] = useState('')
  const [templateRegion, setTemplateRegion] = useState('')
  const caps = useShellCapabilities()

  const loadBatches = useCallback(() => {
    call('import.batches', {}).then(setBatches, app.fail)
  }, [app.fail])
  useEffect(() => {
    loadBatches()
    call('regions.counties', {}).then(setCounties, app.fail)
  }, [loadBatches, app.fail, app.planVersion])
  useEffect(() => on('plan.changed', () => loadBatches()), [loadBatches])
  useEffect(
    () =>
      on('progress', (p) => {
        setBusy((b) => (b && b.taskId === p.taskId && !p.finished ? { ...b, label: p.label, done: p.done, total: p.total } : b))
      }),
    [],
  )

  const runPreview = useCallback(
    async (file: File, choice: PreviewChoice) => {
      const taskId = `import-${Date.now()}`
      setBusy({ taskId, label: L('上传文件', 'Uploading'), done: 0, total: 0 })
      setPreview(null)
      try {
        const uploadId = await uploadFile(file)
        setBusy((b) => (b ? { ...b, label: L('读取文件', 'Reading the file') } : b))
        const p = await call('import.preview', {
          uploadId,
          taskId,
          ...(choice.county ? { county: choice.county } : {}),
          ...(choice.clearBlanks ? { clearBlanks: true } : {}),
          ...(choice.sheet ? { sheet: choice.sheet } : {}),
        })
        setPreview(p)
        window.__importPreview = p
        setSheetIndex(0)
        setExcludedRows(new Set())
        setExcludedCells(new Map())
        setFilter('all')
      } catch (e) {
        app.fail(e)
      } finally {
        setBusy(null)
      }
    },
    [app],
  )

  const onFile = (file: File | undefined): void => {
    if (!file) return
    setLastFile(file)
    setSheetChoice('')
    void runPreview(file, { county, clearBlanks, sheet: '' })
  }

  const cancel = (): void => {
    if (busy) void call('import.cancel', { taskId: busy.taskId }).catch(app.fail)
  }

  const sheet: ImportSheetPreview | null = preview?.sheets[sheetIndex] ?? null

  const rows = useMemo<PreviewGridRow[]>(() => {
    if (!sheet) return []
    return sheet.rows
      .filter((r) => filter === 'all' || (filter === 'issues' ? r.issues.length > 0 : r.action === filter))
      .map((r) => ({ ...r, excluded: excludedRows.has(r.key), excludedCells: [...(excludedCells.get(r.key) ?? [])] }))
  }, [sheet, filter, excludedRows, excludedCells])

  const toggleRow = useCallback((key: string) => {
    setExcludedRows((s) => {
      const n = new Set(s)
      if (n.has(key)) n.delete(key)
      else n.add(key)
      return n
    })
  }, [])
  const toggleCell = useCallback((key: string, field: string) => {
    setExcludedCells((m) => {
      const n = new Map(m)
      const s = new Set(n.get(key) ?? [])
      if (s.has(field)) s.delete(field)
      else s.add(field)
      n.set(key, s)
      return n
    })
  }, [])

  const columnDefs = useMemo<ColDef<PreviewGridRow>[]>(() => {
    if (!sheet) return []
    const fields = [...new Set(sheet.columns.map((c) => c.field).concat(sheet.entity === 'site' && sheet.columns.some((c) => c.field === 'county_code' || c.field === 'county') ? [] : sheet.entity === 'site' ? ['county'] : []))]
    const defs: ColDef<PreviewGridRow>[] = [
      {
        colId: 'include',
        headerName: t(L('导入', 'Import')),
        width: 64,
        pinned: 'left',
        cellRenderer: (p: ICellRendererParams<PreviewGridRow>) => {
          const r = p.data
          if (!r || r.action === 'unchanged' || r.action === 'reject') return null
          return (
            <input type="checkbox" checked={!r.excluded} onChange={() => toggleRow(r.key)} data-testid={`include-${r.sourceRow}`} aria-label={t(L('导入此行', 'Import this row'))} />
          )
        },
      },
      { colId: 'sourceRow', headerName: t(L('行号', 'Row')), field: 'sourceRow', width: 70, pinned: 'left', cellClass: 'row-number' },
      {
        colId: 'action',
        headerName: t(L('处理', 'Action')),
        field: 'action',
        width: 80,
        pinned: 'left',
        cellRenderer: (p: ICellRendererParams<PreviewGridRow>) => (p.data ? <span className={`badge badge-${p.data.action}${p.data.excluded ? ' badge-excluded' : ''}`}>{t(ACTION_LABEL[p.data.action])}</span> : null),
      },
    ]
    const changed = new Set(sheet.rows.flatMap((r) => r.changes.map((c) => c.field)))
    for (const key of fields) {
      const f = fieldOf(sheet.entity, key)
      if (!f) continue
      const field = key === 'county' ? 'county_code' : key
      defs.push({
        colId: key,
        headerName: t(f.label),
        width: Math.max(changed.has(key) ? 160 : 90, Math.min(180, (f.width ?? 100) + 10)),
        valueGetter: (p) => {
          const r = p.data
          if (!r) return ''
          const ch = r.changes.find((c) => c.field === key)
          if (ch) return `${show(ch.old, locale) || '∅'} → ${ch.new === null ? t(L('（空）', '(empty)')) : show(ch.new, locale)}`
          if (r.labels?.[key] !== undefined) return r.labels[key]
          if (r.values[key] !== undefined) return show(r.values[key], locale)
          if (r.kept.includes(key)) return t(L('（保留原值）', '(kept)'))
          return ''
        },
        tooltipValueGetter: (p: ITooltipParams<PreviewGridRow>) => {
          const r = p.data
          if (!r) return undefined
          const issues = r.issues.filter((i) => i.field === key || i.field === field)
          const msgs = issues.map((i) => t(i.message))
          if (r.kept.includes(key) && !issues.some((i) => i.severity === 'error')) msgs.push(t(L('报表此格为空，保留规划中的现有值', 'Blank in the return: the existing value stays')))
          if (r.cleared?.includes(key)) msgs.push(t(L('报表此格为空值标记，将清除现有值', 'A null marker in the return: the existing value is cleared')))
          return msgs.length > 0 ? msgs.join('\n') : undefined
        },
        cellClassRules: {
          'cell-changed': (p: CellClassParams<PreviewGridRow>) => !!p.data?.changes.some((c) => c.field === key),
          'cell-cleared': (p: CellClassParams<PreviewGridRow>) => !!p.data?.cleared?.includes(key),
          'cell-kept': (p: CellClassParams<PreviewGridRow>) => !!p.data?.kept.includes(key),
          'cell-error': (p: CellClassParams<PreviewGridRow>) => !!p.data?.issues.some((i) => (i.field === key || i.field === field) && i.severity === 'error'),
          'cell-warning': (p: CellClassParams<PreviewGridRow>) => !!p.data?.issues.some((i) => (i.field === key || i.field === field) && i.severity === 'warning'),
          'cell-excluded': (p: CellClassParams<PreviewGridRow>) => !!p.data?.excludedCells.includes(key),
        },
        onCellDoubleClicked: (p) => {
          const r = p.data
          if (r && (r.action === 'insert' || r.action === 'update') && (r.values[key] !== undefined || r.changes.some((c) => c.field === key))) toggleCell(r.key, key)
        },
      })
    }
    defs.push({
      colId: 'issues',
      headerName: t(L('问题', 'Issues')),
      width: 320,
      valueGetter: (p) =>
        (p.data?.issues ?? [])
          .map((i) => `${i.severity === 'error' ? '✖' : '⚠'} ${t(i.message)}`)
          .join('；'),
      tooltipValueGetter: (p: ITooltipParams<PreviewGridRow>) => (p.data?.issues ?? []).map((i) => t(i.message)).join('\n') || undefined,
      cellClass: 'issues-cell',
    })
    return defs
  }, [sheet, t, locale, toggleRow, toggleCell])

  const toCommit = useMemo(() => {
    if (!preview) return 0
    let n = 0
    for (const s of preview.sheets) for (const r of s.rows) if ((r.action === 'insert' || r.action === 'update') && !excludedRows.has(r.key)) n++
    return n
  }, [preview, excludedRows])

  const commit = async (): Promise<void> => {
    if (!preview) return
    const taskId = `commit-${Date.now()}`
    setBusy({ taskId, label: L('写入规划', 'Writing the plan'), done: 0, total: toCommit })
    try {
      const cells: { row: string; field: string }[] = []
      for (const [row, fields] of excludedCells) for (const field of fields) cells.push({ row, field })
      const r = await call('import.commit', { previewId: preview.previewId, taskId, excludedRows: [...excludedRows], excludedCells: cells })
      app.toast(
        'info',
        r.setId === null
          ? L('没有需要写入的变化', 'Nothing to change')
          : L(`已导入：新增 ${r.counts.insert} 行，更新 ${r.counts.update} 行（可撤销）`, `Imported: ${r.counts.insert} inserted, ${r.counts.update} updated (undoable)`),
      )
      setPreview(null)
      window.__importPreview = undefined
      loadBatches()
    } catch (e) {
      app.fail(e)
    } finally {
      setBusy(null)
    }
  }

  const rollback = async (b: ImportBatchInfo): Promise<void> => {
    if (!window.confirm(t(L(`撤回导入“${b.fileName}”的全部修改？`, `Roll back every change of "${b.fileName}"?`)))) return
    try {
      const r = await call('import.rollback', { batchId: b.id })
      app.toast('info', r.skipped > 0 ? L(`已撤回；${r.skipped} 个单元格此后被修改过，已保留`, `Rolled back; ${r.skipped} cells changed since were left alone`) : L('已撤回该批导入', 'The import was rolled back'))
      loadBatches()
    } catch (e) {
      app.fail(e)
    }
  }

  const regions = useMemo(() => templateRegions(app.tree), [app.tree])
  const templateCode = templateRegion || county
  const downloadTemplate = async (): Promise<void> => {
    const isPrefecture = regions.prefectures.some((p) => p.code === templateCode)
    const target = isPrefecture ? { prefecture: templateCode } : { county: templateCode }
    try {
      if (caps?.nativeDialogs) {
        // Electron: a save dialog, then the service writes the file there
        const name = [...regions.prefectures, ...regions.counties.map((c) => c.node)].find((n) => n.code === templateCode)?.name ?? templateCode
        const path = await saveDialog({ title: t(L('保存填报模板', 'Save the return template')), defaultPath: `${name}填报模板.xlsx`, filters: [{ name: 'Excel', extensions: ['xlsx'] }] })
        if (!path) return
        const r = await call('import.template', { ...target, path: /\.xlsx$/i.test(path) ? path : `${path}.xlsx` })
        app.toast('info', L(`已保存填报模板：${r.path}`, `Template saved: ${r.path}`))
        return
      }
      const r = await call('import.template', target)
      if (r.downloadId) window.location.assign(`/api/download?id=${r.downloadId}&token=${encodeURIComponent(apiToken())}`)
    } catch (e) {
      app.fail(e)
    }
  }

  const pct = busy && busy.total > 0 ? Math.min(100, Math.round((busy.done / busy.total) * 100)) : null

  return (
    <div className="import-page" data-testid="import-page">
      <div className="import-toolbar">
        <h2>{t(L('导入县级报表', 'Import county returns'))}</h2>
        <button type="button" className="primary" onClick={() => fileInput.current?.click()} disabled={busy !== null} data-testid="choose-file">
          {t(L('选择文件…', 'Choose file…'))}
        </button>
        <input ref={fileInput} type="file" accept=".xlsx,.xls,.csv,.xlsm,.et" hidden data-testid="import-file" onChange={(e) => onFile(e.target.files?.[0])} onClick={(e) => ((e.target as HTMLInputElement).value = '')} />
        <label className="county-pick">
          {t(L('所属县', 'County'))}
          <select value={county} onChange={(e) => setCounty(e.target.value)} data-testid="import-county">
            <option value="">{t(L('自动识别', 'Detect'))}</option>
            {counties.map((c) => (
              <option key={c.code} value={c.code}>
                {c.prefecture} {c.name}（{c.code}）
              </option>
            ))}
          </select>
        </label>
        <label className="county-pick">
          {t(L('模板', 'Template'))}
          <select value={templateCode} onChange={(e) => setTemplateRegion(e.target.value)} data-testid="template-region">
            <option value="">{t(L('选择市（州）或县', 'Choose a prefecture or county'))}</option>
            <optgroup label={t(L('市（州）：全部县', 'Prefecture: all its counties'))}>
              {regions.prefectures.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}（{p.code}）
                </option>
              ))}
            </optgroup>
            <optgroup label={t(L('县（市、区）', 'County'))}>
              {regions.counties.map(({ node, prefecture }) => (
                <option key={node.code} value={node.code}>
                  {prefecture} {node.name}（{node.code}）
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <button type="button" disabled={!templateCode || busy !== null || caps === null} onClick={() => void downloadTemplate()} data-testid="download-template" title={t(L('下载所选市（州）或县的填报模板（已预填现有数据）', 'Download the return template of the chosen prefecture or county (pre-filled with its rows)'))}>
          {t(L('下载填报模板', 'Download template'))}
        </button>
        <label className="clear-blanks" title={t(L('勾选后，报表中的“—”“--”“/”“无”等空值标记会清除规划中的现有值；空白单元格始终保留现有值', 'When ticked, null markers in the return (—, --, /, 无) clear the existing values of the plan; empty cells always keep them'))}>
          <input
            type="checkbox"
            checked={clearBlanks}
            data-testid="import-clear-blanks"
            onChange={(e) => {
              setClearBlanks(e.target.checked)
              if (lastFile && !busy) void runPreview(lastFile, { county, clearBlanks: e.target.checked, sheet: sheetChoice })
            }}
          />
          {t(L('用空值标记清除现有值', 'Null markers clear values'))}
        </label>
        {lastFile && !busy && (
          <button type="button" onClick={() => void runPreview(lastFile, { county, clearBlanks, sheet: sheetChoice })}>
            {t(L('重新预览', 'Preview again'))}
          </button>
        )}
        <span className="muted">{t(L('支持 .xlsx、.xls、.csv（GBK/UTF-8）；表头、合计行、隐藏行自动识别', '.xlsx, .xls and .csv (GBK/UTF-8); headers, totals and hidden rows are recognised'))}</span>
      </div>

      {busy && (
        <div className="import-progress" data-testid="import-progress">
          <span>{t(busy.label)}</span>
          <div className="bar">
            <div className={pct === null ? 'fill indeterminate' : 'fill'} style={pct === null ? undefined : { width: `${pct}%` }} />
          </div>
          <span className="muted">{pct === null ? (busy.done > 0 ? t(L(`${busy.done} 行`, `${busy.done} rows`)) : '') : `${pct}%`}</span>
          <button type="button" onClick={cancel} data-testid="import-cancel">
            {t(L('取消', 'Cancel'))}
          </button>
        </div>
      )}

      {preview && sheet && (
        <div className="import-preview" data-testid="import-preview">
          <div className="preview-head">
            <strong>{preview.fileName}</strong>
            {preview.sheets.length > 1 && (
              <div className="tabs">
                {preview.sheets.map((s, i) => (
                  <button type="button" key={i} className={i === sheetIndex ? 'active' : ''} onClick={() => setSheetIndex(i)}>
                    {s.sheet ?? 'CSV'} · {t(ENTITY_LABEL[s.entity])}
                  </button>
                ))}
              </div>
            )}
            {preview.sheetNames.length > 1 && (
              <label className="county-pick">
                {t(L('工作表', 'Sheet'))}
                <select
                  value={sheetChoice}
                  data-testid="import-sheet"
                  disabled={busy !== null || !lastFile}
                  onChange={(e) => {
                    setSheetChoice(e.target.value)
                    if (lastFile) void runPreview(lastFile, { county, clearBlanks, sheet: e.target.value })
                  }}
                >
                  <option value="">{t(L('自动识别', 'Detect'))}</option>
                  {preview.sheetNames.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {sheet.sheet && <span className="muted">{t(L(`工作表“${sheet.sheet}”，表头第 ${sheet.headerRows[0]}–${sheet.headerRows[1]} 行`, `Sheet "${sheet.sheet}", header rows ${sheet.headerRows[0]}–${sheet.headerRows[1]}`))}</span>}
            <div className="summary" data-testid="import-summary">
              {(['all', 'insert', 'update', 'unchanged', 'reject', 'issues'] as Filter[]).map((f) => {
                const n = f === 'all' ? sheet.rows.length : f === 'issues' ? sheet.rows.filter((r) => r.issues.length > 0).length : sheet.summary[f]
                const label = f === 'all' ? L('全部', 'All') : f === 'issues' ? L('有问题', 'With issues') : ACTION_LABEL[f]
                return (
                  <button type="button" key={f} className={`chip chip-${f}${filter === f ? ' active' : ''}`} onClick={() => setFilter(f)} data-testid={`filter-${f}`}>
                    {t(label)} <b>{n}</b>
                  </button>
                )
              })}
            </div>
          </div>
          {preview.sameFileBatch !== null && (
            <div className="notice warning">{t(L(`同一文件已于批次 ${preview.sameFileBatch} 导入过；再次导入只会写入有变化的单元格`, `This file was imported before (batch ${preview.sameFileBatch}); importing again writes only cells that differ`))}</div>
          )}
          {sheet.issues.length > 0 && (
            <ul className="sheet-issues" data-testid="sheet-issues">
              {sheet.issues.map((i, k) => (
                <li key={k} className={i.severity}>
                  {i.severity === 'error' ? '✖' : '⚠'} {t(i.message)}
                </li>
              ))}
            </ul>
          )}
          <div className="preview-grid" data-testid="preview-grid">
            <AgGridReact<PreviewGridRow>
              theme={gridTheme}
              rowData={rows}
              columnDefs={columnDefs}
              defaultColDef={{ cellDataType: false, sortable: true, resizable: true }}
              getRowId={(p) => p.data.key}
              getRowClass={(p) => (p.data?.excluded ? 'row-excluded' : p.data?.action === 'reject' ? 'row-reject' : undefined)}
              tooltipShowDelay={200}
              suppressColumnVirtualisation={true}
              animateRows={false}
            />
          </div>
          <div className="commit-bar">
            <span className="muted">
              {clearBlanks
                ? t(L('双击单元格可排除该格；取消勾选可排除整行。空白单元格保留现有值；“—”“/”“无”清除现有值。', 'Double-click a cell to exclude it; untick a row to exclude it. Empty cells keep existing values; “—”, “/” and “无” clear them.'))
                : t(L('双击单元格可排除该格；取消勾选可排除整行。空白或“—”“/”单元格保留现有值。', 'Double-click a cell to exclude it; untick a row to exclude it. Blank, “—” and “/” cells keep existing values.'))}
            </span>
            <button type="button" onClick={() => setPreview(null)}>
              {t(L('放弃', 'Discard'))}
            </button>
            <button type="button" className="primary" disabled={busy !== null || toCommit === 0} onClick={() => void commit()} data-testid="import-commit">
              {t(L(`导入 ${toCommit} 行`, `Import ${toCommit} rows`))}
            </button>
          </div>
        </div>
      )}

      <div className="import-history" data-testid="import-history">
        <h3>{t(L('导入记录', 'Import history'))}</h3>
        {batches.length === 0 ? (
          <p className="muted">{t(L('尚无导入记录', 'No imports yet'))}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t(L('批次', 'Batch'))}</th>
                <th>{t(L('时间', 'Time'))}</th>
                <th>{t(L('文件', 'File'))}</th>
                <th>{t(L('工作表', 'Sheet'))}</th>
                <th>{t(L('新增', 'Inserted'))}</th>
                <th>{t(L('更新', 'Updated'))}</th>
                <th>{t(L('拒绝', 'Rejected'))}</th>
                <th>{t(L('状态', 'State'))}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} data-testid={`batch-${b.id}`} className={b.state}>
                  <td>{b.id}</td>
                  <td>{localDateTime(b.importedAt)}</td>
                  <td title={b.sha256}>{b.fileName}</td>
                  <td>{b.sheet ?? '—'}</td>
                  <td>{b.counts.insert}</td>
                  <td>{b.counts.update}</td>
                  <td>{b.counts.reject}</td>
                  <td>{b.state === 'committed' ? t(L('已导入', 'Committed')) : t(L('已撤回', 'Rolled back'))}</td>
                  <td>
                    {b.state === 'committed' && (
                      <button type="button" onClick={() => void rollback(b)} data-testid={`rollback-${b.id}`}>
                        {t(L('撤回', 'Roll back'))}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  )
}
