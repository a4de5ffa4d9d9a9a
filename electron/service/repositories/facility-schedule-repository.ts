/**
 * SQL of the facility schedule tool: facility rows joined to their sites for roll-ups and the Gantt,
 * which standard types each site already has, and baselines (snapshots of every facility's dates).
 * All values are bound parameters; region scopes are code prefixes.
 */
import type Database from 'better-sqlite3'
import { SqlRepository } from './statements.ts'
import { scheduleFlags } from '../../../shared/facilities/schedule.ts'
import { regionPrefixOf } from '../../../shared/regions.ts'

type Cell = string | number | null
/** [id, site_id, name, type, category, status, planned_start, planned_end, actual_start, actual_end, nature] */
export type GanttRaw = [number, number, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell]
/**
 * [facility id, site id, county_code, planned_start, planned_end, actual_start, actual_end,
 *  baseline planned_start, baseline planned_end, baseline actual_start, baseline actual_end, in baseline]
 */
export type CompareRaw = [number, number, string, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, number]

/**
 * Sites under a region as a range of county codes ('5226' → '5226' ≤ code < '5227'), which the
 * site_county index serves; a LIKE would make SQLite scan every facility and look its site up.
 */
function scope(region: string | null | undefined, alias = 's'): { sql: string; params: string[] } {
  if (!region) return { sql: '1 = 1', params: [] }
  const prefix = regionPrefixOf(region)
  if (prefix.length === 6) return { sql: `${alias}.county_code = ?`, params: [prefix] }
  const next = String(Number(prefix) + 1).padStart(prefix.length, '0')
  return { sql: `${alias}.county_code >= ? AND ${alias}.county_code < ?`, params: [prefix, next] }
}

export interface SiteBrief {
  id: number
  code: string | null
  name: string
  county_code: string
  county: string | null
  mode: string | null
  planned_people: number | null
  start_date: string | null
  completion_date: string | null
  move_in_date: string | null
}

export interface BaselineRow {
  id: number
  name: string
  created_at: string
  items: number
}

export class FacilityScheduleRepository extends SqlRepository {
  constructor(db: Database.Database) {
    super(db)
    // the schedule flags of shared/facilities/schedule.ts as an SQL function, so roll-ups group in SQLite
    db.function('anju_fac_flags', { deterministic: true }, (status: unknown, plannedEnd: unknown, actualStart: unknown, actualEnd: unknown, nature: unknown, moveIn: unknown, asOf: unknown) =>
      scheduleFlags({ status, planned_end: plannedEnd, actual_start: actualStart, actual_end: actualEnd, nature }, moveIn, String(asOf)),
    )
  }

  /**
   * Facilities under a region (or of the given counties) counted by county, category, type and
   * schedule flags: [county_code, category, type, flags, count].
   */
  groupFacilities(region: string | null | undefined, asOf: string, counties?: readonly string[]): [string, string | null, string | null, number, number][] {
    const w = counties ? { sql: 's.county_code IN (SELECT value FROM json_each(?))', params: [JSON.stringify(counties)] } : scope(region)
    return this.stmt(
      `SELECT s.county_code, f.category, f.type, anju_fac_flags(f.status, f.planned_end, f.actual_start, f.actual_end, f.nature, s.move_in_date, ?) AS fl, COUNT(*)
       FROM site s JOIN facility f ON f.site_id = s.id WHERE ${w.sql} GROUP BY 1, 2, 3, 4`,
    )
      .raw(true)
      .all(asOf, ...w.params) as [string, string | null, string | null, number, number][]
  }


  /** Sites under a region (or the given ids), county then code order. */
  sites(opts: { region?: string | null; siteIds?: readonly number[] }): SiteBrief[] {
    const cols = 's.id, s.code, s.name, s.county_code, s.county, s.mode, s.planned_people, s.start_date, s.completion_date, s.move_in_date'
    if (opts.siteIds) {
      const out: SiteBrief[] = []
      const one = this.stmt(`SELECT ${cols} FROM site s WHERE s.id = ?`)
      for (const id of opts.siteIds) {
        const r = one.get(id) as SiteBrief | undefined
        if (r) out.push(r)
      }
      return out.sort((a, b) => a.county_code.localeCompare(b.county_code) || String(a.code ?? '').localeCompare(String(b.code ?? '')) || a.id - b.id)
    }
    const w = scope(opts.region)
    return this.stmt(`SELECT ${cols} FROM site s WHERE ${w.sql} ORDER BY s.county_code, s.code, s.id`).all(...w.params) as SiteBrief[]
  }

  /** [site_id, type, name] of every facility of the sites under a region (all sites when region is null). */
  siteFacilityTypes(region: string | null | undefined): [number, string | null, string | null][] {
    const w = scope(region)
    return this.stmt(`SELECT f.site_id, f.type, f.name FROM facility f JOIN site s ON s.id = f.site_id WHERE ${w.sql}`)
      .raw(true)
      .all(...w.params) as [number, string | null, string | null][]
  }

  /**
   * Gantt rows under a region (or one site), grouped by site in county, code order:
   * [id, site_id, name, type, category, status, planned_start, planned_end, actual_start, actual_end, nature].
   */
  ganttRows(region: string | null | undefined, siteId?: number): GanttRaw[] {
    if (siteId !== undefined) {
      return this.stmt(
        `SELECT f.id, f.site_id, f.name, f.type, f.category, f.status, f.planned_start, f.planned_end, f.actual_start, f.actual_end, f.nature
         FROM facility f WHERE f.site_id = ? ORDER BY f.id`,
      )
        .raw(true)
        .all(siteId) as GanttRaw[]
    }
    const w = scope(region)
    return this.stmt(
      `SELECT f.id, f.site_id, f.name, f.type, f.category, f.status, f.planned_start, f.planned_end, f.actual_start, f.actual_end, f.nature
       FROM facility f JOIN site s ON s.id = f.site_id WHERE ${w.sql} ORDER BY s.county_code, s.code, s.id, f.id`,
    )
      .raw(true)
      .all(...w.params) as GanttRaw[]
  }

  /** How many facilities a region holds (the Gantt refuses regions too large to draw). */
  countFacilities(region: string | null | undefined): number {
    const w = scope(region)
    return (this.stmt(`SELECT COUNT(*) AS n FROM facility f JOIN site s ON s.id = f.site_id WHERE ${w.sql}`).get(...w.params) as { n: number }).n
  }

  // ---- baselines ----

  baselines(): BaselineRow[] {
    return this.stmt(
      `SELECT b.id, b.name, b.created_at, (SELECT COUNT(*) FROM baseline_item i WHERE i.baseline_id = b.id) AS items FROM baseline b ORDER BY b.created_at DESC, b.id DESC`,
    ).all() as BaselineRow[]
  }

  baseline(id: number): BaselineRow | undefined {
    return this.stmt(`SELECT b.id, b.name, b.created_at, (SELECT COUNT(*) FROM baseline_item i WHERE i.baseline_id = b.id) AS items FROM baseline b WHERE b.id = ?`).get(id) as BaselineRow | undefined
  }

  baselineByName(name: string): BaselineRow | undefined {
    return this.stmt(`SELECT id, name, created_at, 0 AS items FROM baseline WHERE name = ?`).get(name) as BaselineRow | undefined
  }

  /** Snapshot every facility's four dates under a new baseline, in one transaction. Returns its id. */
  saveBaseline(name: string, createdAt: string): number {
    return this.db.transaction(() => {
      const info = this.stmt(`INSERT INTO baseline (name, created_at) VALUES (?, ?)`).run(name, createdAt)
      const id = Number(info.lastInsertRowid)
      this.stmt(
        `INSERT INTO baseline_item (baseline_id, facility_id, planned_start, planned_end, actual_start, actual_end)
         SELECT ?, id, planned_start, planned_end, actual_start, actual_end FROM facility`,
      ).run(id)
      return id
    })()
  }

  deleteBaseline(id: number): boolean {
    return this.stmt(`DELETE FROM baseline WHERE id = ?`).run(id).changes > 0
  }

  /** Current facilities under a region beside their baseline dates (see CompareRaw). */
  compareRows(baselineId: number, region: string | null | undefined): CompareRaw[] {
    const w = scope(region)
    return this.stmt(
      `SELECT f.id, f.site_id, s.county_code, f.planned_start, f.planned_end, f.actual_start, f.actual_end,
              i.planned_start, i.planned_end, i.actual_start, i.actual_end, i.facility_id IS NOT NULL
       FROM facility f JOIN site s ON s.id = f.site_id
       LEFT JOIN baseline_item i ON i.baseline_id = ? AND i.facility_id = f.id
       WHERE ${w.sql} ORDER BY s.county_code, s.code, s.id, f.id`,
    )
      .raw(true)
      .all(baselineId, ...w.params) as CompareRaw[]
  }

  /** Baseline items whose facility no longer exists, counted under a region (region unknown for them: all). */
  removedSince(baselineId: number): number {
    return (this.stmt(`SELECT COUNT(*) AS n FROM baseline_item i WHERE i.baseline_id = ? AND NOT EXISTS (SELECT 1 FROM facility f WHERE f.id = i.facility_id)`).get(baselineId) as { n: number }).n
  }
}
