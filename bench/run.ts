/**
 * `npm run bench [-- --quick] [-- --json] [-- --only NAME]`: runs every case in bench/cases/ and prints
 * a table (or one JSON object {"figures": [...]}) of figures with their floors and ratios.
 */
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Plan } from '../electron/service/plan.ts'
import { fillPlan, generateSamplePlan } from '../electron/service/domain/sample-plan.ts'
import type { BenchCase, BenchContext, BenchFigure } from './harness.ts'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const json = args.includes('--json')
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
const workDir = join(import.meta.dirname, '..', '.bench', quick ? 'quick' : 'full')
mkdirSync(workDir, { recursive: true })

/** The relocation provinces the national plan spreads its sites over. */
export const RELOCATION_PROVINCES = ['520000', '510000', '530000', '450000', '430000', '420000', '610000', '620000', '360000', '410000', '140000', '130000', '150000', '220000', '230000', '340000', '350000', '370000', '460000', '500000', '630000', '640000']

const once = <T>(fn: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | null = null
  return () => (p ??= fn())
}

const ctx: BenchContext = {
  quick,
  workDir,
  scalePlan: once(async () => {
    const path = join(workDir, quick ? 'province.anju' : 'national.anju')
    const { existsSync } = await import('node:fs')
    if (!existsSync(path)) {
      const plan = Plan.create(path, '520000')
      fillPlan(plan, { provinceCodes: quick ? ['520000'] : RELOCATION_PROVINCES, sites: quick ? 3000 : 35000, seed: 35000 })
      plan.close()
    }
    return path
  }),
  samplePlan: once(async () => {
    const path = join(workDir, 'sample.anju')
    const { existsSync } = await import('node:fs')
    if (!existsSync(path)) generateSamplePlan(path).close()
    return path
  }),
}

const files = readdirSync(join(import.meta.dirname, 'cases')).filter((f) => f.endsWith('.ts')).sort()
const figures: BenchFigure[] = []
for (const f of files) {
  const mod = (await import(`./cases/${f}`)) as { cases?: BenchCase[] }
  for (const c of mod.cases ?? []) {
    if (only && !c.name.includes(only)) continue
    if (!json) process.stderr.write(`… ${c.name}\n`)
    try {
      figures.push(...(await c.run(ctx)))
    } catch (e) {
      figures.push({ name: `${c.name}: failed (${e instanceof Error ? e.message : String(e)})`, value: NaN, unit: '', floor: null, goal: '', met: false })
    }
  }
}
const out = figures.map((f) => ({ ...f, ratio: f.floor ? Math.round((f.value / f.floor) * 100) / 100 : null }))
if (json) process.stdout.write(`${JSON.stringify({ figures: out })}\n`)
else {
  const rows = out.map((f) => [f.name, `${f.value} ${f.unit}`, f.floor === null ? '' : `${f.floor} ${f.unit}`, f.ratio === null ? '' : `${f.ratio}×`, f.goal, f.met ? 'yes' : 'NO'])
  const head = ['figure', 'value', 'floor', 'ratio', 'goal', 'met']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const r of rows) console.log(line(r))
}
process.exit(0)
