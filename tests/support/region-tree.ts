/**
 * Picks a region in the app's region tree and waits until a grid holds that region's rows. The grid
 * keeps the previous region's rows on screen while the new ones load, so a test that reads the grid
 * right after the click can see the old rows; the grid host says which region its rows belong to.
 */
import { expect, type Page } from '@playwright/test'

export async function chooseRegion(page: Page, path: string[], grid?: 'site' | 'facility' | 'workshop'): Promise<void> {
  for (const [i, code] of path.entries()) {
    const node = page.locator(`.tree-node[data-region="${code}"]`)
    if (i < path.length - 1) {
      const twisty = node.locator('.twisty')
      if ((await page.locator(`.tree-node[data-region="${path[i + 1]}"]`).count()) === 0) await twisty.click()
    } else await node.click()
  }
  if (grid) {
    const host = page.locator(`[data-testid="grid-${grid}"]`)
    await expect(host).toHaveAttribute('data-loaded-region', path[path.length - 1]!)
    await expect(host).toHaveAttribute('aria-busy', 'false')
  }
}

/** Wait until a grid holds all the rows of its region (not just the first page painted while the rest loads). */
export async function waitForRows(page: Page, grid: 'site' | 'facility' | 'workshop'): Promise<void> {
  const host = page.locator(`[data-testid="grid-${grid}"]`)
  await expect(host).toHaveAttribute('data-loaded-region', /.*/)
  await expect(host).toHaveAttribute('aria-busy', 'false')
  await expect(page.locator(`[data-testid="grid-${grid}"] .ag-row[row-id]:not(.ag-row-pinned)`).first()).toBeVisible()
}
