/**
 * Employment coverage by county (按县就业覆盖): labour, employed, employment rate against the target,
 * jobseekers, zero-employment households, jobs of operating workshops, posts in reach and the gap,
 * with a total row. Clicking a county narrows the region tree to it.
 */
import { Fragment, useState } from 'react'
import type { CountyCoverage, CoverageResult, CoverageSummary } from '../../../shared/api/workshops-api.ts'
import type { Label } from '../../../shared/dictionary/types.ts'
import { L, useI18n } from '../i18n.tsx'
import { useApp } from '../shell/app-state.tsx'

const nf = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 })
const pct = (x: number | null): string => (x === null ? '' : `${(x * 100).toFixed(1)}%`)

type Key = keyof CoverageSummary | 'county'

const COLUMNS: { key: Key; label: Label }[] = [
  { key: 'sites', label: L('安置点', 'Sites') },
  { key: 'labour', label: L('劳动力', 'Labour') },
  { key: 'employed', label: L('已就业', 'Employed') },
  { key: 'employmentRate', label: L('就业率', 'Rate') },
  { key: 'unemployed', label: L('待就业', 'Jobseekers') },
  { key: 'labourHouseholds', label: L('有劳动力户', 'Labour households') },
  { key: 'zeroHouseholds', label: L('零就业户', 'Zero-employment households') },
  { key: 'workshopJobs', label: L('车间吸纳就业', 'Workshop jobs') },
  { key: 'covered', label: L('半径内可吸纳', 'Posts in reach') },
  { key: 'gap', label: L('就业缺口', 'Gap') },
  { key: 'sitesWithoutJobsNearby', label: L('无车间可及的点', 'Sites without jobs in reach') },
]

export function CoverageTable({ coverage, target }: { coverage: CoverageResult | null; target: number }) {
  const { t } = useI18n()
  const app = useApp()
  const [sort, setSort] = useState<{ key: Key; desc: boolean }>({ key: 'gap', desc: true })
  if (!coverage) return <div className="ws-empty">{t(L('加载中…', 'Loading…'))}</div>
  const rows = [...coverage.counties].sort((a, b) => {
    const va = sort.key === 'county' ? a.countyCode : (a[sort.key] ?? -1)
    const vb = sort.key === 'county' ? b.countyCode : (b[sort.key] ?? -1)
    const c = typeof va === 'string' && typeof vb === 'string' ? va.localeCompare(vb) : Number(va) - Number(vb)
    return sort.desc ? -c : c
  })
  const cell = (r: CoverageSummary, key: Key) => {
    if (key === 'county') return null
    if (key === 'employmentRate') return <td className={`num${r.employmentRate !== null && r.employmentRate < target ? ' cov-low' : ''}`}>{pct(r.employmentRate)}</td>
    const v = r[key]
    return <td className={`num${key === 'gap' && Number(v) > 0 ? ' cov-gap' : ''}${key === 'zeroHouseholds' && Number(v) > 0 ? ' cov-gap' : ''}`}>{typeof v === 'number' ? nf.format(v) : ''}</td>
  }
  const head = (key: Key, label: Label) => (
    <th key={key} onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : true })} className={sort.key === key ? 'sorted' : ''}>
      {t(label)}
      {sort.key === key ? (sort.desc ? ' ▾' : ' ▴') : ''}
    </th>
  )
  return (
    <div className="ws-table-wrap" data-testid="coverage-table">
      <table className="ws-table">
        <thead>
          <tr>
            {head('county', L('县（市、区）', 'County'))}
            {COLUMNS.map((c) => head(c.key, c.label))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r: CountyCoverage) => (
            <tr key={r.countyCode} onClick={() => app.setRegion(r.countyCode)} title={t(L('在区划树中选择该县', 'Choose this county in the region tree'))}>
              <td>
                {r.county}
                <span className="muted"> {r.prefecture}</span>
              </td>
              {COLUMNS.map((c) => <Fragment key={c.key}>{cell(r, c.key)}</Fragment>)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>{t(L('合计', 'Total'))}</td>
            {COLUMNS.map((c) => <Fragment key={c.key}>{cell(coverage.total, c.key)}</Fragment>)}
          </tr>
        </tfoot>
      </table>
      <p className="muted ws-note">
        {t(
          L(
            `通勤半径 ${coverage.radiusKm} 公里；待就业 = 劳动力 − 已就业；运营车间（含邻县）的空余岗位（设计岗位 − 吸纳就业）按半径内各点待就业人数比例以整数岗位分配；计算用时 ${coverage.ms} 毫秒。`,
            `Commute radius ${coverage.radiusKm} km; jobseekers = labour − employed; vacant posts of operating workshops (neighbouring counties included; designed − jobs) are shared in whole posts among the sites in reach in proportion to their jobseekers; computed in ${coverage.ms} ms.`,
          ),
        )}
      </p>
    </div>
  )
}
