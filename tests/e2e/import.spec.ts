/**
 * A planner merges a county return through the browser: upload the 盘县 fixture on the import page,
 * review the preview (18 new sites, the 合计 and header rows gone, values canonical), commit, find the
 * sites in the sites grid, undo, and see the batch rolled back in the import history.
 */
import { expect, test } from '@playwright/test'
import ExcelJS from 'exceljs'
import { execFileSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { waitForRows } from '../support/region-tree.ts'
import { startShell, type RunningShell } from '../support/web-shell.ts'
import { tempDir } from '../support/temp.ts'

const root = resolve(import.meta.dirname, '../..')
const fixture = resolve(root, '../shared/fixtures/returns/01-盘县易地扶贫搬迁安置点基本情况统计表.xlsx')
let shell: RunningShell

test.beforeAll(async () => {
  const plan = join(tempDir('anju-e2e-import-'), 'plan.anju')
  execFileSync(process.execPath, ['bin/anju.mjs', 'new', plan, '--province', '520000'], { cwd: root })
  shell = await startShell({ plan })
})
test.afterAll(async () => {
  await shell.stop()
})

test('upload a county return, preview it, commit, see the sites, undo', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(shell.launchUrl)
  await page.locator('[data-testid="nav-import"]').click()
  await expect(page.locator('[data-testid="import-page"]')).toBeVisible()
  await page.locator('[data-testid="import-file"]').setInputFiles(fixture)
  const preview = page.locator('[data-testid="import-preview"]')
  await expect(preview).toBeVisible()
  await expect(page.locator('[data-testid="filter-insert"]')).toContainText('18')
  await expect(page.locator('[data-testid="filter-reject"]')).toContainText('0')
  const grid = page.locator('[data-testid="preview-grid"]')
  // the first data row is spreadsheet row 10 (the 合计 row 9 is not a row); old county name → 盘州市
  const first = grid.locator('.ag-row[row-id="0:10"]')
  await expect(first.locator('.ag-cell[col-id="name"]')).toHaveText('安居社区')
  await expect(first.locator('.ag-cell[col-id="county"]')).toContainText('盘州市')
  await expect(first.locator('.ag-cell[col-id="planned_people"]')).toHaveText('1,387')
  await expect(first.locator('.ag-cell[col-id="completion_date"]')).toHaveText('2019-12')
  await expect(first.locator('.ag-cell[col-id="action"]')).toHaveText('新增')
  await page.screenshot({ path: 'test-results/screenshots/import-preview.png' })

  await page.locator('[data-testid="import-commit"]').click()
  await expect(page.locator('.toast')).toContainText('新增 18 行')
  await expect(page.locator('[data-testid="import-history"] tbody tr')).toHaveCount(1)
  await expect(page.locator('[data-testid="import-history"] tbody tr').first()).toContainText('已导入')

  await page.locator('[data-testid="nav-sites"]').click()
  await waitForRows(page, 'site')
  await expect(page.locator('[data-testid="grid-count"]')).toContainText('18')
  const names = await page.evaluate(() => {
    const out: string[] = []
    window.__grids!.site!.forEachNode((n) => out.push(String(n.data!['name'])))
    return out
  })
  expect(names).toContain('安居社区')
  await page.screenshot({ path: 'test-results/screenshots/import-sites.png' })

  // undo the whole import in one step
  await page.locator('.brand').click()
  await page.keyboard.press('Control+Z')
  await expect(page.locator('[data-testid="grid-count"]')).toContainText('0')
  await page.locator('[data-testid="nav-import"]').click()
  await expect(page.locator('[data-testid="import-history"] tbody tr').first()).toContainText('已撤回')
  expect(errors).toEqual([])
})

test('a file that is not a spreadsheet gets a clear message', async ({ page }) => {
  await page.goto(shell.launchUrl)
  await page.locator('[data-testid="nav-import"]').click()
  await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'photo.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31 + 7) % 256)) })
  await expect(page.locator('.toast.error')).toContainText('不是电子表格')
  await expect(page.locator('[data-testid="import-preview"]')).toHaveCount(0)
})

test('a revised return shows old → new, commits as an update, and the batch rolls back from the history', async ({ page }) => {
  const dir = tempDir('anju-e2e-import-rev-')
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(fixture)
  const ws = wb.worksheets[0]!
  ws.getCell('G10').value = '1,400' // 安居社区 规划安置人数 1,387 → 1,400
  ws.getCell('L11').value = '已入住' // 干河村集中安置点 在建 → 已入住
  const revised = join(dir, '01-盘县-修订.xlsx')
  await wb.xlsx.writeFile(revised)
  page.on('dialog', (d) => void d.accept())
  await page.goto(shell.launchUrl)
  await page.locator('[data-testid="nav-import"]').click()
  // the first test undid its import: import the original again, then the revision
  await page.locator('[data-testid="import-file"]').setInputFiles(fixture)
  await expect(page.locator('[data-testid="filter-insert"]')).toContainText('18')
  await page.locator('[data-testid="import-commit"]').click()
  await expect(page.locator('.toast').last()).toContainText('新增 18 行')
  await page.locator('[data-testid="import-file"]').setInputFiles(revised)
  await expect(page.locator('[data-testid="filter-update"]')).toContainText('2')
  await expect(page.locator('[data-testid="filter-unchanged"]')).toContainText('16')
  const grid = page.locator('[data-testid="preview-grid"]')
  await expect(grid.locator('.ag-row[row-id="0:10"] .ag-cell[col-id="planned_people"]')).toHaveText('1,387 → 1,400')
  await expect(grid.locator('.ag-row[row-id="0:10"] .ag-cell[col-id="planned_people"]')).toHaveClass(/cell-changed/)
  await expect(grid.locator('.ag-row[row-id="0:11"] .ag-cell[col-id="status"]')).toHaveText('在建 → 已入住')
  // blank and "—" cells keep what the plan has
  await expect(grid.locator('.ag-row[row-id="0:11"] .ag-cell[col-id="moved_households"]')).toHaveText('')
  await page.locator('[data-testid="filter-update"]').click()
  await page.screenshot({ path: 'test-results/screenshots/import-update.png' })
  // exclude the status change, commit the rest
  await grid.locator('.ag-row[row-id="0:11"] .ag-cell[col-id="status"]').dblclick()
  await expect(grid.locator('.ag-row[row-id="0:11"] .ag-cell[col-id="status"]')).toHaveClass(/cell-excluded/)
  await page.locator('[data-testid="import-commit"]').click()
  await expect(page.locator('.toast').last()).toContainText('更新 1 行')
  await expect(page.locator('[data-testid="import-history"] tbody tr')).toHaveCount(3)
  await page.screenshot({ path: 'test-results/screenshots/import-history.png' })
  // roll the revision back from the history list
  const newest = page.locator('[data-testid="import-history"] tbody tr').first()
  await newest.locator('button').click()
  await expect(newest).toContainText('已撤回')
})

test('downloads a county return template and imports it back unchanged', async ({ page }) => {
  await page.goto(shell.launchUrl)
  await page.locator('[data-testid="nav-import"]').click()
  await page.locator('[data-testid="import-county"]').selectOption('520281')
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="download-template"]').click()])
  expect(download.suggestedFilename()).toBe('盘州市填报模板.xlsx')
  const saved = join(tempDir('anju-e2e-template-'), download.suggestedFilename())
  await download.saveAs(saved)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(saved)
  expect(wb.worksheets.map((w) => w.name)).toContain('填报说明')
  await page.locator('[data-testid="import-file"]').setInputFiles(saved)
  await expect(page.locator('[data-testid="import-preview"]')).toBeVisible()
  await expect(page.locator('[data-testid="filter-insert"]')).toContainText('0')
  await expect(page.locator('[data-testid="filter-update"]')).toContainText('0')
  await expect(page.locator('[data-testid="filter-reject"]')).toContainText('0')
})

test('previews the sheet the planner picks, clears with null markers only when asked, and downloads a prefecture template', async ({ page }) => {
  const dir = tempDir('anju-e2e-import-sheets-')
  const header = ['安置点名称', '县名', '规划安置人数', '建设状态']
  const wb = new ExcelJS.Workbook()
  const older = wb.addWorksheet('旧表')
  older.addRow(header)
  older.addRow(['甲测试社区', '盘县', 100, '在建'])
  older.addRow(['乙测试社区', '盘县', 200, '在建'])
  const newer = wb.addWorksheet('新表')
  newer.addRow(header)
  for (const n of ['丙', '丁', '戊']) newer.addRow([`${n}测试社区`, '盘县', 300, '在建'])
  const two = join(dir, 'two-sheets.xlsx')
  await wb.xlsx.writeFile(two)
  await page.goto(shell.launchUrl)
  await page.locator('[data-testid="nav-import"]').click()
  await page.locator('[data-testid="import-file"]').setInputFiles(two)
  // chosen by its headers: the sheet with more rows; the picker lists both
  await expect(page.locator('[data-testid="filter-all"]')).toContainText('3')
  await expect(page.locator('[data-testid="import-sheet"] option')).toHaveText(['自动识别', '旧表', '新表'])
  await page.locator('[data-testid="import-sheet"]').selectOption('旧表')
  await expect(page.locator('[data-testid="filter-all"]')).toContainText('2')
  const grid = page.locator('[data-testid="preview-grid"]')
  await expect(grid.locator('.ag-row[row-id="0:2"] .ag-cell[col-id="name"]')).toHaveText('甲测试社区')
  await page.locator('[data-testid="import-commit"]').click()
  await expect(page.locator('.toast').last()).toContainText('新增 2 行')

  // a revision writes "—" for the status: kept by default, cleared only with the checkbox
  const rev = new ExcelJS.Workbook()
  const ws = rev.addWorksheet('Sheet1')
  ws.addRow(header)
  ws.addRow(['甲测试社区', '盘县', 110, '—'])
  const revised = join(dir, 'revised.xlsx')
  await rev.xlsx.writeFile(revised)
  await page.locator('[data-testid="import-file"]').setInputFiles(revised)
  const status = grid.locator('.ag-row[row-id="0:2"] .ag-cell[col-id="status"]')
  await expect(status).toHaveText('（保留原值）')
  await expect(page.locator('[data-testid="import-clear-blanks"]')).not.toBeChecked()
  await page.locator('[data-testid="import-clear-blanks"]').check()
  await expect(status).toHaveText('在建 → （空）')
  await expect(status).toHaveClass(/cell-cleared/)
  await page.screenshot({ path: 'test-results/screenshots/import-clear-blanks.png' })

  // the template of a whole prefecture
  await page.locator('[data-testid="template-region"]').selectOption('520200')
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="download-template"]').click()])
  expect(download.suggestedFilename()).toBe('六盘水市填报模板.xlsx')
  const saved = join(dir, download.suggestedFilename())
  await download.saveAs(saved)
  const tpl = new ExcelJS.Workbook()
  await tpl.xlsx.readFile(saved)
  expect(String(tpl.getWorksheet('安置点')!.getCell('A1').value)).toContain('六盘水市')
})
