/**
 * Reports benchmarks (issue 8), as ratios against floors measured in the same run:
 *  - the summary tables of a national plan, cold (goal ≤ 300 ms): a new process reading the county summaries stored in
 *    the plan file (migration 4), and, for information, the same with every county regrouped; floor: one bare GROUP BY
 *    over sites and one over facilities;
 *  - a province site register of ~100 A4 pages rendered to PDF in Chromium (goal ≤ 10 s); floor: Chromium printing a
 *    static table with the same rows and columns;
 *  - the national Excel export (goal ≤ 1.3 × exceljs alone writing the same cells, peak memory < 1 GB), each in its own process.
 */
import { chromium } from '@playwright/test'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { REPORT_KINDS } from '../../shared/api/reports-api.ts'
import { fillPlan } from '../../electron/service/domain/sample-plan.ts'
import { Plan } from '../../electron/service/plan.ts'
import { facilityRollup } from '../../electron/service/facilities/facility-rollup.ts'
import { ENGINE_CHECK_SOURCE, registerCheckSource } from '../../electron/service/summaries/check-source.ts'
import { dashboardSummary, reportTable, summaryRepository } from '../../electron/service/summaries/summary-tables.ts'
import { startShell } from '../../tests/support/web-shell.ts'
import { figure, median, medianMs, type BenchCase, type BenchFigure } from '../harness.ts'

const root = join(import.meta.dirname, '..', '..')

function runWorker(args: string[]): Promise<{ ms: number; rssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', join(root, 'bench', 'reports-export-worker.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? ''
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`worker ${args[0]} failed (${code}): ${err.slice(-500)}`))
      else resolve(JSON.parse(line) as { ms: number; rssMb: number })
    })
  })
}

const summaries: BenchCase = {
  name: 'reports: summary tables',
  async run(ctx) {
    const plan = Plan.open(await ctx.scalePlan())
    try {
      const repo = summaryRepository(plan)
      const scale = ctx.quick ? 'province' : 'national'
      const floor = await medianMs(5, () => {
        plan.db.prepare('SELECT county_code, COUNT(*), SUM(planned_people), SUM(moved_people) FROM site GROUP BY county_code').all()
        plan.db.prepare('SELECT category, COUNT(*), SUM(status = ?) FROM facility GROUP BY category').all('在建')
      })
      // the dashboard's figures without the rule engine (its open-check counts are measured apart)
      registerCheckSource(null)
      // the worst case: every stored county summary gone (after an as-of change, or a national import)
      const rebuild = await medianMs(3, () => {
        plan.db.prepare('DELETE FROM county_summary').run()
        repo.clearCache()
        dashboardSummary(plan, null)
      })
      const cold = await medianMs(5, () => {
        repo.clearCache()
        dashboardSummary(plan, null)
      })
      const rollup = await medianMs(3, () => facilityRollup(plan, { region: null }))
      const set = await medianMs(3, () => {
        repo.clearCache()
        for (const k of REPORT_KINDS) if (k !== 'register' && k !== 'checks') reportTable(plan, k, null)
      })
      registerCheckSource(ENGINE_CHECK_SOURCE)
      const checks = await medianMs(3, () => {
        repo.clearCache()
        ENGINE_CHECK_SOURCE.openViolations(plan, { region: null })
      })
      dashboardSummary(plan, null)
      const warm = await medianMs(5, () => dashboardSummary(plan, null))
      const register = await medianMs(3, () => reportTable(plan, 'register', null))
      const sites = plan.repos.site.count()
      return [
        figure(`summary tables (dashboard figures), ${scale}, cold (new process, stored county summaries)`, cold, 'ms', '≤ 300 ms', cold <= 300, floor),
        figure(`summary tables, ${scale}, every county summary regrouped (after an as-of change)`, rebuild, 'ms', 'info', true, floor),
        figure(`  of which facilityRollup (facilities module), ${scale}`, rollup, 'ms', 'info', true, floor),
        figure(`report set without register and checks, ${scale}, cold`, set, 'ms', '≤ 300 ms', set <= 300, floor),
        figure(`open checks (rule engine), ${scale}, cold`, checks, 'ms', 'info', true, floor),
        figure(`dashboard incl. checks, ${scale}, unchanged data`, warm, 'ms', '≤ 300 ms', warm <= 300, floor),
        figure(`site register (${sites} sites), ${scale}`, register, 'ms', 'info', true, floor),
      ]
    } finally {
      plan.close()
    }
  },
}

/** A province plan of 3,000 sites (about 100 A4 pages of register; --quick: 1,000 sites, a third of it). */
async function provincePlan(workDir: string, sites: number): Promise<string> {
  const path = join(workDir, `reports-province-${sites}.anju`)
  if (!existsSync(path)) {
    const plan = Plan.create(path, '520000')
    plan.settings.saveSettings({ ...plan.settings.settings(), compiling_unit: '贵州省发展和改革委员会', preparer: '王晓燕', reviewer: '李建国' })
    fillPlan(plan, { provinceCodes: ['520000'], sites, seed: 35000 })
    plan.close()
  }
  return path
}

const pdf: BenchCase = {
  name: 'reports: province register PDF',
  async run(ctx) {
    if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) throw new Error('renderer not built: run npx electron-vite build')
    const sites = ctx.quick ? 1000 : 3000
    const shell = await startShell({ plan: await provincePlan(ctx.workDir, sites) })
    const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
      await page.goto(`${shell.launchUrl}#page=reports&report=headline`)
      await page.locator('[data-testid="report-table"] tr.row-grand').waitFor()
      await page.selectOption('[data-testid="report-paper"]', 'A4')
      const out = join(ctx.workDir, 'register.pdf')
      const t0 = performance.now()
      await page.locator('[data-testid="report-register"]').click()
      await page.locator('[data-testid="report-table"] tr.row-grand >> text=全省总计').waitFor()
      const setup = (await page.evaluate('window.__anjuPrint')) as { footerTemplate: string }
      await page.emulateMedia({ media: 'print' })
      await page.pdf({ path: out, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: setup.footerTemplate, preferCSSPageSize: true, printBackground: true })
      const ms = performance.now() - t0
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out]).toString())?.[1] ?? 0)
      const rows = await page.locator('[data-testid="report-table"] tbody tr').count()

      // floor: Chromium printing a static table of the same size
      const floorPage = await browser.newPage()
      const cells = Array.from({ length: 16 }, (_, i) => `<td>${i < 4 ? '示例安置点名称' : '12,345'}</td>`).join('')
      const head = `<tr>${Array.from({ length: 16 }, () => '<th>规划安置户数</th>').join('')}</tr>`
      const html = `<style>@page{size:A4 landscape;margin:12mm 10mm 14mm}table{border-collapse:collapse;width:100%;font-size:11px}td,th{border:1px solid #000;padding:2px}thead{display:table-header-group}tr{break-inside:avoid}</style><table><thead>${head}</thead><tbody>${`<tr>${cells}</tr>`.repeat(rows)}</tbody></table>`
      const f0 = performance.now()
      await floorPage.setContent(html)
      await floorPage.pdf({ path: join(ctx.workDir, 'floor.pdf'), displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: setup.footerTemplate, preferCSSPageSize: true })
      const floor = performance.now() - f0
      // the goal is for a province of ~100 pages; --quick prints a third of it against a third of the time
      const goalMs = (10000 * sites) / 3000
      const goal = ctx.quick ? `≤ ${goalMs.toFixed(0)} ms (--quick: ${sites.toLocaleString('en')} sites; goal 10 s for ~100 pages)` : '≤ 10,000 ms for ~100 pages'
      return [figure(`province register PDF (${rows} rows, ${pages} A4 pages)`, ms, 'ms', goal, ms <= goalMs, floor)]
    } finally {
      await browser.close()
      await shell.stop()
    }
  },
}

const exportCase: BenchCase = {
  name: 'reports: Excel export',
  async run(ctx) {
    const plan = await ctx.scalePlan()
    const scale = ctx.quick ? 'province' : 'national'
    // migrate the plan once so the worker can open it read-only
    Plan.open(plan).close()
    const out = join(ctx.workDir, 'export.xlsx')
    const floorOut = join(ctx.workDir, 'export-floor.xlsx')
    rmSync(out, { force: true })
    // alternate the two, three times each (REPORTS_EXPORT_RUNS): the machine is shared, so medians of interleaved runs
    const mineRuns: { ms: number; rssMb: number }[] = []
    const floorRuns: { ms: number; rssMb: number }[] = []
    const runs = Number(process.env['REPORTS_EXPORT_RUNS'] ?? (ctx.quick ? 1 : 3))
    for (let i = 0; i < runs; i++) {
      mineRuns.push(await runWorker(['export', plan, out]))
      floorRuns.push(await runWorker(['floor', out, floorOut]))
    }
    const mine = { ms: median(mineRuns.map((r) => r.ms)), rssMb: Math.max(...mineRuns.map((r) => r.rssMb)) }
    const floor = { ms: median(floorRuns.map((r) => r.ms)) }
    const figures: BenchFigure[] = [
      figure(`${scale} Excel export (streaming)`, mine.ms, 'ms', '≤ 1.3 × exceljs alone', mine.ms <= 1.3 * floor.ms, floor.ms),
      figure(`${scale} Excel export peak memory`, mine.rssMb, 'MB', '< 1,024 MB', mine.rssMb < 1024),
    ]
    return figures
  },
}

export const cases: BenchCase[] = [summaries, pdf, exportCase]
