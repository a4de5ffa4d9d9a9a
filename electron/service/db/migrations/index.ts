/**
 * Every migration in order, one per line (the file merges by union: check after merging). Add a new
 * file NNN-name.ts and list it here; never edit a shipped one.
 */
import { migration001 } from './001-initial.ts'
import { migration002 } from './002-checks.ts'
import { migration003 } from './003-reports.ts'
import { migration004 } from './004-county-summaries.ts'
import { migration005 } from './005-facility-nature-summaries.ts'
import type { Migration } from './types.ts'

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
]

export const LATEST_VERSION = Math.max(...MIGRATIONS.map((m) => m.version))
