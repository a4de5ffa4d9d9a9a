import { expect, test, type Page } from '@playwright/test'
import { chooseRegion, waitForRows } from '../support/region-tree.ts'
import { startShell, type RunningShell } from '../support/web-shell.ts'

let shell: RunningShell

test.beforeAll(async () => {
  shell = await startShell()
})
test.afterAll(async () => {
  await shell.stop()
})

async function cell(page: Page, rowId: number, col: string) {
  return page.locator(`[data-testid="grid-site"] .ag-row[row-id="${rowId}"] .ag-cell[col-id="${col}"]`).first()
}

async function firstRowId(page: Page): Promise<number> {
  return page.evaluate(() => Number(window.__grids!.site!.getDisplayedRowAtIndex(0)!.data!.id))
}

test('open the sample plan, filter to a county, edit, reload, undo, and refuse an invalid value', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(shell.launchUrl)
  await expect(page.locator('.brand')).toHaveText('安居规划')
  await waitForRows(page, 'site')

  // filter to 盘州市 in the region tree
  await chooseRegion(page, ['520200', '520281'], 'site')
  const countyCodes = () =>
    page.evaluate(() => {
      const out = new Set<string>()
      window.__grids!.site!.forEachNodeAfterFilter((n) => out.add(String(n.data!['county_code'])))
      return [...out]
    })
  await expect.poll(countyCodes).toEqual(['520281'])

  const id = await firstRowId(page)
  const target = await cell(page, id, 'township')
  await target.dblclick()
  await page.keyboard.press('Control+A')
  await page.keyboard.type('测试镇')
  await page.keyboard.press('Enter')
  await expect(target).toHaveText('测试镇')

  // the value is in the plan file: it survives a reload
  await page.reload()
  await chooseRegion(page, ['520200', '520281'], 'site')
  await expect(await cell(page, id, 'township')).toHaveText('测试镇')

  // undo from the keyboard removes it
  await page.locator('.brand').click()
  await page.keyboard.press('Control+Z')
  await expect(await cell(page, id, 'township')).not.toHaveText('测试镇')

  // an invalid number is refused with the reason and nothing is written
  const people = await cell(page, id, 'planned_people')
  const before = await people.textContent()
  await people.dblclick()
  await page.keyboard.press('Control+A')
  await page.keyboard.type('很多人')
  await page.keyboard.press('Enter')
  await expect(page.locator('.toast.error')).toContainText('规划安置人数')
  await expect(people).toHaveText(before ?? '')

  await page.screenshot({ path: 'test-results/screenshots/sites.png' })
  expect(errors).toEqual([])
})

test('switches to English, grid headers included', async ({ page }) => {
  await page.goto(shell.launchUrl)
  await page.locator('[data-testid="locale"]').click()
  await expect(page.locator('[data-testid="nav-sites"]')).toHaveText('Sites')
  await expect(page.locator('.ag-header-cell[col-id="name"]')).toContainText('Site name')
  await page.locator('[data-testid="locale"]').click()
  await expect(page.locator('[data-testid="nav-sites"]')).toHaveText('安置点')
})

test('the column chooser lists the employment coverage columns too; find matches the English labels the cells show', async ({ page }) => {
  await page.goto(shell.launchUrl)
  await waitForRows(page, 'site')
  await page.locator('[data-testid="column-chooser"]').click()
  const list = page.locator('[data-testid="column-chooser-list"]')
  await expect(list.locator('label[data-col="cov_unemployed"]')).toContainText('待就业')
  await expect(list.locator('label[data-col="cov_gap"]')).toBeVisible()
  await list.locator('label[data-col="cov_gap"] input').uncheck()
  await expect(page.locator('.ag-header-cell[col-id="cov_gap"]')).toHaveCount(0)
  await expect.poll(() => page.evaluate(() => window.__grids!.site!.getColumn('cov_gap')!.isVisible())).toBe(false)
  await list.locator('label[data-col="cov_gap"] input').check()
  await expect.poll(() => page.evaluate(() => window.__grids!.site!.getColumn('cov_gap')!.isVisible())).toBe(true)
  await page.keyboard.press('Escape')
  await expect(list).toBeHidden()

  // in English the 安置方式 cells read "Urban centralised": find matches that text
  await page.locator('[data-testid="locale"]').click()
  await expect(page.locator('[data-testid="nav-sites"]')).toHaveText('Sites')
  const urban = await page.evaluate(() => {
    let n = 0
    window.__grids!.site!.forEachNodeAfterFilter((node) => {
      if (node.data!['mode'] === '城镇集中安置') n++
    })
    return n
  })
  await page.locator('[data-testid="find-open"]').click()
  await page.locator('[data-testid="find-input"]').fill('urban centr')
  await expect(page.locator('[data-testid="find-count"]')).toHaveText(`1 / ${urban.toLocaleString()}`)
  await page.locator('[data-testid="find-close"]').click()
  await page.locator('[data-testid="locale"]').click()
  await expect(page.locator('[data-testid="nav-sites"]')).toHaveText('安置点')
})
