/**
 * A stamp that changes whenever the plan file is written, by this connection (SQLite total_changes())
 * or another (PRAGMA data_version). A paste preview keeps it so its commit can reuse the checked
 * cells when nothing changed in between, instead of checking 20,000 cells twice.
 */
import type Database from 'better-sqlite3'

export function writeStamp(db: Database.Database): string {
  const own = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n
  const others = db.pragma('data_version', { simple: true }) as number
  return `${own}:${others}`
}
