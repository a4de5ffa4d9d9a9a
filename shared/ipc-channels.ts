/**
 * IPC channel names of the Electron shell: one channel for every contract method (dialogs and
 * printing included, as shell.* methods) and one for events. A file with no imports, so the sandboxed
 * preload bundles it alone.
 */
export const IPC_INVOKE = 'anju:invoke'
export const IPC_EVENT = 'anju:event'
