/**
 * The paste preview: what a pasted block will do before anything is written — accepted, adjusted
 * (e.g. "１,２００" → 1200), rejected cells with their reasons, and read-only columns skipped — with the
 * choice to append the rows that fall below the last row. A cell that breaks a check is rejected with
 * the rule's message; confirm writes the accepted and adjusted cells as one undo step. A refusal of the
 * whole write by an action guard shows here.
 */
import { useEffect, useMemo } from 'react'
import type { CellPreview, CellVerdict, PasteResult } from '../../../shared/api/rows-api.ts'
import type { FieldValue, Label } from '../../../shared/dictionary/types.ts'
import { L, useI18n } from '../i18n.tsx'

export interface PasteDialogProps {
  result: PasteResult
  /** rows of the block below the grid's last row */
  extraRows: number
  append: boolean
  onAppendChange(v: boolean): void
  droppedCols: number
  busy: boolean
  error: Label | null
  columnLabel(field: string): string
  rowLabel(id: number): string
  onConfirm(): void
  onCancel(): void
}

const VERDICT: Record<CellVerdict, Label> = {
  accepted: L('接受', 'Accepted'),
  adjusted: L('已调整', 'Adjusted'),
  rejected: L('拒绝', 'Rejected'),
  unchanged: L('未变', 'Unchanged'),
  skipped: L('跳过', 'Skipped'),
}
const ORDER: CellVerdict[] = ['rejected', 'adjusted', 'skipped', 'accepted']
const SHOW = 300

const show = (v: FieldValue): string => (v === null ? '' : v === true ? '是' : v === false ? '否' : String(v))

export function PasteDialog(p: PasteDialogProps) {
  const { t } = useI18n()
  const { onCancel } = p
  // Escape cancels wherever the focus is (the confirm button may be disabled)
  useEffect(() => {
    const key = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onCancel()
    }
    window.addEventListener('keydown', key)
    return () => window.removeEventListener('keydown', key)
  }, [onCancel])
  const c = p.result.preview.counts
  const writes = c.accepted + c.adjusted
  const rows = useMemo(() => {
    const list: CellPreview[] = []
    // skipped cells are summarised once per column
    const skippedCols = new Set<string>()
    for (const v of ORDER) {
      for (const cell of p.result.preview.cells) {
        if (cell.verdict !== v) continue
        if (v === 'skipped') {
          if (skippedCols.has(cell.field)) continue
          skippedCols.add(cell.field)
        }
        list.push(cell)
        if (list.length >= SHOW) return list
      }
    }
    return list
  }, [p.result])
  return (
    <div className="modal-backdrop" role="dialog" aria-modal="true" data-testid="paste-dialog">
      <div className="modal paste-dialog">
        <h3>{t(L('粘贴预览', 'Paste preview'))}</h3>
        <div className="paste-counts">
          {(['accepted', 'adjusted', 'rejected', 'unchanged', 'skipped'] as CellVerdict[]).map((v) => (
            <span key={v} className={`chip chip-${v}`} data-testid={`paste-count-${v}`} data-value={c[v]}>
              {t(VERDICT[v])} {c[v].toLocaleString()}
            </span>
          ))}
        </div>
        {p.droppedCols > 0 && <p className="muted">{t(L(`超出最后一列的 ${p.droppedCols} 列已忽略`, `${p.droppedCols} column(s) past the last column were ignored`))}</p>}
        <div className="paste-table-wrap">
          <table className="paste-table">
            <thead>
              <tr>
                <th>{t(L('结果', 'Result'))}</th>
                <th>{t(L('行', 'Row'))}</th>
                <th>{t(L('列', 'Column'))}</th>
                <th>{t(L('粘贴内容', 'Pasted'))}</th>
                <th>{t(L('原值', 'Was'))}</th>
                <th>{t(L('新值', 'Becomes'))}</th>
                <th>{t(L('说明', 'Note'))}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((cell, i) => (
                <tr key={i} className={`verdict-${cell.verdict}`} data-verdict={cell.verdict}>
                  <td>{t(VERDICT[cell.verdict])}</td>
                  <td>{cell.verdict === 'skipped' ? '—' : cell.id < 0 ? t(L(`新行 ${-cell.id}`, `New row ${-cell.id}`)) : p.rowLabel(cell.id)}</td>
                  <td>{p.columnLabel(cell.field)}</td>
                  <td>{cell.verdict === 'skipped' ? '' : show(cell.raw)}</td>
                  <td>{cell.verdict === 'skipped' || cell.id < 0 ? '' : show(cell.oldValue)}</td>
                  <td>{cell.verdict === 'rejected' || cell.verdict === 'skipped' ? '' : show(cell.newValue)}</td>
                  <td>{cell.message ? t(cell.message) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.result.truncated && <p className="muted">{t(L('仅列出需要注意的单元格和部分接受的单元格', 'Only cells that need attention and a sample of accepted cells are listed'))}</p>}
        </div>
        {p.extraRows > 0 && (
          <label className="paste-append">
            <input type="checkbox" checked={p.append} data-testid="paste-append" onChange={(e) => p.onAppendChange(e.target.checked)} />
            {t(L(`将超出最后一行的 ${p.extraRows} 行追加为新行`, `Append the ${p.extraRows} row(s) below the last row as new rows`))}
          </label>
        )}
        {c.rejected > 0 && writes + p.result.appendRows > 0 && !p.result.refusal && (
          <p className="muted" data-testid="paste-partial">
            {t(L(`拒绝的 ${c.rejected.toLocaleString()} 个单元格保持原值，其余单元格照常写入（一步撤销）`, `The ${c.rejected.toLocaleString()} rejected cell(s) keep their values; the other cells are written (one undo step)`))}
          </p>
        )}
        {p.result.refusal && !p.error && (
          <p className="paste-error" data-testid="paste-refusal">
            {t(L('规则检查不允许这次写入：', 'The rules refuse this write: '))}
            {t(p.result.refusal)}
          </p>
        )}
        {p.error && (
          <p className="paste-error" data-testid="paste-error">
            {t(p.error)}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" onClick={p.onCancel} data-testid="paste-cancel">
            {t(L('取消', 'Cancel'))}
          </button>
          <button type="button" className="primary" autoFocus disabled={p.busy || p.result.refusal !== null || (writes === 0 && p.result.appendRows === 0)} onClick={p.onConfirm} data-testid="paste-confirm">
            {p.result.appendRows > 0
              ? t(L(`写入 ${writes.toLocaleString()} 个单元格（含新增 ${p.result.appendRows} 行）`, `Write ${writes.toLocaleString()} cell(s) (${p.result.appendRows} new row(s))`))
              : t(L(`写入 ${writes.toLocaleString()} 个单元格`, `Write ${writes.toLocaleString()} cell(s)`))}
          </button>
        </div>
      </div>
    </div>
  )
}
