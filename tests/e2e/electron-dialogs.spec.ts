/**
 * The renderer as the Electron shell runs it, in Chromium against the browser shell: a stand-in for
 * the preload puts window.anju (invoke and on, nothing else) on the page, sends every method to the
 * real service except the shell.* ones, which it answers as the main process would (the dialog's
 * choice is set by the test). The plan menu then has no path box: Open, New and Save a copy go
 * through the native dialogs; the reports page saves as PDF through shell.saveDialog and
 * shell.printToPdf with the path chosen. (The main-process side is tests/unit/electron-hardening.)
 */
import { expect, test, type Page } from '@playwright/test'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { waitForRows } from '../support/region-tree.ts'
import { startShell, type RunningShell } from '../support/web-shell.ts'

declare global {
  interface Window {
    /** what the stand-in's next dialog answers (null: cancelled) */
    __dialogAnswer?: string | null
    __shellCalls?: { method: string; input: unknown }[]
  }
}

let shell: RunningShell

test.beforeAll(async () => {
  shell = await startShell()
})
test.afterAll(async () => {
  await shell.stop()
})

/** the preload's stand-in: only invoke and on, like electron/preload/index.ts */
async function fakeElectron(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const fromUrl = new URLSearchParams(location.search).get('token')
    if (fromUrl) sessionStorage.setItem('fake-preload-token', fromUrl)
    const token = sessionStorage.getItem('fake-preload-token') ?? ''
    window.__shellCalls = []
    const shellMethod = (method: string, input: unknown): unknown => {
      window.__shellCalls!.push({ method, input })
      if (method === 'shell.capabilities') return { kind: 'electron', nativeDialogs: true, printToPdf: true }
      if (method === 'shell.printToPdf') return (input as { path: string }).path
      return window.__dialogAnswer ?? null
    }
    const sources = new Map<string, EventSource>()
    Object.defineProperty(window, 'anju', {
      value: Object.freeze({
        invoke: async (method: string, input: unknown) => {
          if (method.startsWith('shell.')) return { ok: true, value: shellMethod(method, input) }
          const res = await fetch('/api/invoke', { method: 'POST', headers: { 'content-type': 'application/json', 'x-anju-token': token }, body: JSON.stringify({ method, input }) })
          return res.json()
        },
        on: (event: string, listener: (payload: unknown) => void) => {
          let source = sources.get(event)
          if (!source) sources.set(event, (source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`)))
          const fn = (e: MessageEvent<string>): void => listener(JSON.parse(e.data))
          source.addEventListener(event, fn as EventListener)
          return () => source.removeEventListener(event, fn as EventListener)
        },
      }),
    })
  })
}

const calls = (page: Page, method: string) => page.evaluate((m) => window.__shellCalls!.filter((c) => c.method === m).map((c) => c.input), method)

test('in Electron the plan menu opens, creates and copies plans through the native dialogs', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await fakeElectron(page)
  await page.goto(shell.launchUrl)
  await waitForRows(page, 'site')
  const menu = page.locator('[data-testid="plan-menu"]')
  const sampleTitle = (await menu.textContent()) ?? ''

  // new: a name typed without the extension in the save dialog becomes NAME.anju
  await menu.click()
  await expect(page.locator('[data-testid="plan-path"]')).toHaveCount(0)
  await page.locator('.modal .tabs button', { hasText: '新建规划' }).click()
  await page.locator('.modal select').selectOption('510000')
  const created = join(shell.appDir, '四川新规划')
  await page.evaluate((p) => (window.__dialogAnswer = p), created)
  await page.screenshot({ path: 'test-results/screenshots/electron-plan-menu-new.png' })
  await page.locator('[data-testid="plan-choose"]').click()
  await expect(menu).toContainText('四川省')
  expect(existsSync(`${created}.anju`)).toBe(true)
  const newDialog = (await calls(page, 'shell.saveDialog')).at(-1) as { defaultPath: string; filters: { extensions: string[] }[] }
  expect(newDialog.defaultPath).toBe('四川省规划.anju')
  expect(newDialog.filters[0]!.extensions).toEqual(['anju'])

  // save a copy of it and carry on in the copy
  await menu.click()
  await page.locator('.modal .tabs button', { hasText: '另存副本' }).click()
  const copy = join(shell.appDir, '四川副本.anju')
  await page.evaluate((p) => (window.__dialogAnswer = p), copy)
  await page.locator('[data-testid="plan-choose"]').click()
  await expect(page.locator('.modal')).toHaveCount(0)
  expect(existsSync(copy)).toBe(true)
  await menu.click()
  await expect(page.locator('.modal')).toContainText(copy)

  // cancelling the dialog changes nothing
  await page.evaluate(() => (window.__dialogAnswer = null))
  await page.locator('[data-testid="plan-choose"]').click()
  await expect(page.locator('.modal')).toBeVisible()
  await expect(page.locator('.modal')).toContainText(copy)

  // open: back to the sample through the open dialog
  await page.evaluate((p) => (window.__dialogAnswer = p), join(shell.appDir, 'sample-plan.anju'))
  await page.locator('[data-testid="plan-choose"]').click()
  await expect(menu).toHaveText(sampleTitle)
  const opened = (await calls(page, 'shell.openDialog')).at(-1) as { filters: { extensions: string[] }[] }
  expect(opened.filters[0]!.extensions).toEqual(['anju'])
  await waitForRows(page, 'site')
  expect(errors).toEqual([])
})

test('in Electron the reports page saves as PDF to the path chosen in the save dialog', async ({ page }) => {
  await fakeElectron(page)
  await page.goto(`${shell.launchUrl}#page=reports`)
  const print = page.locator('[data-testid="report-print"]')
  await expect(print).toHaveText('保存为 PDF')
  await expect(print).toBeEnabled()
  const pdf = join(shell.appDir, '主要指标汇总表.pdf')
  await page.evaluate((p) => (window.__dialogAnswer = p), pdf)
  await print.click()
  await expect.poll(async () => (await calls(page, 'shell.printToPdf')).length).toBe(1)
  const [printed] = (await calls(page, 'shell.printToPdf')) as { path: string; landscape: boolean; pageSize: string; footerTemplate: string }[]
  expect(printed).toMatchObject({ path: pdf, landscape: true, pageSize: 'A4' })
  expect(printed!.footerTemplate).toContain('pageNumber')
  const asked = (await calls(page, 'shell.saveDialog'))[0] as { defaultPath: string; filters: { extensions: string[] }[] }
  expect(asked.defaultPath).toMatch(/\.pdf$/)
  expect(asked.filters[0]!.extensions).toEqual(['pdf'])
  // cancelled: nothing printed
  await page.evaluate(() => (window.__dialogAnswer = null))
  await print.click()
  await expect.poll(async () => (await calls(page, 'shell.saveDialog')).length).toBe(2)
  expect(await calls(page, 'shell.printToPdf')).toHaveLength(1)
})

test('the browser shell keeps its path box and prints with the browser', async ({ page }) => {
  await page.goto(`${shell.launchUrl}#page=reports`)
  await expect(page.locator('[data-testid="report-print"]')).toHaveText('打印')
  await page.locator('[data-testid="plan-menu"]').click()
  await expect(page.locator('[data-testid="plan-path"]')).toBeVisible()
  await expect(page.locator('[data-testid="plan-choose"]')).toHaveCount(0)
})
