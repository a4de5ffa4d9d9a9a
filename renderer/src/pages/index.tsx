/**
 * The pages of the app, in navigation order. Each page lives in its own module.
 */
import type { ComponentType } from 'react'
import type { Label } from '../../../shared/dictionary/types.ts'
import type { PageKey } from '../shell/app-state.tsx'
import { ChecksPage } from './checks-page.tsx'
import { ImportPage } from './import-page.tsx'
import { FacilitiesPage } from './facilities-page.tsx'
import { OverviewPage } from './overview-page.tsx'
import { ReportsPage } from './reports-page.tsx'
import { SitesPage } from './sites-page.tsx'
import { WorkshopsPage } from './workshops-page.tsx'
import { BackupsPage } from './backups-page.tsx'

export interface PageDef {
  key: PageKey
  label: Label
  component: ComponentType
}

export const PAGES: PageDef[] = [
  { key: 'overview', label: { zh: '概览', en: 'Overview' }, component: OverviewPage },
  { key: 'sites', label: { zh: '安置点', en: 'Sites' }, component: SitesPage },
  { key: 'facilities', label: { zh: '设施进度', en: 'Facilities' }, component: FacilitiesPage },
  { key: 'workshops', label: { zh: '扶贫车间', en: 'Workshops' }, component: WorkshopsPage },
  { key: 'import', label: { zh: '导入', en: 'Import' }, component: ImportPage },
  { key: 'reports', label: { zh: '报表', en: 'Reports' }, component: ReportsPage },
  { key: 'checks', label: { zh: '检查', en: 'Checks' }, component: ChecksPage },
  { key: 'backups', label: { zh: '备份', en: 'Backups' }, component: BackupsPage },
]
