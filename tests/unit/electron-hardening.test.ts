/**
 * Electron hardening, checked without the Electron binary: the real main module is loaded against a
 * mocked `electron` that records what it is asked to do, and the real service answers the IPC calls.
 * Context isolation and the sandbox on, Node integration off, navigation and window.open denied,
 * permissions refused, the CSP on every response, IPC only from our own renderer's frame, ONE invoke
 * channel (dialogs and printToPDF are zod-parsed shell.* methods on it), a preload exposing only
 * invoke and on, and printToPdf writing only where the user chose in a save dialog.
 */
import { join } from 'node:path'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { IPC_EVENT, IPC_INVOKE } from '../../shared/ipc-channels.ts'
import { AppService } from '../../electron/service/app-service.ts'
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
  /** what the next save / open dialog answers ('' = cancelled) */
  savePath: '',
  openPath: '',
  exposed: new Map<string, unknown>(),
  rendererInvokes: [] as unknown[][],
  rendererChannels: [] as string[],
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
        return rec.openPath ? { canceled: false, filePaths: [rec.openPath] } : { canceled: true, filePaths: [] }
      },
      showSaveDialog: async () => {
        rec.dialogs++
        return rec.savePath ? { canceled: false, filePath: rec.savePath } : { canceled: true }
      },
    },
    // the preload's side
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => rec.exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => void rec.rendererInvokes.push(args),
      on: (channel: string) => void rec.rendererChannels.push(channel),
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
  })
})

describe('one IPC channel', () => {
  const invoke = (url: string | null, method: string, input: unknown) => rec.ipc.get(IPC_INVOKE)!(frame(url), method, input) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; messageEn: string } }>

  it('the main process handles exactly one channel; dialogs and printing are contract methods on it', async () => {
    expect([...rec.ipc.keys()]).toEqual([IPC_INVOKE])
    expect(await invoke(ownPage, 'shell.capabilities', {})).toEqual({ ok: true, value: { kind: 'electron', nativeDialogs: true, printToPdf: true } })
    // from another page: refused before any dialog or print
    for (const method of ['shell.openDialog', 'shell.saveDialog', 'shell.printToPdf']) {
      const r = await invoke('https://evil.example/', method, { path: join(tempDir(), 'x.pdf'), landscape: true, pageSize: 'A4' })
      expect(r.error?.code, method).toBe('FORBIDDEN')
    }
    expect(rec.printed).toBe(0)
    expect(rec.dialogs).toBe(0)
    // inputs are zod-parsed like every method's
    expect((await invoke(ownPage, 'shell.printToPdf', { path: '/tmp/x.pdf', landscape: 'yes', pageSize: 'A0' })).error?.code).toBe('INVALID_INPUT')
    expect((await invoke(ownPage, 'shell.saveDialog', { filters: [{ name: 'x', extensions: ['../../etc'] }] })).error?.code).toBe('INVALID_INPUT')
    expect(rec.dialogs).toBe(0)
  })

  it('the dialogs answer with the user’s choice, or null when cancelled', async () => {
    rec.openPath = '/home/planner/贵州省规划.anju'
    expect(await invoke(ownPage, 'shell.openDialog', { title: '打开规划', filters: [{ name: '安居规划', extensions: ['anju'] }] })).toEqual({ ok: true, value: rec.openPath })
    rec.openPath = ''
    expect(await invoke(ownPage, 'shell.openDialog', {})).toEqual({ ok: true, value: null })
    rec.savePath = ''
    expect(await invoke(ownPage, 'shell.saveDialog', {})).toEqual({ ok: true, value: null })
  })

  it('printToPdf writes only to a .pdf the user chose in a save dialog, once per choice', async () => {
    const dir = tempDir('anju-pdf-')
    const chosen = join(dir, '汇总表.pdf')
    const printed = rec.printed
    // a path the renderer merely names is refused, and nothing is written
    for (const path of [chosen, join(dir, 'elsewhere.pdf'), '/etc/cron.d/evil']) {
      const r = await invoke(ownPage, 'shell.printToPdf', { path, landscape: true, pageSize: 'A4' })
      expect(r.error?.code, path).toBe('FORBIDDEN')
      expect(r.error?.messageEn).toMatch(/chose in the save dialog/)
    }
    expect(rec.printed).toBe(printed)
    expect(readdirSync(dir)).toEqual([])
    // chosen in the save dialog: written there
    rec.savePath = chosen
    expect(await invoke(ownPage, 'shell.saveDialog', { defaultPath: '汇总表.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] })).toEqual({ ok: true, value: chosen })
    expect(await invoke(ownPage, 'shell.printToPdf', { path: chosen, landscape: true, pageSize: 'A3' })).toEqual({ ok: true, value: chosen })
    expect(readFileSync(chosen).toString()).toBe('%PDF')
    // the choice is used up: a second write needs a second choice
    expect((await invoke(ownPage, 'shell.printToPdf', { path: chosen, landscape: true, pageSize: 'A3' })).error?.code).toBe('FORBIDDEN')
    // a save-dialog choice that is not a .pdf (an Excel export's) cannot receive a PDF
    const xlsx = join(dir, '数据.xlsx')
    rec.savePath = xlsx
    await invoke(ownPage, 'shell.saveDialog', {})
    expect((await invoke(ownPage, 'shell.printToPdf', { path: xlsx, landscape: true, pageSize: 'A4' })).error?.code).toBe('FORBIDDEN')
    expect(existsSync(xlsx)).toBe(false)
    rec.savePath = ''
  })

  it('the preload exposes only invoke and on, over the invoke and event channels', async () => {
    await import('../../electron/preload/index.ts')
    expect([...rec.exposed.keys()]).toEqual(['anju'])
    const api = rec.exposed.get('anju') as Record<string, (...a: unknown[]) => unknown>
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on'])
    await api['invoke']!('shell.saveDialog', {})
    expect(rec.rendererInvokes).toEqual([[IPC_INVOKE, 'shell.saveDialog', {}]])
    expect(rec.rendererChannels).toEqual([IPC_EVENT])
  })

  it('the browser shell has no dialogs or printing: its capability list says so and the methods refuse clearly', async () => {
    const dir = tempDir()
    const plan = join(dir, 'p.anju')
    Plan.create(plan, '520000').close()
    const service = new AppService({ planPath: plan, appDir: dir })
    expect(await service.invoke('shell.capabilities', {})).toEqual({ ok: true, value: { kind: 'browser', nativeDialogs: false, printToPdf: false } })
    for (const [method, input] of [
      ['shell.openDialog', {}],
      ['shell.saveDialog', {}],
      ['shell.printToPdf', { path: join(dir, 'x.pdf'), landscape: true, pageSize: 'A4' }],
    ] as const) {
      const r = await service.invoke(method, input)
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.error.code).toBe('NOT_AVAILABLE')
        expect(r.error.messageEn).toMatch(/Not available in the browser shell/)
        expect(r.error.message).toMatch(/浏览器版没有/)
      }
    }
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false)
    service.close()
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
