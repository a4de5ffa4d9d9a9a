/**
 * The grids' look at 1440×900, in Chinese and English: headers whole (no word broken, nothing cut
 * off), check marks, choices and 合计 figures whole, the last row visible above the 合计 row when
 * scrolled to the bottom, and the workshops page's map folding away so the grid shows ~20 rows.
 */
import { expect, test, type Page } from '@playwright/test'
import { waitForRows } from '../support/region-tree.ts'
import { startShell, type RunningShell } from '../support/web-shell.ts'

let shell: RunningShell

test.beforeAll(async () => {
  shell = await startShell()
})
test.afterAll(async () => {
  await shell.stop()
})

type Entity = 'site' | 'facility' | 'workshop'
const PAGES: [string, Entity][] = [
  ['sites', 'site'],
  ['facilities', 'facility'],
  ['workshops', 'workshop'],
]

/** What a planner would see cut off in the grid's fully visible columns: headers, cells, the 合计 row. */
async function cutOff(page: Page, entity: Entity): Promise<string[]> {
  return page.evaluate((e) => {
    const host = document.querySelector(`[data-testid="grid-${e}"]`)!
    const box = host.querySelector('.ag-grid-viewport')!.getBoundingClientRect()
    const whole = (el: Element): boolean => {
      const r = el.getBoundingClientRect()
      return r.width > 0 && r.left >= box.left && r.right <= box.right - 16
    }
    const out: string[] = []
    for (const h of Array.from(host.querySelectorAll('.ag-header-cell'))) {
      const text = h.querySelector('.ag-header-cell-text')
      if (!text || !whole(h)) continue
      if (text.scrollWidth > text.clientWidth + 0.5) out.push(`header cut: ${text.textContent}`)
      // a word broken across two lines has two boxes
      const node = text.firstChild
      if (node?.nodeType === Node.TEXT_NODE) {
        const s = node.textContent ?? ''
        for (const m of s.matchAll(/[A-Za-z][A-Za-z-]+/g)) {
          const range = document.createRange()
          range.setStart(node, m.index)
          range.setEnd(node, m.index + m[0].length)
          if (range.getClientRects().length > 1) out.push(`header word broken: ${m[0]} in ${s}`)
        }
      }
    }
    for (const c of Array.from(host.querySelectorAll('.ag-row .ag-cell'))) {
      if (!whole(c)) continue
      const v = c.querySelector('.ag-cell-value') ?? c
      if (v.scrollWidth > v.clientWidth + 0.5) {
        const col = c.getAttribute('col-id') ?? ''
        // free text (names, notes) may be long; choices, check marks and figures must show whole
        if (!['name', 'operator', 'site_id', 'notes', 'responsible_unit', 'industry', 'x_warning'].includes(col)) out.push(`cell cut: ${col} = ${c.textContent}`)
      }
    }
    return out
  }, entity)
}

/** The last row's cells, scrolled to the bottom: the point 3 px above its bottom edge hits the row itself. */
async function lastRowVisible(page: Page, entity: Entity): Promise<boolean> {
  await page.evaluate((e) => {
    const api = window.__grids![e]!
    api.ensureIndexVisible(api.getDisplayedRowCount() - 1, 'bottom')
  }, entity)
  await page.waitForTimeout(300)
  return page.evaluate((e) => {
    const api = window.__grids![e]!
    const last = api.getDisplayedRowCount() - 1
    const cell = document.querySelector(`[data-testid="grid-${e}"] .ag-row[row-index="${last}"]:not(.ag-row-pinned) .ag-cell[col-id="__check"]`)
    if (!cell) return false
    const r = cell.getBoundingClientRect()
    const hit = document.elementFromPoint(r.left + r.width / 2, r.bottom - 3)
    return hit !== null && cell.contains(hit)
  }, entity)
}

test('headers, check marks, choices and 合计 show whole in Chinese and English; the last row shows above the 合计 row', async ({ page }) => {
  await page.goto(shell.launchUrl)
  await waitForRows(page, 'site')
  for (const locale of ['zh', 'en']) {
    if (locale === 'en') await page.locator('[data-testid="locale"]').click()
    for (const [nav, entity] of PAGES) {
      await page.locator(`[data-testid="nav-${nav}"]`).click()
      await waitForRows(page, entity)
      // the check marks are in once the column shows one
      await expect(page.locator(`[data-testid="grid-${entity}"] .ag-row .ag-cell[col-id="__check"]`).first()).not.toBeEmpty()
      await page.waitForTimeout(300)
      await page.screenshot({ path: `test-results/screenshots/grid-layout-${nav}-${locale}.png` })
      expect(await cutOff(page, entity), `${nav} ${locale}`).toEqual([])
      expect(await lastRowVisible(page, entity), `${nav} ${locale}: last row`).toBe(true)
      await page.screenshot({ path: `test-results/screenshots/grid-layout-${nav}-${locale}-bottom.png` })
    }
  }
  // the page scrolled to the right: the 合计 of a money column that comes into view is whole too
  await page.locator('[data-testid="nav-facilities"]').click()
  await waitForRows(page, 'facility')
  await page.evaluate(() => window.__grids!.facility!.ensureColumnVisible('planned_investment_wan'))
  const total = page.locator('[data-testid="grid-facility"] .ag-row-pinned .ag-cell[col-id="planned_investment_wan"]')
  await expect(total).toHaveText(/^[\d,.]+$/)
  expect(await total.evaluate((c) => c.scrollWidth <= c.clientWidth)).toBe(true)
})

test('workshops: the map folds away so the grid shows ~20 rows, is remembered, and the splitter resizes it', async ({ page }) => {
  await page.goto(shell.launchUrl)
  await page.locator('[data-testid="nav-workshops"]').click()
  await waitForRows(page, 'workshop')
  const rowsShown = (): Promise<number> =>
    page.evaluate(() => {
      const host = document.querySelector('[data-testid="grid-workshop"]')!
      const top = host.querySelector('.ag-header')!.getBoundingClientRect().bottom
      const bottom = host.querySelector('.ag-grid-pinned-bottom-rows')!.getBoundingClientRect().top
      return Math.floor((bottom - top) / 30)
    })
  const map = page.locator('[data-testid="workshops-map"]')
  await expect(map).toBeVisible()
  const withMap = await rowsShown()
  expect(withMap).toBeGreaterThanOrEqual(9)

  // drag the splitter 100 px up: the grid gains ~3 rows
  const bar = page.locator('[data-testid="ws-splitter"]')
  const b = (await bar.boundingBox())!
  await page.mouse.move(b.x + 40, b.y + b.height / 2)
  await page.mouse.down()
  await page.mouse.move(b.x + 40, b.y + b.height / 2 - 100, { steps: 5 })
  await page.mouse.up()
  await expect.poll(rowsShown).toBeGreaterThanOrEqual(withMap + 3)

  await page.locator('[data-testid="ws-map-toggle"]').click()
  await expect(map).toHaveCount(0)
  await expect.poll(rowsShown).toBeGreaterThanOrEqual(19)
  await page.screenshot({ path: 'test-results/screenshots/grid-layout-workshops-folded.png' })
  await page.reload()
  await page.locator('[data-testid="nav-workshops"]').click()
  await waitForRows(page, 'workshop')
  await expect(map).toHaveCount(0)
  await page.locator('[data-testid="ws-map-toggle"]').click()
  await expect(map).toBeVisible()
  // unfolded, the dragged height is back
  await expect.poll(rowsShown).toBeGreaterThanOrEqual(withMap + 3)
})
