/**
 * The facility page's side views: completion roll-up by category and region (应配建 / 已建成 / 在建 /
 * 未开工 / 完成率 / 晚于入住 / 逾期) and the baseline compare (save the approved schedule, slip in days
 * rolled up by county and site).
 */
import { useEffect, useState } from 'react'
import type { BaselineCompare, BaselineInfo, FacilityRollup, RollupCounts } from '../../../shared/api/facilities-api.ts'
import { call, on } from '../api/client.ts'
import { L, useI18n } from '../i18n.tsx'
import { useApp } from '../shell/app-state.tsx'

const pct = (r: number): string => `${(r * 100).toFixed(1)}%`

function CountCells({ c }: { c: RollupCounts }) {
  return (
    <>
      <td className="num">{c.required.toLocaleString()}</td>
      <td className="num">{c.built.toLocaleString()}</td>
      <td className="num">{c.building.toLocaleString()}</td>
      <td className="num">{c.notStarted.toLocaleString()}</td>
      <td className="num">{pct(c.rate)}</td>
      <td className={`num${c.lateForMoveIn > 0 ? ' warn' : ''}`}>{c.lateForMoveIn.toLocaleString()}</td>
      <td className={`num${c.overdue > 0 ? ' bad' : ''}`}>{c.overdue.toLocaleString()}</td>
    </>
  )
}

function CountHeads() {
  const { t } = useI18n()
  return (
    <>
      <th>{t(L('应配建', 'Required'))}</th>
      <th>{t(L('已建成', 'Built'))}</th>
      <th>{t(L('在建', 'Building'))}</th>
      <th>{t(L('未开工', 'Not started'))}</th>
      <th>{t(L('完成率', 'Completion'))}</th>
      <th>{t(L('晚于入住', 'Late for move-in'))}</th>
      <th>{t(L('逾期', 'Overdue'))}</th>
    </>
  )
}

/** Re-run a loader when the plan changes (debounced). */
function useChangeTick(): number {
  const [n, setN] = useState(0)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = on('plan.changed', () => {
      clearTimeout(timer)
      timer = setTimeout(() => setN((x) => x + 1), 400)
    })
    return () => {
      off()
      clearTimeout(timer)
    }
  }, [])
  return n
}

export function RollupPanel({ region }: { region: string | null }) {
  const app = useApp()
  const { t } = useI18n()
  const [data, setData] = useState<FacilityRollup | null>(null)
  const tick = useChangeTick()
  useEffect(() => {
    call('facilities.rollup', { region }).then(setData, app.fail)
  }, [region, tick, app.planVersion, app.fail])
  if (!data) return <div className="fac-panel muted">{t(L('加载中…', 'Loading…'))}</div>
  return (
    <div className="fac-panel" data-testid="facility-rollup">
      <div className="fac-panel-title">
        {t(L('设施配建完成情况', 'Facility completion'))} <span className="muted">{t(L(`（截至 ${data.asOf}）`, ` (as of ${data.asOf})`))}</span>
      </div>
      <div className="fac-tables">
        <table className="fac-table">
          <thead>
            <tr>
              <th>{t(L('设施类别', 'Category'))}</th>
              <CountHeads />
            </tr>
          </thead>
          <tbody>
            {data.byCategory.map((c) => (
              <tr key={c.category}>
                <td>{t(c.label)}</td>
                <CountCells c={c} />
              </tr>
            ))}
            <tr className="total">
              <td>{t(L('合计', 'Total'))}</td>
              <CountCells c={data.total} />
            </tr>
          </tbody>
        </table>
        <table className="fac-table">
          <thead>
            <tr>
              <th>{t(L('市（州）/ 县（市、区）', 'Prefecture / county'))}</th>
              <CountHeads />
            </tr>
          </thead>
          <tbody>
            {data.byRegion.map((r) => (
              <tr key={r.code} className={`level-${r.level}`} onClick={() => app.setRegion(r.code)}>
                <td style={{ paddingLeft: 6 + (r.level - 1) * 12 }}>{r.name}</td>
                <CountCells c={r} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

export interface BaselinePanelProps {
  region: string | null
  baselineId: number | null
  setBaselineId(id: number | null): void
  onSite(siteId: number): void
}

export function useBaselines(): { list: BaselineInfo[]; refresh(): void } {
  const app = useApp()
  const [list, setList] = useState<BaselineInfo[]>([])
  const [n, setN] = useState(0)
  useEffect(() => {
    call('facilities.baselines', {}).then(setList, app.fail)
  }, [n, app.planVersion, app.fail])
  return { list, refresh: () => setN((x) => x + 1) }
}

/** The compare of the chosen baseline for a region, refreshed when the plan changes. */
export function useBaselineCompare(baselineId: number | null, region: string | null): BaselineCompare | null {
  const app = useApp()
  const [data, setData] = useState<BaselineCompare | null>(null)
  const tick = useChangeTick()
  useEffect(() => {
    if (baselineId === null) return setData(null)
    call('facilities.compare', { baselineId, region }).then(setData, (e: unknown) => {
      setData(null)
      app.fail(e)
    })
  }, [baselineId, region, tick, app.planVersion, app])
  return data
}

export function BaselinePanel(props: BaselinePanelProps & { compare: BaselineCompare | null; baselines: BaselineInfo[]; refresh(): void }) {
  const app = useApp()
  const { t } = useI18n()
  const [name, setName] = useState('')
  const save = (): void => {
    const n = name.trim()
    if (!n) return app.toast('info', L('请输入基线名称', 'Enter a baseline name'))
    call('facilities.saveBaseline', { name: n })
      .then((b) => {
        setName('')
        props.refresh()
        props.setBaselineId(b.id)
        app.toast('info', L(`已保存基线“${b.name}”（${b.items} 项设施）`, `Saved baseline "${b.name}" (${b.items} facilities)`))
      })
      .catch(app.fail)
  }
  const cmp = props.compare
  const sites = cmp ? [...cmp.bySite].sort((a, b) => b.maxSlip - a.maxSlip).slice(0, 200) : []
  return (
    <div className="fac-panel" data-testid="baseline-panel">
      <div className="fac-panel-title">
        {t(L('基线对比', 'Baseline compare'))}
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t(L('基线名称，如“2019年批复计划”', 'Baseline name'))} data-testid="baseline-name" />
        <button type="button" onClick={save} data-testid="baseline-save">
          {t(L('保存当前计划为基线', 'Save schedule as baseline'))}
        </button>
        {props.baselineId !== null && (
          <button
            type="button"
            onClick={() => {
              if (!confirm(t(L('删除这个基线？', 'Delete this baseline?')))) return
              call('facilities.deleteBaseline', { id: props.baselineId! })
                .then(() => {
                  props.setBaselineId(null)
                  props.refresh()
                })
                .catch(app.fail)
            }}
          >
            {t(L('删除基线', 'Delete baseline'))}
          </button>
        )}
      </div>
      {!cmp ? (
        <p className="muted">{props.baselines.length === 0 ? t(L('尚无基线。保存批复的计划为基线后，可在此查看每项设施的拖期天数。', 'No baselines yet. Save the approved schedule as a baseline to see each facility’s slip in days.')) : t(L('请在工具栏选择一个基线。', 'Choose a baseline in the toolbar.'))}</p>
      ) : (
        <>
          <p>
            {t(
              L(
                `基线“${cmp.baseline.name}”：${cmp.total.facilities} 项设施，拖期 ${cmp.total.slipped} 项，最长 ${cmp.total.maxSlip} 天，平均 ${cmp.total.avgSlip} 天；新增 ${cmp.added} 项，删除 ${cmp.removed} 项。`,
                `Baseline "${cmp.baseline.name}": ${cmp.total.facilities} facilities, ${cmp.total.slipped} slipped, max ${cmp.total.maxSlip} days, mean ${cmp.total.avgSlip} days; ${cmp.added} added, ${cmp.removed} removed.`,
              ),
            )}
          </p>
          <div className="fac-tables">
            <table className="fac-table" data-testid="slip-by-county">
              <thead>
                <tr>
                  <th>{t(L('县（市、区）', 'County'))}</th>
                  <th>{t(L('设施', 'Facilities'))}</th>
                  <th>{t(L('拖期', 'Slipped'))}</th>
                  <th>{t(L('最长拖期（天）', 'Max slip (days)'))}</th>
                  <th>{t(L('平均（天）', 'Mean (days)'))}</th>
                </tr>
              </thead>
              <tbody>
                {cmp.byCounty.map((c) => (
                  <tr key={c.code} onClick={() => app.setRegion(c.code)}>
                    <td>{c.name}</td>
                    <td className="num">{c.facilities}</td>
                    <td className={`num${c.slipped > 0 ? ' warn' : ''}`}>{c.slipped}</td>
                    <td className="num">{c.maxSlip}</td>
                    <td className="num">{c.avgSlip}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="fac-table" data-testid="slip-by-site">
              <thead>
                <tr>
                  <th>{t(L('安置点', 'Site'))}</th>
                  <th>{t(L('设施', 'Facilities'))}</th>
                  <th>{t(L('拖期', 'Slipped'))}</th>
                  <th>{t(L('最长拖期（天）', 'Max slip (days)'))}</th>
                  <th>{t(L('平均（天）', 'Mean (days)'))}</th>
                </tr>
              </thead>
              <tbody>
                {sites.map((s) => (
                  <tr key={s.siteId} onClick={() => props.onSite(s.siteId)}>
                    <td>{s.name}</td>
                    <td className="num">{s.facilities}</td>
                    <td className={`num${s.slipped > 0 ? ' warn' : ''}`}>{s.slipped}</td>
                    <td className="num">{s.maxSlip}</td>
                    <td className="num">{s.avgSlip}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  )
}
