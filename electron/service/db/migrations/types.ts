/** The shape of a numbered, forward-only migration. */
import type Database from 'better-sqlite3'

export interface Migration {
  /** PRAGMA user_version after this migration has run */
  version: number
  name: string
  up(db: Database.Database): void
}
