import { expect, test, type Page } from '@playwright/test'
import { startShell, type RunningShell } from '../support/web-shell.ts'

let shell: RunningShell

test.beforeAll(async () => {
  shell = await startShell()
})
test.afterAll(async () => {
  await shell.stop()
})

/** The drawn item of a kind farthest from every other drawn item (so a click hits it and nothing else). */
async function isolated(page: Page, kind: 'site' | 'workshop'): Promise<{ id: number; x: number; y: number }> {
  return page.evaluate((k) => {
    const m = window.__workshopMap!
    const all = [...m.ids('site').map((id) => ({ kind: 'site', id })), ...m.ids('workshop').map((id) => ({ kind: 'workshop', id }))]
      .map((p) => ({ ...p, px: m.pixelOf(p.kind as 'site' | 'workshop', p.id) }))
      .filter((p) => p.px !== null)
    let best = { id: -1, x: 0, y: 0, d: -1 }
    for (const p of all) {
      if (p.kind !== k) continue
      let d = Infinity
      for (const q of all) if (q !== p) d = Math.min(d, Math.hypot(q.px![0] - p.px![0], q.px![1] - p.px![1]))
      if (d > best.d) best = { id: p.id, x: p.px![0], y: p.px![1], d }
    }
    return best
  }, kind)
}

test('the map shows the sites, clicking a site selects its row, a workshop its row; the optimizer proposes and applies', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(shell.launchUrl)
  await page.locator('[data-testid="nav-workshops"]').click()
  const map = page.locator('[data-testid="workshops-map"]')
  await expect(map).toHaveAttribute('data-drawn', /\d+/)
  // zoom to 六盘水市 through the region tree: only its sites are drawn
  await page.locator('.tree-node[data-region="520200"]').click()
  await expect(map).toHaveAttribute('data-drawn', '34')
  const timing = await page.evaluate(() => window.__workshopMap!.timing)
  expect(timing?.sites).toBe(34)

  // a workshop: its row is selected in the grid below
  const ws = await isolated(page, 'workshop')
  await page.mouse.click(ws.x, ws.y)
  await expect.poll(() => page.evaluate(() => window.__grids!.workshop!.getSelectedRows().map((r) => r.id))).toEqual([ws.id])

  // the optimizer: 3 new workshops, proven optimal, shown on the map
  await page.locator('[data-testid="opt-k"]').fill('3')
  await page.locator('[data-testid="opt-run"]').click()
  await expect(page.locator('[data-testid="opt-result"]')).toContainText('已求得最优解', { timeout: 60000 })
  await expect(page.locator('[data-testid="opt-proposals"] tbody tr')).toHaveCount(3)
  await expect(page.locator('[data-testid="opt-gap"]')).toContainText('0.00%')
  await page.screenshot({ path: 'test-results/screenshots/workshops.png' })
  const before = await page.evaluate(() => window.__grids!.workshop!.getDisplayedRowCount())
  await page.locator('[data-testid="opt-apply"]').click()
  await expect.poll(() => page.evaluate(() => window.__grids!.workshop!.getDisplayedRowCount())).toBe(before + 3)
  const planned = await page.evaluate(() => {
    const out: string[] = []
    window.__grids!.workshop!.forEachNode((n) => out.push(String(n.data!['op_status'])))
    return out.filter((s) => s === '规划').length
  })
  expect(planned).toBe(3)
  // one undo removes all three
  await page.locator('.brand').click()
  await page.keyboard.press('Control+Z')
  await expect.poll(() => page.evaluate(() => window.__grids!.workshop!.getDisplayedRowCount())).toBe(before)

  // a site: clicking it opens the sites grid at its row, with the employment columns
  const site = await isolated(page, 'site')
  await page.mouse.click(site.x, site.y)
  await expect(page.locator('main.page')).toHaveAttribute('data-page', 'sites')
  await expect
    .poll(() =>
      page.evaluate(() => {
        const api = window.__grids!.site!
        const f = api.getFocusedCell()
        return f ? api.getDisplayedRowAtIndex(f.rowIndex)?.data?.id : null
      }),
    )
    .toBe(site.id)
  // its employment coverage columns are filled
  await page.evaluate(() => window.__grids!.site!.ensureColumnVisible('cov_gap'))
  await expect(page.locator('.ag-header-cell[col-id="cov_gap"]')).toContainText('就业缺口')
  await expect(page.locator(`[data-testid="grid-site"] .ag-row[row-id="${site.id}"] .ag-cell[col-id="cov_gap"]`).first()).toHaveText(/^\d/)
  await page.screenshot({ path: 'test-results/screenshots/workshops-site-row.png' })
  expect(errors).toEqual([])
})
