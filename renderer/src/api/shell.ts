/**
 * What the shell around the renderer offers — native file dialogs and printing to PDF in Electron,
 * neither in the browser shell — asked once through the contract (shell.capabilities), plus the
 * dialog calls themselves. Everything goes through call(), over the one channel.
 */
import { useEffect, useState } from 'react'
import type { DialogOptions, ShellCapabilities } from '../../../shared/api/shell-api.ts'
import { call } from './client.ts'

const BROWSER: ShellCapabilities = { kind: 'browser', nativeDialogs: false, printToPdf: false }
let asked: Promise<ShellCapabilities> | null = null
let known: ShellCapabilities | null = null

/** The shell's capabilities (a service that cannot say has none). */
export function shellCapabilities(): Promise<ShellCapabilities> {
  asked ??= call('shell.capabilities', {}).then(
    (c) => (known = c),
    () => (known = BROWSER),
  )
  return asked
}

/** The capabilities for rendering: null until known (then the browser shell's controls show). */
export function useShellCapabilities(): ShellCapabilities | null {
  const [caps, setCaps] = useState<ShellCapabilities | null>(known)
  useEffect(() => {
    let live = true
    void shellCapabilities().then((c) => live && setCaps(c))
    return () => {
      live = false
    }
  }, [])
  return caps
}

/** The native open dialog: the chosen path, or null when cancelled. */
export function openDialog(opts: DialogOptions): Promise<string | null> {
  return call('shell.openDialog', opts)
}

/** The native save dialog: the chosen path, or null when cancelled. */
export function saveDialog(opts: DialogOptions): Promise<string | null> {
  return call('shell.saveDialog', opts)
}

/** The file filter of plan files in the dialogs. */
export const PLAN_FILTER = { name: '安居规划 Anju plan', extensions: ['anju'] }
