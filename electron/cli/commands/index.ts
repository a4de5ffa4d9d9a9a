/** Every CLI subcommand. Later domains add theirs (import, check, export, place, template). */
import type { Command } from '../command.ts'
import { exportCommand } from './export-command.ts'
import { infoCommand } from './info-command.ts'
import { newCommand } from './new-command.ts'

export const COMMANDS: Command[] = [newCommand, infoCommand, exportCommand]
