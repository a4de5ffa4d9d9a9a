/**
 * The `anju` command line, built on the same service code as the app. Errors print one clear line
 * (Chinese / English) on stderr and exit non-zero.
 */
import { AppError } from '../../shared/api/errors.ts'
import { parseArgs } from './args.ts'
import type { CliIo } from './command.ts'
import { COMMANDS } from './commands/index.ts'

/** set once a reader closed our output (`anju info | head`): the rest is dropped, the command still finishes */
const closed = { out: false, err: false }

/**
 * A reader that goes away early is not an error: without a listener Node would die on the EPIPE,
 * before the command closes its plan. Other write failures are reported on stderr as usual.
 */
function quietOnEpipe(stream: NodeJS.WriteStream, key: keyof typeof closed): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed[key] = true
    else throw e
  })
}
let listening = false

const stdio: CliIo = {
  out: (t) => void (closed.out || process.stdout.write(t.endsWith('\n') ? t : `${t}\n`)),
  err: (t) => void (closed.err || process.stderr.write(t.endsWith('\n') ? t : `${t}\n`)),
}

export async function main(argv: readonly string[], io: CliIo = stdio): Promise<number> {
  if (io === stdio && !listening) {
    listening = true
    quietOnEpipe(process.stdout, 'out')
    quietOnEpipe(process.stderr, 'err')
  }
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
