/**
 * 备份与恢复: the plan's automatic and manual backups (before imports and migrations, daily while
 * open), taking one now, and restoring one. A restore first saves the current state as a backup, so
 * it can be undone by restoring that one. Why a plan is read-only (another window is writing it) is
 * said here too.
 */
import { useCallback, useEffect, useState } from 'react'
import type { BackupList, BackupReason } from '../../../shared/api/backups-api.ts'
import type { Label } from '../../../shared/dictionary/types.ts'
import { call } from '../api/client.ts'
import { localDateTime } from '../local-time.ts'
import { L, useI18n } from '../i18n.tsx'
import { useApp } from '../shell/app-state.tsx'

const REASONS: Record<BackupReason, Label> = {
  import: L('导入前', 'Before an import'),
  migration: L('升级前', 'Before an upgrade'),
  daily: L('每日', 'Daily'),
  manual: L('手动', 'Manual'),
  restore: L('恢复前', 'Before a restore'),
}

const cell = { padding: '4px 10px', borderBottom: '1px solid var(--line)', textAlign: 'left' as const }

export function BackupsPage() {
  const app = useApp()
  const { t } = useI18n()
  const [list, setList] = useState<BackupList | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(() => {
    call('backups.list', {}).then(setList).catch(app.fail)
  }, [app.fail])
  useEffect(load, [load, app.planVersion, app.plan?.path])

  const backUpNow = (): void => {
    setBusy(true)
    call('backups.create', {})
      .then(() => {
        app.toast('info', L('已备份', 'Backed up'))
        load()
      })
      .catch(app.fail)
      .finally(() => setBusy(false))
  }
  const restore = (name: string): void => {
    setBusy(true)
    call('backups.restore', { name })
      .then(() => {
        app.toast('info', L(`已从备份 ${name} 恢复；恢复前的状态已另存为备份`, `Restored from ${name}; the state before was saved as a backup`))
        setConfirming(null)
        load()
      })
      .catch(app.fail)
      .finally(() => setBusy(false))
  }

  const readOnly = app.plan?.readOnly ?? false
  return (
    <div style={{ padding: '16px 24px', overflow: 'auto', height: '100%', boxSizing: 'border-box' }} data-testid="backups-page">
      <h2 style={{ margin: '0 0 8px' }}>{t(L('备份与恢复', 'Backups and restore'))}</h2>
      <p style={{ color: 'var(--muted)', margin: '0 0 12px', maxWidth: 900 }}>
        {t(
          L(
            '每次导入和升级前、以及打开规划后每天，都会自动保存一份完整备份。恢复某个备份前，当前状态会先另存为一份备份，因此恢复也可以撤回。',
            'A complete backup is saved automatically before every import and upgrade, and daily while the plan is open. Before a backup is restored, the current state is saved as a backup too, so a restore can be undone.',
          ),
        )}
      </p>
      {app.plan?.readOnlyReason && (
        <p role="alert" style={{ background: '#fff4e5', border: '1px solid #f0b35a', padding: '8px 12px', maxWidth: 900 }} data-testid="read-only-reason">
          {t(app.plan.readOnlyReason)}
        </p>
      )}
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', margin: '0 0 12px' }}>
        <button type="button" className="primary" disabled={busy || readOnly} onClick={backUpNow} data-testid="backup-now">
          {t(L('立即备份', 'Back up now'))}
        </button>
        {list && (
          <span style={{ color: 'var(--muted)' }}>
            {t(L('备份文件夹：', 'Folder: '))}
            <code>{list.folder}</code>
          </span>
        )}
      </div>
      {list && list.backups.length === 0 && <p>{t(L('还没有备份。', 'No backups yet.'))}</p>}
      {list && list.backups.length > 0 && (
        <table style={{ borderCollapse: 'collapse', minWidth: 720 }} data-testid="backup-list">
          <thead>
            <tr>
              <th style={cell}>{t(L('时间', 'Time'))}</th>
              <th style={cell}>{t(L('类型', 'Kind'))}</th>
              <th style={{ ...cell, textAlign: 'right' }}>{t(L('大小', 'Size'))}</th>
              <th style={cell}>{t(L('文件', 'File'))}</th>
              <th style={cell} />
            </tr>
          </thead>
          <tbody>
            {list.backups.map((b) => (
              <tr key={b.name} data-backup={b.name}>
                <td style={cell}>{localDateTime(b.createdAt)}</td>
                <td style={cell}>{t(REASONS[b.reason])}</td>
                <td style={{ ...cell, textAlign: 'right' }}>{(b.size / 1048576).toFixed(1)} MB</td>
                <td style={{ ...cell, color: 'var(--muted)', fontSize: 12 }}>{b.name}</td>
                <td style={cell}>
                  {confirming === b.name ? (
                    <>
                      <button type="button" className="primary" disabled={busy} onClick={() => restore(b.name)} data-testid="confirm-restore">
                        {t(L('确认恢复', 'Confirm restore'))}
                      </button>{' '}
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t(L('取消', 'Cancel'))}
                      </button>
                    </>
                  ) : (
                    <button type="button" disabled={busy || readOnly} onClick={() => setConfirming(b.name)} data-testid="restore">
                      {t(L('恢复', 'Restore'))}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list && (
        <p style={{ color: 'var(--muted)', marginTop: 16 }}>
          {t(
            L(
              `保留规则：导入前 ${list.retention.import} 份、升级前 ${list.retention.migration} 份、每日 ${list.retention.daily} 份、手动 ${list.retention.manual} 份、恢复前 ${list.retention.restore} 份，更早的自动删除。`,
              `Kept: the newest ${list.retention.import} before imports, ${list.retention.migration} before upgrades, ${list.retention.daily} daily, ${list.retention.manual} manual and ${list.retention.restore} before restores; older ones are deleted.`,
            ),
          )}
        </p>
      )}
    </div>
  )
}
