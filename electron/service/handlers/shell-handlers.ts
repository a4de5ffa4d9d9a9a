/**
 * The shell methods as the service alone answers them: no native dialogs, no printing to PDF. This is
 * what the browser shell (and the CLI, and tests) get; the Electron shell replaces these handlers with
 * its main-process ones through AppService.provideShell, so all of them still cross the one channel.
 */
import { appError } from '../../../shared/api/errors.ts'
import type { Handlers } from '../service-context.ts'

export type ShellMethod = 'shell.capabilities' | 'shell.openDialog' | 'shell.saveDialog' | 'shell.printToPdf'

const notAvailable = (what: { zh: string; en: string }): never => {
  throw appError('NOT_AVAILABLE', `浏览器版没有${what.zh}；请直接输入文件路径，或使用浏览器的打印`, `Not available in the browser shell: ${what.en}; type the file path, or use the browser's print`)
}

export const shellHandlers: Handlers<ShellMethod> = {
  'shell.capabilities': () => ({ kind: 'browser', nativeDialogs: false, printToPdf: false }),
  'shell.openDialog': () => notAvailable({ zh: '系统的“打开文件”对话框', en: 'the system open-file dialog' }),
  'shell.saveDialog': () => notAvailable({ zh: '系统的“保存文件”对话框', en: 'the system save-file dialog' }),
  'shell.printToPdf': () => notAvailable({ zh: '“保存为 PDF”', en: 'save as PDF' }),
}
