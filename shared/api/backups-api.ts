/**
 * Backup methods: list the automatic and manual backups of the open plan, take one now, and restore
 * one (the current state is backed up first, so a restore can be undone by restoring that snapshot).
 */
import { z } from 'zod'
import { method } from './define.ts'
import type { PlanInfo } from './plan-api.ts'

/** why a backup was taken */
export type BackupReason = 'import' | 'migration' | 'daily' | 'manual' | 'restore'

export interface BackupInfo {
  /** file name inside the plan's backup folder (PLAN.anju.backups/) */
  name: string
  reason: BackupReason
  /** ISO time */
  createdAt: string
  /** bytes */
  size: number
  /** for a migration backup: the schema version before the migration */
  fromVersion?: number
}

export interface BackupList {
  /** the folder holding them */
  folder: string
  backups: BackupInfo[]
  /** how many of each kind are kept */
  retention: Record<BackupReason, number>
}

const BackupName = z.string().regex(/^[\w.-]{1,120}\.anju$/)

export const backupsApi = {
  'backups.list': method(z.object({}))<BackupList>(),
  'backups.create': method(z.object({}))<BackupInfo>(),
  'backups.restore': method(z.object({ name: BackupName }))<PlanInfo>(),
} as const
