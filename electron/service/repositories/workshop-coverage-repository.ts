/**
 * The SQL behind workshop coverage and placement: the employment figures of sites and the location and
 * jobs of workshops, read in one pass each as compact records. A workshop without its own coordinates
 * stands at the site it serves. Region filters are code prefixes bound as parameters.
 */
import type Database from 'better-sqlite3'
import { regionPrefixOf } from '../../../shared/regions.ts'

export interface SiteEmploymentRecord {
  id: number
  code: string | null
  name: string
  countyCode: string
  county: string | null
  township: string | null
  lat: number | null
  lon: number | null
  people: number
  labour: number
  employed: number
  labourHouseholds: number
  zeroHouseholds: number
}

export interface WorkshopLocationRecord {
  id: number
  name: string
  siteId: number | null
  /** the county of the site it serves */
  countyCode: string | null
  lat: number | null
  lon: number | null
  jobs: number
  designedJobs: number | null
  status: string | null
}

function regionClause(column: string, region: string | null | undefined): { sql: string; params: string[] } {
  if (!region) return { sql: '', params: [] }
  const prefix = regionPrefixOf(region)
  return prefix.length === 6 ? { sql: `${column} = ?`, params: [prefix] } : { sql: `${column} LIKE ?`, params: [`${prefix}%`] }
}

export class WorkshopCoverageRepository {
  private readonly db: Database.Database
  constructor(db: Database.Database) {
    this.db = db
  }

  /** Sites under a region (all when null) with their employment figures; missing numbers read as 0. */
  sites(region?: string | null): SiteEmploymentRecord[] {
    const r = regionClause('county_code', region)
    const rows = this.db
      .prepare(
        `SELECT id, code, name, county_code, county, township, lat, lon,
                COALESCE(moved_people, planned_people, 0), COALESCE(labor_force, 0), COALESCE(employed, 0),
                COALESCE(labor_households, 0), COALESCE(zero_employment_households, 0)
         FROM site ${r.sql ? `WHERE ${r.sql}` : ''} ORDER BY county_code, code, id`,
      )
      .raw(true)
      .all(...r.params) as [number, string | null, string, string, string | null, string | null, number | null, number | null, number, number, number, number, number][]
    return rows.map(([id, code, name, countyCode, county, township, lat, lon, people, labour, employed, labourHouseholds, zeroHouseholds]) => ({
      id, code, name, countyCode, county, township, lat, lon, people, labour, employed, labourHouseholds, zeroHouseholds,
    }))
  }

  /**
   * Workshops with a location (their own, else their site's), optionally only those inside a box
   * (degrees) — the box of a region's sites grown by the commute radius.
   */
  workshops(box?: { minLat: number; maxLat: number; minLon: number; maxLon: number } | null): WorkshopLocationRecord[] {
    const where = box ? 'WHERE COALESCE(w.lat, s.lat) BETWEEN ? AND ? AND COALESCE(w.lon, s.lon) BETWEEN ? AND ?' : ''
    const params = box ? [box.minLat, box.maxLat, box.minLon, box.maxLon] : []
    const rows = this.db
      .prepare(
        `SELECT w.id, w.name, w.site_id, s.county_code, COALESCE(w.lat, s.lat), COALESCE(w.lon, s.lon), COALESCE(w.jobs, 0), w.designed_jobs, w.op_status
         FROM workshop w LEFT JOIN site s ON s.id = w.site_id ${where} ORDER BY w.id`,
      )
      .raw(true)
      .all(...params) as [number, string, number | null, string | null, number | null, number | null, number, number | null, string | null][]
    return rows.map(([id, name, siteId, countyCode, lat, lon, jobs, designedJobs, status]) => ({ id, name, siteId, countyCode, lat, lon, jobs, designedJobs, status }))
  }
}
