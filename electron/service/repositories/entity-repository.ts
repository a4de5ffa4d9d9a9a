/**
 * Rows of the dictionary entities (site, facility, workshop). Column names come from the field
 * dictionary (never from input); every value is a bound parameter.
 */
import type Database from 'better-sqlite3'
import { regionPrefixOf as regionPrefix } from '../../../shared/regions.ts'
import { ENTITIES, storedFields, type EntityKey, type EntityRow, type FieldDef, type FieldValue, type RowValues } from '../../../shared/dictionary/index.ts'

export interface RegionScope {
  /** a province, prefecture or county code; rows whose county falls under it */
  region?: string | null
}


function toSql(f: FieldDef, v: FieldValue | undefined): string | number | null {
  if (v === undefined || v === null) return null
  if (f.type === 'bool') return v === true || v === 1 ? 1 : 0
  if (typeof v === 'boolean') return v ? 1 : 0
  return v
}

function fromSql(f: FieldDef, v: unknown): FieldValue {
  if (v === null || v === undefined) return null
  if (f.type === 'bool') return v === 1 || v === true
  return v as FieldValue
}

export class EntityRepository {
  readonly entity: EntityKey
  readonly table: string
  readonly fields: FieldDef[]
  private readonly db: Database.Database
  private readonly cols: string
  private readonly stmts = new Map<string, Database.Statement>()

  constructor(db: Database.Database, entity: EntityKey) {
    this.db = db
    this.entity = entity
    this.table = ENTITIES[entity].table
    this.fields = storedFields(entity)
    this.cols = ['id', ...this.fields.map((f) => `"${f.key}"`)].join(', ')
  }

  private stmt(key: string, sql: () => string): Database.Statement {
    let s = this.stmts.get(key)
    if (!s) {
      s = this.db.prepare(sql())
      this.stmts.set(key, s)
    }
    return s
  }

  /** Column keys in the order list() returns values. */
  columns(): string[] {
    return ['id', ...this.fields.map((f) => f.key)]
  }

  private scopeWhere(scope: RegionScope): { where: string; params: string[] } {
    if (!scope.region) return { where: '', params: [] }
    // a code range, not LIKE: SQLite uses the county index for BETWEEN on TEXT codes
    const prefix = regionPrefix(scope.region)
    const low = prefix.padEnd(6, '0')
    const high = prefix.padEnd(6, '9')
    if (this.entity === 'site') return { where: `WHERE county_code BETWEEN ? AND ?`, params: [low, high] }
    return { where: `WHERE site_id IN (SELECT id FROM site WHERE county_code BETWEEN ? AND ?)`, params: [low, high] }
  }

  /** Rows as arrays in columns() order: compact for 35,000-row transfers. */
  /** Rows as arrays (id first, then `columns()` order) in display order; the first `limit` only when given. */
  listArrays(scope: RegionScope = {}, limit?: number): FieldValue[][] {
    const { where, params } = this.scopeWhere(scope)
    const order = this.entity === 'site' ? 'ORDER BY code, id' : 'ORDER BY site_id, id'
    const page = limit === undefined ? '' : ' LIMIT ?'
    const stmt = this.stmt(`list:${where}${page}`, () => `SELECT ${this.cols} FROM ${this.table} ${where} ${order}${page}`).raw(true)
    const rows = (limit === undefined ? stmt.all(...params) : stmt.all(...params, limit)) as unknown[][]
    const bools = this.fields.map((f, i) => (f.type === 'bool' ? i + 1 : -1)).filter((i) => i >= 0)
    for (const r of rows) for (const i of bools) if (r[i] !== null) r[i] = r[i] === 1
    return rows as FieldValue[][]
  }

  count(scope: RegionScope = {}): number {
    const { where, params } = this.scopeWhere(scope)
    return (this.stmt(`count:${where}`, () => `SELECT COUNT(*) AS n FROM ${this.table} ${where}`).get(...params) as { n: number }).n
  }

  get(id: number): EntityRow | undefined {
    const r = this.stmt('get', () => `SELECT ${this.cols} FROM ${this.table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined
    return r ? this.toRow(r) : undefined
  }

  getMany(ids: readonly number[]): EntityRow[] {
    return ids.map((id) => this.get(id)).filter((r): r is EntityRow => r !== undefined)
  }

  toRow(r: Record<string, unknown>): EntityRow {
    const row: EntityRow = { id: r['id'] as number }
    for (const f of this.fields) row[f.key] = fromSql(f, r[f.key])
    return row
  }

  /** The row as insert(values) stores it, built without reading it back (values already canonical). */
  rowFromValues(id: number, values: RowValues): EntityRow {
    const row: EntityRow = { id }
    for (const f of this.fields) row[f.key] = fromSql(f, toSql(f, values[f.key]))
    return row
  }

  /** Insert a row; the id is kept when given (undo of a delete puts a row back under its id). */
  insert(values: RowValues, id?: number): number {
    const params = [id ?? null, ...this.fields.map((f) => toSql(f, values[f.key]))]
    const placeholders = params.map(() => '?').join(', ')
    const info = this.stmt('insert', () => `INSERT INTO ${this.table} (${this.cols}, updated_at) VALUES (${placeholders}, datetime('now'))`).run(...params)
    return Number(info.lastInsertRowid)
  }

  update(id: number, values: RowValues): void {
    const keys = Object.keys(values).filter((k) => this.fields.some((f) => f.key === k))
    if (keys.length === 0) return
    const sig = keys.join(',')
    const stmt = this.stmt(`update:${sig}`, () => `UPDATE ${this.table} SET ${keys.map((k) => `"${k}" = ?`).join(', ')}, updated_at = datetime('now') WHERE id = ?`)
    const byKey = new Map(this.fields.map((f) => [f.key, f]))
    stmt.run(...keys.map((k) => toSql(byKey.get(k)!, values[k])), id)
  }

  delete(id: number): void {
    this.stmt('delete', () => `DELETE FROM ${this.table} WHERE id = ?`).run(id)
  }

  /** Sites: the highest 3-digit sequence used in codes 'COUNTY-NNN' of a county (a range on the unique code index: '.' follows '-'). */
  maxSiteSeq(countyCode: string): number {
    const r = this.stmt('maxSeq', () => `SELECT MAX(CAST(substr(code, 8) AS INTEGER)) AS n FROM site WHERE code > ? || '-' AND code < ? || '.'`).get(countyCode, countyCode) as { n: number | null }
    return r.n ?? 0
  }

  /** Values of one column for every row, as [id, value] pairs (lookups by code or name). */
  columnPairs(key: string): [number, FieldValue][] {
    if (!this.fields.some((f) => f.key === key)) throw new Error(`unknown column ${key}`)
    return this.stmt(`pairs:${key}`, () => `SELECT id, "${key}" FROM ${this.table}`).raw(true).all() as [number, FieldValue][]
  }

  /** Ids of rows that point at a site (facilities and workshops). */
  idsForSite(siteId: number): number[] {
    if (this.entity === 'site') return []
    return (this.stmt('bySite', () => `SELECT id FROM ${this.table} WHERE site_id = ? ORDER BY id`).all(siteId) as { id: number }[]).map((r) => r.id)
  }
}

export type Repositories = Record<EntityKey, EntityRepository>

export function createRepositories(db: Database.Database): Repositories {
  return {
    site: new EntityRepository(db, 'site'),
    facility: new EntityRepository(db, 'facility'),
    workshop: new EntityRepository(db, 'workshop'),
  }
}
