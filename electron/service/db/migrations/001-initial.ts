/**
 * Migration 1: the whole domain schema. Entity tables take their columns from the field dictionary,
 * so a field added there is a column here (through a later migration that adds it).
 */
import type Database from 'better-sqlite3'
import { ENTITIES, storedFields, type EntityKey, type FieldDef } from '../../../../shared/dictionary/index.ts'
import type { Migration } from './types.ts'

function sqlType(f: FieldDef): string {
  switch (f.type) {
    case 'int':
    case 'bool':
    case 'site':
      return 'INTEGER'
    case 'decimal':
      return 'REAL'
    default:
      return 'TEXT'
  }
}

function columnSql(entity: EntityKey, f: FieldDef): string {
  let sql = `"${f.key}" ${sqlType(f)}`
  if (f.type === 'county') sql += ' REFERENCES region(code)'
  if (f.type === 'site') sql += ' REFERENCES site(id)'
  if (entity === 'site' && f.key === 'code') sql += ' UNIQUE'
  return sql
}

function entityTable(entity: EntityKey): string {
  const cols = storedFields(entity).map((f) => columnSql(entity, f))
  return `CREATE TABLE ${ENTITIES[entity].table} (id INTEGER PRIMARY KEY, ${cols.join(', ')}, updated_at TEXT)`
}

export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up(db: Database.Database) {
    db.exec(`
      CREATE TABLE region (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        level INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
        parent_code TEXT,
        province_code TEXT NOT NULL,
        lat REAL,
        lon REAL
      );
      CREATE INDEX region_parent ON region(parent_code);
      CREATE TABLE region_alias (
        alias_code TEXT,
        alias_name TEXT,
        code TEXT NOT NULL REFERENCES region(code)
      );
      CREATE INDEX region_alias_code ON region_alias(alias_code);
      CREATE INDEX region_alias_name ON region_alias(alias_name);
      CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE import_batch (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        sheet TEXT,
        entity TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        counts TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'committed' CHECK (state IN ('committed', 'rolled_back'))
      );
      CREATE TABLE change_set (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        label_zh TEXT NOT NULL,
        label_en TEXT NOT NULL,
        created_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone')),
        batch_id INTEGER REFERENCES import_batch(id)
      );
      CREATE TABLE change (
        id INTEGER PRIMARY KEY,
        set_id INTEGER NOT NULL REFERENCES change_set(id) ON DELETE CASCADE,
        entity TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        field TEXT,
        old_value TEXT,
        new_value TEXT
      );
      CREATE INDEX change_set_idx ON change(set_id);
      CREATE INDEX change_cell ON change(entity, row_id, field);
      CREATE TABLE check_explanation (
        id INTEGER PRIMARY KEY,
        rule_id TEXT NOT NULL,
        entity TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        field TEXT,
        comment TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (rule_id, entity, row_id, field)
      );
      CREATE TABLE baseline (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
      CREATE TABLE baseline_item (
        baseline_id INTEGER NOT NULL REFERENCES baseline(id) ON DELETE CASCADE,
        facility_id INTEGER NOT NULL,
        planned_start TEXT,
        planned_end TEXT,
        actual_start TEXT,
        actual_end TEXT,
        PRIMARY KEY (baseline_id, facility_id)
      ) WITHOUT ROWID;
    `)
    db.exec(entityTable('site'))
    db.exec(entityTable('facility'))
    db.exec(entityTable('workshop'))
    db.exec(`
      CREATE INDEX site_county ON site(county_code);
      CREATE INDEX facility_site ON facility(site_id);
      CREATE INDEX workshop_site ON workshop(site_id);
    `)
  },
}
