/**
 * 文件 menu: open a plan, create a new one for a province, save a copy, recent plans. In Electron the
 * file is chosen in the native open/save dialogs (shell.openDialog / shell.saveDialog); the browser
 * shell has none, so there the path is typed.
 */
import { useEffect, useState } from 'react'
import type { RecentPlan } from '../../../shared/api/plan-api.ts'
import { call } from '../api/client.ts'
import { openDialog, PLAN_FILTER, saveDialog, useShellCapabilities } from '../api/shell.ts'
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
  const native = useShellCapabilities()?.nativeDialogs === true
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
  const go = (file: string): void => {
    if (mode === 'open') run(call('plan.open', { path: file }))
    else if (mode === 'new') run(call('plan.new', { path: file, provinceCode: province, sample }))
    else run(call('plan.saveCopy', { path: file, open: true }))
  }
  const submit = (): void => {
    if (path.trim()) go(path.trim())
  }
  /** Electron: the native dialog chooses the file, then the same call as a typed path */
  const choose = (): void => {
    const provinceName = provinces.find((p) => p.code === province)?.name ?? ''
    const chosen =
      mode === 'open'
        ? openDialog({ title: t(L('打开规划', 'Open plan')), filters: [PLAN_FILTER] })
        : saveDialog({
            title: t(mode === 'new' ? L('新建规划', 'New plan') : L('另存副本', 'Save a copy')),
            defaultPath: mode === 'new' ? `${provinceName}规划.anju` : (app.plan?.path.replace(/\.anju$/i, '') ?? '规划') + '-副本.anju',
            filters: [PLAN_FILTER],
          })
    chosen.then((file) => {
      // a name typed without the extension still becomes a plan file
      if (file) go(mode === 'open' || /\.anju$/i.test(file) ? file : `${file}.anju`)
    }, app.fail)
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
        {!native && (
          <label>
            {t(L('文件路径（.anju）', 'File path (.anju)'))}
            <input data-testid="plan-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/user/贵州省规划.anju" onKeyDown={(e) => e.key === 'Enter' && submit()} />
          </label>
        )}
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
          {native ? (
            <button type="button" className="primary" disabled={busy} onClick={choose} data-testid="plan-choose">
              {t(mode === 'open' ? L('选择规划文件…', 'Choose a plan file…') : mode === 'new' ? L('创建…', 'Create…') : L('保存…', 'Save…'))}
            </button>
          ) : (
            <button type="button" className="primary" disabled={busy || !path.trim()} onClick={submit} data-testid="plan-submit">
              {t(mode === 'open' ? L('打开', 'Open') : mode === 'new' ? L('创建', 'Create') : L('保存', 'Save'))}
            </button>
          )}
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
