/**
 * The SQL behind workshop coverage and placement: the employment figures of sites and the location and
 * jobs of workshops, read in one pass each as compact records. A workshop without its own coordinates
 * stands at the site it serves. Region filters are code prefixes bound as parameters.
 */
import { SqlRepository } from './statements.ts'
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

export type Box = { minLat: number; maxLat: number; minLon: number; maxLon: number }

type SiteRaw = [number, string | null, string, string, string | null, string | null, number | null, number | null, number, number, number, number, number]
const SITE_COLS = `id, code, name, county_code, county, township, lat, lon,
                COALESCE(moved_people, planned_people, 0), COALESCE(labor_force, 0), COALESCE(employed, 0),
                COALESCE(labor_households, 0), COALESCE(zero_employment_households, 0)`
const siteOf = ([id, code, name, countyCode, county, township, lat, lon, people, labour, employed, labourHouseholds, zeroHouseholds]: SiteRaw): SiteEmploymentRecord => ({
  id, code, name, countyCode, county, township, lat, lon, people, labour, employed, labourHouseholds, zeroHouseholds,
})

export class WorkshopCoverageRepository extends SqlRepository {
  /** Sites under a region (all when null) with their employment figures; missing numbers read as 0. */
  sites(region?: string | null): SiteEmploymentRecord[] {
    const r = regionClause('county_code', region)
    const rows = this.stmt(`SELECT ${SITE_COLS} FROM site ${r.sql ? `WHERE ${r.sql}` : ''} ORDER BY county_code, code, id`)
      .raw(true)
      .all(...r.params) as SiteRaw[]
    return rows.map(siteOf)
  }

  /** Sites with coordinates inside a box (degrees), outside a region: the neighbours that share a region's workshops. */
  sitesInBoxOutside(box: Box, region: string): SiteEmploymentRecord[] {
    const r = regionClause('county_code', region)
    const rows = this.stmt(`SELECT ${SITE_COLS} FROM site WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND NOT (${r.sql}) ORDER BY county_code, code, id`)
      .raw(true)
      .all(box.minLat, box.maxLat, box.minLon, box.maxLon, ...r.params) as SiteRaw[]
    return rows.map(siteOf)
  }

  /** Sites by id (those a region's workshops are attached to), in id order. */
  sitesByIds(ids: readonly number[]): SiteEmploymentRecord[] {
    if (ids.length === 0) return []
    const rows = this.stmt(`SELECT ${SITE_COLS} FROM site WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .raw(true)
      .all(JSON.stringify(ids)) as SiteRaw[]
    return rows.map(siteOf)
  }

  /**
   * Workshops with a location (their own, else their site's): all of them, or those inside a box
   * (degrees) — the box of a region's sites grown by the commute radius — together with the workshops
   * attached to the region's sites (which count for a site without coordinates wherever they stand).
   */
  workshops(box?: Box | null, region?: string | null): WorkshopLocationRecord[] {
    const r = region ? regionClause('s.county_code', region) : null
    const conds: string[] = []
    const params: (string | number)[] = []
    if (box) {
      conds.push('(COALESCE(w.lat, s.lat) BETWEEN ? AND ? AND COALESCE(w.lon, s.lon) BETWEEN ? AND ?)')
      params.push(box.minLat, box.maxLat, box.minLon, box.maxLon)
    }
    if (box && r) {
      conds.push(`(${r.sql})`)
      params.push(...r.params)
    }
    const where = conds.length ? `WHERE ${conds.join(' OR ')}` : ''
    const rows = this.stmt(
      `SELECT w.id, w.name, w.site_id, s.county_code, COALESCE(w.lat, s.lat), COALESCE(w.lon, s.lon), COALESCE(w.jobs, 0), w.designed_jobs, w.op_status
       FROM workshop w LEFT JOIN site s ON s.id = w.site_id ${where} ORDER BY w.id`,
    )
      .raw(true)
      .all(...params) as [number, string, number | null, string | null, number | null, number | null, number, number | null, string | null][]
    return rows.map(([id, name, siteId, countyCode, lat, lon, jobs, designedJobs, status]) => ({ id, name, siteId, countyCode, lat, lon, jobs, designedJobs, status }))
  }
}
