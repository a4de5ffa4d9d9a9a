/**
 * 设置: the plan's settings — its identity on printed reports (title, as-of date, compiling unit,
 * 填表人, 审核人) and the thresholds the checks use (minimum wage, site sizes, employment target,
 * commute radius...). Fields, labels and parsing come from shared/settings.ts, as for `anju settings`.
 * Saving writes the changed fields as one undo step; a value that does not parse is marked on its
 * field and nothing is sent.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import './settings-page.css'
import type { Label } from '../../../shared/dictionary/types.ts'
import { formatSettingValue, parseSettingInput, SETTING_FIELDS, settingInputText, type PlanSettings, type SettingFieldDef } from '../../../shared/settings.ts'
import { ApiError, call } from '../api/client.ts'
import { L, useI18n } from '../i18n.tsx'
import { useApp } from '../shell/app-state.tsx'

const GROUPS: { key: SettingFieldDef['group']; label: Label; note: Label }[] = [
  { key: 'identity', label: L('规划信息', 'The plan'), note: L('打印在报表的标题、截止日期和页脚上。', 'Printed in report titles, as-of lines and footers.') },
  { key: 'thresholds', label: L('检查标准', 'Check thresholds'), note: L('检查规则按这些标准判断；修改后检查结果随即更新。', 'The checks judge by these; results follow at once when they change.') },
]

export function SettingsPage() {
  const app = useApp()
  const { t } = useI18n()
  const [saved, setSaved] = useState<PlanSettings | null>(null)
  const [draft, setDraft] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [serverError, setServerError] = useState<Label | null>(null)

  const load = useCallback(() => {
    call('settings.get', {})
      .then((s) => {
        setSaved(s)
        setDraft(Object.fromEntries(SETTING_FIELDS.map((d) => [d.key, settingInputText(d, s[d.key])])))
        setServerError(null)
      })
      .catch(app.fail)
  }, [app.fail])
  useEffect(load, [load, app.planVersion, app.plan?.path])

  // per field: the parsed value, or why it does not parse
  const parsed = useMemo(() => {
    const out = new Map<string, ReturnType<typeof parseSettingInput>>()
    for (const d of SETTING_FIELDS) if (d.kind !== 'fixed' && draft[d.key] !== undefined) out.set(d.key, parseSettingInput(d, draft[d.key]!))
    return out
  }, [draft])
  const changed = useMemo(() => {
    if (!saved) return {}
    const patch: Record<string, string | number> = {}
    for (const [key, p] of parsed) if ('value' in p && p.value !== saved[key as keyof PlanSettings]) patch[key] = p.value
    return patch
  }, [parsed, saved])
  const invalid = [...parsed.values()].some((p) => 'error' in p)
  const dirty = Object.keys(changed).length > 0

  const save = (): void => {
    setBusy(true)
    setServerError(null)
    call('settings.update', changed as Partial<PlanSettings>)
      .then((s) => {
        setSaved(s)
        setDraft(Object.fromEntries(SETTING_FIELDS.map((d) => [d.key, settingInputText(d, s[d.key])])))
        app.toast('info', L('设置已保存（可撤销）', 'Settings saved (undoable)'))
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.body.code === 'INVALID_INPUT') setServerError({ zh: e.body.message, en: e.body.messageEn })
        else app.fail(e)
      })
      .finally(() => setBusy(false))
  }

  const readOnly = app.plan?.readOnly ?? false
  const province = app.plan?.provinceName ?? saved?.province_code ?? ''
  return (
    <div className="settings-page" data-testid="settings-page">
      <h2>{t(L('规划设置', 'Plan settings'))}</h2>
      {readOnly && <p role="alert" className="settings-alert">{t(L('规划以只读方式打开，设置不能修改。', 'The plan is open read-only; settings cannot be changed.'))}</p>}
      {saved && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            if (dirty && !invalid) save()
          }}
        >
          {GROUPS.map((g) => (
            <fieldset key={g.key} className="settings-group">
              <legend>{t(g.label)}</legend>
              <p className="settings-note">{t(g.note)}</p>
              {SETTING_FIELDS.filter((d) => d.group === g.key).map((d) => {
                const p = parsed.get(d.key)
                const error = p && 'error' in p ? p.error : null
                const isChanged = d.key in changed
                return (
                  <label key={d.key} className={`settings-field${isChanged ? ' changed' : ''}${error ? ' invalid' : ''}`} data-setting={d.key}>
                    <span className="settings-label">{t(d.label)}</span>
                    <span className="settings-value">
                    {d.kind === 'fixed' ? (
                      <span className="settings-fixed">{province}</span>
                    ) : (
                      <input
                        type="text"
                        inputMode={d.kind === 'text' || d.kind === 'date' ? 'text' : 'decimal'}
                        className={d.kind === 'text' ? 'wide' : ''}
                        value={draft[d.key] ?? ''}
                        disabled={readOnly || busy}
                        aria-invalid={error ? true : undefined}
                        placeholder={d.kind === 'date' ? 'YYYY-MM-DD / YYYY-MM' : undefined}
                        onChange={(e) => {
                          setServerError(null)
                          setDraft((dr) => ({ ...dr, [d.key]: e.target.value }))
                        }}
                      />
                    )}
                    <span className="settings-unit">{d.unit ? t(d.unit) : ''}</span>
                    </span>
                    <span className="settings-hint">
                      {error ? <span className="settings-error" role="alert">{t(error)}</span> : isChanged ? t(L(`原为 ${formatSettingValue(d, saved[d.key])}`, `was ${formatSettingValue(d, saved[d.key])}`)) : d.hint ? t(d.hint) : ''}
                    </span>
                  </label>
                )
              })}
            </fieldset>
          ))}
          {serverError && <p role="alert" className="settings-error" data-testid="settings-server-error">{t(serverError)}</p>}
          <div className="settings-actions">
            <button type="submit" className="primary" disabled={readOnly || busy || !dirty || invalid} data-testid="settings-save">
              {t(L('保存', 'Save'))}
            </button>
            <button type="button" disabled={busy || !dirty} onClick={load}>
              {t(L('放弃修改', 'Discard changes'))}
            </button>
            <span className="settings-note">
              {t(L('设施目录和配建规则在“设施进度”页编辑，车间选址权重在“扶贫车间”页的选址面板中编辑；这些修改同样可以撤销。', 'The facility catalogue and standard-set rules are edited on the Facilities page, placement weights in the Workshops page’s placement panel; those changes are undoable too.'))}
            </span>
          </div>
        </form>
      )}
    </div>
  )
}
