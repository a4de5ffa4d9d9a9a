/**
 * Counts per county: sites and people for the region tree; every entity for `anju info`.
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

export interface RegionEntityCounts {
  sites: number
  people: number
  facilities: number
  workshops: number
}

/**
 * Rows of every entity per county, for `anju info`: sites (and their planned people) by their county
 * code, facilities and workshops by the county of the site they belong to. Rows whose site is missing
 * (a workshop serving no site) are counted apart, so the regions and `unassigned` add up to the totals.
 */
export function regionEntityCounts(db: Database.Database): { byCounty: Map<string, RegionEntityCounts>; unassigned: { facilities: number; workshops: number } } {
  const byCounty = new Map<string, RegionEntityCounts>()
  const entry = (code: string): RegionEntityCounts => {
    let e = byCounty.get(code)
    if (!e) byCounty.set(code, (e = { sites: 0, people: 0, facilities: 0, workshops: 0 }))
    return e
  }
  for (const [code, s] of regionStats(db)) Object.assign(entry(code), s)
  const perSite = (table: 'facility' | 'workshop') =>
    db.prepare(`SELECT s.county_code AS code, COUNT(*) AS n FROM ${table} AS x JOIN site AS s ON s.id = x.site_id GROUP BY s.county_code`).all() as { code: string | null; n: number }[]
  for (const r of perSite('facility')) entry(r.code ?? '').facilities = r.n
  for (const r of perSite('workshop')) entry(r.code ?? '').workshops = r.n
  const orphans = (table: 'facility' | 'workshop') =>
    (db.prepare(`SELECT COUNT(*) AS n FROM ${table} AS x WHERE NOT EXISTS (SELECT 1 FROM site AS s WHERE s.id = x.site_id)`).get() as { n: number }).n
  return { byCounty, unassigned: { facilities: orphans('facility'), workshops: orphans('workshop') } }
}
