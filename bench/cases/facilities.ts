/**
 * Facility schedule speed (issue 6): on the scale plan, the facilities grid's data (rows.list facility)
 * for a province, a prefecture and a county through the real web shell, against the bare SQLite
 * read of the same rows; the Gantt of the largest prefecture rendered in Chromium (click in the
 * region tree → bars drawn), against the facilities.gantt call alone; and the roll-up.
 */
import Database from 'better-sqlite3'
import { chromium } from '@playwright/test'
import { facilityRollup } from '../../electron/service/facilities/facility-rollup.ts'
import { Plan } from '../../electron/service/plan.ts'
import { startShell } from '../../tests/support/web-shell.ts'
import { figure, median, medianMs, type BenchCase, type BenchFigure, reps } from '../harness.ts'

async function invoke(url: string, token: string, method: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${url}/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-anju-token': token }, body: JSON.stringify({ method, input }) }).catch((e: unknown) => {
    throw new Error(`${method}: ${String(e)} ${String((e as { cause?: unknown }).cause ?? '')}`)
  })
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } }
  if (!body.ok) throw new Error(body.error?.message ?? 'call failed')
  return body.value
}

/** The page's globals, typed for the functions that run in Chromium (this project compiles without DOM types). */
interface BrowserGlobals {
  document: { querySelector(sel: string): { getAttribute(name: string): string | null; scrollTop: number; scrollHeight: number } | null }
  requestAnimationFrame(cb: () => void): number
  __grids?: { facility?: { getDisplayedRowCount(): number } }
}

export const cases: BenchCase[] = [
  {
    name: 'facilities',
    async run(ctx) {
      const path = await ctx.scalePlan()
      const out: BenchFigure[] = []

      // pick the regions: the province, prefecture and county with the most facilities
      const plan = Plan.open(path, { readOnly: true })
      let rollupMs = 0
      const t0 = performance.now()
      const all = facilityRollup(plan, {})
      rollupMs = performance.now() - t0
      const total = all.total.required
      const byLevel = (level: number): { code: string; name: string; required: number } => [...all.byRegion].filter((r) => r.level === level).sort((a, b) => b.required - a.required)[0]!
      const county = byLevel(3)
      const provinceCode = all.byRegion.some((r) => r.level === 1) ? byLevel(1).code : plan.settings.settings().province_code
      // the Gantt is opened from the region tree, which shows the plan's own province: its largest and smallest prefectures
      const home = plan.settings.settings().province_code.slice(0, 2)
      const homePrefs = all.byRegion.filter((r) => r.level === 2 && r.code.startsWith(home)).sort((a, b) => b.required - a.required)
      const pref = homePrefs[0]!
      const away = homePrefs[homePrefs.length - 1]!
      const provinceRows = all.byRegion.filter((r) => r.level === 2 && r.code.startsWith(provinceCode.slice(0, 2))).reduce((n, r) => n + r.required, 0)
      const homeProvince = plan.settings.settings().province_code
      const homeRows = homePrefs.reduce((n, r) => n + r.required, 0)
      const prefRollupMs = await medianMs(3, () => facilityRollup(plan, { region: pref.code }))
      plan.close()
      out.push(figure(`facility roll-up, whole plan (${total.toLocaleString()} rows)`, rollupMs, 'ms', 'reported (dashboard)', true))
      out.push(figure(`facility roll-up, prefecture ${pref.name} (${pref.required.toLocaleString()} rows)`, prefRollupMs, 'ms', '< 500 ms', prefRollupMs < 500))

      const regions: [string, string, string, number][] = [
        ['province', provinceCode, provinceCode.slice(0, 2), provinceRows],
        ['prefecture', pref.code, pref.code.slice(0, 4), pref.required],
        ['county', county.code, county.code, county.required],
      ]
      // bare-library floor: the same rows read with one prepared statement (before the shell opens the plan)
      const db = new Database(path, { readonly: true })
      const floors = new Map<string, number>()
      for (const [, code, prefix] of regions) {
        const stmt = db.prepare(`SELECT f.* FROM facility f WHERE f.site_id IN (SELECT id FROM site WHERE county_code LIKE ?) ORDER BY f.site_id, f.id`).raw(true)
        floors.set(code, await medianMs(5, () => stmt.all(`${prefix}%`).length))
      }
      db.close()

      const shell = await startShell({ plan: path })
      try {
        for (const [level, code, , n] of regions) {
          await invoke(shell.url, shell.token, 'rows.list', { entity: 'facility', region: code })
          const ms = await medianMs(5, () => invoke(shell.url, shell.token, 'rows.list', { entity: 'facility', region: code }))
          const floor = floors.get(code) ?? null
          out.push(figure(`grid data rows.list facility, ${level} ${code} (${n.toLocaleString()} rows, HTTP+JSON)`, ms, 'ms', '< 500 ms', ms < 500, floor))
        }
        const ganttCallMs = await medianMs(3, () => invoke(shell.url, shell.token, 'facilities.gantt', { region: pref.code }))

        // the Gantt of the prefecture in Chromium: click it in the region tree, wait for the bars
        const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
        try {
          const page = await browser.newPage({ viewport: { width: 1500, height: 900 } })
          await page.addInitScript(() => localStorage.setItem('anju-facilities-view', 'gantt'))
          await page.goto(`${shell.launchUrl}#page=facilities`)
          await page.locator(`.tree-node[data-region="${pref.code}"]`).waitFor({ timeout: 120000 })
          const times: number[] = []
          for (let i = 0; i < reps(3); i++) {
            // away and back so each run loads afresh
            await page.locator(`.tree-node[data-region="${away.code}"]`).click()
            await page.waitForFunction(
              (code) => {
                const el = (globalThis as unknown as BrowserGlobals).document.querySelector('.fac-upper')
                return el?.getAttribute('data-gantt-region') === code && el.getAttribute('data-gantt-rows') !== '-1'
              },
              away.code,
              { timeout: 120000 },
            )
            // and its grid below, so the measured click starts from an idle page
            await page.waitForFunction(
              (n) => (globalThis as unknown as BrowserGlobals).__grids?.facility?.getDisplayedRowCount() === n,
              away.required,
              { timeout: 120000 },
            )
            const t = Date.now()
            await page.locator(`.tree-node[data-region="${pref.code}"]`).click()
            await page.waitForFunction(
              (code) => {
                const el = (globalThis as unknown as BrowserGlobals).document.querySelector('.fac-upper')
                return el?.getAttribute('data-gantt-region') === code && Number(el.getAttribute('data-gantt-rows')) > 0
              },
              pref.code,
              { polling: 'raf', timeout: 60000 },
            )
            await page.evaluate(() => new Promise<void>((r) => (globalThis as unknown as BrowserGlobals).requestAnimationFrame(() => (globalThis as unknown as BrowserGlobals).requestAnimationFrame(() => r()))))
            times.push(Date.now() - t)
          }
          const ms = median(times)
          out.push(figure(`Gantt of prefecture ${pref.name} in Chromium (${pref.required.toLocaleString()} rows, click → drawn)`, ms, 'ms', '< 1000 ms', ms < 1000, ganttCallMs))
          // scrolling: frames while jumping through the rows
          const scrollMs = await page.evaluate(async () => {
            const w = (globalThis as unknown as BrowserGlobals)
            const s = w.document.querySelector('.gantt-scroller')!
            const t = performance.now()
            for (let i = 0; i < 60; i++) {
              s.scrollTop = (s.scrollHeight * i) / 60
              await new Promise<void>((r) => w.requestAnimationFrame(() => r()))
            }
            return (performance.now() - t) / 60
          })
          out.push(figure('Gantt scroll, ms per frame (60 jumps through the prefecture)', scrollMs, 'ms', '< 50 ms', scrollMs < 50))

          // the facilities grid alone: a click in the region tree → the first rows of that region on screen
          const grid = await browser.newPage({ viewport: { width: 1500, height: 900 } })
          await grid.addInitScript(() => localStorage.setItem('anju-facilities-view', 'grid'))
          await grid.goto(`${shell.launchUrl}#page=facilities`)
          await grid.locator(`.tree-node[data-region="${pref.code}"]`).waitFor({ timeout: 120000 })
          // the tree's root shows the whole plan (region ''), or the home province on a national plan
          const accepted = (code: string): string[] => (code === homeProvince ? ['', code] : [code])
          const shown = (code: string): Promise<unknown> =>
            grid.waitForFunction(
              (codes) => {
                const d = (globalThis as unknown as BrowserGlobals).document
                return codes.some((c) => d.querySelector(`[data-testid="grid-facility"][data-shown-region="${c}"] .ag-row[row-id]:not(.ag-row-pinned)`) !== null)
              },
              accepted(code),
              { polling: 'raf', timeout: 120000 },
            )
          const complete = (code: string): Promise<unknown> =>
            grid.waitForFunction((codes) => codes.some((c) => (globalThis as unknown as BrowserGlobals).document.querySelector(`[data-testid="grid-facility"][data-loaded-region="${c}"]`) !== null), accepted(code), { timeout: 120000 })
          const targets: [string, string, number][] = [
            ['province', homeProvince, homeRows],
            ['prefecture', pref.code, pref.required],
            ['smallest prefecture', away.code, away.required],
          ]
          for (const [level, code, n] of targets) {
            const other = code === away.code ? pref.code : away.code
            const times: number[] = []
            for (let i = 0; i < reps(3); i++) {
              await grid.locator(`.tree-node[data-region="${other}"]`).click()
              await complete(other)
              const t = Date.now()
              await grid.locator(`.tree-node[data-region="${code}"]`).click()
              await shown(code)
              times.push(Date.now() - t)
              await complete(code)
            }
            const ms = median(times)
            out.push(figure(`facilities grid in Chromium, ${level} ${code} (${n.toLocaleString()} rows, click → first rows shown)`, ms, 'ms', '< 500 ms', ms < 500))
          }
          await grid.close()
        } finally {
          await browser.close()
        }
      } finally {
        await shell.stop()
      }
      return out
    },
  },
]
