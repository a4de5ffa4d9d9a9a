import { expect, test } from '@playwright/test'
import { startShell, type RunningShell } from '../support/web-shell.ts'

let shell: RunningShell

test.beforeAll(async () => {
  shell = await startShell()
})
test.afterAll(async () => {
  await shell.stop()
})

test('settings page: a bad value is marked and not sent; saving is one undo step; the report footer uses the new 填表人', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${shell.launchUrl}#page=settings`)
  const field = (key: string) => page.locator(`[data-setting="${key}"]`)
  const input = (key: string) => field(key).locator('input')
  await expect(input('min_wage')).toHaveValue('1570')
  await expect(field('province_code')).toContainText('贵州')
  const preparer = await input('preparer').inputValue()

  // a value that does not parse: marked on its field, Save stays disabled
  await input('min_wage').fill('一千八')
  await expect(field('min_wage')).toContainText('应为数字')
  await expect(page.locator('[data-testid="settings-save"]')).toBeDisabled()

  // contradictory bounds: the service refuses with a message, nothing is written
  await input('min_wage').fill('1,800')
  await input('max_people_per_household').fill('0.5')
  await page.locator('[data-testid="settings-save"]').click()
  await expect(page.locator('[data-testid="settings-server-error"]')).toContainText('户均人数上限')
  await input('max_people_per_household').fill('8')

  await input('preparer').fill('王小明')
  await input('employment_rate_target').fill('85%')
  await expect(field('min_wage')).toContainText('原为 1570')
  await page.screenshot({ path: 'test-results/screenshots/settings.png' })
  await page.locator('[data-testid="settings-save"]').click()
  await expect(page.locator('.toast', { hasText: '设置已保存' })).toBeVisible()
  await expect(input('employment_rate_target')).toHaveValue('85')
  await expect(page.locator('[data-testid="undo"]')).toHaveAttribute('title', /当地最低月工资 1570 → 1800/)

  // reload: the values are in the plan file
  await page.reload()
  await expect(input('min_wage')).toHaveValue('1800')
  await expect(input('preparer')).toHaveValue('王小明')

  // the printed register's footer names the preparer
  await page.goto(`${shell.launchUrl}#page=reports&report=register`)
  await expect(page.locator('body')).toContainText('王小明', { timeout: 30000 })

  // undo (toolbar): every field goes back together
  await page.goto(`${shell.launchUrl}#page=settings`)
  await expect(input('min_wage')).toHaveValue('1800')
  await page.locator('[data-testid="undo"]').click()
  await expect(input('min_wage')).toHaveValue('1570')
  await expect(input('preparer')).toHaveValue(preparer)
  await expect(input('employment_rate_target')).toHaveValue('90')
  expect(errors).toEqual([])
})
