/**
 * The history of one cell from the change log: every edit, paste, fill and import that touched it,
 * newest first (in local time), with the return file (import batch) it came from and whether it was undone.
 */
import { useEffect, useState } from 'react'
import type { CellHistoryEntry } from '../../../shared/api/changes.ts'
import type { EntityKey, FieldValue } from '../../../shared/dictionary/types.ts'
import { call } from '../api/client.ts'
import { L, useI18n } from '../i18n.tsx'
import { localDateTime } from '../local-time.ts'

const show = (v: FieldValue): string => (v === null ? '（空）' : v === true ? '是' : v === false ? '否' : String(v))

export function CellHistoryDialog(p: { entity: EntityKey; id: number; field: string; title: string; onClose(): void }) {
  const { t } = useI18n()
  const [list, setList] = useState<CellHistoryEntry[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    call('history.cell', { entity: p.entity, id: p.id, field: p.field }).then(
      (l) => setList(l),
      (e: unknown) => setError(String(e)),
    )
  }, [p.entity, p.id, p.field])
  return (
    <div className="modal-backdrop" role="dialog" aria-modal="true" data-testid="cell-history" onMouseDown={(e) => e.target === e.currentTarget && p.onClose()}>
      <div className="modal history-dialog">
        <h3>
          {t(L('单元格历史', 'Cell history'))}：{p.title}
        </h3>
        {error && <p className="paste-error">{error}</p>}
        {list && list.length === 0 && <p className="muted">{t(L('这个单元格还没有修改记录', 'This cell has no changes yet'))}</p>}
        {list && list.length > 0 && (
          <table className="paste-table">
            <thead>
              <tr>
                <th>{t(L('时间', 'When'))}</th>
                <th>{t(L('操作', 'Action'))}</th>
                <th>{t(L('原值', 'Was'))}</th>
                <th>{t(L('新值', 'Became'))}</th>
                <th>{t(L('来源', 'Source'))}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((h, i) => (
                <tr key={i} className={h.state === 'undone' ? 'undone' : ''}>
                  <td data-testid="history-at" data-iso={h.at}>{localDateTime(h.at)}</td>
                  <td>
                    {t(h.label)}
                    {h.state === 'undone' ? t(L('（已撤销）', ' (undone)')) : ''}
                  </td>
                  <td>{h.op === 'insert' ? '' : show(h.oldValue)}</td>
                  <td>{h.op === 'delete' ? '' : show(h.newValue)}</td>
                  <td>{h.batch ? `${t(L('导入', 'Import'))} #${h.batch.id} ${h.batch.fileName}` : t(L('手工', 'By hand'))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="modal-actions">
          <button type="button" onClick={p.onClose} data-testid="history-close">
            {t(L('关闭', 'Close'))}
          </button>
        </div>
      </div>
    </div>
  )
}
