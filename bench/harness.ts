/**
 * The benchmark harness behind `npm run bench`: every file in bench/cases/ exports `cases`, each
 * measuring figures beside the bare-library floor measured in the same run, so results are ratios.
 */
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'

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

/** Bare-library figures measured once per run on the same cells, the floors cases divide by. */
export interface Floors {
  /** rows in the province workbook (the scale plan's sites) and columns per row */
  rows: number
  columns: number
  /** exceljs streaming WorkbookWriter writing those cells, ms */
  excelWriteMs: number
  /** exceljs streaming WorkbookReader reading every cell of the workbook, ms */
  excelReadMs: number
  /** better-sqlite3 inserting the same rows (one transaction, one prepared statement, WAL file), ms */
  sqliteInsertMs: number
  /** better-sqlite3 reading them all back (SELECT * … raw), ms */
  sqliteQueryMs: number
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
  /**
   * An .xlsx of the scale plan's sites (35,000 rows nationally; the province's with --quick): one
   * header row of the dictionary's Chinese labels, then one row per site, written with exceljs's
   * streaming writer. Made once per run; import and export cases read or compare against it.
   */
  provinceWorkbook(): Promise<string>
  /** the bare-library floors on the workbook's cells, measured once per run */
  floors(): Promise<Floors>
  /** a fresh copy of a plan file in the scratch directory (so a case can change it) */
  copyPlan(path: string, name: string): string
}

export interface BenchCase {
  name: string
  run(ctx: BenchContext): Promise<BenchFigure[]>
}

let quickRuns = false

/** --quick repeats each measurement a third as often (at least once), to stay near a minute. */
export function setQuickRuns(quick: boolean): void {
  quickRuns = quick
}

/** How many times to repeat a measurement asked to run n times. */
export function reps(n: number): number {
  return quickRuns ? Math.max(1, Math.ceil(n / 3)) : n
}

/** The median of some measurements. */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
}

/** Median of a few timed runs of fn, in ms (fewer with --quick: see reps). */
export async function medianMs(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = []
  const n = reps(runs)
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

/** Peak and current resident set size of a process (Linux /proc), in MB; null elsewhere. */
export function processMemoryMb(pid: number): { peak: number; now: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? NaN)
    return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 }
  } catch {
    return null
  }
}

export function figure(name: string, value: number, unit: string, goal: string, met: boolean, floor: number | null = null): BenchFigure {
  return { name, value: Math.round(value * 100) / 100, unit, floor: floor === null ? null : Math.round(floor * 100) / 100, goal, met }
}

/** Count the page's API calls in flight (call before the first navigation), for waitForApiIdle. */
export async function countApiCalls(page: Page): Promise<void> {
  await page.addInitScript(`(() => {
    window.__apiInFlight = 0
    const f = window.fetch
    window.fetch = (...a) => {
      window.__apiInFlight++
      const done = () => { if (--window.__apiInFlight === 0) window.__apiIdleSince = performance.now() }
      return f(...a).finally(done)
    }
  })()`)
}

/**
 * Wait until the page has made no API call for quietMs: it has finished opening (check marks,
 * coverage), or an edit's follow-ups are done, so the next figure is timed alone.
 */
export async function waitForApiIdle(page: Page, quietMs = 500): Promise<void> {
  await page.waitForFunction(
    (quiet) => {
      const w = globalThis as unknown as { __apiInFlight?: number; __apiIdleSince?: number }
      return w.__apiIdleSince !== undefined && w.__apiInFlight === 0 && performance.now() - w.__apiIdleSince > quiet
    },
    quietMs,
    { timeout: 120000, polling: 100 },
  )
}
