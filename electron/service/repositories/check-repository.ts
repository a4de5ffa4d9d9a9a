/**
 * The SQL behind the checks: reading just the columns the rules need for a whole region at once, the
 * per-site aggregates (facilities by type, active workshops) computed by SQLite's GROUP BY instead of
 * in JavaScript, the before-values of the action being guarded, and the explanations planners write.
 * Column names come from the field dictionary only; every value is a bound parameter.
 */
import { SqlRepository } from './statements.ts'
import { ENTITIES, storedFields, type EntityKey, type FieldValue } from '../../../shared/dictionary/index.ts'
import { regionPrefixOf } from '../../../shared/regions.ts'
import type { Candidate, Explanation, Operand } from '../../../shared/rules/types.ts'
import type { PlanSettings } from '../../../shared/settings.ts'
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

/**
 * A rule's candidate condition (shared/rules/types.ts) as SQL over `t` (the row) and `s` (its site).
 * Column names are checked against the dictionary; setting values and enum values are bound.
 */
export class CandidateSql {
  readonly params: (string | number)[] = []
  usesSite = false
  private readonly rowCols: Set<string>
  private readonly siteCols = new Set(storedFields('site').map((f) => f.key))
  private readonly settings: PlanSettings
  constructor(entity: EntityKey, settings: PlanSettings) {
    this.rowCols = new Set(storedFields(entity).map((f) => f.key))
    this.settings = settings
  }

  private col(cols: Set<string>, alias: string, key: string): string {
    if (!cols.has(key)) throw new Error(`unknown column ${key}`)
    return `${alias}."${key}"`
  }

  private operand(o: Operand): string {
    if ('field' in o) return this.col(this.rowCols, 't', o.field)
    if ('siteField' in o) {
      this.usesSite = true
      return this.col(this.siteCols, 's', o.siteField)
    }
    if ('setting' in o) {
      const v = this.settings[o.setting]
      this.params.push(typeof v === 'number' ? v : String(v))
      return '?'
    }
    return `COALESCE(${o.firstOf.map((k) => `NULLIF(${this.col(this.rowCols, 't', k)}, '')`).join(', ')})`
  }

  sql(c: Candidate): string {
    // for dates of at least a month, a >= substr(b, 1, 7) is the same as comparing both months
    if ('laterOrSameMonth' in c) return `(${this.operand(c.laterOrSameMonth[0])} >= substr(${this.operand(c.laterOrSameMonth[1])}, 1, 7))`
    if ('greater' in c) return `(${this.operand(c.greater[0])} > ${this.operand(c.greater[1])})`
    if ('isNull' in c) {
      const col = this.col(this.rowCols, 't', c.isNull)
      return `(${col} IS NULL OR ${col} = '')`
    }
    if ('oneOf' in c || 'noneOf' in c) {
      const [key, values] = 'oneOf' in c ? c.oneOf : c.noneOf
      const col = this.col(this.rowCols, 't', key)
      this.params.push(...values)
      const list = values.map(() => '?').join(', ')
      return 'oneOf' in c ? `(${col} IN (${list}))` : `(${col} IS NULL OR ${col} NOT IN (${list}))`
    }
    if ('any' in c) return `(${c.any.map((x) => this.sql(x)).join(' OR ')})`
    return `(${c.all.map((x) => this.sql(x)).join(' AND ')})`
  }
}

export class CheckRepository extends SqlRepository {
  private columns(entity: EntityKey, keys: readonly string[]): string {
    const known = new Set(storedFields(entity).map((f) => f.key))
    for (const k of keys) if (!known.has(k)) throw new Error(`unknown column ${entity}.${k}`)
    return keys.map((k) => `t."${k}"`).join(', ')
  }

  /**
   * Rows of an entity for the sites of a region (all rows when no region), one row at a time as arrays [id, NULL, ...keys] (a national plan has 420,000 facilities: no big arrays). With
   * candidates, only rows meeting at least one of them (the rules' necessary conditions) are read.
   */
  eachRowForRegion(entity: EntityKey, keys: readonly string[], region: string | null, candidates: { list: readonly Candidate[]; settings: PlanSettings } | null, fn: (row: unknown[]) => void): void {
    const cols = this.columns(entity, keys)
    const table = ENTITIES[entity].table
    const where: string[] = []
    const params: (string | number)[] = []
    if (region && entity === 'site') {
      const f = regionFilter(region, 't.county_code')
      where.push(f.sql)
      params.push(...f.params)
    } else if (region) {
      const f = regionFilter(region, 'county_code')
      where.push(`t.site_id IN (SELECT id FROM site WHERE ${f.sql})`)
      params.push(...f.params)
    }
    let join = ''
    if (candidates) {
      const c = new CandidateSql(entity, candidates.settings)
      where.push(`(${candidates.list.map((x) => c.sql(x)).join(' OR ')})`)
      params.push(...c.params)
      if (c.usesSite) join = 'LEFT JOIN site s ON s.id = t.site_id'
    }
    const sql = `SELECT t.id, NULL, ${cols} FROM ${table} t ${join} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`
    for (const r of this.stmt(sql).raw(true).iterate(...params)) fn(r as unknown[])
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
      const rows = this.stmt(`SELECT site_id, type, COUNT(*) FROM facility WHERE type IN (${typeMarks}) AND ${scope.sql} GROUP BY type, site_id`)
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
