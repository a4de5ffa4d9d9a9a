/**
 * Electron hardening, checked without the Electron binary: the real main module is loaded against a
 * mocked `electron` that records what it is asked to do, and the real service answers the IPC calls.
 * Context isolation and the sandbox on, Node integration off, navigation and window.open denied,
 * permissions refused, the CSP on every response, and IPC only from our own renderer's frame.
 */
import { join } from 'node:path'
import { existsSync, readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { IPC_DIALOG, IPC_INVOKE, IPC_PRINT_PDF } from '../../shared/ipc-channels.ts'
import { Plan } from '../../electron/service/plan.ts'
import { CSP, isTrustedRendererUrl, SECURE_WEB_PREFERENCES } from '../../electron/main/window-security.ts'
import { tempDir } from '../support/temp.ts'

type Fn = (...args: unknown[]) => unknown
const rec = vi.hoisted(() => ({
  windowOptions: [] as Record<string, unknown>[],
  contentsHandlers: new Map<string, (...args: unknown[]) => unknown>(),
  windowOpen: null as null | ((d: { url: string }) => unknown),
  ipc: new Map<string, (...args: unknown[]) => unknown>(),
  headers: null as null | ((details: unknown, cb: (r: unknown) => void) => void),
  permission: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
  printed: 0,
  dialogs: 0,
  loaded: [] as string[],
}))

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      on: (event: string, fn: Fn) => rec.contentsHandlers.set(event, fn),
      setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (rec.windowOpen = fn),
      send: () => undefined,
      printToPDF: async () => {
        rec.printed++
        return Buffer.from('%PDF')
      },
    }
    constructor(opts: Record<string, unknown>) {
      rec.windowOptions.push(opts)
    }
    isDestroyed(): boolean {
      return false
    }
    async loadFile(f: string): Promise<void> {
      rec.loaded.push(f)
    }
    async loadURL(u: string): Promise<void> {
      rec.loaded.push(u)
    }
  }
  const electron = {
    app: { isPackaged: true, whenReady: async () => undefined, on: () => undefined, quit: () => undefined },
    BrowserWindow,
    dialog: {
      showOpenDialog: async () => {
        rec.dialogs++
        return { canceled: true, filePaths: [] }
      },
      showSaveDialog: async () => {
        rec.dialogs++
        return { canceled: true }
      },
    },
    ipcMain: { handle: (channel: string, fn: Fn) => rec.ipc.set(channel, fn) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: typeof rec.headers) => (rec.headers = fn) },
        setPermissionRequestHandler: (fn: typeof rec.permission) => (rec.permission = fn),
      },
    },
    shell: { showItemInFolder: () => undefined },
  }
  return { ...electron, default: electron }
})

const mainDir = join(import.meta.dirname, '..', '..', 'electron', 'main')
const rendererRoot = join(mainDir, '..', 'renderer')
const ownPage = pathToFileURL(join(rendererRoot, 'index.html')).href
const frame = (url: string | null) => ({ senderFrame: url === null ? null : { url } })

beforeAll(async () => {
  const plan = join(tempDir('anju-hardening-'), 'plan.anju')
  Plan.create(plan, '520000').close()
  process.env['ANJU_HOME'] = tempDir('anju-hardening-home-')
  process.argv.push('--plan', plan)
  await import('../../electron/main/index.ts')
  await vi.waitFor(() => expect(rec.loaded.length).toBe(1), { timeout: 20000 })
})

describe('Electron window', () => {
  it('opens one window with context isolation, the sandbox and no Node integration', () => {
    expect(rec.windowOptions).toHaveLength(1)
    const prefs = rec.windowOptions[0]!['webPreferences'] as Record<string, unknown>
    expect(prefs).toMatchObject(SECURE_WEB_PREFERENCES)
    expect(prefs['contextIsolation']).toBe(true)
    expect(prefs['sandbox']).toBe(true)
    expect(prefs['nodeIntegration']).toBe(false)
    expect(prefs['nodeIntegrationInSubFrames']).toBe(false)
    expect(prefs['webviewTag']).toBe(false)
    // a sandboxed preload must be one CommonJS file
    expect(String(prefs['preload'])).toMatch(/preload[\\/]index\.cjs$/)
    // the packaged app loads its own file, not a URL
    expect(rec.loaded[0]).toBe(join(rendererRoot, 'index.html'))
  })

  it('denies navigation, new windows, webviews and every permission request', async () => {
    let prevented = 0
    const event = { preventDefault: () => void prevented++ }
    rec.contentsHandlers.get('will-navigate')!(event, 'https://evil.example/')
    rec.contentsHandlers.get('will-attach-webview')!(event, {}, {})
    expect(prevented).toBe(2)
    expect(rec.windowOpen!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    const answers: boolean[] = []
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) rec.permission!({}, p, (ok) => answers.push(ok))
    expect(answers).toEqual([false, false, false, false, false])
  })

  it('puts the strict CSP on every response', () => {
    let out: { responseHeaders: Record<string, string[]> } | undefined
    rec.headers!({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (out = r as typeof out))
    expect(out!.responseHeaders['Content-Security-Policy']).toEqual([CSP])
    expect(out!.responseHeaders['X-Other']).toEqual(['1'])
  })

  it('answers IPC only from our own renderer frame, and parses every input', async () => {
    const invoke = rec.ipc.get(IPC_INVOKE)!
    const ok = (await invoke(frame(ownPage), 'plan.info', {})) as { ok: boolean; value?: { provinceCode: string } }
    expect(ok.ok).toBe(true)
    expect(ok.value?.provinceCode).toBe('520000')
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', `${pathToFileURL(rendererRoot).href}-evil/index.html`, 'about:blank', '', null]) {
      const r = (await invoke(frame(url), 'plan.info', {})) as { ok: boolean; error?: { code: string } }
      expect(r, String(url)).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) })
    }
    const bad = (await invoke(frame(ownPage), 'rows.update', { entity: 'site', edits: [{ id: 'DROP TABLE site', field: 'x', value: 1 }] })) as { ok: boolean; error?: { code: string } }
    expect(bad.error?.code).toBe('INVALID_INPUT')
    const unknown = (await invoke(frame(ownPage), 'fs.readFile', { path: '/etc/passwd' })) as { ok: boolean; error?: { code: string } }
    expect(unknown.error?.code).toBe('UNKNOWN_METHOD')
    // printing and dialogs too
    expect(await rec.ipc.get(IPC_PRINT_PDF)!(frame('https://evil.example/'), join(tempDir(), 'x.pdf'), true, 'A4')).toBe('')
    expect(await rec.ipc.get(IPC_DIALOG)!(frame('https://evil.example/'), { kind: 'open' })).toBeNull()
    expect(rec.printed).toBe(0)
    expect(rec.dialogs).toBe(0)
  })
})

describe('window security helpers', () => {
  it('trusts only files under the renderer folder, and the dev server by origin', () => {
    const root = '/opt/anju/out/renderer'
    expect(isTrustedRendererUrl('file:///opt/anju/out/renderer/index.html', root)).toBe(true)
    expect(isTrustedRendererUrl('file:///opt/anju/out/renderer-evil/index.html', root)).toBe(false)
    expect(isTrustedRendererUrl('file:///opt/anju/out/renderer/../../../etc/passwd', root)).toBe(false)
    expect(isTrustedRendererUrl('file:///tmp/x.html', root)).toBe(false)
    expect(isTrustedRendererUrl('https://evil.example/opt/anju/out/renderer/index.html', root)).toBe(false)
    expect(isTrustedRendererUrl('http://localhost:5173/', root, 'http://localhost:5173')).toBe(true)
    expect(isTrustedRendererUrl('http://localhost:5173.evil.example/', root, 'http://localhost:5173')).toBe(false)
    expect(isTrustedRendererUrl('http://localhost:5173@evil.example/', root, 'http://localhost:5173')).toBe(false)
    expect(isTrustedRendererUrl('not a url', root)).toBe(false)
  })

  it('has a strict CSP: own scripts only, no eval, no plugins, no framing', () => {
    const directives = new Map(CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]))
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(CSP).not.toContain('unsafe-eval')
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('connect-src')).toEqual(["'self'"])
  })

  it('the built renderer has no inline script the CSP would have to allow', () => {
    const html = join(import.meta.dirname, '..', '..', 'out', 'renderer', 'index.html')
    if (!existsSync(html)) return // built by `npm test` before the unit tests
    const text = readFileSync(html, 'utf8')
    for (const m of text.matchAll(/<script\b([^>]*)>([^]*?)<\/script>/g)) {
      expect(m[1]).toMatch(/\bsrc=/)
      expect(m[2]!.trim()).toBe('')
    }
  })
})
