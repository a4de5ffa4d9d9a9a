/**
 * Import batches: one row per committed import (file name, SHA-256, sheet, time, counts). A batch's
 * state follows its change set (undone: rolled back) and any later rollback action, whose change-set
 * kind is `import-rollback:ID`, so undo and redo of either keep the history page right.
 */
import type Database from 'better-sqlite3'
import type { ImportBatchInfo, ImportSummary } from '../../../shared/api/import-api.ts'

interface BatchRow {
  id: number
  file_name: string
  sha256: string
  sheet: string | null
  entity: string
  imported_at: string
  counts: string
  set_state: 'done' | 'undone' | null
  rolled_back: number
}

export const rollbackKind = (batchId: number): string => `import-rollback:${batchId}`

const SELECT = `SELECT b.id, b.file_name, b.sha256, b.sheet, b.entity, b.imported_at, b.counts,
  (SELECT s.state FROM change_set s WHERE s.batch_id = b.id ORDER BY s.id LIMIT 1) AS set_state,
  (SELECT COUNT(*) FROM change_set r WHERE r.kind = 'import-rollback:' || b.id AND r.state = 'done') AS rolled_back
  FROM import_batch b`

function toInfo(r: BatchRow): ImportBatchInfo {
  const counts = JSON.parse(r.counts) as ImportSummary
  const committed = r.set_state === 'done' && r.rolled_back === 0
  return { id: r.id, fileName: r.file_name, sha256: r.sha256, sheet: r.sheet, entity: r.entity, importedAt: r.imported_at, counts, state: committed ? 'committed' : 'rolled_back' }
}

export class ImportBatchRepository {
  private readonly db: Database.Database
  constructor(db: Database.Database) {
    this.db = db
  }

  create(b: { fileName: string; sha256: string; sheet: string | null; entity: string; counts: ImportSummary }): number {
    const info = this.db
      .prepare(`INSERT INTO import_batch (file_name, sha256, sheet, entity, imported_at, counts, state) VALUES (?, ?, ?, ?, ?, ?, 'committed')`)
      .run(b.fileName, b.sha256, b.sheet, b.entity, new Date().toISOString(), JSON.stringify(b.counts))
    return Number(info.lastInsertRowid)
  }

  list(): ImportBatchInfo[] {
    return (this.db.prepare(`${SELECT} ORDER BY b.id DESC LIMIT 500`).all() as BatchRow[]).map(toInfo)
  }

  get(id: number): ImportBatchInfo | undefined {
    const r = this.db.prepare(`${SELECT} WHERE b.id = ?`).get(id) as BatchRow | undefined
    return r ? toInfo(r) : undefined
  }

  /** The most recent batch still in force that imported a file with this content. */
  committedWithSha(sha256: string): ImportBatchInfo | undefined {
    return (this.db.prepare(`${SELECT} WHERE b.sha256 = ? ORDER BY b.id DESC`).all(sha256) as BatchRow[]).map(toInfo).find((b) => b.state === 'committed')
  }

  /** The change set that wrote the batch. */
  changeSetOf(batchId: number): { id: number; state: 'done' | 'undone' } | undefined {
    return this.db.prepare(`SELECT id, state FROM change_set WHERE batch_id = ? AND kind = 'import' ORDER BY id LIMIT 1`).get(batchId) as { id: number; state: 'done' | 'undone' } | undefined
  }

  setState(id: number, state: 'committed' | 'rolled_back'): void {
    this.db.prepare(`UPDATE import_batch SET state = ? WHERE id = ?`).run(state, id)
  }

  delete(id: number): void {
    this.db.prepare(`DELETE FROM import_batch WHERE id = ?`).run(id)
  }
}
