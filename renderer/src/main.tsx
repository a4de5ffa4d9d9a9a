/**
 * Renderer entry: providers, the county list for pickers, then the app shell.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { I18nProvider } from './i18n.tsx'
import { AppStateProvider } from './shell/app-state.tsx'
import { call, on } from './api/client.ts'
import { setCountyOptions } from './grid/county-editor.tsx'
import { GanttPrintPage } from './facilities/gantt-print-page.tsx'
import './styles.css'

const loadCounties = (): void => {
  call('regions.counties', {}).then(setCountyOptions, () => undefined)
}
loadCounties()
on('plan.opened', loadCounties)

// dedicated print routes render without the app shell
const printRoute = new URLSearchParams(location.hash.slice(1)).get('print')

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      {printRoute === 'facility-gantt' ? (
        <GanttPrintPage />
      ) : (
        <AppStateProvider>
          <App />
        </AppStateProvider>
      )}
    </I18nProvider>
  </StrictMode>,
)
