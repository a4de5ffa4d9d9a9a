/**
 * Employment coverage columns for the sites grid (read-only, computed by the service): jobseekers,
 * employment rate, jobs of operating workshops within the commute radius, the nearest one, the jobseekers
 * a vacancy in reach can take, and the gap. The sites page passes them to EntityGrid as extraColumns.
 */
import type { CellClassParams, ColDef, ValueFormatterParams } from 'ag-grid-community'
import './workshops.css'
import type { SiteCoverage } from '../../../shared/api/workshops-api.ts'
import type { Label } from '../../../shared/dictionary/types.ts'
import type { GridRow } from '../grid/columns.ts'
import type { Locale } from '../i18n.tsx'

const GROUP: Label = { zh: '就业覆盖', en: 'Employment coverage' }
const nf = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 })

export function siteEmploymentColumns(coverage: ReadonlyMap<number, SiteCoverage> | null, radiusKm: number | null, locale: Locale): ColDef<GridRow>[] {
  const get = (id: number | undefined): SiteCoverage | undefined => (id === undefined || !coverage ? undefined : coverage.get(id))
  const r = radiusKm ?? 0
  const col = (colId: string, label: Label, value: (c: SiteCoverage) => number | null, opts: Partial<ColDef<GridRow>> = {}): ColDef<GridRow> => ({
    colId,
    headerName: label[locale],
    headerTooltip: `${GROUP[locale]}：${label[locale]}`,
    width: 104,
    headerClass: 'cov-header',
    editable: false,
    type: 'rightAligned',
    filter: 'agNumberColumnFilter',
    valueGetter: (p) => {
      if (p.node?.rowPinned || !p.data) return null
      const c = get(p.data.id)
      return c ? value(c) : null
    },
    valueFormatter: (p: ValueFormatterParams<GridRow>) => (typeof p.value === 'number' ? nf.format(p.value) : ''),
    ...opts,
  })
  return [
    col('cov_unemployed', { zh: '待就业（人）', en: 'Jobseekers' }, (c) => c.unemployed),
    col('cov_rate', { zh: '就业率', en: 'Employment rate' }, (c) => (c.employmentRate === null ? null : Math.round(c.employmentRate * 1000) / 10), {
      valueFormatter: (p) => (typeof p.value === 'number' ? `${nf.format(p.value)}%` : ''),
      cellClassRules: { 'cov-low': (p: CellClassParams<GridRow>) => typeof p.value === 'number' && p.value < 90 },
    }),
    col('cov_jobs_nearby', { zh: `${r} 公里内岗位`, en: `Jobs within ${r} km` }, (c) => c.jobsNearby),
    col('cov_nearest_km', { zh: '最近车间（公里）', en: 'Nearest workshop (km)' }, (c) => c.nearestKm, {
      valueFormatter: (p) => (typeof p.value === 'number' ? nf.format(p.value) : p.node?.rowPinned || !p.data ? '' : `>${r}`),
    }),
    col('cov_covered', { zh: '可吸纳（人）', en: 'Reachable posts' }, (c) => c.covered),
    col('cov_gap', { zh: '就业缺口（人）', en: 'Gap' }, (c) => c.gap, {
      cellClassRules: { 'cov-gap': (p: CellClassParams<GridRow>) => typeof p.value === 'number' && p.value >= 1 },
    }),
  ]
}
