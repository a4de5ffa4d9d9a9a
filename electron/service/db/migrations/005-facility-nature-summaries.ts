/**
 * Migration 5: a facility's 建设性质 (nature) now decides whether it can be late for move-in (a facility
 * shared with the surroundings, 共享周边, never is: shared/facilities/schedule.ts moveInLateness), so a
 * change of nature must make its county's stored facility counts stale, like the columns migration 4's
 * trigger already watches. Forward only; migration 4 stays as shipped.
 */
import type Database from 'better-sqlite3'
import type { Migration } from './types.ts'

export const migration005: Migration = {
  version: 5,
  name: 'summaries: facility nature makes county counts stale',
  up(db: Database.Database) {
    db.exec(`
      CREATE TRIGGER county_summary_facility_nature AFTER UPDATE OF nature ON facility BEGIN
        DELETE FROM county_summary WHERE kind IN ('facility', 'facility_type', 'large_sites')
          AND county_code IN ((SELECT county_code FROM site WHERE id = OLD.site_id), (SELECT county_code FROM site WHERE id = NEW.site_id));
      END;
    `)
  },
}
