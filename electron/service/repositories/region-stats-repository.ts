/**
 * Site counts and people per county, for the region tree.
 */
import type Database from 'better-sqlite3'

export function regionStats(db: Database.Database): Map<string, { sites: number; people: number }> {
  const rows = db.prepare(`SELECT county_code AS code, COUNT(*) AS sites, COALESCE(SUM(planned_people), 0) AS people FROM site GROUP BY county_code`).all() as {
    code: string
    sites: number
    people: number
  }[]
  return new Map(rows.map((r) => [r.code, { sites: r.sites, people: r.people }]))
}
