/**
 * 文件 menu: open a plan, create a new one for a province, save a copy, recent plans. Paths are typed
 * (the browser shell has no native file dialog); the Electron shell fills them from its dialogs.
 */
import { useEffect, useState } from 'react'
import type { RecentPlan } from '../../../shared/api/plan-api.ts'
import { call } from '../api/client.ts'
import { L, useI18n } from '../i18n.tsx'
import { useApp } from './app-state.tsx'

type Mode = 'open' | 'new' | 'copy'

export function PlanMenu({ onClose }: { onClose(): void }) {
  const app = useApp()
  const { t } = useI18n()
  const [mode, setMode] = useState<Mode>('open')
  const [path, setPath] = useState('')
  const [province, setProvince] = useState(app.plan?.provinceCode ?? '520000')
  const [sample, setSample] = useState(false)
  const [recent, setRecent] = useState<RecentPlan[]>([])
  const [provinces, setProvinces] = useState<{ code: string; name: string }[]>([])
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    call('plan.recent', {}).then(setRecent, app.fail)
    call('plan.provinces', {}).then(setProvinces, app.fail)
  }, [app.fail])
  const run = (p: Promise<unknown>): void => {
    setBusy(true)
    p.then(
      () => {
        setBusy(false)
        onClose()
      },
      (e: unknown) => {
        setBusy(false)
        app.fail(e)
      },
    )
  }
  const submit = (): void => {
    if (!path.trim()) return
    if (mode === 'open') run(call('plan.open', { path: path.trim() }))
    else if (mode === 'new') run(call('plan.new', { path: path.trim(), provinceCode: province, sample }))
    else run(call('plan.saveCopy', { path: path.trim(), open: true }))
  }
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-label={t(L('规划文件', 'Plan file'))} onClick={(e) => e.stopPropagation()}>
        <div className="tabs">
          {(
            [
              ['open', L('打开规划', 'Open plan')],
              ['new', L('新建规划', 'New plan')],
              ['copy', L('另存副本', 'Save a copy')],
            ] as const
          ).map(([m, label]) => (
            <button key={m} type="button" className={mode === m ? 'active' : ''} onClick={() => setMode(m)}>
              {t(label)}
            </button>
          ))}
        </div>
        <p className="muted">
          {t(L('当前：', 'Current: '))}
          {app.plan?.path}
          {app.plan?.readOnly ? t(L('（只读）', ' (read-only)')) : ''}
        </p>
        <label>
          {t(L('文件路径（.anju）', 'File path (.anju)'))}
          <input data-testid="plan-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/user/贵州省规划.anju" onKeyDown={(e) => e.key === 'Enter' && submit()} />
        </label>
        {mode === 'new' && (
          <>
            <label>
              {t(L('省份', 'Province'))}
              <select value={province} onChange={(e) => setProvince(e.target.value)}>
                {provinces.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              <input type="checkbox" checked={sample} onChange={(e) => setSample(e.target.checked)} /> {t(L('填入示例数据', 'Fill with sample data'))}
            </label>
          </>
        )}
        <div className="modal-actions">
          <button type="button" className="primary" disabled={busy || !path.trim()} onClick={submit} data-testid="plan-submit">
            {t(mode === 'open' ? L('打开', 'Open') : mode === 'new' ? L('创建', 'Create') : L('保存', 'Save'))}
          </button>
          <button type="button" onClick={onClose}>
            {t(L('取消', 'Cancel'))}
          </button>
        </div>
        {mode === 'open' && recent.length > 0 && (
          <div className="recent">
            <h4>{t(L('最近打开', 'Recent plans'))}</h4>
            <ul>
              {recent.map((r) => (
                <li key={r.path}>
                  <button type="button" className="link" onClick={() => run(call('plan.open', { path: r.path }))}>
                    {r.title || r.path}
                  </button>
                  <small>{r.path}</small>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  )
}
