/**
 * The Electron shell: one window and ONE IPC channel (anju:invoke) bound to the same service as the
 * browser shell. File dialogs and printToPDF are contract methods too (shell.*, zod-parsed), answered
 * by main-process handlers registered beside the service. Everything else lives in the service, which
 * runs without Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, session, shell, type IpcMainInvokeEvent } from 'electron'
import { join } from 'node:path'
import { IPC_EVENT, IPC_INVOKE } from '../../shared/ipc-channels.ts'
import { AppService, startupFailureLine } from '../service/app-service.ts'
import { electronShellHandlers } from './shell-handlers.ts'
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
  let service: AppService
  try {
    service = new AppService(planPath ? { planPath } : {})
  } catch (e) {
    dialog.showErrorBox('安居规划 Anju Planner', startupFailureLine(e))
    app.exit(1)
    return
  }

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

  service.provideShell(electronShellHandlers({ window: win, dialog, shell }))
  service.on((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(IPC_EVENT, event, payload)
  })

  ipcMain.handle(IPC_INVOKE, async (e, method: unknown, input: unknown) => {
    if (!trusted(e)) return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的调用', messageEn: 'Call from an unknown page refused' } }
    return service.invoke(String(method), input)
  })
  if (devUrl) await win.loadURL(devUrl)
  else await win.loadFile(join(rendererRoot, 'index.html'))
  app.on('window-all-closed', () => {
    service.close()
    app.quit()
  })
}

void main()
