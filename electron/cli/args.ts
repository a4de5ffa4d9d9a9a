/**
 * A small argument parser for the CLI: positionals, --flag, --key value.
 */
export interface ParsedArgs {
  positionals: string[]
  flags: Set<string>
  options: Map<string, string>
}

/** Options that take a value; everything else starting with -- is a flag. */
export function parseArgs(argv: readonly string[], valued: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], flags: new Set(), options: new Map() }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a.startsWith('--')) {
      const eq = a.indexOf('=')
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2)
      if (eq > 0) out.options.set(name, a.slice(eq + 1))
      else if (valued.includes(name)) {
        const v = argv[i + 1]
        if (v === undefined) throw new Error(`--${name} needs a value`)
        out.options.set(name, v)
        i++
      } else out.flags.add(name)
    } else out.positionals.push(a)
  }
  return out
}
