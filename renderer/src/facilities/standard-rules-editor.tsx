/**
 * 配建标准: the plan's standard-set rules as an editable table (which facility, from how many people,
 * below how many, for which mode and provinces, with what scale), saved to the plan's settings through
 * facilities.setRules; "restore defaults" goes back to the built-in rules.
 */
import { useEffect, useState } from 'react'
import type { CatalogueView } from '../../../shared/api/facilities-api.ts'
import type { StandardRule } from '../../../shared/facilities/standard-rules.ts'
import { call } from '../api/client.ts'
import { L, useI18n } from '../i18n.tsx'
import { useApp } from '../shell/app-state.tsx'

type Mode = '' | '城镇集中安置' | '农村集中安置'

const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s))

export function StandardRulesEditor({ onClose }: { onClose(): void }) {
  const app = useApp()
  const { t, locale } = useI18n()
  const [view, setView] = useState<CatalogueView | null>(null)
  const [rules, setRules] = useState<StandardRule[]>([])

  useEffect(() => {
    call('facilities.catalogue', {}).then((v) => {
      setView(v)
      setRules(v.rules)
    }, app.fail)
  }, [app.fail])

  const patch = (i: number, p: Partial<StandardRule>): void => setRules((rs) => rs.map((r, k) => (k === i ? { ...r, ...p } : r)))
  const save = (value: StandardRule[] | null): void => {
    call('facilities.setRules', { rules: value })
      .then((v) => {
        setView(v)
        setRules(v.rules)
        app.toast('info', value === null ? L('已恢复默认配建标准', 'Default rules restored') : L('配建标准已保存', 'Standard-set rules saved'))
      })
      .catch(app.fail)
  }
  if (!view) return null
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal rules-editor" onClick={(e) => e.stopPropagation()} data-testid="rules-editor">
        <h3>
          {t(L('配建标准（按安置规模和方式）', 'Standard facility sets (by size and mode)'))}
          {view.rulesAreDefault && <span className="muted">{t(L('（默认）', ' (defaults)'))}</span>}
        </h3>
        <div className="rules-scroll">
          <table className="fac-table">
            <thead>
              <tr>
                <th>{t(L('设施', 'Facility'))}</th>
                <th>{t(L('人数 ≥', 'People ≥'))}</th>
                <th>{t(L('人数 <', 'People <'))}</th>
                <th>{t(L('安置方式', 'Mode'))}</th>
                <th>{t(L('仅限省份（代码）', 'Provinces (codes)'))}</th>
                <th>{t(L('规模', 'Scale'))}</th>
                <th>{t(L('说明', 'Note'))}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rules.map((r, i) => (
                <tr key={i}>
                  <td>
                    <select value={r.item} onChange={(e) => patch(i, { item: e.target.value })}>
                      {view.items.map((it) => (
                        <option key={it.key} value={it.key}>
                          {it.label[locale]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input className="num-input" value={r.minPeople} onChange={(e) => patch(i, { minPeople: num(e.target.value) ?? 0 })} />
                  </td>
                  <td>
                    <input className="num-input" value={r.maxPeople ?? ''} onChange={(e) => patch(i, { maxPeople: num(e.target.value) })} />
                  </td>
                  <td>
                    <select value={r.modes?.length === 1 ? r.modes[0] : ''} onChange={(e) => patch(i, { modes: e.target.value ? [e.target.value as Exclude<Mode, ''>] : undefined })}>
                      <option value="">{t(L('全部', 'All'))}</option>
                      <option value="城镇集中安置">{t(L('城镇集中安置', 'Urban'))}</option>
                      <option value="农村集中安置">{t(L('农村集中安置', 'Rural'))}</option>
                    </select>
                  </td>
                  <td>
                    <input
                      value={(r.provinces ?? []).join(',')}
                      onChange={(e) => {
                        const list = e.target.value.split(/[,，\s]+/).filter(Boolean)
                        patch(i, { provinces: list.length > 0 ? list : undefined })
                      }}
                    />
                  </td>
                  <td>
                    <input className="num-input" value={r.scale ?? ''} onChange={(e) => patch(i, { scale: num(e.target.value) })} />
                  </td>
                  <td>
                    <input value={r.note ?? ''} onChange={(e) => patch(i, { note: e.target.value || undefined })} />
                  </td>
                  <td>
                    <button type="button" className="link" onClick={() => setRules((rs) => rs.filter((_, k) => k !== i))}>
                      {t(L('删除', 'Remove'))}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="modal-actions">
          <button type="button" onClick={() => setRules((rs) => [...rs, { item: view.items[0]!.key, minPeople: 0 }])}>
            ＋ {t(L('新增规则', 'Add rule'))}
          </button>
          <button type="button" className="primary" onClick={() => save(rules)} data-testid="rules-save">
            {t(L('保存', 'Save'))}
          </button>
          <button type="button" onClick={() => save(null)}>
            {t(L('恢复默认', 'Restore defaults'))}
          </button>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t(L('关闭', 'Close'))}
          </button>
        </div>
      </div>
    </div>
  )
}
