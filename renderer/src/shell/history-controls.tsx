/**
 * Undo and redo: toolbar buttons and the keyboard (Ctrl+Z, Ctrl+Y, Ctrl+Shift+Z) over the service's
 * durable change log, so they work after sort, filter, refresh and restart.
 */
import { useCallback, useEffect, useState } from 'react'
import type { HistoryState } from '../../../shared/api/changes.ts'
import { call, on } from '../api/client.ts'
import { L, useI18n } from '../i18n.tsx'
import { useApp } from './app-state.tsx'

function isTextInput(el: Element | null): boolean {
  if (!el) return false
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true
  return (el as HTMLElement).isContentEditable === true
}

export function HistoryControls() {
  const app = useApp()
  const { t } = useI18n()
  const [state, setState] = useState<HistoryState | null>(null)
  const refresh = useCallback(() => {
    call('history.state', {}).then(setState, () => undefined)
  }, [])
  useEffect(() => {
    refresh()
    const a = on('plan.changed', refresh)
    const b = on('plan.opened', refresh)
    return () => {
      a()
      b()
    }
  }, [refresh])
  const undo = useCallback(() => {
    call('history.undo', {}).then((r) => app.toast('info', r.label), app.fail)
  }, [app])
  const redo = useCallback(() => {
    call('history.redo', {}).then((r) => app.toast('info', r.label), app.fail)
  }, [app])
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || isTextInput(document.activeElement)) return
      const k = e.key.toLowerCase()
      if (k === 'z' && !e.shiftKey) undo()
      else if (k === 'y' || (k === 'z' && e.shiftKey)) redo()
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [undo, redo])
  return (
    <div className="history-controls">
      <button type="button" data-testid="undo" disabled={!state?.canUndo} onClick={undo} title={state?.undoLabel ? t(state.undoLabel) : ''}>
        ↶ {t(L('撤销', 'Undo'))}
      </button>
      <button type="button" data-testid="redo" disabled={!state?.canRedo} onClick={redo} title={state?.redoLabel ? t(state.redoLabel) : ''}>
        ↷ {t(L('重做', 'Redo'))}
      </button>
    </div>
  )
}
