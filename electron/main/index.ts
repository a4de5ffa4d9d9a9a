/**
 * The Electron shell: one window, one IPC channel bound to the same service as the browser shell,
 * file dialogs and printToPDF. Everything else lives in the service, which runs without Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, session, shell, type IpcMainInvokeEvent } from 'electron'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { IPC_DIALOG, IPC_EVENT, IPC_INVOKE, IPC_PRINT_PDF, type DialogRequest } from '../../shared/ipc-channels.ts'
import { AppService } from '../service/app-service.ts'
import { CSP, isTrustedRendererUrl } from './window-security.ts'

const here = import.meta.dirname
const rendererRoot = join(here, '../renderer')
const devUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined

function planArg(): string | undefined {
  const i = process.argv.indexOf('--plan')
  return i >= 0 ? process.argv[i + 1] : undefined
}

function trusted(e: IpcMainInvokeEvent): boolean {
  const url = e.senderFrame?.url ?? ''
  return isTrustedRendererUrl(url, rendererRoot, devUrl)
}

async function main(): Promise<void> {
  await app.whenReady()
  const planPath = planArg()
  const service = new AppService(planPath ? { planPath } : {})

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))

  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    title: '安居规划 Anju Planner',
    // written out literally (not spread) so static scanners (electronegativity) see each setting; a
    // unit test checks they equal SECURE_WEB_PREFERENCES
    webPreferences: {
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
      disableBlinkFeatures: 'Auxclick',
      preload: join(here, '../preload/index.cjs'),
    },
  })
  win.webContents.on('will-navigate', (e) => e.preventDefault())
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  win.webContents.on('will-attach-webview', (e) => e.preventDefault())

  service.on((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT, event, payload)
  })

  ipcMain.handle(IPC_INVOKE, async (e, method: unknown, input: unknown) => {
    if (!trusted(e)) return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的调用', messageEn: 'Call from an unknown page refused' } }
    return service.invoke(String(method), input)
  })
  ipcMain.handle(IPC_DIALOG, async (e, req: DialogRequest) => {
    if (!trusted(e)) return null
    const opts = { title: req.title ?? '', defaultPath: req.defaultPath ?? '', filters: req.filters ?? [] }
    if (req.kind === 'open') {
      const r = await dialog.showOpenDialog(win, { ...opts, properties: ['openFile'] })
      return r.canceled ? null : (r.filePaths[0] ?? null)
    }
    const r = await dialog.showSaveDialog(win, opts)
    return r.canceled ? null : (r.filePath ?? null)
  })
  ipcMain.handle(IPC_PRINT_PDF, async (e, path: string, landscape: boolean, pageSize: 'A4' | 'A3', footerTemplate?: unknown) => {
    if (!trusted(e)) return ''
    // a footer template (第 X 页 共 Y 页 from the reports page) turns on Chromium's header/footer band
    const footer = typeof footerTemplate === 'string' && footerTemplate.length < 20000 ? footerTemplate : null
    const pdf = await win.webContents.printToPDF({
      landscape,
      pageSize,
      printBackground: true,
      preferCSSPageSize: true,
      ...(footer ? { displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footer } : {}),
    })
    writeFileSync(path, pdf)
    void shell.showItemInFolder(path)
    return path
  })

  if (devUrl) await win.loadURL(devUrl)
  else await win.loadFile(join(rendererRoot, 'index.html'))
  app.on('window-all-closed', () => {
    service.close()
    app.quit()
  })
}

void main()
