/**
 * The shape of a CLI subcommand. Each lives in commands/NAME.ts and is listed in commands/index.ts.
 */
export interface CliIo {
  out(text: string): void
  err(text: string): void
}

export interface Command {
  name: string
  /** one line: the usage and what it does */
  usage: string
  /** options that take a value */
  valued: readonly string[]
  run(args: import('./args.ts').ParsedArgs, io: CliIo): Promise<number>
}
