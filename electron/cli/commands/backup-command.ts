/**
 * `anju backup list|create|restore --plan PLAN [--name NAME | --latest] [--json]`: the plan's automatic
 * and manual backups, taking one now, and restoring one. Restoring needs the plan's write lock, so it
 * refuses while the app has the plan open for writing (restore from the app then).
 */
import { appError } from '../../../shared/api/errors.ts'
import { planInfo } from '../../service/handlers/plan-handlers.ts'
import { Plan } from '../../service/plan.ts'
import { backupDir, createBackup, listBackups, RETENTION } from '../../service/safety/backups.ts'
import { restoreIntoOpenPlan } from '../../service/safety/plan-backups.ts'
import type { Command } from '../command.ts'

const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`

export const backupCommand: Command = {
  name: 'backup',
  usage: 'anju backup list|create|restore --plan PLAN [--name NAME | --latest] [--json]   备份与恢复 / backups and restore',
  valued: ['plan', 'name'],
  async run(args, io) {
    const [sub] = args.positionals
    const path = args.options.get('plan')
    if (!path) throw appError('INVALID_INPUT', '缺少 --plan', 'Missing --plan')
    if (sub === 'list') {
      const list = listBackups(path)
      if (args.flags.has('json')) io.out(JSON.stringify({ folder: backupDir(path), backups: list, retention: RETENTION }))
      else {
        io.out(`备份文件夹 / folder: ${backupDir(path)}`)
        if (list.length === 0) io.out('（没有备份 / no backups）')
        for (const b of list) io.out(`  ${b.name}  ${b.reason}  ${b.createdAt}  ${mb(b.size)}`)
      }
      return 0
    }
    if (sub === 'create') {
      // a snapshot only reads (a consistent one, through SQLite): safe while the app has the plan open
      const b = createBackup(path, null, 'manual')
      io.out(args.flags.has('json') ? JSON.stringify(b) : `已备份 / backed up: ${backupDir(path)}/${b.name}`)
      return 0
    }
    if (sub === 'restore') {
      const name = args.flags.has('latest') ? listBackups(path)[0]?.name : args.options.get('name')
      if (!name) throw appError('INVALID_INPUT', '请用 --name 指定备份，或用 --latest 恢复最新的备份', 'Give the backup with --name, or --latest for the newest one')
      const plan = Plan.open(path) // throws PLAN_LOCKED while another window or command is writing it
      const { plan: restored, snapshot } = restoreIntoOpenPlan(plan, name, (p) => Plan.open(p))
      try {
        const info = planInfo(restored)
        if (args.flags.has('json')) io.out(JSON.stringify({ restored: name, snapshot: snapshot.name, info }))
        else io.out(`已从备份恢复 / restored from ${name}\n恢复前的状态已另存为 / the state before the restore was saved as ${snapshot.name}\n安置点 / sites: ${info.counts.site}  设施 / facilities: ${info.counts.facility}  车间 / workshops: ${info.counts.workshop}`)
      } finally {
        restored.close()
      }
      return 0
    }
    throw appError('INVALID_INPUT', `未知的子命令“${sub ?? ''}”：应为 list、create 或 restore`, `Unknown subcommand "${sub ?? ''}": use list, create or restore`)
  },
}
