/**
 * The SQL behind the checks: reading just the columns the rules need for a whole region at once, the
 * per-site aggregates (facilities by type, active workshops) computed by SQLite's GROUP BY instead of
 * in JavaScript, the before-values of the action being guarded, and the explanations planners write.
 * Column names come from the field dictionary only; every value is a bound parameter.
 */
import type Database from 'better-sqlite3'
import { ENTITIES, storedFields, type EntityKey, type FieldValue } from '../../../shared/dictionary/index.ts'
import { regionPrefixOf } from '../../../shared/regions.ts'
import type { Explanation } from '../../../shared/rules/types.ts'
import type { AuxTable } from '../domain/actions.ts'

/** A region filter as SQL on the site table's county_code. */
function regionFilter(region: string | null | undefined, column: string): { sql: string; params: string[] } {
  if (!region) return { sql: '1', params: [] }
  const prefix = regionPrefixOf(region)
  return prefix.length === 6 ? { sql: `${column} = ?`, params: [prefix] } : { sql: `${column} LIKE ?`, params: [`${prefix}%`] }
}

export interface SiteAggregateRow {
  siteId: number
  types: Record<string, number>
  activeWorkshops: number
}

export interface ExplanationRow extends Explanation {
  id: number
  ruleId: string
  entity: EntityKey
  rowId: number
  field: string
}

export interface ChangeBefore {
  entity: string
  rowId: number
  op: 'insert' | 'update' | 'delete'
  field: string | null
  oldValue: unknown
  newValue: unknown
}

export const EXPLANATION_TABLE = 'check_explanation'

export class CheckRepository {
  private readonly db: Database.Database
  private readonly stmts = new Map<string, Database.Statement>()

  constructor(db: Database.Database) {
    this.db = db
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql)
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)))
    return s
  }

  private columns(entity: EntityKey, keys: readonly string[]): string {
    const known = new Set(storedFields(entity).map((f) => f.key))
    for (const k of keys) if (!known.has(k)) throw new Error(`unknown column ${entity}.${k}`)
    return keys.map((k) => `t."${k}"`).join(', ')
  }

  /**
   * Rows of an entity as arrays: [id, county_code of the row's site, ...keys], for the sites of a region
   * (all rows when no region; facilities and workshops without a site only then).
   */
  rowsForRegion(entity: EntityKey, keys: readonly string[], region: string | null): unknown[][] {
    const cols = this.columns(entity, keys)
    const table = ENTITIES[entity].table
    if (entity === 'site') {
      const f = regionFilter(region, 't.county_code')
      return this.stmt(`SELECT t.id, t.county_code, ${cols} FROM site t WHERE ${f.sql} ORDER BY t.id`).raw(true).all(...f.params) as unknown[][]
    }
    if (!region) return this.stmt(`SELECT t.id, NULL, ${cols} FROM ${table} t ORDER BY t.id`).raw(true).all() as unknown[][]
    const f = regionFilter(region, 'county_code')
    return this.stmt(`SELECT t.id, NULL, ${cols} FROM ${table} t WHERE t.site_id IN (SELECT id FROM site WHERE ${f.sql}) ORDER BY t.id`).raw(true).all(...f.params) as unknown[][]
  }

  /** Per site: how many facilities of each of the given types, and how many workshops that are not deregistered. */
  siteAggregates(types: readonly string[], deregistered: string, region: string | null, siteIds?: readonly number[]): Map<number, SiteAggregateRow> {
    const out = new Map<number, SiteAggregateRow>()
    const get = (siteId: number): SiteAggregateRow => {
      let a = out.get(siteId)
      if (!a) out.set(siteId, (a = { siteId, types: {}, activeWorkshops: 0 }))
      return a
    }
    const typeMarks = types.map(() => '?').join(', ')
    let scope: { sql: string; params: (string | number)[] }
    if (siteIds) scope = { sql: `site_id IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(siteIds)] }
    else if (region) {
      const f = regionFilter(region, 'county_code')
      scope = { sql: `site_id IN (SELECT id FROM site WHERE ${f.sql})`, params: f.params }
    } else scope = { sql: '1', params: [] }
    if (types.length > 0) {
      const rows = this.stmt(`SELECT site_id, type, COUNT(*) FROM facility WHERE type IN (${typeMarks}) AND ${scope.sql} GROUP BY site_id, type`)
        .raw(true)
        .all(...types, ...scope.params) as [number | null, string, number][]
      for (const [siteId, type, n] of rows) if (siteId !== null) get(siteId).types[type] = n
    }
    const ws = this.stmt(`SELECT site_id, COUNT(*) FROM workshop WHERE site_id IS NOT NULL AND (op_status IS NULL OR op_status <> ?) AND ${scope.sql} GROUP BY site_id`)
      .raw(true)
      .all(deregistered, ...scope.params) as [number, number][]
    for (const [siteId, n] of ws) get(siteId).activeWorkshops = n
    return out
  }

  /** Site ids of facility or workshop rows. */
  siteIdsOf(entity: 'facility' | 'workshop', ids: readonly number[]): Map<number, number | null> {
    const rows = this.stmt(`SELECT id, site_id FROM ${ENTITIES[entity].table} WHERE id IN (SELECT value FROM json_each(?))`).raw(true).all(JSON.stringify(ids)) as [number, number | null][]
    return new Map(rows)
  }

  /** Ids of facilities or workshops of some sites. */
  idsForSites(entity: 'facility' | 'workshop', siteIds: readonly number[]): number[] {
    return (this.stmt(`SELECT id FROM ${ENTITIES[entity].table} WHERE site_id IN (SELECT value FROM json_each(?)) ORDER BY id`).pluck().all(JSON.stringify(siteIds)) as number[])
  }

  /** The changes of one change set (the newest when setId is omitted: the action a guard is judging). */
  changesOfSet(setId?: number): ChangeBefore[] {
    const sql = `SELECT entity, row_id, op, field, old_value, new_value FROM change WHERE set_id = ${setId === undefined ? '(SELECT MAX(id) FROM change_set)' : '?'} ORDER BY id`
    const rows = this.stmt(sql).raw(true).all(...(setId === undefined ? [] : [setId])) as [string, number, ChangeBefore['op'], string | null, string | null, string | null][]
    const dec = (v: string | null): unknown => (v === null ? null : JSON.parse(v))
    return rows.map(([entity, rowId, op, field, o, n]) => ({ entity, rowId, op, field, oldValue: dec(o), newValue: dec(n) }))
  }

  // ---- explanations

  explanations(): ExplanationRow[] {
    const rows = this.stmt(`SELECT id, rule_id, entity, row_id, field, comment, created_at FROM check_explanation ORDER BY id`).raw(true).all() as [number, string, EntityKey, number, string, string, string][]
    return rows.map(([id, ruleId, entity, rowId, field, comment, at]) => ({ id, ruleId, entity, rowId, field, comment, at }))
  }

  findExplanation(ruleId: string, entity: EntityKey, rowId: number, field: string): ExplanationRow | undefined {
    const r = this.stmt(`SELECT id FROM check_explanation WHERE rule_id = ? AND entity = ? AND row_id = ? AND field = ?`).pluck().get(ruleId, entity, rowId, field) as number | undefined
    return r === undefined ? undefined : this.explanations().find((e) => e.id === r)
  }

  /** The explanation table as the action runner sees it (so explaining is an undo step). */
  explanationTable(): AuxTable {
    const cols = ['rule_id', 'entity', 'row_id', 'field', 'comment', 'created_at'] as const
    return {
      insert: (values, id) => {
        const info = this.stmt(`INSERT INTO check_explanation (id, ${cols.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(id ?? null, ...cols.map((c) => values[c] ?? null))
        return Number(info.lastInsertRowid)
      },
      get: (id) => {
        const r = this.stmt(`SELECT ${cols.join(', ')} FROM check_explanation WHERE id = ?`).get(id) as Record<string, FieldValue> | undefined
        return r
      },
      delete: (id) => {
        this.stmt(`DELETE FROM check_explanation WHERE id = ?`).run(id)
      },
    }
  }
}
