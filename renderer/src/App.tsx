/**
 * The app shell: title bar with the plan, undo/redo and language switch; navigation; the region
 * tree; the current page; toasts.
 */
import { Suspense, useState } from 'react'
import { PAGES } from './pages/index.tsx'
import { L, useI18n } from './i18n.tsx'
import { useApp } from './shell/app-state.tsx'
import { ErrorBoundary } from './shell/error-boundary.tsx'
import { HistoryControls } from './shell/history-controls.tsx'
import { PlanMenu } from './shell/plan-menu.tsx'
import { RegionTree } from './shell/region-tree.tsx'

export function App() {
  const app = useApp()
  const { t, locale, setLocale } = useI18n()
  const [menu, setMenu] = useState(false)
  const page = PAGES.find((p) => p.key === app.page) ?? PAGES[1]!
  const Page = page.component
  return (
    <div className="app">
      <header className="titlebar">
        <span className="brand">{t(L('安居规划', 'Anju Planner'))}</span>
        <button type="button" className="plan-button" onClick={() => setMenu(true)} data-testid="plan-menu" title={app.plan?.readOnlyReason ? t(app.plan.readOnlyReason) : undefined}>
          {app.plan ? app.plan.title : '…'}
          {app.plan?.readOnly ? t(L('（只读）', ' (read-only)')) : ''} ▾
        </button>
        <nav className="pages">
          {PAGES.map((p) => (
            <button key={p.key} type="button" className={p.key === app.page ? 'active' : ''} onClick={() => app.setPage(p.key)} data-testid={`nav-${p.key}`}>
              {t(p.label)}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <HistoryControls />
        <button type="button" className="locale" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')} data-testid="locale">
          {locale === 'zh' ? 'EN' : '中文'}
        </button>
      </header>
      <div className="body">
        <aside className="sidebar">
          <ErrorBoundary what={{ zh: '区划树', en: 'The region tree' }} resetKey={String(app.planVersion)}>
            <RegionTree />
          </ErrorBoundary>
        </aside>
        <main className="page" data-page={app.page}>
          {/* a page that breaks leaves the title bar (and its plan menu) working */}
          <ErrorBoundary what={{ zh: '此页面', en: 'This page' }} resetKey={`${app.page}:${app.planVersion}`}>
            <Suspense fallback={<div className="page-loading">{t(L('加载中…', 'Loading…'))}</div>}>
              <Page />
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
      <div className="toasts" aria-live="polite">
        {app.toasts.map((m) => (
          <div key={m.id} className={`toast ${m.kind}`} role={m.kind === 'error' ? 'alert' : 'status'}>
            {t(m.text)}
          </div>
        ))}
      </div>
      {menu && <PlanMenu onClose={() => setMenu(false)} />}
    </div>
  )
}
