/**
 * 安置点: the register of resettlement sites for the region chosen in the tree.
 */
import { useCallback, useMemo } from 'react'
import { regionPrefixOf } from '../../../shared/regions.ts'
import { EntityGrid } from '../grid/entity-grid.tsx'
import type { GridRow } from '../grid/columns.ts'
import { useEntityRows } from '../grid/use-entity-rows.ts'
import { L, useI18n } from '../i18n.tsx'
import { CsvExportButton } from '../reports/csv-export-button.tsx'
import { useApp } from '../shell/app-state.tsx'
import { siteEmploymentColumns } from '../workshops/site-employment-columns.ts'
import { useCoverage } from '../workshops/use-coverage.ts'

export function SitesPage() {
  const app = useApp()
  const inRegion = useCallback((r: GridRow) => !app.region || String(r['county_code'] ?? '').startsWith(regionPrefixOf(app.region)), [app.region])
  const data = useEntityRows('site', app.region, app.planVersion, inRegion)
  // employment coverage columns (issue 7)
  const { locale } = useI18n()
  // asked for once every row is here, so the first page and the rest are not held up behind it
  const coverage = useCoverage(app.region, app.planVersion, data.rows !== null && !data.loading)
  const employmentColumns = useMemo(
    () => siteEmploymentColumns(coverage ? new Map(coverage.sites.map((s) => [s.siteId, s])) : null, coverage?.radiusKm ?? null, locale),
    [coverage, locale],
  )
  const newRowValues = useCallback(() => {
    const region = app.region
    if (!region || !/^\d{4}(?!00)\d{2}$/.test(region)) {
      app.toast('info', L('请先在左侧区划树中选择一个县，再新增安置点', 'Choose a county in the region tree first, then add a site'))
      return null
    }
    return { county_code: region, name: '新安置点' }
  }, [app])
  return <EntityGrid entity="site" data={data} newRowValues={newRowValues} extraColumns={employmentColumns} toolbar={<CsvExportButton entity="site" />} filterRequests />
}
