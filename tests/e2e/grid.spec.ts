// The spreadsheet layer in real Chromium against the real shell: range selection and the status bar,
// copy to the clipboard, paste from Excel-style HTML and TSV through the preview, fill handle,
// Ctrl+D, Delete, context menu, find, filter by value, and undo of each action.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { waitForRows } from '../support/region-tree.ts'
import { startShell, type RunningShell } from '../support/web-shell.ts'

let shell: RunningShell
// times in the cell history are checked against this zone
test.use({ timezoneId: 'Asia/Shanghai' })

test.beforeAll(async () => {
  shell = await startShell()
})
test.afterAll(async () => {
  await shell.stop()
})

const grid = '[data-testid="grid-site"]'

function cell(page: Page, rowId: number, col: string) {
  return page.locator(`${grid} .ag-row[row-id="${rowId}"] .ag-cell[col-id="${col}"]`).first()
}

/** Scroll a column into view (the grid renders only the columns on screen). */
async function showColumn(page: Page, col: string): Promise<void> {
  await page.evaluate((c) => window.__grids!.site!.ensureColumnVisible(c, 'middle'), col)
}

/** Ids of the first n displayed rows. */
async function rowIds(page: Page, n: number): Promise<number[]> {
  return page.evaluate((count) => {
    const api = window.__grids!.site!
    const out: number[] = []
    for (let i = 0; i < count; i++) out.push(Number(api.getDisplayedRowAtIndex(i)!.data!.id))
    return out
  }, n)
}

async function value(page: Page, rowId: number, col: string): Promise<unknown> {
  return page.evaluate(([id, c]) => window.__grids!.site!.getRowNode(String(id))!.data![c as string], [rowId, col] as const)
}

async function values(page: Page, ids: number[], col: string): Promise<unknown[]> {
  const out: unknown[] = []
  for (const id of ids) out.push(await value(page, id, col))
  return out
}

async function setClipboard(page: Page, text: string, html?: string): Promise<void> {
  await page.evaluate(
    async ([t, h]) => {
      const items: Record<string, Blob> = { 'text/plain': new Blob([t], { type: 'text/plain' }) }
      if (h) items['text/html'] = new Blob([h], { type: 'text/html' })
      await navigator.clipboard.write([new ClipboardItem(items)])
    },
    [text, html ?? ''] as const,
  )
}

async function undo(page: Page): Promise<void> {
  await page.locator('[data-testid="undo"]').click()
}

async function open(page: Page, context: BrowserContext): Promise<void> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shell.url })
  await page.goto(shell.launchUrl)
  // all the rows, not just the first page painted while the rest loads
  await waitForRows(page, 'site')
}

test('range selection shows a box and the status bar sums it; copy puts TSV and an HTML table on the clipboard', async ({ page, context }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await open(page, context)
  const ids = await rowIds(page, 6)

  // click, then shift+click: a 5 × 2 range
  await cell(page, ids[0]!, 'planned_households').click()
  await cell(page, ids[4]!, 'planned_people').click({ modifiers: ['Shift'] })
  await expect(page.locator(`${grid} .ag-cell.rs-cell`)).toHaveCount(10)
  const expected = (await values(page, ids.slice(0, 5), 'planned_households')).concat(await values(page, ids.slice(0, 5), 'planned_people'))
  const sum = expected.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0)
  await expect(page.locator('[data-testid="status-sum"]')).toHaveAttribute('data-value', String(sum))
  await expect(page.locator('[data-testid="status-count"]')).toContainText('10')
  await page.screenshot({ path: 'test-results/screenshots/grid-selection.png' })

  // Shift+arrow grows it by a column
  await page.keyboard.press('Shift+ArrowRight')
  await expect(page.locator(`${grid} .ag-cell.rs-cell`)).toHaveCount(15)

  // Ctrl+C: TSV with raw numbers, and an HTML table
  await page.keyboard.press('Control+C')
  await expect
    .poll(async () => page.evaluate(() => navigator.clipboard.readText()))
    .toContain('\t')
  const tsv = await page.evaluate(() => navigator.clipboard.readText())
  const lines = tsv.trimEnd().split('\r\n')
  expect(lines).toHaveLength(5)
  expect(lines[0]!.split('\t').slice(0, 2)).toEqual([String(expected[0]), String(expected[5])])
  const html = await page.evaluate(async () => {
    const items = await navigator.clipboard.read()
    const item = items.find((i) => i.types.includes('text/html'))
    return item ? (await item.getType('text/html')).text() : ''
  })
  expect(html).toContain('<table>')
  expect(html).toContain(`x:num="${String(expected[0])}"`)

  // the range is kept by row id: after a sort it is found again from its corner rows
  await page.evaluate(() => window.__grids!.site!.applyColumnState({ state: [{ colId: 'name', sort: 'desc' }], defaultState: { sort: null } }))
  await page.evaluate((id) => window.__grids!.site!.ensureNodeVisible(window.__grids!.site!.getRowNode(String(id))!, 'middle'), ids[0]!)
  await expect(cell(page, ids[0]!, 'planned_households')).toHaveClass(/rs-cell/)
  await page.evaluate(() => window.__grids!.site!.applyColumnState({ defaultState: { sort: null } }))

  // a header click takes the whole column; the status bar counts every shown row
  await page.locator(`${grid} .ag-header-cell[col-id="planned_people"] .ag-header-cell-label`).click()
  const shown = await page.evaluate(() => window.__grids!.site!.getDisplayedRowCount())
  await expect(page.locator('[data-testid="status-numeric-count"]')).toContainText(shown.toLocaleString('zh-CN'))
  expect(errors).toEqual([])
})

test('paste Excel HTML with full-width digits and a bad value: preview, write the accepted cells, undo', async ({ page, context }) => {
  await open(page, context)
  const ids = await rowIds(page, 3)
  const before = await values(page, ids, 'planned_households')
  const beforePeople = await values(page, ids, 'planned_people')
  const html =
    '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table>' +
    '<tr><td>１,２００</td><td x:num="3600">3,600</td></tr>' +
    '<tr><td>很多户</td><td x:num="244">244</td></tr>' +
    '<tr><td>４５０</td><td>１,８００</td></tr></table></body></html>'
  await setClipboard(page, '１,２００\t3,600\n很多户\t244\n４５０\t１,８００\n', html)
  await cell(page, ids[0]!, 'planned_households').click()
  await page.keyboard.press('Control+V')
  const dialog = page.locator('[data-testid="paste-dialog"]')
  await expect(dialog).toBeVisible()
  await expect(page.locator('[data-testid="paste-count-rejected"]')).toHaveAttribute('data-value', '1')
  // "１,２００" and "１,８００" are adjusted (full-width digits and a comma); "４５０" reads as 450 plainly
  await expect(page.locator('[data-testid="paste-count-adjusted"]')).toHaveAttribute('data-value', '2')
  await expect(dialog.locator('tr[data-verdict="rejected"]')).toContainText('不是数字')
  await expect(dialog.locator('tr[data-verdict="adjusted"]').first()).toContainText('1200')
  await expect(page.locator('[data-testid="paste-refusal"]')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/screenshots/grid-paste-preview.png' })
  await page.locator('[data-testid="paste-confirm"]').click()
  await expect(dialog).toBeHidden()
  await expect(cell(page, ids[0]!, 'planned_households')).toHaveText('1,200')
  expect(await values(page, ids, 'planned_households')).toEqual([1200, before[1], 450])
  expect(await values(page, ids, 'planned_people')).toEqual([3600, 244, 1800])

  // one undo step takes the whole paste back
  await undo(page)
  await expect.poll(() => values(page, ids, 'planned_households')).toEqual(before)
  expect(await values(page, ids, 'planned_people')).toEqual(beforePeople)

  // a cell the rule engine refuses (fewer planned than moved-in people) is rejected with the rule's
  // message; the other cell of the block is still written, as one undo step
  const moved = (await value(page, ids[0]!, 'moved_people')) as number
  await setClipboard(page, `${Math.max(0, moved - 1)}\n${(beforePeople[1] as number) + 7}\n`)
  await cell(page, ids[0]!, 'planned_people').click()
  await page.keyboard.press('Control+V')
  await expect(dialog).toBeVisible()
  await expect(page.locator('[data-testid="paste-count-rejected"]')).toHaveAttribute('data-value', '1')
  await expect(dialog.locator('tr[data-verdict="rejected"]')).toContainText('超过规划安置人数')
  await expect(dialog.locator('tr[data-verdict="accepted"]')).toHaveCount(1)
  await expect(page.locator('[data-testid="paste-partial"]')).toBeVisible()
  await expect(page.locator('[data-testid="paste-refusal"]')).toHaveCount(0)
  await expect(page.locator('[data-testid="paste-confirm"]')).toBeEnabled()
  await page.screenshot({ path: 'test-results/screenshots/grid-paste-rule-rejected.png' })
  await page.locator('[data-testid="paste-confirm"]').click()
  await expect(dialog).toBeHidden()
  await expect.poll(() => values(page, ids.slice(0, 2), 'planned_people')).toEqual([beforePeople[0], (beforePeople[1] as number) + 7])
  await undo(page)
  await expect.poll(() => values(page, ids.slice(0, 2), 'planned_people')).toEqual(beforePeople.slice(0, 2))
})

test('one TSV value fills the whole selection; Ctrl+D, the fill handle, Delete — each one undo step', async ({ page, context }) => {
  await open(page, context)
  const ids = await rowIds(page, 6)
  const statusBefore = await values(page, ids.slice(0, 4), 'status')

  // 1 → N
  await setClipboard(page, '在建\r\n')
  await showColumn(page, 'status')
  await cell(page, ids[0]!, 'status').click()
  await cell(page, ids[3]!, 'status').click({ modifiers: ['Shift'] })
  await page.keyboard.press('Control+V')
  await expect(page.locator('[data-testid="paste-dialog"]')).toBeVisible()
  await page.locator('[data-testid="paste-confirm"]').click()
  await expect.poll(() => values(page, ids.slice(0, 4), 'status')).toEqual(['在建', '在建', '在建', '在建'])
  await undo(page)
  await expect.poll(() => values(page, ids.slice(0, 4), 'status')).toEqual(statusBefore)

  // a 2-row block into a 4-row selection repeats, as in Excel
  await setClipboard(page, '在建\r\n已竣工\r\n')
  await cell(page, ids[0]!, 'status').click()
  await cell(page, ids[3]!, 'status').click({ modifiers: ['Shift'] })
  await page.keyboard.press('Control+V')
  await page.locator('[data-testid="paste-confirm"]').click()
  await expect.poll(() => values(page, ids.slice(0, 4), 'status')).toEqual(['在建', '已竣工', '在建', '已竣工'])
  await page.keyboard.press('Control+Z')
  await expect.poll(() => values(page, ids.slice(0, 4), 'status')).toEqual(statusBefore)

  // Ctrl+D copies the first row of the range down
  const township = await values(page, ids.slice(0, 3), 'township')
  await showColumn(page, 'township')
  await cell(page, ids[0]!, 'township').click()
  await cell(page, ids[2]!, 'township').click({ modifiers: ['Shift'] })
  await page.keyboard.press('Control+D')
  await expect.poll(() => values(page, ids.slice(0, 3), 'township')).toEqual([township[0], township[0], township[0]])
  await page.keyboard.press('Control+Z')
  await expect.poll(() => values(page, ids.slice(0, 3), 'township')).toEqual(township)

  // the fill handle continues a series: seed 10, 20 → 30, 40
  const people = await values(page, ids.slice(0, 4), 'minority_people')
  await setClipboard(page, '10\n20\n')
  await showColumn(page, 'minority_people')
  await cell(page, ids[0]!, 'minority_people').click()
  await page.keyboard.press('Control+V')
  await page.locator('[data-testid="paste-confirm"]').click()
  await expect.poll(() => values(page, ids.slice(0, 2), 'minority_people')).toEqual([10, 20])
  const corner = page.locator(`${grid} .ag-cell.rs-corner`)
  await expect(corner).toHaveAttribute('col-id', 'minority_people')
  const box = (await corner.boundingBox())!
  const target = (await cell(page, ids[3]!, 'minority_people').boundingBox())!
  await page.mouse.move(box.x + box.width - 3, box.y + box.height - 3)
  await page.mouse.down()
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 })
  await expect(page.locator(`${grid} .ag-cell.rs-fill`)).toHaveCount(2)
  await page.mouse.up()
  await expect.poll(() => values(page, ids.slice(0, 4), 'minority_people')).toEqual([10, 20, 30, 40])
  await undo(page)
  await expect.poll(() => values(page, ids.slice(0, 4), 'minority_people')).toEqual([10, 20, people[2], people[3]])
  await undo(page)
  await expect.poll(() => values(page, ids.slice(0, 4), 'minority_people')).toEqual(people)

  // Delete clears the range (two columns, two rows) in one step
  await showColumn(page, 'township')
  const town = await values(page, ids.slice(0, 2), 'township')
  const mode = await values(page, ids.slice(0, 2), 'mode')
  await cell(page, ids[0]!, 'township').click()
  await cell(page, ids[1]!, 'mode').click({ modifiers: ['Shift'] })
  await page.keyboard.press('Delete')
  await expect.poll(() => values(page, ids.slice(0, 2), 'township')).toEqual([null, null])
  expect(await values(page, ids.slice(0, 2), 'mode')).toEqual([null, null])
  await undo(page)
  await expect.poll(() => values(page, ids.slice(0, 2), 'township')).toEqual(town)
  expect(await values(page, ids.slice(0, 2), 'mode')).toEqual(mode)
})

test('context menu: insert a row below, filter by this value, cell history; find highlights matches', async ({ page, context }) => {
  await open(page, context)
  const ids = await rowIds(page, 2)
  const count = await page.evaluate(() => window.__grids!.site!.getDisplayedRowCount())
  await cell(page, ids[0]!, 'name').click({ button: 'right' })
  await expect(page.locator('[data-testid="grid-menu"]')).toBeVisible()
  await page.screenshot({ path: 'test-results/screenshots/grid-context-menu.png' })
  await page.locator('[data-testid="menu-insert-below"]').click()
  await expect.poll(() => page.evaluate(() => window.__grids!.site!.getDisplayedRowCount())).toBe(count + 1)
  // the new row sits right below the clicked one
  const second = await page.evaluate(() => window.__grids!.site!.getDisplayedRowAtIndex(1)!.data!['name'])
  expect(second).toBe('新安置点')
  await undo(page)
  await expect.poll(() => page.evaluate(() => window.__grids!.site!.getDisplayedRowCount())).toBe(count)

  // filter by this value (the set filter)
  const county = await value(page, ids[0]!, 'county')
  await cell(page, ids[0]!, 'county').click({ button: 'right' })
  await page.locator('[data-testid="menu-filter-value"]').click()
  await expect.poll(() => page.evaluate(() => window.__grids!.site!.getDisplayedRowCount())).toBeLessThan(count)
  const counties = await page.evaluate(() => {
    const out = new Set<unknown>()
    window.__grids!.site!.forEachNodeAfterFilter((n) => out.add(n.data!['county']))
    return [...out]
  })
  expect(counties).toEqual([county])

  // history of an edited cell
  await setClipboard(page, '历史测试镇')
  await cell(page, ids[0]!, 'township').click()
  await page.keyboard.press('Control+V')
  await page.locator('[data-testid="paste-confirm"]').click()
  await expect(cell(page, ids[0]!, 'township')).toHaveText('历史测试镇')
  await cell(page, ids[0]!, 'township').click({ button: 'right' })
  await page.locator('[data-testid="menu-history"]').click()
  await expect(page.locator('[data-testid="cell-history"]')).toContainText('历史测试镇')
  // the time is shown in local time (this context runs in Asia/Shanghai, UTC+8), not in UTC
  const at = page.locator('[data-testid="history-at"]').first()
  const iso = (await at.getAttribute('data-iso'))!
  const local = new Date(Date.parse(iso) + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19)
  await expect(at).toHaveText(local)
  await page.locator('[data-testid="history-close"]').click()
  await undo(page)

  // Ctrl+F
  await page.evaluate(() => window.__grids!.site!.setFilterModel(null))
  await cell(page, ids[0]!, 'name').click()
  await page.keyboard.press('Control+F')
  await expect(page.locator('[data-testid="find-input"]')).toBeFocused()
  await page.keyboard.type(String(county))
  await expect(page.locator('[data-testid="find-count"]')).toContainText('1 /')
  await expect(page.locator(`${grid} .ag-cell.find-hit`).first()).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.locator('[data-testid="find-count"]')).toContainText('2 /')

  // find matches what the cell shows too: a number with its thousands separator
  const big = await page.evaluate(() => {
    let out: { id: number; v: number } | null = null
    window.__grids!.site!.forEachNodeAfterFilterAndSort((n) => {
      const v = n.data!['planned_people']
      if (!out && typeof v === 'number' && v >= 10000) out = { id: n.data!.id, v }
    })
    return out as { id: number; v: number } | null
  })
  expect(big).not.toBeNull()
  await page.locator('[data-testid="find-input"]').fill(big!.v.toLocaleString('zh-CN'))
  await expect(page.locator('[data-testid="find-count"]')).toContainText('1 /')
  await expect(cell(page, big!.id, 'planned_people')).toHaveClass(/find-current/)
  await page.locator('[data-testid="find-close"]').click()
})

test('set filter with search, Ctrl+A, appended rows from a paste, columns remembered per plan', async ({ page, context }) => {
  page.on('dialog', (d) => void d.accept())
  await open(page, context)
  const total = await page.evaluate(() => window.__grids!.site!.getDisplayedRowCount())

  // Excel-style checkbox filter: search, untick one value
  await page.locator(`${grid} .ag-header-cell[col-id="mode"] .ag-header-cell-filter-button`).click()
  const filter = page.locator('[data-testid="set-filter-mode"]')
  await expect(filter).toBeVisible()
  await filter.locator('[data-testid="set-filter-search"]').fill('农村')
  await expect(filter.locator('.set-filter-item[data-value]')).toHaveCount(1)
  await page.screenshot({ path: 'test-results/screenshots/grid-set-filter.png' })
  await filter.locator('.set-filter-item[data-value="农村集中安置"] input').uncheck()
  // nothing changes until 确定; 取消 leaves the filter as it was
  await page.waitForTimeout(300)
  expect(await page.evaluate(() => window.__grids!.site!.getDisplayedRowCount())).toBe(total)
  await filter.locator('[data-testid="set-filter-cancel"]').click()
  await expect(filter).toBeHidden()
  expect(await page.evaluate(() => window.__grids!.site!.getDisplayedRowCount())).toBe(total)
  await page.locator(`${grid} .ag-header-cell[col-id="mode"] .ag-header-cell-filter-button`).click()
  await expect(filter.locator('.set-filter-item[data-value="农村集中安置"] input')).toBeChecked()
  await filter.locator('.set-filter-item[data-value="农村集中安置"] input').uncheck()
  await filter.locator('[data-testid="set-filter-ok"]').click()
  await expect(filter).toBeHidden()
  await expect.poll(() => page.evaluate(() => window.__grids!.site!.getDisplayedRowCount())).toBeLessThan(total)
  await page.locator(`${grid} .ag-header-cell[col-id="mode"] .ag-header-cell-filter-button`).click()
  const modes = await page.evaluate(() => {
    const out = new Set<unknown>()
    window.__grids!.site!.forEachNodeAfterFilter((n) => out.add(n.data!['mode']))
    return [...out]
  })
  expect(modes).not.toContain('农村集中安置')
  await filter.locator('[data-testid="set-filter-clear"]').click()
  await expect.poll(() => page.evaluate(() => window.__grids!.site!.getDisplayedRowCount())).toBe(total)
  await page.keyboard.press('Escape')

  // Ctrl+A takes every cell; the status bar says so
  const first = await rowIds(page, 1)
  await cell(page, first[0]!, 'name').click()
  await page.keyboard.press('Control+A')
  await expect(page.locator('[data-testid="status-bar"]')).toContainText(`已选 ${total.toLocaleString('zh-CN')} 行`)

  // a 3-row paste on the last row appends 2 new rows when asked, as one undo step
  const lastId = await page.evaluate(() => {
    const api = window.__grids!.site!
    const n = api.getDisplayedRowCount()
    api.ensureIndexVisible(n - 1, 'bottom')
    return Number(api.getDisplayedRowAtIndex(n - 1)!.data!.id)
  })
  // the last row sits under the overlay scrollbar: focus the grid, then take the cell by the sheet's API
  const nearLast = await page.evaluate(() => Number(window.__grids!.site!.getDisplayedRowAtIndex(window.__grids!.site!.getDisplayedRowCount() - 4)!.data!.id))
  await cell(page, nearLast, 'name').click()
  await page.evaluate(`window.__sheets.site.selectCell({ rowId: ${lastId}, colId: 'name' })`)
  await setClipboard(page, '末行改名\n追加一\n追加二\n')
  await page.keyboard.press('Control+V')
  await expect(page.locator('[data-testid="paste-dialog"]')).toBeVisible()
  await page.locator('[data-testid="paste-append"]').check()
  await expect(page.locator('[data-testid="paste-confirm"]')).toContainText('新增 2 行')
  await page.locator('[data-testid="paste-confirm"]').click()
  await expect.poll(() => page.evaluate(() => window.__grids!.site!.getDisplayedRowCount())).toBe(total + 2)
  expect(await value(page, lastId, 'name')).toBe('末行改名')
  await undo(page)
  await expect.poll(() => page.evaluate(() => window.__grids!.site!.getDisplayedRowCount())).toBe(total)

  // hide a column; it stays hidden after a reload (kept in the plan), then show it again
  await page.locator('[data-testid="column-chooser"]').click()
  await page.locator('[data-testid="column-chooser-list"] label[data-col="township"] input').uncheck()
  await expect(page.locator(`${grid} .ag-header-cell[col-id="township"]`)).toHaveCount(0)
  // saved into the plan (debounced): wait until the service has it, then reload
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const res = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-anju-token': sessionStorage.getItem('anju-token') ?? '' },
          body: JSON.stringify({ method: 'ui.getState', input: { key: 'grid.site.columns' } }),
        })
        const body = (await res.json()) as { ok: boolean; value?: { colId: string; hide?: boolean }[] }
        return body.value?.find((c) => c.colId === 'township')?.hide ?? null
      }),
      { timeout: 30000 },
    )
    .toBe(true)
  await page.reload()
  await expect(page.locator(`${grid} .ag-row`).first()).toBeVisible()
  await expect.poll(() => page.evaluate(() => window.__grids!.site!.getColumn('township')!.isVisible())).toBe(false)
  await page.locator('[data-testid="column-chooser"]').click()
  await page.locator('[data-testid="column-chooser-list"] label[data-col="township"] input').check()
  await expect(page.locator(`${grid} .ag-header-cell[col-id="township"]`)).toHaveCount(1)
})

/** The pinned 合计 row's value of a column. */
async function totalOf(page: Page, col: string): Promise<unknown> {
  return page.evaluate((c) => window.__grids!.site!.getPinnedBottomRow(0)!.data![c], col)
}

test('the 合计 row follows an edit and its undo; undo of a row delete puts the rows back where they were', async ({ page, context }) => {
  page.on('dialog', (d) => void d.accept())
  await open(page, context)
  const ids = await rowIds(page, 6)
  const total = (await totalOf(page, 'planned_people')) as number
  const people = (await value(page, ids[0]!, 'planned_people')) as number

  // an edit typed into a cell: the pinned 合计 moves with it, and back with undo
  await cell(page, ids[0]!, 'planned_people').click()
  await page.keyboard.type(String(people + 25))
  await page.keyboard.press('Enter')
  await expect.poll(() => value(page, ids[0]!, 'planned_people')).toBe(people + 25)
  await expect.poll(() => totalOf(page, 'planned_people')).toBe(total + 25)
  await expect(page.locator(`${grid} .ag-row-pinned .ag-cell[col-id="planned_people"]`)).toHaveText((total + 25).toLocaleString('zh-CN'))
  await undo(page)
  await expect.poll(() => totalOf(page, 'planned_people')).toBe(total)

  // delete rows 3 and 4 (row numbers), then undo: they come back as rows 3 and 4, not at the bottom
  await cell(page, ids[2]!, '__rownum').click()
  await cell(page, ids[3]!, '__rownum').click({ modifiers: ['Shift'] })
  await page.locator('[data-testid="delete-rows"]').click()
  await expect.poll(() => rowIds(page, 4)).toEqual([ids[0], ids[1], ids[4], ids[5]])
  await expect.poll(() => totalOf(page, 'planned_people')).toBeLessThan(total)
  await undo(page)
  await expect.poll(() => rowIds(page, 6)).toEqual(ids)
  await expect.poll(() => totalOf(page, 'planned_people')).toBe(total)
  await expect(cell(page, ids[2]!, '__rownum')).toHaveText('3')
})

/** Call a contract method from the page, as the renderer does. */
async function invoke(page: Page, method: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    async ([m, i]) => {
      const res = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-anju-token': sessionStorage.getItem('anju-token') ?? '' },
        body: JSON.stringify({ method: m, input: i }),
      })
      const body = (await res.json()) as { ok: boolean; value?: unknown }
      return body.value ?? null
    },
    [method, input] as const,
  )
}

test('column layout (hidden, widths, order) belongs to its plan: another plan shows its own, and switching back restores the first', async ({ page, context }) => {
  await open(page, context)
  const original = ((await invoke(page, 'plan.info', {})) as { path: string }).path
  const api = 'window.__grids.site'
  const layout = () =>
    page.evaluate(() => {
      const g = window.__grids!.site!
      const order = g.getColumnState().map((c) => c.colId)
      return { township: g.getColumn('township')!.isVisible(), name: g.getColumn('name')!.getActualWidth(), modeAt: order.indexOf('mode') }
    })
  const defaults = await layout()
  const saved = () => invoke(page, 'ui.getState', { key: 'grid.site.columns' }) as Promise<{ colId: string; hide?: boolean; width?: number }[] | null>

  // plan A: hide 乡镇, widen 名称, move 安置方式 to the front
  await page.locator('[data-testid="column-chooser"]').click()
  await page.locator('[data-testid="column-chooser-list"] label[data-col="township"] input').uncheck()
  await page.keyboard.press('Escape')
  await page.evaluate(`${api}.setColumnWidths([{ key: 'name', newWidth: 333 }])`)
  await page.evaluate(`${api}.moveColumns(['mode'], ${api}.getColumnState().findIndex((c) => c.colId === 'code'))`)
  const customised = await layout()
  expect(customised).toMatchObject({ township: false, name: 333 })
  expect(customised.modeAt).not.toBe(defaults.modeAt)
  await expect.poll(async () => (await saved())?.findIndex((c) => c.colId === 'mode') ?? -1, { timeout: 30000 }).toBe(customised.modeAt - 1)

  // plan B (new): the default layout, and nothing of A's written into it
  const other = `${shell.appDir}/第二个规划-${Date.now()}.anju`
  await invoke(page, 'plan.new', { path: other, provinceCode: '520000', sample: true })
  await expect.poll(() => invoke(page, 'plan.info', {}).then((i) => (i as { path: string }).path)).toBe(other)
  await expect.poll(layout).toEqual(defaults)
  await page.waitForTimeout(1000)
  expect(await saved()).toBeNull()
  await page.screenshot({ path: 'test-results/screenshots/grid-columns-other-plan.png' })

  // back to A: its own layout again
  await invoke(page, 'plan.open', { path: original })
  await expect.poll(layout).toEqual(customised)

  // put A back as it was for the other tests (after any save the restore set off)
  await page.waitForTimeout(1500)
  await invoke(page, 'ui.setState', { key: 'grid.site.columns', value: null })
  await page.reload()
  await waitForRows(page, 'site')
  await expect.poll(layout).toEqual(defaults)
})

/** The focused cell as row id and column id. */
async function focused(page: Page): Promise<{ id: number; col: string } | null> {
  return page.evaluate(() => {
    const g = window.__grids!.site!
    const f = g.getFocusedCell()
    if (!f || f.rowPinned) return null
    return { id: Number(g.getDisplayedRowAtIndex(f.rowIndex)!.data!.id), col: f.column.getColId() }
  })
}

test('Excel keyboard: arrows, Tab, Enter after an edit, Home/End, Ctrl+Home/End, PageDown, Ctrl+arrows to the edge of data, typing, F2, Escape, Delete', async ({ page, context }) => {
  await open(page, context)
  const ids = await rowIds(page, 4)
  const cols = await page.evaluate(() => window.__grids!.site!.getAllDisplayedColumns().map((c) => c.getColId()).filter((c) => c !== '__rownum'))
  const n = await page.evaluate(() => window.__grids!.site!.getDisplayedRowCount())
  const lastId = await page.evaluate((i) => Number(window.__grids!.site!.getDisplayedRowAtIndex(i)!.data!.id), n - 1)
  const nameAt = cols.indexOf('name')

  await cell(page, ids[1]!, 'name').click()
  await page.keyboard.press('ArrowDown')
  expect(await focused(page)).toEqual({ id: ids[2], col: 'name' })
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('ArrowRight')
  expect(await focused(page)).toEqual({ id: ids[1], col: cols[nameAt + 1] })
  await page.keyboard.press('Shift+Tab')
  expect(await focused(page)).toEqual({ id: ids[1], col: 'name' })
  await page.keyboard.press('Tab')
  expect(await focused(page)).toEqual({ id: ids[1], col: cols[nameAt + 1] })
  await page.keyboard.press('ArrowLeft')

  // Home / End: the row's first / last column; Ctrl+Home / Ctrl+End: the grid's first / last cell
  await page.keyboard.press('End')
  expect(await focused(page)).toEqual({ id: ids[1], col: cols[cols.length - 1] })
  await page.keyboard.press('Home')
  expect(await focused(page)).toEqual({ id: ids[1], col: cols[0] })
  await page.keyboard.press('Control+End')
  expect(await focused(page)).toEqual({ id: lastId, col: cols[cols.length - 1] })
  await page.keyboard.press('Control+Home')
  expect(await focused(page)).toEqual({ id: ids[0], col: cols[0] })

  // PageDown moves a page of rows
  await page.evaluate(() => window.__grids!.site!.ensureIndexVisible(0, 'top'))
  await showColumn(page, 'name')
  await cell(page, ids[0]!, 'name').click()
  await page.keyboard.press('PageDown')
  const paged = await page.evaluate(() => window.__grids!.site!.getFocusedCell()!.rowIndex)
  expect(paged).toBeGreaterThan(5)
  await page.keyboard.press('PageUp')
  expect(await page.evaluate(() => window.__grids!.site!.getFocusedCell()!.rowIndex)).toBe(0)

  // Ctrl+arrows jump to the edge of the data: over a run of filled cells to its last one, then over blanks to the next filled one
  await cell(page, ids[0]!, 'name').click()
  await page.keyboard.press('Control+ArrowDown')
  expect(await focused(page)).toEqual({ id: lastId, col: 'name' })
  await page.keyboard.press('Control+ArrowUp')
  expect(await focused(page)).toEqual({ id: ids[0], col: 'name' })
  await page.keyboard.press('Control+ArrowRight')
  const right = await focused(page)
  expect(cols.indexOf(right!.col)).toBeGreaterThan(nameAt)
  expect(await value(page, ids[0]!, right!.col)).not.toBeNull()

  // typing starts an edit that replaces the content; Enter writes and moves down; Shift+Enter after an edit moves up
  const town = (await values(page, ids.slice(0, 3), 'township')) as (string | null)[]
  await showColumn(page, 'township')
  await cell(page, ids[1]!, 'township').click()
  await page.keyboard.type('Jianpan镇')
  await page.keyboard.press('Enter')
  await expect.poll(() => value(page, ids[1]!, 'township')).toBe('Jianpan镇')
  expect(await focused(page)).toEqual({ id: ids[2], col: 'township' })
  await page.keyboard.type('Shangyi镇')
  await page.keyboard.press('Shift+Enter')
  await expect.poll(() => value(page, ids[2]!, 'township')).toBe('Shangyi镇')
  expect(await focused(page)).toEqual({ id: ids[1], col: 'township' })
  // F2 edits the content as it is (caret at the end); Escape cancels
  // (each key once the editor is open, as a person sees it: on a loaded machine AG Grid's React editor
  // mounts a moment after F2, and an Escape before that has nothing to cancel)
  const editor = cell(page, ids[1]!, 'township').locator('input')
  await page.keyboard.press('F2')
  await expect(editor).toBeVisible()
  await page.keyboard.type('乙')
  await page.keyboard.press('Escape')
  await expect(editor).toHaveCount(0)
  expect(await value(page, ids[1]!, 'township')).toBe('Jianpan镇')
  await page.keyboard.press('F2')
  await expect(editor).toBeVisible()
  await page.keyboard.type('乙')
  await page.keyboard.press('Enter')
  await expect.poll(() => value(page, ids[1]!, 'township')).toBe('Jianpan镇乙')
  // Delete clears the selected cells in one step
  await cell(page, ids[1]!, 'township').click()
  await cell(page, ids[2]!, 'township').click({ modifiers: ['Shift'] })
  await page.keyboard.press('Delete')
  await expect.poll(() => values(page, ids.slice(1, 3), 'township')).toEqual([null, null])
  await undo(page)
  await expect.poll(() => values(page, ids.slice(1, 3), 'township')).toEqual(['Jianpan镇乙', 'Shangyi镇'])
  for (let i = 0; i < 3; i++) await undo(page)
  await expect.poll(() => values(page, ids.slice(0, 3), 'township')).toEqual(town)
})

test('county picker: typing filters, Enter picks the highlighted county and writes it', async ({ page, context }) => {
  await open(page, context)
  const [id] = await rowIds(page, 1)
  const before = await value(page, id!, 'county_code')
  await showColumn(page, 'county')
  await cell(page, id!, 'county').click()
  await page.keyboard.press('F2')
  await expect(page.locator('.county-editor input')).toBeFocused()
  await page.keyboard.type('盘州')
  await expect(page.locator('.county-editor li.active')).toContainText('盘州市')
  await page.keyboard.press('Enter')
  await expect(page.locator('.county-editor')).toHaveCount(0)
  await expect.poll(() => value(page, id!, 'county_code')).toBe('520281')
  expect(await value(page, id!, 'county')).toBe('盘州市')
  await undo(page)
  await expect.poll(() => value(page, id!, 'county_code')).toBe(before)
})
