/**
 * Migration 2 (checks): an index on facility(type, site_id) so the whole-plan check counts each site's
 * clinics, community service centres and employment stations from the index instead of scanning every
 * facility row (420,000 at national scale).
 */
import type Database from 'better-sqlite3'
import type { Migration } from './types.ts'

export const migration002: Migration = {
  version: 2,
  name: 'checks: facility type index',
  up(db: Database.Database) {
    db.exec('CREATE INDEX IF NOT EXISTS facility_type_site ON facility(type, site_id)')
  },
}
