import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { chooseRegion, waitForRows } from '../support/region-tree.ts'
import { startShell, type RunningShell } from '../support/web-shell.ts'
import { tempDir } from '../support/temp.ts'

let shell: RunningShell
const shots = 'test-results/screenshots'

test.beforeAll(async () => {
  mkdirSync(shots, { recursive: true })
  shell = await startShell()
})
test.afterAll(async () => {
  await shell.stop()
})

async function openFacilities(page: Page, county?: { prefecture: string; county: string }): Promise<void> {
  await page.goto(shell.launchUrl)
  await page.locator('[data-testid="nav-facilities"]').click()
  await waitForRows(page, 'facility')
  if (county) {
    await chooseRegion(page, [county.prefecture, county.county], 'facility')
  }
}

test('facilities grid with derived columns, filters and the Gantt; screenshots', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.setViewportSize({ width: 1500, height: 900 })
  await openFacilities(page, { prefecture: '520200', county: '520281' })
  await expect(page.locator('[data-testid="grid-count"]')).toContainText('显示')
  await page.locator('[data-testid="filter-flag"]').selectOption('late')
  await expect(page.locator('.ag-cell[col-id="x_warning"]').first()).toContainText('晚于入住')
  await page.screenshot({ path: `${shots}/facilities-grid-late.png` })
  await page.evaluate(() => window.__grids!.facility!.ensureColumnVisible('x_baseline_slip'))
  await page.screenshot({ path: `${shots}/facilities-grid.png` })
  await page.locator('[data-testid="filter-flag"]').selectOption('')
  await page.locator('[data-testid="fac-view-gantt"]').click()
  await expect(page.locator('[data-testid="gantt"]')).toBeVisible()
  await page.waitForTimeout(300)
  await page.screenshot({ path: `${shots}/facilities-gantt.png` })
  await page.locator('[data-testid="zoom-month"]').click()
  await page.waitForTimeout(200)
  await page.screenshot({ path: `${shots}/facilities-gantt-month.png` })
  expect(errors).toEqual([])
})

interface Dates {
  planned_start: string | null
  planned_end: string | null
}

async function gridDates(page: Page, id: number): Promise<Dates> {
  return page.evaluate((rid) => {
    const d = window.__grids!.facility!.getRowNode(String(rid))!.data!
    return { planned_start: d['planned_start'] as string | null, planned_end: d['planned_end'] as string | null }
  }, id)
}

test('dragging a Gantt bar moves its dates (one undo step); dragging its end changes only the end', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.setViewportSize({ width: 1500, height: 900 })
  await openFacilities(page, { prefecture: '520200', county: '520281' })
  await page.locator('[data-testid="fac-view-gantt"]').click()
  await page.locator('[data-testid="zoom-month"]').click()
  await expect(page.locator('[data-testid="gantt"]')).toBeVisible()
  // a facility with both planned dates
  const id = await page.evaluate(() => {
    let found = -1
    window.__grids!.facility!.forEachNode((n) => {
      if (found < 0 && n.data && typeof n.data['planned_start'] === 'string' && typeof n.data['planned_end'] === 'string') found = n.data.id
    })
    return found
  })
  expect(id).toBeGreaterThan(0)
  const before = await gridDates(page, id)
  await page.evaluate((rid) => window.__gantt!.scrollToFacility(rid), id)
  await page.waitForTimeout(100)
  const box = (await page.evaluate((rid) => window.__gantt!.barBox(rid, 'planned'), id))!
  const pxPerDay = await page.evaluate(() => window.__gantt!.scale.pxPerDay)

  // move the whole bar about three months later
  const cx = box.x + box.w / 2
  const cy = box.y + box.h / 2
  await page.mouse.move(cx, cy)
  await page.mouse.down()
  await page.mouse.move(cx + 45 * pxPerDay, cy, { steps: 5 })
  await page.mouse.move(cx + 91 * pxPerDay, cy, { steps: 5 })
  await page.mouse.up()
  await expect.poll(() => gridDates(page, id)).not.toEqual(before)
  const moved = await gridDates(page, id)
  const monthDiff = (a: string, b: string): number => (Number(a.slice(0, 4)) * 12 + Number(a.slice(5, 7))) - (Number(b.slice(0, 4)) * 12 + Number(b.slice(5, 7)))
  expect(monthDiff(moved.planned_start!, before.planned_start!)).toBe(3)
  expect(monthDiff(moved.planned_end!, before.planned_end!)).toBe(3)
  // the row is selected in the grid
  expect(await page.evaluate(() => window.__grids!.facility!.getSelectedRows().map((r) => r.id))).toEqual([id])
  // the Gantt redrew the bar where the new dates are
  await expect.poll(async () => (await page.evaluate((rid) => window.__gantt!.barBox(rid, 'planned'), id))!.x - box.x).toBeGreaterThan(80 * pxPerDay)
  await page.screenshot({ path: `${shots}/facilities-gantt-dragged.png` })

  // one undo restores both dates
  await page.locator('.brand').click()
  await page.keyboard.press('Control+Z')
  await expect.poll(() => gridDates(page, id)).toEqual(before)
  // the Gantt redraws from the change event: wait for it rather than read it at once
  await expect.poll(async () => Math.abs((await page.evaluate((rid) => window.__gantt!.barBox(rid, 'planned'), id))!.x - box.x)).toBeLessThan(1)

  // drag the right end two months later (quarter zoom, so the whole bar is in view): only the planned end changes
  await page.locator('[data-testid="zoom-quarter"]').click()
  await page.evaluate((rid) => window.__gantt!.scrollToFacility(rid), id)
  await page.waitForTimeout(100)
  const b2 = (await page.evaluate((rid) => window.__gantt!.barBox(rid, 'planned'), id))!
  const ex = b2.x + b2.w - 2
  await page.mouse.move(ex, b2.y + b2.h / 2)
  await page.mouse.down()
  const pxPerDayQ = await page.evaluate(() => window.__gantt!.scale.pxPerDay)
  expect(b2.x + b2.w).toBeLessThan(1400)
  await page.mouse.move(ex + 61 * pxPerDayQ, b2.y + b2.h / 2, { steps: 6 })
  await page.mouse.up()
  await expect.poll(async () => (await gridDates(page, id)).planned_end).not.toBe(before.planned_end)
  const resized = await gridDates(page, id)
  expect(resized.planned_start).toBe(before.planned_start)
  expect(monthDiff(resized.planned_end!, before.planned_end!)).toBe(2)
  await page.locator('.brand').click()
  await page.keyboard.press('Control+Z')
  await expect.poll(() => gridDates(page, id)).toEqual(before)
  expect(errors).toEqual([])
})

test('a printed county Gantt repeats its labels and time scale on every page', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  // 遵义市 has the most sites in the sample; print its busiest county
  await page.goto(shell.launchUrl)
  const county = await page.evaluate(async () => {
    const res = await fetch('/api/invoke', { method: 'POST', headers: { 'content-type': 'application/json', 'x-anju-token': sessionStorage.getItem('anju-token') ?? '' }, body: JSON.stringify({ method: 'facilities.rollup', input: {} }) })
    const body = (await res.json()) as { value: { byRegion: { code: string; name: string; level: number; required: number }[] } }
    return body.value.byRegion.filter((r) => r.level === 3).sort((a, b) => b.required - a.required)[0]!
  })
  expect(county.required).toBeGreaterThan(60)
  await page.goto(`${shell.launchUrl}#print=facility-gantt&region=${county.code}&paper=A4&zoom=month`)
  await expect(page.locator('body[data-print-ready="true"]')).toBeAttached({ timeout: 30000 })
  const pages = Number(await page.locator('body').getAttribute('data-pages'))
  expect(pages).toBeGreaterThan(2)
  // no page of empty time: every printed slice draws a bar or a move-in marker for its rows
  const barsPerPage = await page.locator('.print-sheet').evaluateAll((sheets) => sheets.map((s) => s.querySelectorAll('.bar').length))
  expect(barsPerPage).toHaveLength(pages)
  expect(barsPerPage.filter((n) => n === 0)).toEqual([])
  await page.screenshot({ path: `${shots}/facilities-gantt-print-preview.png` })

  const dir = tempDir('anju-print-')
  const pdf = join(dir, 'gantt.pdf')
  await page.emulateMedia({ media: 'print' })
  await page.evaluate(() => document.fonts.ready)
  writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }))
  const info = execFileSync('pdfinfo', [pdf]).toString()
  expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(pages)
  // A4 landscape: 842 x 595 pt
  expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts/)
  expect(execFileSync('pdffonts', [pdf]).toString()).toContain('Type 3')
  for (let p = 1; p <= pages; p++) {
    const text = execFileSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), pdf, '-']).toString()
    expect(text, `page ${p}`).toContain('县 / 安置点 / 设施')
    expect(text, `page ${p}`).toContain(county.name)
    expect(text, `page ${p}`).toMatch(/\d{4}年/)
    expect(text, `page ${p}`).toContain(`第 ${p} 页 共 ${pages} 页`)
    expect(text, `page ${p}`).toMatch(/月/)
  }
  // pictures of the first pages for a person to look at
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '3', pdf, join(shots, 'facilities-gantt-print')])
  writeFileSync(join(shots, 'facilities-gantt-print.pdf'), readFileSync(pdf))
  expect(errors).toEqual([])
})

async function invoke<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, i]) => {
      const res = await fetch('/api/invoke', { method: 'POST', headers: { 'content-type': 'application/json', 'x-anju-token': sessionStorage.getItem('anju-token') ?? '' }, body: JSON.stringify({ method: m, input: i }) })
      const body = (await res.json()) as { ok: boolean; value: unknown; error?: { message: string } }
      if (!body.ok) throw new Error(body.error?.message)
      return body.value
    },
    [method, input] as const,
  ) as Promise<T>
}

test('roll-up and baseline views; a standard set generated for one site is one undo step', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.setViewportSize({ width: 1500, height: 900 })
  await openFacilities(page, { prefecture: '520200', county: '520281' })

  await page.locator('[data-testid="fac-view-rollup"]').click()
  const rollup = page.locator('[data-testid="facility-rollup"]')
  await expect(rollup).toContainText('完成率')
  await expect(rollup).toContainText('盘州市')
  await expect(rollup).toContainText('基础设施')
  await page.screenshot({ path: `${shots}/facilities-rollup.png` })

  // save a baseline, slip one facility by two months, see it against the baseline
  await page.locator('[data-testid="fac-view-baseline"]').click()
  await page.locator('[data-testid="baseline-name"]').fill('2019年批复计划')
  await page.locator('[data-testid="baseline-save"]').click()
  await expect(page.locator('[data-testid="baseline-panel"]')).toContainText('基线“2019年批复计划”')
  const target = await page.evaluate(() => {
    let found: { id: number; end: string } | null = null
    window.__grids!.facility!.forEachNode((n) => {
      const e = n.data?.['planned_end']
      if (!found && n.data && typeof e === 'string' && /^\d{4}-\d{2}$/.test(e) && n.data['status'] !== '已交付使用' && n.data['status'] !== '已完工') found = { id: n.data.id, end: e }
    })
    return found as { id: number; end: string } | null
  })
  expect(target).not.toBeNull()
  const [y, m] = target!.end.split('-').map(Number) as [number, number]
  const later = `${m >= 11 ? y + 1 : y}-${String(((m + 1) % 12) + 1).padStart(2, '0')}`
  await invoke(page, 'rows.update', { entity: 'facility', edits: [{ id: target!.id, field: 'planned_end', value: later }] })
  await expect(page.locator('[data-testid="slip-by-county"]')).toContainText('盘州市')
  await expect.poll(async () => page.locator('[data-testid="slip-by-county"] tbody tr').first().locator('td').nth(2).textContent()).toBe('1')
  await page.evaluate(() => window.__grids!.facility!.ensureColumnVisible('x_baseline_slip'))
  await page.evaluate((id) => window.__grids!.facility!.ensureNodeVisible(window.__grids!.facility!.getRowNode(String(id))!, 'middle'), target!.id)
  const slipCell = page.locator(`[data-testid="grid-facility"] .ag-row[row-id="${target!.id}"] .ag-cell[col-id="x_baseline_slip"]`).first()
  await expect(slipCell).toHaveText(/^(59|60|61|62)$/)
  await page.screenshot({ path: `${shots}/facilities-baseline.png` })

  // the Gantt draws the baseline's planned period as a thin bar under each planned bar
  const siteOfTarget = await page.evaluate((id) => Number(window.__grids!.facility!.getRowNode(String(id))!.data!['site_id']), target!.id)
  await page.locator('[data-testid="filter-site"]').selectOption(String(siteOfTarget))
  await page.locator('[data-testid="fac-view-gantt"]').click()
  await expect(page.locator('[data-testid="gantt-baseline-legend"]')).toBeVisible()
  await expect.poll(async () => Number((await page.locator('[data-testid="gantt"]').getAttribute('data-baseline-bars')) ?? 0)).toBeGreaterThan(0)
  await page.screenshot({ path: `${shots}/facilities-gantt-baseline.png` })
  await page.locator('[data-testid="baseline-select"]').selectOption('')
  await expect(page.locator('[data-testid="gantt"]')).toHaveAttribute('data-baseline-bars', '0')
  await page.locator('[data-testid="filter-site"]').selectOption('')

  // a site missing its road: generate the standard set for that site only
  await page.locator('[data-testid="fac-view-grid"]').click()
  const road = await page.evaluate(() => {
    let found: { id: number; site: number } | null = null
    window.__grids!.facility!.forEachNode((n) => {
      if (!found && n.data && n.data['type'] === '道路') found = { id: n.data.id, site: Number(n.data['site_id']) }
    })
    return found as { id: number; site: number } | null
  })
  await invoke(page, 'rows.delete', { entity: 'facility', ids: [road!.id] })
  await page.locator('[data-testid="filter-site"]').selectOption(String(road!.site))
  const count = page.locator('[data-testid="grid-count"]')
  await expect(count).toContainText('显示')
  const shown = async (): Promise<number> => Number(/显示 ([\d,]+)/.exec((await count.textContent()) ?? '')![1]!.replace(/,/g, ''))
  const before = await shown()
  await page.locator('[data-testid="generate-standard"]').click()
  const dialog = page.locator('[data-testid="generate-dialog"]')
  await expect(dialog).toContainText('道路')
  await page.screenshot({ path: `${shots}/facilities-generate.png` })
  await page.locator('[data-testid="generate-confirm"]').click()
  await expect(page.locator('.toast', { hasText: '配建设施' })).toContainText('已为 1 个安置点生成 1 项配建设施')
  await expect.poll(shown).toBe(before + 1)
  await page.locator('.brand').click()
  await page.keyboard.press('Control+Z')
  await expect.poll(shown).toBe(before)

  // the rules are editable: the editor shows the defaults, a changed threshold is saved to the plan
  await page.locator('[data-testid="edit-rules"]').click()
  const editor = page.locator('[data-testid="rules-editor"]')
  await expect(editor.locator('tbody tr').nth(9).locator('input').last()).toHaveValue('800人以上：一站式社区综合服务中心')
  await expect(editor).toContainText('（默认）')
  await page.screenshot({ path: `${shots}/facilities-rules.png` })
  await editor.locator('tbody tr').nth(9).locator('input').first().fill('1000')
  await page.locator('[data-testid="rules-save"]').click()
  await expect(editor).not.toContainText('（默认）')
  const saved = await invoke<{ rules: { item: string; minPeople: number }[] }>(page, 'facilities.catalogue', {})
  expect(saved.rules.find((r) => r.item === '社区综合服务中心')!.minPeople).toBe(1000)
  await invoke(page, 'facilities.setRules', { rules: null })
  expect(errors).toEqual([])
})
