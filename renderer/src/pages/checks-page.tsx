/**
 * 检查: every violation of the plan's rules for the region chosen in the tree, grouped by rule,
 * severity and region with counts; a table where a click opens the right grid at the offending cell;
 * export to Excel; and explanations for warnings (stored in the plan, undoable) that stop them counting
 * as open while they stay listed as explained.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { CheckReport, RuleInfo } from '../../../shared/api/checks-api.ts'
import type { RegionNode } from '../../../shared/api/plan-api.ts'
import { ENTITIES, fieldOf } from '../../../shared/dictionary/index.ts'
import type { Label } from '../../../shared/dictionary/types.ts'
import type { Violation } from '../../../shared/rules/types.ts'
import { call, on } from '../api/client.ts'
import '../checks/checks.css'
import { L, useI18n } from '../i18n.tsx'
import { useApp } from '../shell/app-state.tsx'

type StateFilter = 'open' | 'error' | 'warning' | 'explained' | 'all'
const PAGE = 200
/** the page lists at most this many; the counts above are always complete */
const LIMIT = 50000

interface RegionName {
  name: string
  prefecture: string | null
}

function regionNames(tree: RegionNode | null): Map<string, RegionName> {
  const out = new Map<string, RegionName>()
  const walk = (n: RegionNode, pref: RegionNode | null): void => {
    out.set(n.code, { name: n.name, prefecture: pref?.code ?? null })
    for (const c of n.children) walk(c, n.level === 2 ? n : pref)
  }
  if (tree) walk(tree, null)
  return out
}

function matches(v: Violation, s: StateFilter): boolean {
  if (s === 'all') return true
  if (s === 'explained') return !!v.explained
  if (v.explained) return false
  return s === 'open' || v.severity === s
}

export function ChecksPage() {
  const app = useApp()
  const { t } = useI18n()
  const [report, setReport] = useState<CheckReport | null>(null)
  const [rules, setRules] = useState<RuleInfo[]>([])
  const [loading, setLoading] = useState(false)
  const [state, setState] = useState<StateFilter>('open')
  const [ruleFilter, setRuleFilter] = useState<string | null>(null)
  const [countyFilter, setCountyFilter] = useState<string | null>(null)
  const [shown, setShown] = useState(PAGE)
  const [explaining, setExplaining] = useState<string | null>(null)
  const [comment, setComment] = useState('')
  const [exportPath, setExportPath] = useState('')

  const load = useCallback(() => {
    setLoading(true)
    call('checks.run', { region: app.region, limit: LIMIT })
      .then((r) => {
        setReport(r)
        setLoading(false)
      })
      .catch((e: unknown) => {
        setLoading(false)
        app.fail(e)
      })
  }, [app.region, app.fail])

  useEffect(load, [load, app.planVersion])
  useEffect(() => {
    call('checks.rules', {}).then(setRules, app.fail)
  }, [app.fail])
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = on('plan.changed', () => {
      clearTimeout(timer)
      timer = setTimeout(load, 400)
    })
    return () => {
      clearTimeout(timer)
      off()
    }
  }, [load])
  useEffect(() => {
    setCountyFilter(null)
    setShown(PAGE)
  }, [app.region])
  useEffect(() => {
    if (!exportPath && app.plan?.path) setExportPath(app.plan.path.replace(/[^/\\]+$/, '') + '检查结果.xlsx')
  }, [app.plan, exportPath])

  const names = useMemo(() => regionNames(app.tree), [app.tree])
  const ruleById = useMemo(() => new Map(rules.map((r) => [r.id, r])), [rules])
  const all = useMemo(() => report?.violations ?? [], [report])

  const byState = useMemo(() => all.filter((v) => matches(v, state)), [all, state])
  const ruleGroups = useMemo(() => {
    const m = new Map<string, { open: number; explained: number; shown: number }>()
    for (const v of all) {
      const g = m.get(v.ruleId) ?? { open: 0, explained: 0, shown: 0 }
      if (v.explained) g.explained++
      else g.open++
      if (matches(v, state) && (!countyFilter || v.regionCode === countyFilter)) g.shown++
      m.set(v.ruleId, g)
    }
    const found = [...m].sort((a, b) => {
      const ra = ruleById.get(a[0])
      const rb = ruleById.get(b[0])
      return (ra?.severity === rb?.severity ? 0 : ra?.severity === 'error' ? -1 : 1) || b[1].open - a[1].open
    })
    // rules with nothing to report are listed too: an inspector sees every check that passed
    const passed = rules.filter((r) => !m.has(r.id)).map((r): [string, { open: number; explained: number; shown: number }] => [r.id, { open: 0, explained: 0, shown: 0 }])
    return [...found, ...passed]
  }, [all, state, countyFilter, ruleById, rules])
  const countyGroups = useMemo(() => {
    const m = new Map<string, { error: number; warning: number }>()
    for (const v of byState) {
      if (ruleFilter && v.ruleId !== ruleFilter) continue
      const k = v.regionCode ?? ''
      const g = m.get(k) ?? { error: 0, warning: 0 }
      g[v.severity]++
      m.set(k, g)
    }
    return [...m].sort((a, b) => b[1].error - a[1].error || b[1].warning - a[1].warning)
  }, [byState, ruleFilter])
  const list = useMemo(() => byState.filter((v) => (!ruleFilter || v.ruleId === ruleFilter) && (!countyFilter || v.regionCode === countyFilter)), [byState, ruleFilter, countyFilter])

  const regionText = (code: string | null): string => {
    if (!code) return '—'
    const r = names.get(code)
    if (!r) return code
    const p = r.prefecture ? names.get(r.prefecture)?.name : null
    return p ? `${p} ${r.name}` : r.name
  }
  const keyOf = (v: Violation): string => `${v.ruleId}|${v.entity}|${v.rowId}|${v.field}`

  const explain = (v: Violation): void => {
    if (!comment.trim()) return
    call('checks.explain', { ruleId: v.ruleId, entity: v.entity, rowId: v.rowId, field: v.field, comment: comment.trim() }).then(() => {
      setExplaining(null)
      setComment('')
      app.toast('info', L('已记录说明（可撤销）', 'Explanation recorded (undoable)'))
    }, app.fail)
  }
  const unexplain = (v: Violation): void => {
    call('checks.unexplain', { ruleId: v.ruleId, entity: v.entity, rowId: v.rowId, field: v.field }).catch(app.fail)
  }
  const exportList = (): void => {
    if (!exportPath.trim()) return
    call('checks.export', { path: exportPath.trim(), region: app.region }).then(
      (r) => app.toast('info', L(`已导出 ${r.count} 条到 ${r.path}`, `Exported ${r.count} rows to ${r.path}`)),
      app.fail,
    )
  }

  // a report without some count (an older or failing service) shows 0 rather than breaking the page
  const counts = { error: report?.counts?.error ?? 0, warning: report?.counts?.warning ?? 0, explained: report?.counts?.explained ?? 0 }
  const summary: [StateFilter, Label, number][] = [
    ['open', L('待处理', 'Open'), counts.error + counts.warning],
    ['error', L('错误', 'Errors'), counts.error],
    ['warning', L('警告', 'Warnings'), counts.warning],
    ['explained', L('已说明', 'Explained'), counts.explained],
  ]

  return (
    <div className="checks-page" data-testid="checks-page">
      <div className="checks-toolbar">
        <div className="checks-summary">
          {summary.map(([k, label, n]) => (
            <button key={k} type="button" className={`${k}${state === k ? ' active' : ''}`} onClick={() => setState(k)} data-testid={`checks-count-${k}`}>
              <span>{t(label)}</span>
              <b>{n.toLocaleString()}</b>
            </button>
          ))}
        </div>
        <button type="button" onClick={load} disabled={loading} data-testid="checks-rerun">
          {loading ? t(L('检查中…', 'Checking…')) : t(L('重新检查', 'Check again'))}
        </button>
        <span className="muted">
          {report ? t(L(`${app.region ? regionText(app.region) : '全部区划'} · 用时 ${report.ms} 毫秒`, `${app.region ? regionText(app.region) : 'All regions'} · ${report.ms} ms`)) : ''}
        </span>
        <span className="spacer" />
        <input className="export-path" value={exportPath} onChange={(e) => setExportPath(e.target.value)} aria-label={t(L('导出文件路径', 'Export file path'))} data-testid="checks-export-path" />
        <button type="button" onClick={exportList} data-testid="checks-export">
          {t(L('导出 Excel', 'Export to Excel'))}
        </button>
      </div>
      {report?.truncated && (
        <p className="muted" data-testid="checks-truncated">
          {t(
            L(
              `共 ${report.total.toLocaleString()} 条，列表只含前 ${LIMIT.toLocaleString()} 条（分组计数同此）；请在左侧区划树中选择市州或县缩小范围。`,
              `${report.total.toLocaleString()} results; the list holds the first ${LIMIT.toLocaleString()} (and so do the group counts). Choose a prefecture or county in the tree to narrow it.`,
            ),
          )}
        </p>
      )}
      <div className="checks-body">
        <div className="checks-groups">
          <h4>{t(L('按规则', 'By rule'))}</h4>
          <ul>
            <li className={ruleFilter === null ? 'active' : ''} onClick={() => setRuleFilter(null)}>
              <span className="name">{t(L('全部规则', 'All rules'))}</span>
              <span className="count">{byState.filter((v) => !countyFilter || v.regionCode === countyFilter).length}</span>
            </li>
            {ruleGroups.map(([id, g]) => {
              const r = ruleById.get(id)
              return (
                <li key={id} className={`${ruleFilter === id ? 'active' : ''}${g.open + g.explained === 0 ? ' passed' : ''}`} onClick={() => setRuleFilter(ruleFilter === id ? null : id)} data-rule={id} title={id}>
                  <span className={`sev ${r?.severity ?? 'warning'}`}>{t(r?.severity === 'error' ? L('错误', 'Error') : L('警告', 'Warning'))}</span>
                  <span className="name">{r ? t(r.title) : id}</span>
                  <span className="count">
                    {g.open + g.explained === 0 ? '✓ ' : ''}
                    {g.open}
                    {g.explained > 0 ? ` + ${g.explained}✓` : ''}
                  </span>
                </li>
              )
            })}
          </ul>
          <h4>{t(L('按区划', 'By region'))}</h4>
          <ul>
            {countyGroups.slice(0, 200).map(([code, g]) => (
              <li key={code} className={countyFilter === code ? 'active' : ''} onClick={() => setCountyFilter(countyFilter === code ? null : code)} data-county={code}>
                <span className="name">{regionText(code || null)}</span>
                {g.error > 0 && <span className="sev error">{g.error}</span>}
                {g.warning > 0 && <span className="sev warning">{g.warning}</span>}
              </li>
            ))}
          </ul>
        </div>
        <div className="checks-table-wrap">
          <table className="checks-table" data-testid="checks-table">
            <thead>
              <tr>
                <th>{t(L('级别', 'Severity'))}</th>
                <th>{t(L('规则', 'Rule'))}</th>
                <th>{t(L('区划', 'Region'))}</th>
                <th>{t(L('对象', 'Row'))}</th>
                <th>{t(L('字段', 'Field'))}</th>
                <th>{t(L('问题', 'Problem'))}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.slice(0, shown).map((v) => {
                const k = keyOf(v)
                const r = ruleById.get(v.ruleId)
                const open = () => app.focusCell(v.entity, v.rowId, v.field)
                return (
                  <tr key={k} className={`violation${v.explained ? ' is-explained' : ''}`} data-rule={v.ruleId} data-row={v.rowId} onClick={open}>
                    <td className="nowrap">
                      <span className={`sev ${v.explained ? 'explained' : v.severity}`}>{t(v.explained ? L('已说明', 'Explained') : v.severity === 'error' ? L('错误', 'Error') : L('警告', 'Warning'))}</span>
                    </td>
                    <td className="rule">{r ? t(r.title) : v.ruleId}</td>
                    <td className="nowrap">{regionText(v.regionCode)}</td>
                    <td className="row-key">
                      <span className="muted">{t(ENTITIES[v.entity].label)}</span> {v.rowKey}
                    </td>
                    <td>{t(fieldOf(v.entity, v.field)?.label ?? { zh: v.field, en: v.field })}</td>
                    <td className="msg">
                      {t(v.message)}
                      {v.explained && (
                        <div className="comment">
                          {t(L('说明：', 'Explanation: '))}
                          {v.explained.comment}
                        </div>
                      )}
                      {explaining === k && (
                        <div className="explain-form" onClick={(e) => e.stopPropagation()}>
                          <input
                            autoFocus
                            value={comment}
                            placeholder={t(L('说明原因，如：已纳入兜底保障', 'Why, e.g. covered by social assistance'))}
                            onChange={(e) => setComment(e.target.value)}
                            onKeyDown={(e) => e.key === 'Enter' && explain(v)}
                            data-testid="explain-comment"
                          />
                          <button type="button" className="primary" onClick={() => explain(v)} data-testid="explain-save">
                            {t(L('保存', 'Save'))}
                          </button>
                          <button type="button" onClick={() => setExplaining(null)}>
                            {t(L('取消', 'Cancel'))}
                          </button>
                        </div>
                      )}
                    </td>
                    <td className="nowrap" onClick={(e) => e.stopPropagation()}>
                      {v.severity === 'warning' && !v.explained && explaining !== k && (
                        <button
                          type="button"
                          className="link"
                          onClick={() => {
                            setExplaining(k)
                            setComment('')
                          }}
                          data-testid="explain"
                        >
                          {t(L('说明', 'Explain'))}
                        </button>
                      )}
                      {v.explained && (
                        <button type="button" className="link" onClick={() => unexplain(v)} data-testid="unexplain">
                          {t(L('撤回说明', 'Withdraw'))}
                        </button>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          {list.length === 0 && !loading && <p className="checks-more muted">{t(L('没有符合条件的检查结果', 'No check results match'))}</p>}
          {list.length > shown && (
            <div className="checks-more">
              <button type="button" onClick={() => setShown(shown + PAGE * 5)}>
                {t(L(`显示更多（已显示 ${shown} / 共 ${list.length} 条）`, `Show more (${shown} of ${list.length})`))}
              </button>
            </div>
          )}
        </div>
      </div>
    </div>
  )
}
