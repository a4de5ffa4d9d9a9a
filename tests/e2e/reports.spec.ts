/**
 * Reports end to end in the real browser shell and Chromium: the dashboard, the province site register
 * printed to PDF with the footer template (title, a county's 小计, headers repeated, 第 X 页 共 Y 页,
 * embedded CJK fonts, pages turned into PNG), and the CSV and Excel downloads.
 */
import { expect, test } from '@playwright/test'
import ExcelJS from 'exceljs'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chooseRegion, waitForRows } from '../support/region-tree.ts'
import { startShell, type RunningShell } from '../support/web-shell.ts'

declare global {
  interface Window {
    __anjuPrint?: { footerTemplate: string; size: 'A4' | 'A3'; landscape: boolean }
  }
}

let shell: RunningShell
const shots = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots')
const outDir = join(import.meta.dirname, '..', '..', 'test-results', 'reports')

test.beforeAll(async () => {
  mkdirSync(shots, { recursive: true })
  mkdirSync(outDir, { recursive: true })
  shell = await startShell()
})
test.afterAll(async () => {
  await shell.stop()
})

test('the dashboard shows the headline figures, follows the region tree and clicks through to the grid', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${shell.launchUrl}#page=overview`)
  await expect(page.locator('[data-testid="kpi-sites"] .kpi-value')).toHaveText('950')
  await expect(page.locator('[data-testid="chart-progress"] canvas')).toBeVisible()
  await expect(page.locator('.overview-title')).toContainText('贵州省')
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(shots, 'overview-province.png'), fullPage: true })

  // choose a prefecture in the tree: the figures narrow to it
  await page.locator('.tree-node[data-region="520200"]').click()
  await expect(page.locator('.overview-title')).toContainText('六盘水市')
  const sites = Number((await page.locator('[data-testid="kpi-sites"] .kpi-value').textContent())?.replace(/,/g, ''))
  expect(sites).toBeGreaterThan(0)
  expect(sites).toBeLessThan(950)

  // click the middle bar of the first county in the progress chart: the sites grid opens filtered to that county
  const chart = page.locator('[data-testid="chart-progress"]')
  const box = (await chart.boundingBox())!
  const k = Number(await chart.getAttribute('data-count'))
  expect(k).toBeGreaterThan(1)
  const slot = (box.width - 50) / k
  await page.mouse.click(box.x + 40 + slot / 2, box.y + box.height - 70 - 8)
  await expect(page.locator('[data-testid="grid-site"]')).toBeVisible()
  const countiesShown = (): Promise<string[]> =>
    page.evaluate(() => {
      const out = new Set<string>()
      window.__grids?.site?.forEachNodeAfterFilter((n) => out.add(String(n.data!['county_code'])))
      return [...out]
    })
  await expect.poll(async () => (await countiesShown()).length).toBe(1)
  const counties = await countiesShown()
  expect(counties.length).toBe(1)
  expect(counties[0]!.startsWith('5202')).toBe(true)
  expect(errors).toEqual([])
})

test('dashboard charts click through: a size band opens the sites grid filtered to it, a category the facilities of it', async ({ page }) => {
  await page.goto(`${shell.launchUrl}#page=overview`)
  await expect(page.locator('[data-testid="kpi-sites"] .kpi-value')).toHaveText('950')
  const summary = await page.evaluate(async () => {
    const res = await fetch('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-anju-token': sessionStorage.getItem('anju-token') ?? '' },
      body: JSON.stringify({ method: 'reports.summary', input: { region: null } }),
    })
    return ((await res.json()) as { value: { bands: { sites: number }[]; facilities: { category: string; planned: number }[] } }).value
  })
  const band = 1 // 800–3,000 people
  expect(summary.bands[band]!.sites).toBeGreaterThan(0)
  await page.waitForTimeout(300)

  // the people bar of the second band, just above the axis
  const bands = page.locator('[data-testid="chart-bands"]')
  const b = (await bands.boundingBox())!
  const slot = (b.width - 100) / 4
  await page.mouse.click(b.x + 50 + slot * (band + 0.5) + slot * 0.2, b.y + b.height - 30 - 4)
  await expect(page.locator('[data-testid="grid-site"]')).toBeVisible()
  const shown = (): Promise<{ n: number; outside: number }> =>
    page.evaluate(() => {
      let n = 0
      let outside = 0
      window.__grids?.site?.forEachNodeAfterFilter((x) => {
        if (!x.data) return
        n++
        const p = Number(x.data['planned_people'])
        if (!(p >= 800 && p < 3000)) outside++
      })
      return { n, outside }
    })
  await expect.poll(async () => (await shown()).n).toBe(summary.bands[band]!.sites)
  expect((await shown()).outside).toBe(0)
  await page.screenshot({ path: join(shots, 'overview-band-click.png') })

  // the first category's bar (基础设施) opens the facilities page filtered to it
  await page.goto(`${shell.launchUrl}#page=overview`)
  const fac = page.locator('[data-testid="chart-facilities"]')
  await expect(fac.locator('canvas')).toBeVisible()
  await page.waitForTimeout(300)
  const f = (await fac.boundingBox())!
  const rows = summary.facilities.length
  await page.mouse.click(f.x + 90 + 3, f.y + 30 + ((f.height - 55) / rows) * 0.5)
  await expect(page.locator('[data-testid="filter-category"]')).toHaveValue(summary.facilities[0]!.category)
})

test('the province site register prints to PDF in the official format', async ({ page }) => {
  await page.goto(`${shell.launchUrl}#page=reports&report=register`)
  const table = page.locator('[data-testid="report-table"]')
  await expect(table.locator('tr.row-grand')).toContainText('全省总计')
  await expect(page.locator('.report-title')).toHaveText('贵州省易地扶贫搬迁安置点建设及后续扶持情况统计表')
  await page.screenshot({ path: join(shots, 'reports-register.png') })

  // a county's 小计 adds up its sites
  const check = await page.evaluate(() => {
    const rows = Array.from(document.querySelectorAll('[data-testid="report-table"] tbody tr'))
    const people = (tr: Element): number => Number((tr.children[6]?.textContent ?? '').replace(/,/g, ''))
    let sum = 0
    for (const tr of rows) {
      const kind = tr.getAttribute('data-kind')
      if (kind === 'detail') sum += people(tr)
      else if (kind === 'subtotal') return { label: tr.children[2]?.textContent ?? '', subtotal: people(tr), sum }
    }
    return null
  })
  expect(check).not.toBeNull()
  expect(check!.label).toMatch(/小计$/)
  expect(check!.subtotal).toBe(check!.sum)

  const setup = await page.evaluate(() => window.__anjuPrint!)
  expect(setup.footerTemplate).toContain('pageNumber')
  await page.emulateMedia({ media: 'print' })
  await page.evaluate(() => document.fonts.ready)
  const pdf = join(outDir, 'register-province.pdf')
  await page.pdf({ path: pdf, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: setup.footerTemplate, preferCSSPageSize: true, printBackground: true })
  await page.emulateMedia({ media: 'screen' })

  const info = execFileSync('pdfinfo', [pdf]).toString()
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1])
  expect(pages).toBeGreaterThan(5)
  // A3 landscape: 1190.55 x 841.89 pts
  expect(info).toMatch(/Page size:\s+119\d(\.\d+)? x 84\d/)
  const pageText = (n: number): string => execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf, '-']).toString()
  const first = pageText(1)
  expect(first.replace(/\s+/g, '')).toContain('贵州省易地扶贫搬迁安置点建设及后续扶持情况统计表')
  expect(first).toContain('（截至2020年12月底）')
  expect(first.replace(/\s+/g, '')).toContain(`第1页共${pages}页`)
  const last = pageText(pages)
  expect(last.replace(/\s+/g, '')).toContain(`第${pages}页共${pages}页`)
  expect(last).toContain('全省总计')
  expect(last).toContain('填表人：王晓燕')
  expect(last).toContain('审核人：李建国')
  // headers repeat on every page
  const second = pageText(2).replace(/\s+/g, '')
  expect(second).toContain('规划安置')
  expect(second).toContain('其中：建档立卡')
  expect(second).toContain('第2页')
  // the county 小计 from the preview is in the PDF
  const all = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, '')
  expect(all).toContain(check!.label.replace(/\s+/g, ''))
  // CJK fonts are embedded (Skia embeds Noto CJK as Type 3)
  const fonts = execFileSync('pdffonts', [pdf]).toString()
  expect(fonts).toMatch(/Type 3/)
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, join(shots, 'register-pdf-page')])
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(pages), '-l', String(pages), pdf, join(shots, 'register-pdf-last')])
})

test('on A4 landscape every column and every figure fits: the province 总计 prints whole', async ({ page }) => {
  await page.goto(`${shell.launchUrl}#page=reports&report=register`)
  await expect(page.locator('[data-testid="report-table"] tr.row-grand')).toContainText('全省总计')
  await page.locator('[data-testid="report-paper"]').selectOption('A4')
  await expect(page.locator('.report-sheet')).toHaveClass(/paper-A4/)
  // the preview has the printed widths: no figure is cut off in its cell, the table stays on the sheet
  const fit = await page.evaluate(() => {
    const table = document.querySelector('[data-testid="report-table"]') as HTMLElement
    const cut = Array.from(table.querySelectorAll('td.num'))
      .filter((td) => td.scrollWidth > td.clientWidth + 1)
      .map((td) => td.textContent)
    const grand = Array.from(table.querySelectorAll('tr.row-grand td.num')).map((td) => td.textContent ?? '').filter((t) => t !== '')
    return { cut: cut.slice(0, 5), wide: table.scrollWidth > table.clientWidth + 1, grand }
  })
  expect(fit.cut).toEqual([])
  expect(fit.wide).toBe(false)
  expect(fit.grand.length).toBeGreaterThan(8)

  const setup = await page.evaluate(() => window.__anjuPrint!)
  expect(setup.size).toBe('A4')
  await page.emulateMedia({ media: 'print' })
  await page.evaluate(() => document.fonts.ready)
  const pdf = join(outDir, 'register-province-a4.pdf')
  await page.pdf({ path: pdf, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: setup.footerTemplate, preferCSSPageSize: true, printBackground: true })
  await page.emulateMedia({ media: 'screen' })
  const info = execFileSync('pdfinfo', [pdf]).toString()
  // A4 landscape: 841.89 x 595.28 pts
  expect(info).toMatch(/Page size:\s+84\d(\.\d+)? x 59\d/)
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1])
  const last = execFileSync('pdftotext', ['-layout', '-f', String(pages), '-l', String(pages), pdf, '-']).toString()
  const grandLine = last.split('\n').find((l) => l.includes('全省总计'))!
  // every figure of the 总计 row is on the page whole, the rightmost columns included
  for (const figure of fit.grand) expect(grandLine).toContain(figure)
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(pages), '-l', String(pages), pdf, join(shots, 'register-a4-last')])
})

test('a report downloads as CSV with a BOM and the plan as an Excel workbook', async ({ page }) => {
  await page.goto(`${shell.launchUrl}#page=reports&report=employment`)
  await expect(page.locator('[data-testid="report-table"] tr.row-grand')).toBeVisible()
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="report-export-csv"]').click()])
  const text = readFileSync(await csv.path()).toString('utf8')
  expect(text.charCodeAt(0)).toBe(0xfeff)
  expect(text).toContain('劳动力人数')
  expect(text).toContain('全省合计')

  await page.locator('.tree-node[data-region="520200"]').click()
  await expect(page.locator('.report-title')).toContainText('六盘水市')
  const [xlsx] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.locator('[data-testid="report-export-xlsx"]').click()])
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(await xlsx.path())
  const names = wb.worksheets.map((w) => w.name)
  expect(names).toEqual(expect.arrayContaining(['安置点', '配套设施', '扶贫车间', '主要指标', '安置点明细']))
  const sites = wb.getWorksheet('安置点')!
  const codes: string[] = []
  sites.eachRow((row, n) => {
    const v = row.getCell(1).value
    if (n > 3 && typeof v === 'string' && /^\d{6}-\d{3}$/.test(v)) codes.push(v)
  })
  expect(codes.length).toBeGreaterThan(0)
  expect(codes.every((c) => c.startsWith('5202'))).toBe(true)
})

test('a grid view saves as CSV with a BOM: the rows and columns shown, numbers plain', async ({ page }) => {
  await page.goto(`${shell.launchUrl}#page=sites`)
  await chooseRegion(page, ['520200', '520281'], 'site')
  await expect
    .poll(() =>
      page.evaluate(() => {
        let n = 0
        let only = true
        window.__grids!.site!.forEachNodeAfterFilter((x) => {
          n++
          if (x.data!['county_code'] !== '520281') only = false
        })
        return only && n > 0
      }),
    )
    .toBe(true)
  const shown = await page.evaluate(() => window.__grids!.site!.getDisplayedRowCount())
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="csv-site"]').click()])
  expect(csv.suggestedFilename()).toMatch(/^安置点-520281-.*\.csv$/)
  const text = readFileSync(await csv.path()).toString('utf8')
  expect(text.charCodeAt(0)).toBe(0xfeff)
  const lines = text.slice(1).trim().split(/\r?\n/)
  // a group header line, a column header line, then one line per row shown
  expect(lines[0]).toContain('规划安置')
  expect(lines[1]).toContain('安置点名称')
  // …and the pinned 合计 row last
  expect(lines.length).toBe(2 + shown + 1)
  expect(lines.slice(2, -1).every((l) => l.includes('520281-'))).toBe(true)
  expect(lines.at(-1)).toContain('合计')
  expect(lines.slice(2).some((l) => /,"?\d{4,}"?,/.test(l))).toBe(true)
})

test('导出 CSV on the facilities and workshops grids too, with their extra columns (the site’s county, slip) as shown', async ({ page }) => {
  for (const [pageKey, entity, header, extra] of [
    ['facilities', 'facility', '设施名称', '所在县'],
    ['workshops', 'workshop', '车间名称', null],
  ] as const) {
    await page.goto(`${shell.launchUrl}#page=${pageKey}`)
    await waitForRows(page, entity)
    const shown = await page.evaluate((e) => window.__grids![e]!.getDisplayedRowCount(), entity)
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid="csv-${entity}"]`).click()])
    const text = readFileSync(await csv.path()).toString('utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const lines = text.slice(1).trim().split(/\r?\n/)
    const headers = lines.slice(0, 2).join('\n')
    expect(headers).toContain(header)
    if (extra) expect(headers).toContain(extra)
    expect(headers).not.toContain('检查')
    // header lines, one line per row shown, the 合计 row
    expect(lines.length).toBe(lines.findIndex((l) => l.includes(header)) + 1 + shown + 1)
  }
})
