/** Every CLI subcommand, one per line (the file merges by union). */
import type { Command } from '../command.ts'
import { backupCommand } from './backup-command.ts'
import { checkCommand } from './check-command.ts'
import { exportCommand } from './export-command.ts'
import { importCommand } from './import-command.ts'
import { infoCommand } from './info-command.ts'
import { newCommand } from './new-command.ts'
import { placeCommand } from './place-command.ts'
import { settingsCommand } from './settings-command.ts'
import { templateCommand } from './template-command.ts'

export const COMMANDS: Command[] = [
  newCommand,
  infoCommand,
  importCommand,
  templateCommand,
  checkCommand,
  exportCommand,
  placeCommand,
  backupCommand,
  settingsCommand,
]
