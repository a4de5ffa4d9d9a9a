/**
 * What the shell around the app offers besides the service: native file dialogs and printing to PDF.
 * They cross the one API channel like every other method, so their inputs are zod-parsed too. The
 * Electron shell implements them in its main process; the browser shell has neither (its capability
 * list says so, and the methods answer NOT_AVAILABLE), so the renderer types paths and uses
 * window.print() there. printToPdf writes only to a path the user chose in a save dialog this session.
 */
import { z } from 'zod'
import { method } from './define.ts'

export interface ShellCapabilities {
  kind: 'electron' | 'browser'
  /** shell.openDialog / shell.saveDialog answer with the user's choice */
  nativeDialogs: boolean
  /** shell.printToPdf renders the window as a PDF */
  printToPdf: boolean
}

const FileFilterSchema = z.object({
  name: z.string().max(100),
  extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/)).min(1).max(20),
})

const DialogSchema = z.object({
  title: z.string().max(200).optional(),
  defaultPath: z.string().max(4096).optional(),
  filters: z.array(FileFilterSchema).max(20).optional(),
})
export type DialogOptions = z.input<typeof DialogSchema>

export const PAGE_SIZES = ['A4', 'A3'] as const

export const shellApi = {
  'shell.capabilities': method(z.object({}))<ShellCapabilities>(),
  /** the file the user chose, or null when they cancelled */
  'shell.openDialog': method(DialogSchema)<string | null>(),
  /** where the user chose to save, or null when they cancelled */
  'shell.saveDialog': method(DialogSchema)<string | null>(),
  /** print the window to a PDF at a path chosen in shell.saveDialog; returns that path */
  'shell.printToPdf': method(
    z.object({
      path: z.string().min(1).max(4096),
      landscape: z.boolean(),
      pageSize: z.enum(PAGE_SIZES),
      /** Chromium's footer template (第 X 页 共 Y 页) */
      footerTemplate: z.string().max(20000).optional(),
    }),
  )<string>(),
} as const
