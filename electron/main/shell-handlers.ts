/**
 * The Electron shell's answers to the shell.* contract methods: native open/save dialogs and
 * printToPDF of the window. They are registered beside the service (AppService.provideShell), so they
 * cross the one IPC channel and their inputs are zod-parsed like every other method's.
 * printToPdf writes only to a path the user chose in a save dialog in this session — each choice
 * allows one PDF there — never to a path the renderer merely names.
 */
import type { BrowserWindow, Dialog, Shell } from 'electron'
import { writeFileSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import { appError } from '../../shared/api/errors.ts'
import type { ShellMethod } from '../service/handlers/shell-handlers.ts'
import type { Handlers } from '../service/service-context.ts'

export interface ElectronShellDeps {
  window: Pick<BrowserWindow, 'webContents'> & BrowserWindow
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>
  shell: Pick<Shell, 'showItemInFolder'>
  writeFile?: (path: string, data: Buffer) => void
}

/** the longest footer template passed on to Chromium */
const MAX_FOOTER = 20000

export function electronShellHandlers(deps: ElectronShellDeps): Handlers<ShellMethod> {
  /** save-dialog choices not yet written to (resolved paths) */
  const approved = new Set<string>()
  const write = deps.writeFile ?? ((p: string, d: Buffer) => writeFileSync(p, d))
  const options = (i: { title?: string | undefined; defaultPath?: string | undefined; filters?: { name: string; extensions: string[] }[] | undefined }) => ({
    title: i.title ?? '',
    defaultPath: i.defaultPath ?? '',
    filters: i.filters ?? [],
  })
  return {
    'shell.capabilities': () => ({ kind: 'electron', nativeDialogs: true, printToPdf: true }),
    'shell.openDialog': async (input) => {
      const r = await deps.dialog.showOpenDialog(deps.window, { ...options(input), properties: ['openFile'] })
      return r.canceled ? null : (r.filePaths[0] ?? null)
    },
    'shell.saveDialog': async (input) => {
      const r = await deps.dialog.showSaveDialog(deps.window, options(input))
      if (r.canceled || !r.filePath) return null
      approved.add(resolve(r.filePath))
      return r.filePath
    },
    'shell.printToPdf': async ({ path, landscape, pageSize, footerTemplate }) => {
      const target = resolve(path)
      if (!approved.has(target) || extname(target).toLowerCase() !== '.pdf')
        throw appError(
          'FORBIDDEN',
          `只能把 PDF 保存到您在“保存”对话框中选择的 .pdf 文件；“${path}”未经选择`,
          `A PDF is saved only to a .pdf file you chose in the save dialog; "${path}" was not chosen`,
        )
      approved.delete(target)
      // a footer template (第 X 页 共 Y 页 from the reports page) turns on Chromium's header/footer band
      const footer = footerTemplate && footerTemplate.length <= MAX_FOOTER ? footerTemplate : null
      const pdf = await deps.window.webContents.printToPDF({
        landscape,
        pageSize,
        printBackground: true,
        preferCSSPageSize: true,
        ...(footer ? { displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footer } : {}),
      })
      write(target, pdf)
      deps.shell.showItemInFolder(target)
      return target
    },
  }
}
