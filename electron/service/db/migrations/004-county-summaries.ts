/**
 * Migration 4 (stored county summaries): each county's aggregates — facility completion counts by
 * category and by type (for one as-of date), site sums, workshop sums and its list of large sites
 * (for one size threshold) — kept in the plan file, so the dashboard and the printed summaries of a
 * national plan read one row per county and kind (~2,200 each) instead of grouping 35,000 sites,
 * ~420,000 facilities and ~34,000 workshops on every cold start.
 *
 * Triggers in plain SQL (so every writer keeps the store honest: actions, undo replay, bulk imports, a
 * tool outside the app) delete a county's row of a kind whenever a row it sums changes; the readers
 * regroup only the counties without a row (electron/service/repositories/county-summary-store.ts).
 */
import type Database from 'better-sqlite3'
import type { Migration } from './types.ts'

/** The kinds a change of each table makes stale (large sites list their facilities and workshops). */
const FACILITY_KINDS = "'facility', 'facility_type', 'large_sites'"
const WORKSHOP_KINDS = "'workshop', 'large_sites'"
const SITE_KINDS = "'site', 'large_sites'"

/** SQL of the county a site id belongs to. */
const countyOf = (siteId: string): string => `(SELECT county_code FROM site WHERE id = ${siteId})`

export const migration004: Migration = {
  version: 4,
  name: 'summaries: stored county aggregates',
  up(db: Database.Database) {
    db.exec(`
      CREATE TABLE county_summary (
        kind TEXT NOT NULL,
        county_code TEXT NOT NULL,
        as_of TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (kind, county_code)
      ) WITHOUT ROWID;

      CREATE TRIGGER county_summary_facility_insert AFTER INSERT ON facility BEGIN
        DELETE FROM county_summary WHERE kind IN (${FACILITY_KINDS}) AND county_code = ${countyOf('NEW.site_id')};
      END;
      CREATE TRIGGER county_summary_facility_delete AFTER DELETE ON facility BEGIN
        DELETE FROM county_summary WHERE kind IN (${FACILITY_KINDS}) AND county_code = ${countyOf('OLD.site_id')};
      END;
      CREATE TRIGGER county_summary_facility_update AFTER UPDATE OF site_id, category, type, status, planned_end, actual_start, actual_end ON facility BEGIN
        DELETE FROM county_summary WHERE kind IN (${FACILITY_KINDS}) AND county_code IN (${countyOf('OLD.site_id')}, ${countyOf('NEW.site_id')});
      END;

      CREATE TRIGGER county_summary_workshop_insert AFTER INSERT ON workshop BEGIN
        DELETE FROM county_summary WHERE kind IN (${WORKSHOP_KINDS}) AND county_code = ${countyOf('NEW.site_id')};
      END;
      CREATE TRIGGER county_summary_workshop_delete AFTER DELETE ON workshop BEGIN
        DELETE FROM county_summary WHERE kind IN (${WORKSHOP_KINDS}) AND county_code = ${countyOf('OLD.site_id')};
      END;
      CREATE TRIGGER county_summary_workshop_update AFTER UPDATE ON workshop BEGIN
        DELETE FROM county_summary WHERE kind IN (${WORKSHOP_KINDS}) AND county_code IN (${countyOf('OLD.site_id')}, ${countyOf('NEW.site_id')});
      END;

      CREATE TRIGGER county_summary_site_insert AFTER INSERT ON site BEGIN
        DELETE FROM county_summary WHERE kind IN (${SITE_KINDS}) AND county_code = NEW.county_code;
      END;
      CREATE TRIGGER county_summary_site_update AFTER UPDATE ON site BEGIN
        DELETE FROM county_summary WHERE kind IN (${SITE_KINDS}) AND county_code IN (OLD.county_code, NEW.county_code);
      END;
      CREATE TRIGGER county_summary_site_dates AFTER UPDATE OF county_code, move_in_date ON site BEGIN
        DELETE FROM county_summary WHERE kind IN (${FACILITY_KINDS}) AND county_code IN (OLD.county_code, NEW.county_code);
      END;
      CREATE TRIGGER county_summary_site_county AFTER UPDATE OF county_code ON site BEGIN
        DELETE FROM county_summary WHERE kind IN (${WORKSHOP_KINDS}) AND county_code IN (OLD.county_code, NEW.county_code);
      END;
      CREATE TRIGGER county_summary_site_delete AFTER DELETE ON site BEGIN
        DELETE FROM county_summary WHERE county_code = OLD.county_code;
      END;
    `)
  },
}
