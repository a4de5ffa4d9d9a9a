/**
 * Backup handlers: list the open plan's backups, take one now, restore one (reopening the plan).
 */
import type { BackupList } from '../../../shared/api/backups-api.ts'
import { appError } from '../../../shared/api/errors.ts'
import { Plan } from '../plan.ts'
import { backupDir, listBackups, RETENTION } from '../safety/backups.ts'
import { backupNow, restoreIntoOpenPlan } from '../safety/plan-backups.ts'
import type { Handlers } from '../service-context.ts'
import { planInfo } from './plan-handlers.ts'
import { ensureWritable } from './plan-helpers.ts'

type BackupsMethods = 'backups.list' | 'backups.create' | 'backups.restore'

function onDisk(plan: Plan): Plan {
  if (plan.path === ':memory:') throw appError('INVALID_INPUT', '内存中的规划没有备份', 'An in-memory plan has no backups')
  return plan
}

export const backupsHandlers: Handlers<BackupsMethods> = {
  'backups.list': (_i, ctx): BackupList => {
    const plan = ctx.plan()
    if (plan.path === ':memory:') return { folder: '', backups: [], retention: RETENTION }
    return { folder: backupDir(plan.path), backups: listBackups(plan.path), retention: RETENTION }
  },
  'backups.create': (_i, ctx) => backupNow(onDisk(ensureWritable(ctx.plan()))),
  'backups.restore': ({ name }, ctx) => {
    const plan = onDisk(ensureWritable(ctx.plan()))
    const { plan: next } = restoreIntoOpenPlan(plan, name, (path) => Plan.open(path))
    ctx.replacePlan(next)
    const info = planInfo(next)
    ctx.emit('plan.opened', info)
    return info
  },
}
