/**
 * Workshops figures from issue 7: the placement optimizer on a province of 1,000 sites with 1,000
 * candidates and K = 50 (proven gap ≤ 1 % within 30 s; floor: the same MIP solved by HiGHS in-process,
 * without the worker, the coverage LPs or the marginal values); coverage of the national plan (≤ 1 s;
 * floor: reading the sites and workshops alone); the map of a province drawn in Chromium (≤ 500 ms).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import highsLoader from 'highs'
import { fillPlan } from '../../electron/service/domain/sample-plan.ts'
import { placeWorkshops } from '../../electron/service/optimizer/place.ts'
import { buildModel, findPairs, type PlacementInstance } from '../../electron/service/optimizer/placement-model.ts'
import { placementSettings } from '../../electron/service/optimizer/placement-settings.ts'
import { Plan } from '../../electron/service/plan.ts'
import { WorkshopCoverageRepository } from '../../electron/service/repositories/workshop-coverage-repository.ts'
import { boxAround, OPERATING, planCoverage } from '../../electron/service/workshops/coverage.ts'
import { startShell } from '../../tests/support/web-shell.ts'
import { figure, median, medianMs, type BenchCase, type BenchContext, reps } from '../harness.ts'

function provincePlan(ctx: BenchContext, sites: number): string {
  const path = join(ctx.workDir, `province-${sites}.anju`)
  if (!existsSync(path)) {
    const plan = Plan.create(path, '520000')
    fillPlan(plan, { sites, seed: 7, withFacilities: false })
    plan.close()
  }
  return path
}

/** The same instance place.ts builds (every site a candidate), for the in-process floor. */
function instanceOf(plan: Plan, k: number): PlacementInstance {
  const settings = placementSettings(plan)
  const radiusKm = plan.settings.settings().commute_radius_km
  const repo = new WorkshopCoverageRepository(plan.db)
  const rows = repo.sites(null).filter((s) => s.lat !== null && s.lon !== null)
  const sites = rows.map((s) => {
    const u = Math.max(0, s.labour - s.employed)
    return { id: s.id, lat: s.lat!, lon: s.lon!, unemployed: u, priority: Math.min(u, s.zeroHouseholds) }
  })
  const existing = repo
    .workshops(boxAround(rows, radiusKm))
    .filter((w) => w.status === OPERATING && w.lat !== null && w.lon !== null)
    .map((w) => ({ id: w.id, lat: w.lat!, lon: w.lon!, vacancies: Math.max(0, (w.designedJobs ?? w.jobs) - w.jobs) }))
  const candidates = rows.map((s) => ({ key: `site:${s.id}`, name: s.name, lat: s.lat!, lon: s.lon!, jobs: settings.newWorkshopJobs, costWan: settings.newWorkshopCostWan, atSiteId: s.id }))
  return { sites, candidates, existing, radiusKm, k, budgetWan: null, zeroWeight: settings.zeroEmploymentWeight, baseWeight: settings.baseWeight }
}

async function bareMipSeconds(inst: PlacementInstance, gap: number, timeLimit: number): Promise<number> {
  const highs = await highsLoader({})
  const m0 = buildModel(inst, findPairs(inst)).model
  const t0 = performance.now()
  const m = highs.createModel({
    numCols: m0.numCols, numRows: m0.numRows, sense: highs.constants.objectiveSense.maximize, colCost: m0.colCost, colLower: m0.colLower, colUpper: m0.colUpper, rowLower: m0.rowLower, rowUpper: m0.rowUpper,
    matrix: { format: 'csc', numRows: m0.numRows, numCols: m0.numCols, starts: m0.starts, indices: m0.indices, values: m0.values },
  })
  try {
    m.changeColsIntegrality({ kind: 'range', from: 0, to: m0.nY - 1 }, new Int32Array(m0.nY).fill(1))
    m.options.set({ output_flag: false, mip_rel_gap: gap, time_limit: timeLimit })
    m.run()
  } finally {
    m.dispose()
  }
  return (performance.now() - t0) / 1000
}

export const cases: BenchCase[] = [
  {
    name: 'workshops.place (1,000 sites × 1,000 candidates, K = 50)',
    async run(ctx) {
      const plan = Plan.open(provincePlan(ctx, 1000), { readOnly: true })
      try {
        const t0 = performance.now()
        const r = await placeWorkshops(plan, { k: 50, gapTolerance: 0.01, timeLimitS: 30 })
        const wall = (performance.now() - t0) / 1000
        const floor = await bareMipSeconds(instanceOf(plan, 50), 0.01, 30)
        const ok = r.status === 'optimal' && r.gap <= 0.01 && wall <= 30
        return [
          figure(`workshops.place wall time (${r.size.candidates} candidates, ${r.size.pairs} pairs, status ${r.status})`, wall, 's', '≤ 30 s to a proven gap ≤ 1 %', ok, floor),
          figure('workshops.place proven gap', r.gap * 100, '%', '≤ 1 %', r.gap <= 0.01),
        ]
      } finally {
        plan.close()
      }
    },
  },
  {
    name: 'workshops.coverage (scale plan)',
    async run(ctx) {
      const plan = Plan.open(await ctx.scalePlan(), { readOnly: true })
      try {
        planCoverage(plan, null) // warm the statement cache
        const ms = await medianMs(5, () => planCoverage(plan, null))
        const floor = await medianMs(5, () => {
          const repo = new WorkshopCoverageRepository(plan.db)
          repo.sites(null)
          repo.workshops(null)
        })
        const n = plan.repos.site.count()
        return [figure(`workshops.coverage recompute (${n.toLocaleString()} sites)`, ms, 'ms', '≤ 1,000 ms (national plan)', ms <= 1000, floor)]
      } finally {
        plan.close()
      }
    },
  },
  {
    name: 'workshops.map (province in Chromium)',
    async run(ctx) {
      if (!existsSync(join(import.meta.dirname, '..', '..', 'out', 'renderer', 'index.html'))) throw new Error('run npm run build first')
      const sites = ctx.quick ? 950 : 3000
      const shell = await startShell({ plan: provincePlan(ctx, sites) })
      const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
        const draws: number[] = []
        const floors: number[] = []
        for (let i = 0; i < reps(3); i++) {
          await page.goto(`${shell.launchUrl}#page=workshops`)
          await page.locator('[data-testid="workshops-map"][data-drawn]').waitFor({ timeout: 60000 })
          const t = await page.evaluate(() => (globalThis as unknown as { __workshopMap?: { timing: { drawMs: number; setOptionMs: number } | null } }).__workshopMap?.timing ?? null)
          draws.push(t?.drawMs ?? NaN)
          floors.push(await page.evaluate(() => (globalThis as unknown as { __workshopMap: { bareDrawMs(): number } }).__workshopMap.bareDrawMs()))
          if (process.env['BENCH_VERBOSE']) process.stderr.write(`map timing ${JSON.stringify(t)}\n`)
        }
        const ms = median(draws)
        return [figure(`workshops map draw (${sites.toLocaleString()} sites)`, ms, 'ms', '≤ 500 ms', ms <= 500, median(floors))]
      } finally {
        await browser.close()
        await shell.stop()
      }
    },
  },
]
