/**
 * Hardening of the Electron window, kept as plain data and small functions so tests can check them
 * without the Electron binary: webPreferences, the CSP header, which URLs are our own renderer.
 */
import { CSP } from '../web/csp.ts'

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
  /** middle-click would open links in new windows */
  disableBlinkFeatures: 'Auxclick',
} as const

export { CSP }

/**
 * Only our own renderer may call the API: a file under the packaged renderer folder (a path boundary,
 * not a string prefix: `renderer-evil/` is not `renderer/`), or the dev server compared by origin.
 */
export function isTrustedRendererUrl(url: string, rendererRoot: string, devUrl?: string): boolean {
  try {
    const u = new URL(url)
    if (devUrl) {
      const dev = new URL(devUrl)
      if ((u.protocol === 'http:' || u.protocol === 'https:') && u.origin === dev.origin && u.username === '' && u.password === '') return true
    }
    if (u.protocol !== 'file:' || (u.host !== '' && u.host !== 'localhost')) return false
    const root = rendererRoot.replace(/[\\/]+$/, '').replace(/\\/g, '/')
    const path = decodeURIComponent(u.pathname).replace(/\\/g, '/')
    return path.startsWith(`${root}/`) || path.replace(/^\/([A-Za-z]:)/, '$1').startsWith(`${root}/`)
  } catch {
    return false
  }
}
