/**
 * Migration 3 (reports): a covering index for the facility summaries. Facility completion by category
 * groups ~420,000 rows nationally by site and category, and the 800+ site list looks up a site's
 * facilities by type; with (site_id, category, type, status) both read the index alone, never the table.
 */
import type Database from 'better-sqlite3'
import type { Migration } from './types.ts'

export const migration003: Migration = {
  version: 3,
  name: 'reports: facility summary index',
  up(db: Database.Database) {
    db.exec('CREATE INDEX IF NOT EXISTS facility_summary ON facility(site_id, category, type, status)')
  },
}
