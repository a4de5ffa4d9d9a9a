/**
 * The SQL behind the plan summaries (dashboard, printed reports, Excel summary sheets). Every figure
 * is aggregated here, per county (at most ~1,400 groups nationally) or per site for a county's own
 * view; the summaries module rolls counties up the region tree in memory. County aggregates are
 * kept in the plan file between sessions (county-summary-store.ts) and regrouped only where rows changed. Regions are code prefixes
 * bound as parameters; no text from outside reaches the SQL.
 */
import type Database from 'better-sqlite3'
import { ENTITIES, storedFields, type EntityKey, type FieldValue } from '../../../shared/dictionary/index.ts'
import { regionPrefixOf } from '../../../shared/regions.ts'
import { countySummaryStore } from './county-summary-store.ts'

import { BAND_LIMITS } from '../../../shared/reports/size-bands.ts'

type Cell = string | null
/** [site_id, category, status, actual_start, actual_end, planned_end, nature, the site's move_in_date] */
export type FacilityProgressRow = [number, Cell, Cell, Cell, Cell, Cell, Cell, Cell]

/** Site figures summed over a group (a county, or a single site). */
export interface SiteAgg {
  key: string
  sites: number
  planned_households: number
  planned_people: number
  poor_households: number
  poor_people: number
  moved_households: number
  moved_people: number
  labor_force: number
  employed: number
  labor_households: number
  zero_employment_households: number
  sites_zero_employment: number
  housing_units: number
  floor_area_m2: number
  investment_wan: number
  investment_done_wan: number
  band0_sites: number
  band1_sites: number
  band2_sites: number
  band3_sites: number
  band0_people: number
  band1_people: number
  band2_people: number
  band3_people: number
}

export interface WorkshopAgg {
  key: string
  workshops: number
  operating: number
  jobs: number
  poor_workers: number
  relocated_workers: number
  designed_jobs: number
  /** Σ avg_wage × jobs over workshops with both */
  wage_bill: number
  /** Σ jobs over workshops with a wage */
  wage_jobs: number
}

export interface RegisterSiteRow {
  id: number
  code: string | null
  name: string | null
  county_code: string
  township: string | null
  mode: string | null
  planned_households: number | null
  planned_people: number | null
  poor_households: number | null
  poor_people: number | null
  moved_households: number | null
  moved_people: number | null
  housing_units: number | null
  floor_area_m2: number | null
  investment_wan: number | null
  investment_done_wan: number | null
  status: string | null
  move_in_date: string | null
}

export interface LargeSiteRow {
  id: number
  code: string | null
  name: string | null
  county_code: string
  planned_people: number
  one_district_one_policy: number | null
  /** best status of its community service centres: 3 built, 2 building, 1 planned, null none */
  centre: number | null
  stations: number
  workshops: number
  health: number
}

const BUILT = `('已完工', '已交付使用')`

const SITE_SUMS = `
  COUNT(*) AS sites,
  COALESCE(SUM(planned_households), 0) AS planned_households,
  COALESCE(SUM(planned_people), 0) AS planned_people,
  COALESCE(SUM(poor_households), 0) AS poor_households,
  COALESCE(SUM(poor_people), 0) AS poor_people,
  COALESCE(SUM(moved_households), 0) AS moved_households,
  COALESCE(SUM(moved_people), 0) AS moved_people,
  COALESCE(SUM(labor_force), 0) AS labor_force,
  COALESCE(SUM(employed), 0) AS employed,
  COALESCE(SUM(labor_households), 0) AS labor_households,
  COALESCE(SUM(zero_employment_households), 0) AS zero_employment_households,
  COALESCE(SUM(zero_employment_households > 0), 0) AS sites_zero_employment,
  COALESCE(SUM(housing_units), 0) AS housing_units,
  COALESCE(SUM(floor_area_m2), 0) AS floor_area_m2,
  COALESCE(SUM(investment_wan), 0) AS investment_wan,
  COALESCE(SUM(investment_done_wan), 0) AS investment_done_wan,
  COALESCE(SUM(COALESCE(planned_people, 0) < ${BAND_LIMITS[0]}), 0) AS band0_sites,
  COALESCE(SUM(planned_people >= ${BAND_LIMITS[0]} AND planned_people < ${BAND_LIMITS[1]}), 0) AS band1_sites,
  COALESCE(SUM(planned_people >= ${BAND_LIMITS[1]} AND planned_people < ${BAND_LIMITS[2]}), 0) AS band2_sites,
  COALESCE(SUM(planned_people >= ${BAND_LIMITS[2]}), 0) AS band3_sites,
  COALESCE(SUM(CASE WHEN COALESCE(planned_people, 0) < ${BAND_LIMITS[0]} THEN planned_people END), 0) AS band0_people,
  COALESCE(SUM(CASE WHEN planned_people >= ${BAND_LIMITS[0]} AND planned_people < ${BAND_LIMITS[1]} THEN planned_people END), 0) AS band1_people,
  COALESCE(SUM(CASE WHEN planned_people >= ${BAND_LIMITS[1]} AND planned_people < ${BAND_LIMITS[2]} THEN planned_people END), 0) AS band2_people,
  COALESCE(SUM(CASE WHEN planned_people >= ${BAND_LIMITS[2]} THEN planned_people END), 0) AS band3_people`

/**
 * `county_code >= ? AND county_code < ?` bound to a region's code prefix: a range the county index can
 * serve (LIKE cannot), the whole plan for no region.
 */
export function regionRange(region: string | null | undefined): [string, string] {
  const prefix = region ? regionPrefixOf(region) : ''
  return [prefix, `${prefix}\uffff`]
}
const IN_REGION = 'county_code >= ? AND county_code < ?'

/** County aggregates in county-code order (the order a GROUP BY county_code gave). */
function byKey<T extends { key: string }>(m: Map<string, T>): T[] {
  return [...m.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}
const S_IN_REGION = 's.county_code >= ? AND s.county_code < ?'

export class SummaryRepository {
  private readonly db: Database.Database
  private readonly stmts = new Map<string, Database.Statement>()

  private readonly memo = new Map<string, unknown>()
  private memoVersion = ''

  constructor(db: Database.Database) {
    this.db = db
  }

  /**
   * The data version of the plan: rows changed through this connection (total_changes) and commits by
   * other connections (data_version). Aggregates are reused while it stays the same, so the dashboard
   * and the report set share one pass over the tables until something is edited.
   */
  dataVersion(): string {
    const changes = (this.stmt('totalChanges', 'SELECT total_changes() AS n').get() as { n: number }).n
    return `${changes}:${String(this.db.pragma('data_version', { simple: true }))}`
  }

  /** Forget every cached aggregate (benchmarks measure a cold computation). */
  clearCache(): void {
    this.memo.clear()
  }

  private cached<T>(name: string, region: string | null | undefined, fn: () => T): T {
    const version = this.dataVersion()
    if (version !== this.memoVersion) {
      this.memo.clear()
      this.memoVersion = version
    }
    const key = `${name}:${region ?? ''}`
    if (this.memo.has(key)) return this.memo.get(key) as T
    const v = fn()
    if (this.memo.size > 64) this.memo.clear()
    this.memo.set(key, v)
    return v
  }

  private stmt(key: string, sql: string): Database.Statement {
    let s = this.stmts.get(key)
    if (!s) {
      s = this.db.prepare(sql)
      this.stmts.set(key, s)
    }
    return s
  }

  /** Site figures per county under a region. */
  sitesByCounty(region: string | null | undefined): SiteAgg[] {
    return this.cached('sitesByCounty', region, () => {
      const regroup = (counties: string[]): Map<string, SiteAgg> => {
        const rows = this.stmt('sitesOfCounties', `SELECT county_code AS key, ${SITE_SUMS} FROM site WHERE county_code IN (SELECT value FROM json_each(?)) GROUP BY county_code`).all(JSON.stringify(counties)) as SiteAgg[]
        return new Map(rows.map((r) => [r.key, r]))
      }
      return byKey(countySummaryStore(this.db).values('site', region, regroup))
    })
  }

  /** Site figures per site of a region (a county's own view: its sites are the children). */
  sitesBySite(region: string | null | undefined): (SiteAgg & { name: string | null })[] {
    return this.stmt(
      'sitesBySite',
      `SELECT CAST(id AS TEXT) AS key, name, ${SITE_SUMS} FROM site WHERE ${IN_REGION} GROUP BY id ORDER BY code, id`,
    ).all(...regionRange(region)) as (SiteAgg & { name: string | null })[]
  }

  private workshopSql(groupBy: string, where = S_IN_REGION): string {
    return `SELECT ${groupBy} AS key, COUNT(*) AS workshops, COALESCE(SUM(w.op_status IS NULL OR w.op_status = '正常'), 0) AS operating,
      COALESCE(SUM(w.jobs), 0) AS jobs, COALESCE(SUM(w.poor_workers), 0) AS poor_workers, COALESCE(SUM(w.relocated_workers), 0) AS relocated_workers,
      COALESCE(SUM(w.designed_jobs), 0) AS designed_jobs,
      COALESCE(SUM(w.avg_wage * w.jobs), 0) AS wage_bill, COALESCE(SUM(CASE WHEN w.avg_wage IS NOT NULL THEN w.jobs END), 0) AS wage_jobs
      FROM workshop w JOIN site s ON s.id = w.site_id WHERE ${where} AND (w.op_status IS NULL OR w.op_status != '注销') GROUP BY ${groupBy}`
  }

  /** Workshops (not 注销) per county of the site they serve. */
  workshopsByCounty(region: string | null | undefined): WorkshopAgg[] {
    return this.cached('workshopsByCounty', region, () => {
      const regroup = (counties: string[]): Map<string, WorkshopAgg> => {
        const rows = this.stmt('workshopsOfCounties', this.workshopSql('s.county_code', 's.county_code IN (SELECT value FROM json_each(?))')).all(JSON.stringify(counties)) as WorkshopAgg[]
        return new Map(rows.map((r) => [r.key, r]))
      }
      return byKey(countySummaryStore(this.db).values('workshop', region, regroup))
    })
  }

  workshopsBySite(region: string | null | undefined): WorkshopAgg[] {
    return this.stmt('workshopsBySite', this.workshopSql('CAST(s.id AS TEXT)')).all(...regionRange(region)) as WorkshopAgg[]
  }

  /** The site register's rows, by county then code. */
  registerSites(region: string | null | undefined): RegisterSiteRow[] {
    return this.stmt(
      'registerSites',
      `SELECT id, code, name, county_code, township, mode, planned_households, planned_people, poor_households, poor_people,
         moved_households, moved_people, housing_units, floor_area_m2, investment_wan, investment_done_wan, status, move_in_date
       FROM site WHERE ${IN_REGION} ORDER BY county_code, code, id`,
    ).all(...regionRange(region)) as RegisterSiteRow[]
  }

  /**
   * Sites of at least minPeople with their 一区一策, community-service and employment-assistance status,
   * by county, then people (largest first) and code. Each county's list is stored for the threshold
   * (county-summary-store.ts); a stale county's sites probe the covering facility index per site.
   */
  largeSites(region: string | null | undefined, minPeople: number): LargeSiteRow[] {
    return this.cached(`largeSites:${minPeople}`, region, () => {
      const regroup = (counties: string[]): Map<string, LargeSiteRow[]> => {
        const rows = this.stmt(
          'largeSitesOfCounties',
          `SELECT b.id, b.code, b.name, b.county_code, b.planned_people, b.one_district_one_policy,
             (SELECT MAX(CASE WHEN f.status IN ${BUILT} THEN 3 WHEN f.status = '在建' THEN 2 ELSE 1 END) FROM facility f INDEXED BY facility_summary WHERE f.site_id = b.id AND f.type = '社区综合服务中心') AS centre,
             (SELECT COUNT(*) FROM facility f INDEXED BY facility_summary WHERE f.site_id = b.id AND f.type = '就业服务站') AS stations,
             (SELECT COUNT(*) FROM workshop w WHERE w.site_id = b.id AND (w.op_status IS NULL OR w.op_status != '注销')) AS workshops,
             (SELECT COUNT(*) FROM facility f INDEXED BY facility_summary WHERE f.site_id = b.id AND f.type = '卫生室/卫生院') AS health
           FROM site b WHERE b.planned_people >= ? AND b.county_code IN (SELECT value FROM json_each(?))
           ORDER BY b.county_code, b.planned_people DESC, b.code`,
        ).all(minPeople, JSON.stringify(counties)) as LargeSiteRow[]
        const out = new Map<string, LargeSiteRow[]>()
        for (const r of rows) {
          let list = out.get(r.county_code)
          if (!list) out.set(r.county_code, (list = []))
          list.push(r)
        }
        return out
      }
      const byCounty = countySummaryStore(this.db).values('large_sites', region, regroup, String(minPeople))
      return [...byCounty.keys()].sort().flatMap((c) => byCounty.get(c)!)
    })
  }

  /** Site id → name, code and county for a set of sites (check rows). */
  /** Names of facility or workshop rows by id (an unnamed row maps to its id as #N). */
  rowNames(entity: Exclude<EntityKey, 'site'>, ids: readonly number[]): Map<number, string> {
    const out = new Map<number, string>()
    const stmt = this.stmt(`rowName:${entity}`, `SELECT name FROM ${ENTITIES[entity].table} WHERE id = ?`)
    for (const id of ids) {
      const r = stmt.get(id) as { name: string | null } | undefined
      if (r) out.set(id, r.name ?? `#${id}`)
    }
    return out
  }

  siteNames(ids: readonly number[]): Map<number, { name: string | null; code: string | null; county_code: string }> {
    const out = new Map<number, { name: string | null; code: string | null; county_code: string }>()
    const stmt = this.stmt('siteName', 'SELECT id, name, code, county_code FROM site WHERE id = ?')
    for (const id of ids) {
      const r = stmt.get(id) as { id: number; name: string | null; code: string | null; county_code: string } | undefined
      if (r) out.set(id, r)
    }
    return out
  }

  /**
   * One chunk of facility or workshop rows in (site_id, id) order after a keyset position, as arrays
   * [id, ...stored fields]. The export reads big tables chunk by chunk so it can yield to the output
   * stream between chunks without holding a statement open (other calls keep working meanwhile).
   */
  childRowsAfter(entity: Exclude<EntityKey, 'site'>, region: string | null | undefined, after: [number, number], limit: number): FieldValue[][] {
    const table = ENTITIES[entity].table
    const cols = ['id', ...storedFields(entity).map((f) => `"${f.key}"`)].join(', ')
    const where = region ? `AND site_id IN (SELECT id FROM site WHERE ${IN_REGION})` : ''
    const params: (string | number)[] = [after[0], after[1], ...(region ? regionRange(region) : []), limit]
    return this.stmt(`chunk:${entity}:${region ? 1 : 0}`, `SELECT ${cols} FROM ${table} WHERE (site_id, id) > (?, ?) ${where} ORDER BY site_id, id LIMIT ?`)
      .raw(true)
      .all(...params) as FieldValue[][]
  }

  /** Facility or workshop rows that serve no site (listed first in a whole-plan export). */
  childRowsWithoutSite(entity: Exclude<EntityKey, 'site'>): FieldValue[][] {
    const cols = ['id', ...storedFields(entity).map((f) => `"${f.key}"`)].join(', ')
    return this.stmt(`nosite:${entity}`, `SELECT ${cols} FROM ${ENTITIES[entity].table} WHERE site_id IS NULL ORDER BY id`).raw(true).all() as FieldValue[][]
  }

  /** Site id → site code (its name when it has none), for the 所在安置点 column of exported facilities and workshops: what the import reads back. */
  siteCodes(): Map<number, string> {
    const rows = this.stmt('siteCodes', "SELECT id, COALESCE(NULLIF(code, ''), name) FROM site").raw(true).all() as [number, string | null][]
    return new Map(rows.filter((r): r is [number, string] => r[1] !== null))
  }

  /** Facility rows under a region with what their progress and lateness are read from (FacilityProgressRow). */
  facilityProgressRows(region: string | null | undefined): FacilityProgressRow[] {
    return this.stmt(
      'facilityProgress',
      `SELECT f.site_id, f.category, f.status, f.actual_start, f.actual_end, f.planned_end, f.nature, s.move_in_date FROM site s JOIN facility f ON f.site_id = s.id WHERE ${S_IN_REGION}`,
    )
      .raw(true)
      .all(...regionRange(region)) as FacilityProgressRow[]
  }

  /** The site each facility or workshop row belongs to (check rows name their site). */
  siteIdsOf(entity: Exclude<EntityKey, 'site'>, ids: readonly number[]): Map<number, number | null> {
    const out = new Map<number, number | null>()
    const stmt = this.stmt(`siteOf:${entity}`, `SELECT site_id FROM ${ENTITIES[entity].table} WHERE id = ?`)
    for (const id of ids) {
      const r = stmt.get(id) as { site_id: number | null } | undefined
      out.set(id, r?.site_id ?? null)
    }
    return out
  }

  /** A value computed from the plan, reused until the data changes (see dataVersion). */
  memoised<T>(name: string, region: string | null | undefined, fn: () => T): T {
    return this.cached(name, region, fn)
  }
}

const byDb = new WeakMap<Database.Database, SummaryRepository>()

/** The summary repository of an open plan's database (one per connection, so its cache is shared). */
export function summaryRepositoryOf(db: Database.Database): SummaryRepository {
  let r = byDb.get(db)
  if (!r) byDb.set(db, (r = new SummaryRepository(db)))
  return r
}
