/**
 * The stored county aggregates of migration 4: one JSON value per kind (facility completion by
 * category and by type, site sums, workshop sums, large sites) and county, valid while its row exists
 * (triggers delete it when a row it sums changes) and for the key it was made for (the as-of date of
 * facility counts, the size threshold of large sites). Readers take the stored counties, regroup the
 * stale ones with their own SQL and store them back, so a cold summary of a national plan reads
 * ~2,200 small rows. A plan open read-only stores nothing; its readers regroup every time.
 */
import type Database from 'better-sqlite3'
import { SqlRepository } from './statements.ts'
import { regionPrefixOf } from '../../../shared/regions.ts'

export type SummaryKind = 'facility' | 'facility_type' | 'site' | 'workshop' | 'large_sites'

export class CountySummaryStore extends SqlRepository {
  /**
   * The stored values of a kind for the counties under a region ([county_code, parsed value]), and
   * the counties with sites there that have no value (for this as-of date).
   */
  read<T>(kind: SummaryKind, region: string | null | undefined, asOf = ''): { stored: [string, T][]; stale: string[] } {
    const prefix = region ? regionPrefixOf(region) : ''
    const hi = `${prefix}\uffff`
    const inScope = this.stmt('SELECT DISTINCT county_code FROM site WHERE county_code >= ? AND county_code < ?').pluck().all(prefix, hi) as string[]
    const rows = this.stmt('SELECT county_code, data FROM county_summary WHERE kind = ? AND as_of = ? AND county_code >= ? AND county_code < ?')
      .raw(true)
      .all(kind, asOf, prefix, hi) as [string, string][]
    const have = new Set<string>()
    const stored: [string, T][] = []
    for (const [county, data] of rows) {
      have.add(county)
      stored.push([county, JSON.parse(data) as T])
    }
    return { stored, stale: inScope.filter((c) => !have.has(c)) }
  }

  /** Store counties' values of a kind (one transaction; nothing on a plan open read-only). */
  write(kind: SummaryKind, rows: readonly [string, unknown][], asOf = ''): void {
    if (this.db.readonly || rows.length === 0) return
    const put = this.stmt('INSERT OR REPLACE INTO county_summary (kind, county_code, as_of, data) VALUES (?, ?, ?, ?)')
    this.db.transaction(() => {
      for (const [county, value] of rows) put.run(kind, county, asOf, JSON.stringify(value))
    })()
  }

  /**
   * A kind's values for every county under a region: the stored ones, and the stale ones computed by
   * `regroup(counties)` (which returns a value for each county it was given that has any) and stored.
   * Counties with nothing to sum are stored as null and left out of the result.
   */
  values<T>(kind: SummaryKind, region: string | null | undefined, regroup: (counties: string[]) => Map<string, T>, asOf = ''): Map<string, T> {
    return this.valuesOf<{ [K in SummaryKind]?: T }, T>([kind], region, (counties) => {
      const m = regroup(counties)
      return new Map([...m].map(([c, v]) => [c, { [kind]: v }]))
    }, asOf).get(kind)!
  }

  /**
   * Several kinds that one regrouping computes together (facility counts by category and by type):
   * the kinds asked for are read, and `regroup` fills every kind it returns for the stale counties.
   */
  valuesOf<R extends { [K in SummaryKind]?: T }, T>(kinds: readonly SummaryKind[], region: string | null | undefined, regroup: (counties: string[]) => Map<string, R>, asOf = ''): Map<SummaryKind, Map<string, T>> {
    const out = new Map<SummaryKind, Map<string, T>>()
    const stale = new Set<string>()
    for (const kind of kinds) {
      const r = this.read<T | null>(kind, region, asOf)
      const m = new Map<string, T>()
      for (const [county, v] of r.stored) if (v !== null) m.set(county, v)
      for (const c of r.stale) stale.add(c)
      out.set(kind, m)
    }
    if (stale.size === 0) return out
    const counties = [...stale]
    const fresh = regroup(counties)
    const byKind = new Map<SummaryKind, [string, unknown][]>()
    for (const c of counties) {
      const values = fresh.get(c)
      for (const kind of new Set<SummaryKind>([...kinds, ...(Object.keys(values ?? {}) as SummaryKind[])])) {
        const v = values?.[kind] ?? null
        let list = byKind.get(kind)
        if (!list) byKind.set(kind, (list = []))
        list.push([c, v])
        if (v !== null) out.get(kind)?.set(c, v)
      }
    }
    for (const [kind, rows] of byKind) this.write(kind, rows, asOf)
    return out
  }
}

const stores = new WeakMap<Database.Database, CountySummaryStore>()

/** The store of a plan's database (one per connection). */
export function countySummaryStore(db: Database.Database): CountySummaryStore {
  let s = stores.get(db)
  if (!s) stores.set(db, (s = new CountySummaryStore(db)))
  return s
}
