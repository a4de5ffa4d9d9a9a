/**
 * The preload of the Electron shell: exposes exactly invoke (every contract method, dialogs and
 * printing included, over the one channel) and on (events) through contextBridge. Bundled as one
 * CommonJS file so the window can run sandboxed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { IPC_EVENT, IPC_INVOKE } from '../../shared/ipc-channels.ts'

type Listener = (payload: unknown) => void
const listeners = new Map<string, Set<Listener>>()

ipcRenderer.on(IPC_EVENT, (_e: IpcRendererEvent, name: string, payload: unknown) => {
  for (const l of listeners.get(name) ?? []) l(payload)
})

contextBridge.exposeInMainWorld('anju', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_INVOKE, method, input),
  on: (event: string, listener: Listener): (() => void) => {
    let set = listeners.get(event)
    if (!set) listeners.set(event, (set = new Set()))
    set.add(listener)
    return () => set.delete(listener)
  },
})
