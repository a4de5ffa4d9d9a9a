/**
 * 车间选址优化: the panel that runs the placement optimizer for the chosen region — up to K new
 * workshops or a budget, the commute radius, a time limit, the weights and the size of a new workshop
 * (kept in the plan), candidate points the planner adds (typed or clicked on the map). It shows the
 * solver's progress with a cancel button, then the proposals with the sites they serve and the marginal
 * value of each, coverage before and after by county and by site (the coverage table's figures), and
 * the proven gap; a cancelled run says so (nothing was changed). "Apply" adds the proposals as
 * planned workshops in one undoable action. A model too big to solve in time is refused with the
 * prefectures to solve one at a time.
 */
import { useEffect, useState } from 'react'
import type { RegionNode } from '../../../shared/api/plan-api.ts'
import type { CandidatePoint, PlacementResult, PlacementSettings } from '../../../shared/api/workshops-api.ts'
import { ApiError, call, on } from '../api/client.ts'
import { L, useI18n } from '../i18n.tsx'
import { useApp } from '../shell/app-state.tsx'

export interface OptimizerPanelProps {
  radiusKm: number
  setRadiusKm(r: number): void
  result: PlacementResult | null
  setResult(r: PlacementResult | null): void
  /** a point clicked on the map while "pick on map" is on */
  picked: { lat: number; lon: number } | null
  pickMode: boolean
  setPickMode(on: boolean): void
}

const nf = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 })

function regionName(node: RegionNode | null, code: string): string | null {
  if (!node) return null
  if (node.code === code) return node.name
  for (const c of node.children) {
    const n = regionName(c, code)
    if (n) return n
  }
  return null
}

export function OptimizerPanel(props: OptimizerPanelProps) {
  const { t } = useI18n()
  const app = useApp()
  const [mode, setMode] = useState<'k' | 'budget'>('k')
  const [k, setK] = useState(10)
  const [budget, setBudget] = useState(1000)
  const [timeLimit, setTimeLimit] = useState(30)
  const [settings, setSettings] = useState<PlacementSettings | null>(null)
  const [running, setRunning] = useState<string | null>(null)
  const [progress, setProgress] = useState<{ text: string; frac: number } | null>(null)
  const [applied, setApplied] = useState(false)
  const [point, setPoint] = useState({ name: '', lat: '', lon: '' })
  const [notice, setNotice] = useState<{ zh: string; en: string } | null>(null)

  useEffect(() => {
    call('workshops.getSettings', {}).then(setSettings, app.fail)
  }, [app.planVersion, app.fail])
  useEffect(
    () =>
      on('progress', (p) => {
        if (p.taskId !== running) return
        setProgress({ text: t(p.label), frac: p.total > 0 ? p.done / p.total : 0 })
      }),
    [running, t],
  )
  useEffect(() => {
    if (props.picked) setPoint((pt) => ({ ...pt, lat: props.picked!.lat.toFixed(5), lon: props.picked!.lon.toFixed(5), name: pt.name || t(L('候选点', 'Candidate')) }))
  }, [props.picked, t])

  const saveSettings = (patch: Partial<PlacementSettings>): void => {
    call('workshops.setSettings', patch).then(setSettings, app.fail)
  }

  const addPoint = (): void => {
    const lat = Number(point.lat)
    const lon = Number(point.lon)
    if (!point.name.trim() || !Number.isFinite(lat) || !Number.isFinite(lon) || lat < 3 || lat > 54 || lon < 73 || lon > 136) {
      app.toast('error', L('候选点需要名称和有效的纬度（3–54）、经度（73–136）', 'A candidate point needs a name and a valid latitude (3–54) and longitude (73–136)'))
      return
    }
    const c: CandidatePoint = { name: point.name.trim(), lat, lon }
    saveSettings({ candidates: [...(settings?.candidates ?? []), c] })
    setPoint({ name: '', lat: '', lon: '' })
    props.setPickMode(false)
  }

  const run = (): void => {
    const taskId = `place-${Date.now()}`
    setRunning(taskId)
    setProgress({ text: t(L('准备模型…', 'Building the model…')), frac: 0 })
    setApplied(false)
    setNotice(null)
    props.setResult(null)
    call('workshops.place', { ...(mode === 'k' ? { k } : { budgetWan: budget }), radiusKm: props.radiusKm, region: app.region, timeLimitS: timeLimit, taskId })
      .then((r) => props.setResult(r))
      .catch((e) => {
        if (e instanceof ApiError && e.body.code === 'CANCELLED') setNotice({ zh: e.body.message, en: e.body.messageEn })
        else app.fail(e)
      })
      .finally(() => {
        setRunning(null)
        setProgress(null)
      })
  }
  const cancel = (): void => {
    if (running) call('workshops.cancel', { taskId: running }).catch(app.fail)
  }
  const apply = (): void => {
    const r = props.result
    if (!r || r.proposals.length === 0) return
    call('workshops.applyProposal', { proposals: r.proposals.map((p) => ({ name: p.name, lat: p.lat, lon: p.lon, mainSiteId: p.mainSiteId, jobs: p.jobs, covered: p.covered })) })
      .then((c) => {
        setApplied(true)
        app.toast('info', L(`已新增 ${c.affected.workshop?.upserted.length ?? 0} 个规划车间（可撤销）`, `Added ${c.affected.workshop?.upserted.length ?? 0} planned workshop(s) (undoable)`))
      })
      .catch(app.fail)
  }

  const r = props.result
  const changed = r ? r.counties.filter((c) => c.after !== c.before) : []
  const changedSites = r ? r.sites.filter((x) => x.after !== x.before).sort((a, b) => b.after - b.before - (a.after - a.before)) : []
  const countyName = new Map(r?.counties.map((c) => [c.countyCode, c.county]) ?? [])
  return (
    <div className="ws-optimizer" data-testid="optimizer-panel">
      <h3>{t(L('车间选址优化', 'Workshop placement'))}</h3>
      <div className="ws-form">
        <label>
          <select value={mode} onChange={(e) => setMode(e.target.value as 'k' | 'budget')} data-testid="opt-mode">
            <option value="k">{t(L('新建车间数 K', 'New workshops K'))}</option>
            <option value="budget">{t(L('预算（万元）', 'Budget (万元)'))}</option>
          </select>
          {mode === 'k' ? (
            <input type="number" min={1} max={5000} value={k} onChange={(e) => setK(Math.max(1, Number(e.target.value) || 1))} data-testid="opt-k" />
          ) : (
            <input type="number" min={0} value={budget} onChange={(e) => setBudget(Math.max(0, Number(e.target.value) || 0))} data-testid="opt-budget" />
          )}
        </label>
        <label>
          {t(L('通勤半径（公里）', 'Commute radius (km)'))}
          <input type="number" min={0.5} max={200} step={0.5} value={props.radiusKm} onChange={(e) => props.setRadiusKm(Math.max(0.5, Number(e.target.value) || 10))} data-testid="opt-radius" />
        </label>
        <label>
          {t(L('时限（秒）', 'Time limit (s)'))}
          <input type="number" min={1} max={3600} value={timeLimit} onChange={(e) => setTimeLimit(Math.max(1, Number(e.target.value) || 30))} />
        </label>
        {settings && (
          <>
            <label title={t(L('每个新车间提供的岗位数', 'Jobs each new workshop offers'))}>
              {t(L('新车间岗位', 'Jobs per new workshop'))}
              <input type="number" min={1} defaultValue={settings.newWorkshopJobs} key={`j${settings.newWorkshopJobs}`} onBlur={(e) => saveSettings({ newWorkshopJobs: Math.max(1, Math.round(Number(e.target.value) || 50)) })} />
            </label>
            <label title={t(L('预算模式下每个新车间的费用', 'Cost of a new workshop in budget mode'))}>
              {t(L('单个费用（万元）', 'Cost each (万元)'))}
              <input type="number" min={0} defaultValue={settings.newWorkshopCostWan} key={`c${settings.newWorkshopCostWan}`} onBlur={(e) => saveSettings({ newWorkshopCostWan: Math.max(0, Number(e.target.value) || 0) })} />
            </label>
            <label title={t(L('零就业家庭中一名待就业者的权重（其他待就业者权重为 1）', 'Weight of one jobseeker per zero-employment household (others weigh 1)'))}>
              {t(L('零就业户权重', 'Zero-employment weight'))}
              <input type="number" min={1} max={100} step={0.5} defaultValue={settings.zeroEmploymentWeight} key={`w${settings.zeroEmploymentWeight}`} onBlur={(e) => saveSettings({ zeroEmploymentWeight: Math.min(100, Math.max(1, Number(e.target.value) || 3)) })} />
            </label>
          </>
        )}
      </div>
      <details className="ws-candidates">
        <summary>{t(L(`候选点：全部安置点 + ${settings?.candidates.length ?? 0} 个自定义点`, `Candidates: every site + ${settings?.candidates.length ?? 0} custom point(s)`))}</summary>
        <ul>
          {settings?.candidates.map((c, i) => (
            <li key={`${c.name}-${i}`}>
              {c.name} ({c.lat.toFixed(4)}, {c.lon.toFixed(4)})
              <button type="button" className="link" onClick={() => saveSettings({ candidates: settings.candidates.filter((_x, j) => j !== i) })}>
                {t(L('删除', 'Remove'))}
              </button>
            </li>
          ))}
        </ul>
        <div className="ws-point">
          <input placeholder={t(L('名称', 'Name'))} value={point.name} onChange={(e) => setPoint({ ...point, name: e.target.value })} />
          <input placeholder={t(L('纬度', 'Lat'))} value={point.lat} onChange={(e) => setPoint({ ...point, lat: e.target.value })} />
          <input placeholder={t(L('经度', 'Lon'))} value={point.lon} onChange={(e) => setPoint({ ...point, lon: e.target.value })} />
          <button type="button" className={props.pickMode ? 'active' : ''} onClick={() => props.setPickMode(!props.pickMode)}>
            {t(props.pickMode ? L('在地图上点击…', 'Click the map…') : L('地图点选', 'Pick on map'))}
          </button>
          <button type="button" onClick={addPoint}>{t(L('添加', 'Add'))}</button>
        </div>
      </details>
      <div className="ws-run">
        {running ? (
          <button type="button" onClick={cancel} data-testid="opt-cancel">{t(L('取消', 'Cancel'))}</button>
        ) : (
          <button type="button" className="primary" onClick={run} disabled={app.plan?.readOnly === true} data-testid="opt-run">
            {t(L('计算选址方案', 'Propose workshops'))}
          </button>
        )}
        <span className="muted">{app.region ? (regionName(app.tree, app.region) ?? app.region) : (app.tree?.name ?? t(L('全省', 'Whole province')))}</span>
      </div>
      {progress && (
        <div className="ws-progress" data-testid="opt-progress">
          <div className="bar"><div style={{ width: `${Math.round(progress.frac * 100)}%` }} /></div>
          <span>{progress.text}</span>
        </div>
      )}
      {notice && (
        <p className="ws-status cancelled" data-testid="opt-notice">
          {t(notice)}
        </p>
      )}
      {r && (
        <div className="ws-result" data-testid="opt-result">
          <p className={`ws-status ${r.status}`}>{t(r.message)}</p>
          {r.status === 'too-large' || r.status === 'time-limit' ? (
            r.reducedRegions.length > 0 && (
              <div className="ws-reduced">
                {t(L('按地区求解：', 'Solve per region:'))}
                {r.reducedRegions.slice(0, 20).map((g) => (
                  <button key={g.code} type="button" className="link" onClick={() => app.setRegion(g.code)}>
                    {g.name}（{g.sites}）
                  </button>
                ))}
              </div>
            )
          ) : null}
          {r.status !== 'too-large' && r.status !== 'nothing-to-do' && (
            <>
              <table className="ws-kv">
                <tbody>
                  <tr><th>{t(L('待就业劳动力', 'Jobseekers'))}</th><td>{nf.format(r.unemployed)}</td></tr>
                  <tr><th>{t(L('可吸纳（前 → 后）', 'Reached (before → after)'))}</th><td data-testid="opt-before-after">{nf.format(r.coveredBefore)} → <b>{nf.format(r.coveredAfter)}</b>（+{nf.format(r.coveredAfter - r.coveredBefore)}）</td></tr>
                  <tr><th>{t(L('目标值 / 上界', 'Objective / bound'))}</th><td>{nf.format(r.objective)} / {nf.format(r.bound)}</td></tr>
                  <tr><th>{t(L('证明间隙', 'Proven gap'))}</th><td data-testid="opt-gap">{(r.gap * 100).toFixed(2)}%（{r.seconds} s）</td></tr>
                  <tr><th>{t(L('模型规模', 'Model size'))}</th><td>{t(L(`${r.size.candidates} 候选点、${r.size.pairs} 点对`, `${r.size.candidates} candidates, ${r.size.pairs} pairs`))}</td></tr>
                </tbody>
              </table>
              <table className="ws-table ws-proposals" data-testid="opt-proposals">
                <thead>
                  <tr><th>#</th><th>{t(L('建议新建车间', 'Proposed workshop'))}</th><th>{t(L('岗位', 'Jobs'))}</th><th>{t(L('吸纳', 'Takes'))}</th><th title={t(L('仅去掉该车间时目标值的减少', 'Objective lost if this one alone were dropped'))}>{t(L('边际价值', 'Marginal'))}</th></tr>
                </thead>
                <tbody>
                  {r.proposals.map((p, i) => (
                    <tr key={p.key}>
                      <td>{i + 1}</td>
                      <td className="name">
                        {p.name}
                        <div className="serves" title={t(L('服务安置点：吸纳人数 / 距离', 'Sites served: jobseekers taken / distance'))}>
                          {p.serves.map((s) => `${s.name} ${nf.format(s.amount)}${t(L('人', ''))}/${nf.format(s.km)}km`).join(t(L('；', '; ')))}
                        </div>
                      </td>
                      <td className="num">{p.jobs}</td>
                      <td className="num">{nf.format(p.covered)}</td>
                      <td className="num">{nf.format(p.marginalValue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {changed.length > 0 && (
                <table className="ws-table">
                  <thead><tr><th>{t(L('县', 'County'))}</th><th>{t(L('待就业', 'Jobseekers'))}</th><th>{t(L('前', 'Before'))}</th><th>{t(L('后', 'After'))}</th></tr></thead>
                  <tbody>
                    {changed.map((c) => (
                      <tr key={c.countyCode}><td>{c.county}</td><td className="num">{nf.format(c.unemployed)}</td><td className="num">{nf.format(c.before)}</td><td className="num">{nf.format(c.after)}</td></tr>
                    ))}
                  </tbody>
                </table>
              )}
              {changedSites.length > 0 && (
                <details className="ws-sites" data-testid="opt-sites">
                  <summary>{t(L(`按安置点：${changedSites.length} 个安置点可吸纳人数增加`, `By site: ${changedSites.length} site(s) reach more jobseekers`))}</summary>
                  <table className="ws-table">
                    <thead><tr><th>{t(L('安置点', 'Site'))}</th><th>{t(L('县', 'County'))}</th><th>{t(L('待就业', 'Jobseekers'))}</th><th>{t(L('前', 'Before'))}</th><th>{t(L('后', 'After'))}</th><th>{t(L('增加', 'Gain'))}</th></tr></thead>
                    <tbody>
                      {changedSites.slice(0, 300).map((x) => (
                        <tr key={x.siteId} onClick={() => app.focusCell('site', x.siteId)} title={t(L('在安置点表中定位', 'Show in the sites grid'))}>
                          <td>{x.name}</td>
                          <td>{countyName.get(x.countyCode) ?? x.countyCode}</td>
                          <td className="num">{nf.format(x.unemployed)}</td>
                          <td className="num">{nf.format(x.before)}</td>
                          <td className="num">{nf.format(x.after)}</td>
                          <td className="num">+{nf.format(x.after - x.before)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              )}
              <div className="ws-run">
                <button type="button" className="primary" onClick={apply} disabled={applied || r.proposals.length === 0} data-testid="opt-apply">
                  {applied ? t(L('已应用', 'Applied')) : t(L(`应用：新增 ${r.proposals.length} 个规划车间`, `Apply: add ${r.proposals.length} planned workshop(s)`))}
                </button>
                <button type="button" onClick={() => props.setResult(null)}>{t(L('清除', 'Clear'))}</button>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  )
}
