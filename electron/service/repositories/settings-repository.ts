/**
 * Plan settings and per-plan UI state (grid layouts), stored as JSON values by key.
 */
import type Database from 'better-sqlite3'
import { DEFAULT_SETTINGS, PLAN_SETTING_KEY, PlanSettingsSchema, type PlanSettings } from '../../../shared/settings.ts'

export class SettingsRepository {
  private readonly db: Database.Database
  constructor(db: Database.Database) {
    this.db = db
  }

  getRaw(key: string): unknown {
    const text = this.getText(key)
    return text === undefined ? undefined : JSON.parse(text)
  }

  setRaw(key: string, value: unknown): void {
    this.setText(key, JSON.stringify(value))
  }

  deleteRaw(key: string): void {
    this.db.prepare(`DELETE FROM setting WHERE key = ?`).run(key)
  }

  /** The stored JSON text of a key (undefined when absent): what the change log records. */
  getText(key: string): string | undefined {
    const r = this.db.prepare(`SELECT value FROM setting WHERE key = ?`).get(key) as { value: string } | undefined
    return r?.value
  }

  setText(key: string, text: string): void {
    this.db.prepare(`INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, text)
  }

  /** The plan settings, defaults filled in for anything missing or invalid. */
  settings(): PlanSettings {
    const stored = this.getRaw(PLAN_SETTING_KEY) as Partial<PlanSettings> | undefined
    const merged = { ...DEFAULT_SETTINGS, ...(stored ?? {}) }
    const parsed = PlanSettingsSchema.safeParse(merged)
    return parsed.success ? parsed.data : DEFAULT_SETTINGS
  }

  saveSettings(s: PlanSettings): void {
    this.setRaw(PLAN_SETTING_KEY, s)
  }
}
