/**
 * The pages of the app, in navigation order. Each page lives in its own module; all but the sites
 * register load on first visit (their charts and tools stay out of the first download).
 */
import { lazy, type ComponentType } from 'react'
import type { Label } from '../../../shared/dictionary/types.ts'
import type { PageKey } from '../shell/app-state.tsx'
import { SitesPage } from './sites-page.tsx'

const ChecksPage = lazy(() => import('./checks-page.tsx').then((m) => ({ default: m.ChecksPage })))
const ImportPage = lazy(() => import('./import-page.tsx').then((m) => ({ default: m.ImportPage })))
const FacilitiesPage = lazy(() => import('./facilities-page.tsx').then((m) => ({ default: m.FacilitiesPage })))
const OverviewPage = lazy(() => import('./overview-page.tsx').then((m) => ({ default: m.OverviewPage })))
const ReportsPage = lazy(() => import('./reports-page.tsx').then((m) => ({ default: m.ReportsPage })))
const WorkshopsPage = lazy(() => import('./workshops-page.tsx').then((m) => ({ default: m.WorkshopsPage })))
const SettingsPage = lazy(() => import('./settings-page.tsx').then((m) => ({ default: m.SettingsPage })))
const BackupsPage = lazy(() => import('./backups-page.tsx').then((m) => ({ default: m.BackupsPage })))

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
  { key: 'settings', label: { zh: '设置', en: 'Settings' }, component: SettingsPage },
  { key: 'backups', label: { zh: '备份', en: 'Backups' }, component: BackupsPage },
]
