/**
 * Save as PDF in Electron, without the Electron binary: the real main module against a mocked
 * `electron` that records the printToPDF options. The reports page's footer template (第 X 页 共 Y 页)
 * must reach Chromium with the header/footer band on, and the PDF must land at the path chosen in the
 * save dialog (shell.saveDialog, then shell.printToPdf, both over the one invoke channel).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, expect, it, vi } from 'vitest'
import { IPC_INVOKE } from '../../shared/ipc-channels.ts'
import { Plan } from '../../electron/service/plan.ts'
import { tempDir } from '../support/temp.ts'

type Fn = (...args: unknown[]) => unknown
const rec = vi.hoisted(() => ({ ipc: new Map<string, (...args: unknown[]) => unknown>(), printOptions: [] as Record<string, unknown>[], loaded: 0, savePath: '' }))

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      on: () => undefined,
      setWindowOpenHandler: () => undefined,
      send: () => undefined,
      printToPDF: async (opts: Record<string, unknown>) => {
        rec.printOptions.push(opts)
        return Buffer.from('%PDF-1.4 test')
      },
    }
    isDestroyed(): boolean {
      return false
    }
    async loadFile(): Promise<void> {
      rec.loaded++
    }
    async loadURL(): Promise<void> {
      rec.loaded++
    }
  }
  const electron = {
    app: { isPackaged: true, whenReady: async () => undefined, on: () => undefined, quit: () => undefined },
    BrowserWindow,
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: false, filePath: rec.savePath }) },
    ipcMain: { handle: (channel: string, fn: Fn) => rec.ipc.set(channel, fn) },
    session: { defaultSession: { webRequest: { onHeadersReceived: () => undefined }, setPermissionRequestHandler: () => undefined } },
    shell: { showItemInFolder: () => undefined },
  }
  return { ...electron, default: electron }
})

const ownPage = pathToFileURL(join(import.meta.dirname, '..', '..', 'electron', 'renderer', 'index.html')).href

beforeAll(async () => {
  const plan = join(tempDir('anju-print-'), 'plan.anju')
  Plan.create(plan, '520000').close()
  process.env['ANJU_HOME'] = tempDir('anju-print-home-')
  process.argv.push('--plan', plan)
  await import('../../electron/main/index.ts')
  await vi.waitFor(() => expect(rec.loaded).toBe(1), { timeout: 20000 })
})

const invoke = (method: string, input: unknown) => rec.ipc.get(IPC_INVOKE)!({ senderFrame: { url: ownPage } }, method, input) as Promise<{ ok: boolean; value?: unknown }>

it('prints to PDF with the footer template for page numbers, on the chosen paper', async () => {
  const path = join(tempDir('anju-print-out-'), 'register.pdf')
  rec.savePath = path
  expect(await invoke('shell.saveDialog', { title: '保存为 PDF', filters: [{ name: 'PDF', extensions: ['pdf'] }] })).toEqual({ ok: true, value: path })
  const footer = '<div>第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>'
  expect(await invoke('shell.printToPdf', { path, landscape: true, pageSize: 'A3', footerTemplate: footer })).toEqual({ ok: true, value: path })
  expect(existsSync(path) && readFileSync(path).toString().startsWith('%PDF')).toBe(true)
  expect(rec.printOptions.at(-1)).toMatchObject({ landscape: true, pageSize: 'A3', preferCSSPageSize: true, displayHeaderFooter: true, footerTemplate: footer })
  // without a template (older callers) no header/footer band is drawn
  await invoke('shell.saveDialog', {})
  expect((await invoke('shell.printToPdf', { path, landscape: false, pageSize: 'A4' })).ok).toBe(true)
  expect(rec.printOptions.at(-1)).not.toHaveProperty('displayHeaderFooter')
})
