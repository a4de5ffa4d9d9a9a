import { expect, test } from '@playwright/test'
import { join } from 'node:path'
import { waitForRows } from '../support/region-tree.ts'
import { startShell, type RunningShell } from '../support/web-shell.ts'

let shell: RunningShell

test.beforeAll(async () => {
  shell = await startShell()
})
test.afterAll(async () => {
  await shell.stop()
})

test('back up, edit, restore the backup from the app; a second window gets a read-only view that says why', async ({ page, browser }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(shell.launchUrl)
  await waitForRows(page, 'site')
  const id = await page.evaluate(() => Number(window.__grids!.site!.getDisplayedRowAtIndex(0)!.data!.id))
  const township = page.locator(`[data-testid="grid-site"] .ag-row[row-id="${id}"] .ag-cell[col-id="township"]`).first()
  const before = (await township.textContent()) ?? ''

  await page.locator('[data-testid="nav-backups"]').click()
  await page.locator('[data-testid="backup-now"]').click()
  const row = page.locator('[data-testid="backup-list"] tbody tr').first()
  await expect(row).toContainText('手动')

  // a change after the backup
  await page.locator('[data-testid="nav-sites"]').click()
  await township.dblclick()
  await page.keyboard.press('Control+A')
  await page.keyboard.type('备份后修改镇')
  await page.keyboard.press('Enter')
  await expect(township).toHaveText('备份后修改镇')

  // restore the backup: two steps, then the change is gone and the state before is kept as a backup
  await page.locator('[data-testid="nav-backups"]').click()
  const manual = page.locator('[data-testid="backup-list"] tbody tr', { hasText: '手动' }).first()
  await manual.locator('[data-testid="restore"]').click()
  await manual.locator('[data-testid="confirm-restore"]').click()
  await expect(page.locator('.toast', { hasText: '已从备份' })).toBeVisible()
  await expect(page.locator('[data-testid="backup-list"] tbody tr', { hasText: '恢复前' })).toHaveCount(1)
  await page.screenshot({ path: 'test-results/screenshots/backups.png' })
  await page.locator('[data-testid="nav-sites"]').click()
  await expect(township).toHaveText(before)

  // a second app instance on the same plan: read-only, and it says who is writing
  const second = await startShell({ plan: join(shell.appDir, 'sample-plan.anju') })
  try {
    const other = await browser.newPage()
    await other.goto(second.launchUrl)
    await expect(other.locator('[data-testid="plan-menu"]')).toContainText('只读')
    await other.locator('[data-testid="nav-backups"]').click()
    await expect(other.locator('[data-testid="read-only-reason"]')).toContainText('正被另一个安居规划窗口或命令行编辑')
    await expect(other.locator('[data-testid="backup-now"]')).toBeDisabled()
    await other.screenshot({ path: 'test-results/screenshots/backups-read-only.png' })
    await other.close()
  } finally {
    await second.stop()
  }
  expect(errors).toEqual([])
})
