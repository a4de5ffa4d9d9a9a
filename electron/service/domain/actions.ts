/**
 * Actions: every mutation runs as one transaction that writes one change set, so it is one undo step.
 * Undo and redo replay the change log. Row guards (the rule engine's error rules) run inside the
 * transaction and roll the whole action back when they refuse it.
 */
import type Database from 'better-sqlite3'
import type { AffectedRows, ChangeResult, HistoryState } from '../../../shared/api/changes.ts'
import { appError } from '../../../shared/api/errors.ts'
import type { EntityKey, EntityRow, FieldValue, Label, RowValues } from '../../../shared/dictionary/types.ts'
import { ChangeLogRepository, type ChangeRecord } from '../repositories/change-log-repository.ts'
import type { Repositories } from '../repositories/entity-repository.ts'

/** Rows an action touched, by entity: ids upserted and ids deleted. */
export type TouchedRows = Map<EntityKey, TouchedEntity>

export interface TouchedEntity {
  upserted: Set<number>
  deleted: Set<number>
  /** the rows as the action left them, where the recorder knows them (guards read these instead of the database) */
  rows?: Map<number, RowValues>
  /** the fields the action changed when it only updated rows; null once it inserted or deleted one */
  fields?: Set<string> | null
}

/** Note the fields an update changed (or null: rows were inserted or deleted, any field may differ). */
function noteFields(t: TouchedEntity, fields: readonly string[] | null): void {
  if (fields === null) t.fields = null
  else if (t.fields !== null) {
    t.fields ??= new Set()
    for (const f of fields) t.fields.add(f)
  }
}

/** A touched row as the action left it: from the recorder's snapshot, else read back. */
export function touchedRow(t: TouchedEntity, id: number, read: (id: number) => RowValues | undefined): RowValues | undefined {
  return t.rows?.get(id) ?? read(id)
}

/** A guard refusing an action: the rule engine plugs in here. Returns refusal messages (empty: allowed). */
export type RowGuard = (db: Database.Database, touched: TouchedRows) => Label[]

/**
 * A table outside the dictionary entities whose rows an action may insert or delete (check
 * explanations): its changes go into the same change set, so they undo and redo with the action.
 */
export interface AuxTable {
  insert(values: Record<string, FieldValue>, id?: number): number
  get(id: number): Record<string, FieldValue> | undefined
  delete(id: number): void
}

/** Above this many rows a ChangeResult asks the client to reload instead of carrying the rows. */
const MAX_ROWS_IN_RESULT = 5000

function same(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return (a ?? null) === (b ?? null)
}

export class Recorder {
  readonly touched: TouchedRows = new Map()
  /** auxiliary tables the action wrote (settings, check explanations) */
  readonly tables = new Set<string>()
  private changes = 0
  private readonly repos: Repositories
  private readonly log: ChangeLogRepository
  private readonly setId: number
  private readonly aux: ReadonlyMap<string, AuxTable>
  constructor(repos: Repositories, log: ChangeLogRepository, setId: number, aux: ReadonlyMap<string, AuxTable> = new Map()) {
    this.repos = repos
    this.log = log
    this.setId = setId
    this.aux = aux
  }

  private auxTable(table: string): AuxTable {
    const t = this.aux.get(table)
    if (!t) throw new Error(`unknown table ${table}`)
    return t
  }

  /** Insert a row into an auxiliary table (logged under the table's name, replayed by undo/redo). */
  insertAux(table: string, values: Record<string, FieldValue>): number {
    const t = this.auxTable(table)
    const id = t.insert(values)
    this.tables.add(table)
    this.record({ entity: table as EntityKey, rowId: id, op: 'insert', field: null, oldValue: null, newValue: t.get(id) ?? values })
    return id
  }

  /** A row of an auxiliary table as it stands now. */
  auxRow(table: string, id: number): Record<string, FieldValue> | undefined {
    return this.auxTable(table).get(id)
  }

  deleteAux(table: string, id: number): void {
    const t = this.auxTable(table)
    const before = t.get(id)
    if (!before) return
    t.delete(id)
    this.tables.add(table)
    this.record({ entity: table as EntityKey, rowId: id, op: 'delete', field: null, oldValue: before, newValue: null })
  }

  get changeCount(): number {
    return this.changes
  }

  private touch(entity: EntityKey, id: number, deleted: boolean, row?: RowValues, fields: readonly string[] | null = null): void {
    let t = this.touched.get(entity)
    if (!t) {
      t = { upserted: new Set(), deleted: new Set(), rows: new Map() }
      this.touched.set(entity, t)
    }
    noteFields(t, fields)
    if (deleted) {
      t.upserted.delete(id)
      t.deleted.add(id)
      t.rows?.delete(id)
    } else {
      t.deleted.delete(id)
      t.upserted.add(id)
      if (row) t.rows?.set(id, row)
      else t.rows?.delete(id)
    }
  }

  private record(c: ChangeRecord): void {
    this.log.addChange(this.setId, c)
    this.changes++
  }

  insert(entity: EntityKey, values: RowValues, id?: number): number {
    const newId = this.repos[entity].insert(values, id)
    const row = this.repos[entity].get(newId)
    this.record({ entity, rowId: newId, op: 'insert', field: null, oldValue: null, newValue: row })
    this.touch(entity, newId, false, row)
    return newId
  }

  /**
   * Insert many rows whose values are already canonical (coerced through the dictionary), as bulk
   * imports have them: the change log gets the row built from the values instead of each row being
   * read back. Returns the new id.
   */
  insertCanonical(entity: EntityKey, values: RowValues): number {
    const repo = this.repos[entity]
    const newId = repo.insert(values)
    const row = repo.rowFromValues(newId, values)
    this.record({ entity, rowId: newId, op: 'insert', field: null, oldValue: null, newValue: row })
    this.touch(entity, newId, false, row)
    return newId
  }

  /** Update the given fields; only values that differ are written and logged. Returns the number changed. */
  update(entity: EntityKey, id: number, values: RowValues): number {
    const repo = this.repos[entity]
    const before = repo.get(id)
    if (!before) throw appError('NOT_FOUND', `找不到要修改的行（${id}）`, `Row ${id} to change was not found`)
    const diff: RowValues = {}
    for (const [k, v] of Object.entries(values)) {
      if (k === 'id' || !repo.fields.some((f) => f.key === k)) continue
      if (!same(before[k], v)) diff[k] = v
    }
    const keys = Object.keys(diff)
    if (keys.length === 0) return 0
    repo.update(id, diff)
    for (const k of keys) this.record({ entity, rowId: id, op: 'update', field: k, oldValue: before[k] ?? null, newValue: diff[k] ?? null })
    this.touch(entity, id, false, { ...before, ...diff }, keys)
    return keys.length
  }

  delete(entity: EntityKey, id: number): void {
    const repo = this.repos[entity]
    const before = repo.get(id)
    if (!before) return
    if (entity === 'site') {
      for (const fid of this.repos.facility.idsForSite(id)) this.delete('facility', fid)
      for (const wid of this.repos.workshop.idsForSite(id)) this.update('workshop', wid, { site_id: null })
    }
    repo.delete(id)
    this.record({ entity, rowId: id, op: 'delete', field: null, oldValue: before, newValue: null })
    this.touch(entity, id, true)
  }
}

export interface ActionOptions {
  batchId?: number | null
  /** skip the guards (undo/redo restore states that were valid when written) */
  unguarded?: boolean
}

/** The transactional core of a plan: actions, undo, redo. */
export class ActionRunner {
  readonly log: ChangeLogRepository
  private readonly db: Database.Database
  private readonly repos: Repositories
  private readonly guards: RowGuard[] = []
  private readonly aux = new Map<string, AuxTable>()
  constructor(db: Database.Database, repos: Repositories) {
    this.db = db
    this.repos = repos
    this.log = new ChangeLogRepository(db)
  }

  addGuard(guard: RowGuard): void {
    this.guards.push(guard)
  }

  /** Register an auxiliary table (see AuxTable) under the name its changes are logged with. */
  addTable(name: string, table: AuxTable): void {
    this.aux.set(name, table)
  }

  private result(setId: number | null, label: Label, touched: TouchedRows, tables: ReadonlySet<string>): ChangeResult {
    const affected: Partial<Record<EntityKey, AffectedRows>> = {}
    const tableList = tables.size > 0 ? { tables: [...tables] } : {}
    let total = 0
    for (const t of touched.values()) total += t.upserted.size + t.deleted.size
    if (total > MAX_ROWS_IN_RESULT) return { setId, label, affected: {}, reload: true, ...tableList }
    const changedFields: Partial<Record<EntityKey, string[]>> = {}
    for (const [entity, t] of touched) {
      affected[entity] = { upserted: this.repos[entity].getMany([...t.upserted]), deleted: [...t.deleted] }
      if (t.fields) changedFields[entity] = [...t.fields]
    }
    return { setId, label, affected, changedFields, ...tableList }
  }

  private guard(touched: TouchedRows): void {
    const refusals = this.guards.flatMap((g) => g(this.db, touched))
    if (refusals.length > 0) {
      const first = refusals[0]!
      const more = refusals.length > 1 ? { zh: `（另有 ${refusals.length - 1} 处）`, en: ` (and ${refusals.length - 1} more)` } : { zh: '', en: '' }
      throw appError('RULE_VIOLATION', first.zh + more.zh, first.en + more.en, { refusals })
    }
  }

  /** Run fn as one action: one transaction, one change set, one undo step. */
  run(kind: string, label: Label, fn: (rec: Recorder) => void, opts: ActionOptions = {}): ChangeResult {
    return this.db.transaction(() => {
      const discarded = this.log.discardUndone()
      this.log.markBatches(discarded, 'rolled_back')
      const setId = this.log.createSet(kind, label, opts.batchId ?? null)
      const rec = new Recorder(this.repos, this.log, setId, this.aux)
      fn(rec)
      if (rec.changeCount === 0) {
        this.log.deleteSet(setId)
        return { setId: null, label, affected: {} }
      }
      if (!opts.unguarded) this.guard(rec.touched)
      return this.result(setId, label, rec.touched, rec.tables)
    })()
  }

  private replay(changes: ChangeRecord[], direction: 'undo' | 'redo'): { touched: TouchedRows; tables: Set<string> } {
    const touched: TouchedRows = new Map()
    const tables = new Set<string>()
    const touch = (entity: EntityKey, id: number, deleted: boolean, field: string | null = null): void => {
      let t = touched.get(entity)
      if (!t) touched.set(entity, (t = { upserted: new Set(), deleted: new Set() }))
      noteFields(t, field === null ? null : [field])
      if (deleted) {
        t.upserted.delete(id)
        t.deleted.add(id)
      } else {
        t.deleted.delete(id)
        t.upserted.add(id)
      }
    }
    const list = direction === 'undo' ? [...changes].reverse() : changes
    for (const c of list) {
      const aux = this.aux.get(c.entity)
      if (aux) {
        tables.add(c.entity)
        if ((c.op === 'insert') === (direction === 'undo')) aux.delete(c.rowId)
        else aux.insert((direction === 'undo' ? c.oldValue : c.newValue) as Record<string, FieldValue>, c.rowId)
        continue
      }
      const repo = this.repos[c.entity]
      const insertRow = (v: unknown): void => {
        const row = v as EntityRow
        repo.insert(row, c.rowId)
        touch(c.entity, c.rowId, false)
      }
      if (c.op === 'update') {
        repo.update(c.rowId, { [c.field!]: (direction === 'undo' ? c.oldValue : c.newValue) as FieldValue })
        touch(c.entity, c.rowId, false, c.field)
      } else if ((c.op === 'insert') === (direction === 'undo')) {
        repo.delete(c.rowId)
        touch(c.entity, c.rowId, true)
      } else {
        insertRow(direction === 'undo' ? c.oldValue : c.newValue)
      }
    }
    return { touched, tables }
  }

  undo(): ChangeResult {
    return this.db.transaction(() => {
      const set = this.log.lastDone()
      if (!set) throw appError('NOTHING_TO_UNDO', '没有可撤销的操作', 'Nothing to undo')
      const { touched, tables } = this.replay(this.log.changesOf(set.id), 'undo')
      this.log.markState(set.id, 'undone')
      if (set.batchId !== null) this.log.markBatches([set.batchId], 'rolled_back')
      return this.result(set.id, { zh: `撤销：${set.label.zh}`, en: `Undo: ${set.label.en}` }, touched, tables)
    })()
  }

  redo(): ChangeResult {
    return this.db.transaction(() => {
      const set = this.log.firstUndone()
      if (!set) throw appError('NOTHING_TO_REDO', '没有可重做的操作', 'Nothing to redo')
      const { touched, tables } = this.replay(this.log.changesOf(set.id), 'redo')
      this.log.markState(set.id, 'done')
      if (set.batchId !== null) this.log.markBatches([set.batchId], 'committed')
      return this.result(set.id, { zh: `重做：${set.label.zh}`, en: `Redo: ${set.label.en}` }, touched, tables)
    })()
  }

  state(): HistoryState {
    const last = this.log.lastDone()
    const next = this.log.firstUndone()
    return { canUndo: !!last, canRedo: !!next, undoLabel: last?.label ?? null, redoLabel: next?.label ?? null, steps: this.log.countSets() }
  }
}
