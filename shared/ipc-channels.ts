/**
 * IPC channel names of the Electron shell. A file with no imports, so the sandboxed preload bundles it alone.
 */
export const IPC_INVOKE = 'anju:invoke'
export const IPC_EVENT = 'anju:event'
export const IPC_DIALOG = 'anju:dialog'
export const IPC_PRINT_PDF = 'anju:print-pdf'

export interface DialogRequest {
  kind: 'open' | 'save'
  title?: string
  defaultPath?: string
  filters?: { name: string; extensions: string[] }[]
}
