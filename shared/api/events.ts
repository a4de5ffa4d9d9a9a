/**
 * Events pushed from the service to the renderer (IPC in Electron, server-sent events in the browser shell).
 */
import type { PlanInfo } from './plan-api.ts'
import type { ChangeResult } from './changes.ts'

export interface ProgressEvent {
  taskId: string
  label: { zh: string; en: string }
  done: number
  total: number
  finished?: boolean
}

export interface ApiEvents {
  /** rows changed (an edit, undo, redo, import...) */
  'plan.changed': ChangeResult
  /** another plan was opened, or settings changed: reload everything */
  'plan.opened': PlanInfo
  progress: ProgressEvent
}

export type ApiEventName = keyof ApiEvents
