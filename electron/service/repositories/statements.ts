/**
 * The base of repositories that build their SQL at run time: the connection and its prepared
 * statements, each prepared once per SQL text (preparing is far dearer than running a small statement).
 */
import type Database from 'better-sqlite3'

export abstract class SqlRepository {
  protected readonly db: Database.Database
  private readonly statements = new Map<string, Database.Statement>()

  constructor(db: Database.Database) {
    this.db = db
  }

  protected stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql)
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)))
    return s
  }
}
