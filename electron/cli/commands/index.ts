/** Every CLI subcommand. Later domains add theirs (import, check, export, place, template). */
import type { Command } from '../command.ts'
import { checkCommand } from './check-command.ts'
import { importCommand } from './import-command.ts'
import { infoCommand } from './info-command.ts'
import { newCommand } from './new-command.ts'
import { templateCommand } from './template-command.ts'

export const COMMANDS: Command[] = [newCommand, infoCommand, checkCommand]
export const COMMANDS: Command[] = [newCommand, infoCommand, importCommand, templateCommand]
import { backupCommand } from './backup-command.ts'

export const COMMANDS: Command[] = [newCommand, infoCommand, backupCommand]
