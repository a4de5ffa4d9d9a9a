/**
 * The 检查 page end to end: a violation planted in a plan file is listed, filtered by the region tree,
 * and a click lands on its cell in the sites grid, which marks it; a warning is explained (and undone);
 * the list exports to Excel.
 */
import { expect, test } from '@playwright/test'
import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../support/temp.ts'
import { startShell, type RunningShell } from '../support/web-shell.ts'

let shell: RunningShell
let planted: { id: number; planned: number; moved: number }
let dir: string

test.beforeAll(async () => {
  dir = tempDir('anju-checks-')
  const plan = join(dir, 'plan.anju')
  execFileSync(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'anju.mjs'), 'new', plan, '--sample'], { stdio: 'ignore' })
  // plant an error the guard would refuse at edit time, as an old file or a foreign tool might hold it
  const db = new Database(plan)
  const row = db.prepare(`SELECT id, planned_people AS planned FROM site WHERE county_code = '520281' ORDER BY id LIMIT 1`).get() as { id: number; planned: number }
  db.prepare('UPDATE site SET moved_people = ? WHERE id = ?').run(row.planned + 110, row.id)
  db.close()
  planted = { id: row.id, planned: row.planned, moved: row.planned + 110 }
  shell = await startShell({ plan })
})
test.afterAll(async () => {
  await shell.stop()
})

const fmt = (n: number): string => n.toLocaleString('en-US')

test('the 检查 page lists a planted violation and a click lands on its cell', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(shell.launchUrl)
  await page.locator('[data-testid="nav-checks"]').click()
  const message = `已搬迁入住人数 ${fmt(planted.moved)} 超过规划安置人数 ${fmt(planted.planned)}`
  const row = page.locator(`tr.violation[data-rule="site.moved_people_le_planned"][data-row="${planted.id}"]`)
  await expect(row).toContainText(message)
  await expect(row).toContainText('盘州市')
  await expect(page.locator('[data-testid="checks-count-error"] b')).toHaveText('1')
  const warnings = Number((await page.locator('[data-testid="checks-count-warning"] b').textContent())?.replace(/,/g, ''))
  expect(warnings).toBeGreaterThan(100)

  // the region tree filters the list: another county has no such error, 盘州市 has it
  await page.locator('.tree-node[data-region="520200"] .twisty').click()
  await page.locator('.tree-node[data-region="520201"]').click()
  await expect(page.locator('[data-testid="checks-count-error"] b')).toHaveText('0')
  await page.locator('.tree-node[data-region="520281"]').click()
  await expect(page.locator('[data-testid="checks-count-error"] b')).toHaveText('1')
  await expect(row).toBeVisible()
  await page.screenshot({ path: 'test-results/screenshots/checks-page.png' })

  // the click opens the sites grid at the offending cell, marked red with the message
  await row.locator('td.msg').click()
  await expect(page.locator('[data-testid="nav-sites"]')).toHaveClass(/active/)
  await expect
    .poll(() => page.evaluate(() => {
      const f = window.__grids?.site?.getFocusedCell()
      const node = f ? window.__grids!.site!.getDisplayedRowAtIndex(f.rowIndex) : undefined
      return f ? `${node?.data?.id}:${f.column.getColId()}` : ''
    }))
    .toBe(`${planted.id}:moved_people`)
  const cell = page.locator(`[data-testid="grid-site"] .ag-row[row-id="${planted.id}"] .ag-cell[col-id="moved_people"]`).first()
  await expect(cell).toHaveClass(/check-error/)
  await expect(page.locator(`[data-testid="grid-site"] .ag-row[row-id="${planted.id}"] .ag-cell[col-id="__check"]`).first()).toContainText('错误 1')
  await cell.hover()
  await expect(page.locator('.ag-tooltip')).toContainText(message)
  await page.screenshot({ path: 'test-results/screenshots/checks-grid-marks.png' })

  // fixing the value through the grid clears the mark at once (incremental check)
  await cell.dblclick()
  await page.keyboard.press('Control+A')
  await page.keyboard.type(String(planted.planned))
  await page.keyboard.press('Enter')
  await expect(cell).not.toHaveClass(/check-error/)
  await expect(page.locator(`[data-testid="grid-site"] .ag-row[row-id="${planted.id}"] .ag-cell[col-id="__check"]`).first()).not.toContainText('错误')
  expect(errors).toEqual([])
})

test('explain a warning (undoable) and export the list to Excel', async ({ page }) => {
  await page.goto(shell.launchUrl)
  await page.locator('[data-testid="nav-checks"]').click()
  await page.locator('.checks-groups li[data-rule="site.zero_employment"]').click()
  const first = page.locator('tr.violation[data-rule="site.zero_employment"]').first()
  await expect(first).toBeVisible()
  const rowId = await first.getAttribute('data-row')
  const explained = page.locator('[data-testid="checks-count-explained"] b')
  await expect(explained).toHaveText('0')
  await first.locator('[data-testid="explain"]').click()
  await page.locator('[data-testid="explain-comment"]').fill('两户均为五保户，已纳入兜底保障')
  await page.locator('[data-testid="explain-save"]').click()
  await expect(explained).toHaveText('1')
  await page.locator('[data-testid="checks-count-explained"]').click()
  const done = page.locator(`tr.violation[data-rule="site.zero_employment"][data-row="${rowId}"]`)
  await expect(done).toContainText('已说明')
  await expect(done).toContainText('两户均为五保户')
  await page.screenshot({ path: 'test-results/screenshots/checks-explained.png' })
  // undo takes the explanation back
  await page.locator('.brand').click()
  await page.keyboard.press('Control+Z')
  await expect(explained).toHaveText('0')

  const out = join(dir, '检查结果.xlsx')
  await page.locator('[data-testid="checks-export-path"]').fill(out)
  await page.locator('[data-testid="checks-export"]').click()
  await expect(page.locator('.toast', { hasText: '已导出' })).toBeVisible()
  expect(existsSync(out)).toBe(true)
})
