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

/** Only our own renderer may call the API: the packaged file:// page or the dev server. */
export function isTrustedRendererUrl(url: string, rendererRoot: string, devUrl?: string): boolean {
  if (devUrl && url.startsWith(devUrl)) return true
  try {
    const u = new URL(url)
    if (u.protocol !== 'file:') return false
    return decodeURIComponent(u.pathname).startsWith(rendererRoot)
  } catch {
    return false
  }
}
