/**
 * Opening files that are not plans from the plan menu: refused with a message in both languages,
 * nothing written into or beside the file, and the app stays on its plan (also after a reload). And
 * the window survives plan info or page data without the fields it expects: the title bar and its
 * plan menu stay usable.
 */
import { expect, test } from '@playwright/test'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { waitForRows } from '../support/region-tree.ts'
import { startShell, type RunningShell } from '../support/web-shell.ts'

let shell: RunningShell

test.beforeAll(async () => {
  shell = await startShell()
})
test.afterAll(async () => {
  await shell.stop()
})

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')
const beside = (path: string): string[] => ['-wal', '-shm', '.lock'].filter((s) => existsSync(`${path}${s}`))

test('a zero-byte plan, a folder and another program’s database opened from the plan menu are refused; the app stays on its plan after a reload', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(shell.launchUrl)
  await waitForRows(page, 'site')
  const menu = page.locator('[data-testid="plan-menu"]')
  const title = (await menu.textContent()) ?? ''
  expect(title).toContain('贵州省')

  const empty = join(shell.appDir, '空规划.anju')
  writeFileSync(empty, '')
  const folder = join(shell.appDir, '文件夹.anju')
  mkdirSync(folder)
  const foreign = join(shell.appDir, 'other-app.db')
  const db = new Database(foreign)
  db.exec("CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT); INSERT INTO orders (item) VALUES ('x')")
  db.close()
  const before = { empty: sha(empty), foreign: sha(foreign) }

  const tryOpen = async (path: string, zh: string): Promise<void> => {
    await menu.click()
    await page.locator('[data-testid="plan-path"]').fill(path)
    await page.locator('[data-testid="plan-submit"]').click()
    const toast = page.locator('.toast.error', { hasText: zh })
    await expect(toast).toBeVisible()
    await expect(page.locator('.toast.error', { hasText: '内部错误' })).toHaveCount(0)
    await page.keyboard.press('Escape')
    await page.locator('.modal-backdrop').click({ position: { x: 5, y: 5 } })
  }
  await tryOpen(empty, '是空文件（0 字节），不是安居规划文件')
  await page.screenshot({ path: 'test-results/screenshots/plan-open-empty-file.png' })
  await tryOpen(folder, '是一个文件夹，不是规划文件')
  await tryOpen(foreign, '其他程序的 SQLite 数据库')
  await expect(menu).toHaveText(title)

  // nothing written into the files or beside them
  expect(sha(empty)).toBe(before.empty)
  expect(sha(foreign)).toBe(before.foreign)
  expect(readFileSync(empty).length).toBe(0)
  for (const p of [empty, folder, foreign]) expect(beside(p), p).toEqual([])

  // a reload: still the same plan, with its rows
  await page.reload()
  await waitForRows(page, 'site')
  await expect(menu).toHaveText(title)
  expect(errors).toEqual([])
})

test('the window stays usable when plan info or a page’s data lacks the fields it expects', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  // answers as a broken or mismatched service might give them
  await page.route('**/api/invoke', async (route) => {
    const { method, input } = route.request().postDataJSON() as { method: string; input: { limit?: number } }
    if (method === 'plan.info') return route.fulfill({ json: { ok: true, value: { path: '/data/半个规划.anju' } } })
    // the checks page's own request (it asks with a limit; the grids' check marks do not)
    if (method === 'checks.run' && input.limit !== undefined) return route.fulfill({ json: { ok: true, value: { counts: {}, violations: {} } } })
    return route.continue()
  })
  await page.goto(`${shell.launchUrl}#page=checks`)
  // the checks page cannot draw a list that is not one: it says so, and the rest of the window works
  await expect(page.locator('main [data-testid="render-error"]')).toBeVisible()
  await expect(page.locator('main [data-testid="render-error"]')).toContainText('此页面暂时无法显示')
  const menu = page.locator('[data-testid="plan-menu"]')
  await expect(menu).toContainText('半个规划.anju')
  await page.screenshot({ path: 'test-results/screenshots/plan-info-missing-fields.png' })
  await menu.click()
  await expect(page.locator('[role="dialog"]')).toBeVisible()
  await expect(page.locator('[data-testid="plan-path"]')).toBeVisible()
  await page.locator('.modal-backdrop').click({ position: { x: 5, y: 5 } })
  // another page draws normally
  await page.locator('[data-testid="nav-sites"]').click()
  await waitForRows(page, 'site')
  await expect(page.locator('[data-testid="render-error"]')).toHaveCount(0)
  expect(errors).toEqual([])
})

test('a checks report missing some counts shows them as 0 instead of breaking the page', async ({ page }) => {
  await page.route('**/api/invoke', async (route) => {
    const { method } = route.request().postDataJSON() as { method: string }
    if (method === 'checks.run') return route.fulfill({ json: { ok: true, value: { counts: { error: 3 }, violations: [], ms: 1 } } })
    return route.continue()
  })
  await page.goto(`${shell.launchUrl}#page=checks`)
  await expect(page.locator('[data-testid="checks-count-error"]')).toContainText('3')
  await expect(page.locator('[data-testid="checks-count-warning"]')).toContainText('0')
  await expect(page.locator('[data-testid="checks-count-open"]')).toContainText('3')
  await expect(page.locator('[data-testid="render-error"]')).toHaveCount(0)
})
