/**
 * The benchmark harness behind `npm run bench`: every file in bench/cases/ exports `cases`, each
 * measuring figures beside the bare-library floor measured in the same run, so results are ratios.
 */

export interface BenchFigure {
  name: string
  value: number
  unit: string
  /** the bare-library figure from the same run, or null */
  floor: number | null
  /** the target the issue set, as text */
  goal: string
  met: boolean
}

export interface BenchContext {
  /** --quick: province scale, under a minute */
  quick: boolean
  /** a scratch directory for this run */
  workDir: string
  /** path of the generated plan for this run (national scale, or province scale with --quick), made once */
  scalePlan(): Promise<string>
  /** path of the generated sample-sized plan (~950 sites), made once */
  samplePlan(): Promise<string>
}

export interface BenchCase {
  name: string
  run(ctx: BenchContext): Promise<BenchFigure[]>
}

/** Median of a few timed runs of fn, in ms. */
export async function medianMs(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

export function figure(name: string, value: number, unit: string, goal: string, met: boolean, floor: number | null = null): BenchFigure {
  return { name, value: Math.round(value * 100) / 100, unit, floor: floor === null ? null : Math.round(floor * 100) / 100, goal, met }
}
