/**
 * The change log: change sets (one per user action) and their row-level changes. Undo and redo replay
 * it, cell history reads it, import rollback finds a batch's changes in it.
 */
import type Database from 'better-sqlite3'
import type { EntityKey, FieldValue, Label } from '../../../shared/dictionary/types.ts'

export type ChangeOp = 'insert' | 'update' | 'delete'

export interface ChangeRecord {
  entity: EntityKey
  rowId: number
  op: ChangeOp
  field: string | null
  oldValue: unknown
  newValue: unknown
}

export interface ChangeSetRecord {
  id: number
  kind: string
  label: Label
  createdAt: string
  state: 'done' | 'undone'
  batchId: number | null
}

interface ChangeSetRow {
  id: number
  kind: string
  label_zh: string
  label_en: string
  created_at: string
  state: 'done' | 'undone'
  batch_id: number | null
}

const toSet = (r: ChangeSetRow): ChangeSetRecord => ({
  id: r.id,
  kind: r.kind,
  label: { zh: r.label_zh, en: r.label_en },
  createdAt: r.created_at,
  state: r.state,
  batchId: r.batch_id,
})

const enc = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v))
const dec = (v: string | null): unknown => (v === null ? null : JSON.parse(v))

export class ChangeLogRepository {
  private readonly db: Database.Database
  private readonly insertSet: Database.Statement
  private readonly insertChange: Database.Statement
  constructor(db: Database.Database) {
    this.db = db
    this.insertSet = db.prepare(`INSERT INTO change_set (kind, label_zh, label_en, created_at, batch_id) VALUES (?, ?, ?, ?, ?)`)
    this.insertChange = db.prepare(`INSERT INTO change (set_id, entity, row_id, op, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?)`)
  }

  createSet(kind: string, label: Label, batchId: number | null = null): number {
    return Number(this.insertSet.run(kind, label.zh, label.en, new Date().toISOString(), batchId).lastInsertRowid)
  }

  setBatch(setId: number, batchId: number): void {
    this.db.prepare(`UPDATE change_set SET batch_id = ? WHERE id = ?`).run(batchId, setId)
  }

  addChange(setId: number, c: ChangeRecord): void {
    this.insertChange.run(setId, c.entity, c.rowId, c.op, c.field, enc(c.oldValue), enc(c.newValue))
  }

  /** Import batches follow the state of their change set (undone: rolled back). */
  markBatches(ids: readonly number[], state: 'committed' | 'rolled_back'): void {
    const stmt = this.db.prepare(`UPDATE import_batch SET state = ? WHERE id = ?`)
    for (const id of ids) stmt.run(state, id)
  }

  deleteSet(setId: number): void {
    this.db.prepare(`DELETE FROM change WHERE set_id = ?`).run(setId)
    this.db.prepare(`DELETE FROM change_set WHERE id = ?`).run(setId)
  }

  /** Forget the redo stack: a new action after undo discards the undone sets. Returns their batch ids. */
  discardUndone(): number[] {
    const batches = (this.db.prepare(`SELECT batch_id FROM change_set WHERE state = 'undone' AND batch_id IS NOT NULL`).all() as { batch_id: number }[]).map((r) => r.batch_id)
    this.db.prepare(`DELETE FROM change WHERE set_id IN (SELECT id FROM change_set WHERE state = 'undone')`).run()
    this.db.prepare(`DELETE FROM change_set WHERE state = 'undone'`).run()
    return batches
  }

  lastDone(): ChangeSetRecord | undefined {
    const r = this.db.prepare(`SELECT * FROM change_set WHERE state = 'done' ORDER BY id DESC LIMIT 1`).get() as ChangeSetRow | undefined
    return r ? toSet(r) : undefined
  }

  firstUndone(): ChangeSetRecord | undefined {
    const r = this.db.prepare(`SELECT * FROM change_set WHERE state = 'undone' ORDER BY id ASC LIMIT 1`).get() as ChangeSetRow | undefined
    return r ? toSet(r) : undefined
  }

  getSet(id: number): ChangeSetRecord | undefined {
    const r = this.db.prepare(`SELECT * FROM change_set WHERE id = ?`).get(id) as ChangeSetRow | undefined
    return r ? toSet(r) : undefined
  }

  markState(setId: number, state: 'done' | 'undone'): void {
    this.db.prepare(`UPDATE change_set SET state = ? WHERE id = ?`).run(state, setId)
  }

  changesOf(setId: number): ChangeRecord[] {
    const rows = this.db.prepare(`SELECT entity, row_id, op, field, old_value, new_value FROM change WHERE set_id = ? ORDER BY id`).all(setId) as {
      entity: EntityKey
      row_id: number
      op: ChangeOp
      field: string | null
      old_value: string | null
      new_value: string | null
    }[]
    return rows.map((r) => ({ entity: r.entity, rowId: r.row_id, op: r.op, field: r.field, oldValue: dec(r.old_value), newValue: dec(r.new_value) }))
  }

  countSets(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM change_set`).get() as { n: number }).n
  }

  /** Every change that touched one cell (updates of the field, and the row's insert and delete), newest first. */
  cellHistory(entity: EntityKey, rowId: number, field: string): {
    setId: number; at: string; label: Label; kind: string; op: ChangeOp; oldValue: FieldValue; newValue: FieldValue; state: 'done' | 'undone'
    batchId: number | null; fileName: string | null; importedAt: string | null
  }[] {
    const rows = this.db
      .prepare(
        `SELECT c.op, c.field, c.old_value, c.new_value, s.id AS set_id, s.created_at, s.label_zh, s.label_en, s.kind, s.state, s.batch_id, b.file_name, b.imported_at
         FROM change c JOIN change_set s ON s.id = c.set_id LEFT JOIN import_batch b ON b.id = s.batch_id
         WHERE c.entity = ? AND c.row_id = ? AND (c.field = ? OR c.field IS NULL)
         ORDER BY c.id DESC LIMIT 500`,
      )
      .all(entity, rowId, field) as {
      op: ChangeOp; field: string | null; old_value: string | null; new_value: string | null; set_id: number; created_at: string; label_zh: string; label_en: string
      kind: string; state: 'done' | 'undone'; batch_id: number | null; file_name: string | null; imported_at: string | null
    }[]
    return rows.map((r) => {
      const oldV = dec(r.old_value)
      const newV = dec(r.new_value)
      const pick = (v: unknown): FieldValue => (r.field === null && v && typeof v === 'object' ? ((v as Record<string, FieldValue>)[field] ?? null) : (v as FieldValue))
      return {
        setId: r.set_id, at: r.created_at, label: { zh: r.label_zh, en: r.label_en }, kind: r.kind, op: r.op,
        oldValue: pick(oldV), newValue: pick(newV), state: r.state, batchId: r.batch_id, fileName: r.file_name, importedAt: r.imported_at,
      }
    })
  }
}
