/**
 * What a mutation reports back: the change set it made and the rows it touched, so a grid can apply
 * the change without reloading.
 */
import type { EntityKey, EntityRow, FieldValue, Label } from '../dictionary/types.ts'

export interface AffectedRows {
  upserted: EntityRow[]
  deleted: number[]
}

export interface ChangeResult {
  /** the change set written (null when nothing changed) */
  setId: number | null
  label: Label
  affected: Partial<Record<EntityKey, AffectedRows>>
  /** too many rows to send: the client reloads its view */
  reload?: boolean
  /**
   * per entity, the fields changed when the action only updated its rows (absent when rows were
   * inserted or deleted): views that read a few fields can skip changes that cannot concern them
   */
  changedFields?: Partial<Record<EntityKey, string[]>>
  /** auxiliary tables the change wrote besides entity rows ('setting': plan settings changed, views reload) */
  tables?: string[]
}

export interface HistoryState {
  canUndo: boolean
  canRedo: boolean
  undoLabel: Label | null
  redoLabel: Label | null
  /** change sets in the log */
  steps: number
}

export interface CellHistoryEntry {
  setId: number
  at: string
  label: Label
  kind: string
  op: 'insert' | 'update' | 'delete'
  oldValue: FieldValue
  newValue: FieldValue
  state: 'done' | 'undone'
  batch: { id: number; fileName: string; importedAt: string } | null
}
