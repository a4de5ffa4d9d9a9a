/**
 * The `anju` command line, built on the same service code as the app. Errors print one clear line
 * (Chinese / English) on stderr and exit non-zero.
 */
import { AppError } from '../../shared/api/errors.ts'
import { parseArgs } from './args.ts'
import type { CliIo } from './command.ts'
import { COMMANDS } from './commands/index.ts'

const stdio: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
}

export async function main(argv: readonly string[], io: CliIo = stdio): Promise<number> {
  const [name, ...rest] = argv
  const cmd = COMMANDS.find((c) => c.name === name)
  if (!cmd) {
    io.err(`用法 / usage:\n${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}`)
    return name === undefined || name === '--help' || name === 'help' ? 0 : 2
  }
  try {
    return await cmd.run(parseArgs(rest, cmd.valued), io)
  } catch (e) {
    if (e instanceof AppError) io.err(`错误：${e.label.zh} / Error: ${e.label.en}`)
    else io.err(`错误 / Error: ${e instanceof Error ? e.message : String(e)}`)
    return 1
  }
}
