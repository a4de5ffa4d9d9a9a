/**
 * The pages of the app, in navigation order. Each page lives in its own module.
 */
import type { ComponentType } from 'react'
import type { Label } from '../../../shared/dictionary/types.ts'
import type { PageKey } from '../shell/app-state.tsx'
import { PlaceholderPage } from './placeholder-page.tsx'
import { SitesPage } from './sites-page.tsx'
import { BackupsPage } from './backups-page.tsx'

export interface PageDef {
  key: PageKey
  label: Label
  component: ComponentType
}

const placeholder = (label: Label): ComponentType => () => <PlaceholderPage title={label} />

export const PAGES: PageDef[] = [
  { key: 'overview', label: { zh: '概览', en: 'Overview' }, component: placeholder({ zh: '概览', en: 'Overview' }) },
  { key: 'sites', label: { zh: '安置点', en: 'Sites' }, component: SitesPage },
  { key: 'facilities', label: { zh: '设施进度', en: 'Facilities' }, component: placeholder({ zh: '设施进度', en: 'Facilities' }) },
  { key: 'workshops', label: { zh: '扶贫车间', en: 'Workshops' }, component: placeholder({ zh: '扶贫车间', en: 'Workshops' }) },
  { key: 'import', label: { zh: '导入', en: 'Import' }, component: placeholder({ zh: '导入', en: 'Import' }) },
  { key: 'reports', label: { zh: '报表', en: 'Reports' }, component: placeholder({ zh: '报表', en: 'Reports' }) },
  { key: 'checks', label: { zh: '检查', en: 'Checks' }, component: placeholder({ zh: '检查', en: 'Checks' }) },
  { key: 'backups', label: { zh: '备份', en: 'Backups' }, component: BackupsPage },
]
