/**
 * The browser shell's download of the Excel export: GET /api/reports/export.xlsx?region=CODE writes
 * the workbook to a temporary file and streams it back as an attachment (the page has no file dialog
 * to ask for a path). The server checks the token, Host and Origin before a route runs.
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Plan } from '../plan.ts'
import { exportWorkbook } from './plan-workbook.ts'

export const EXPORT_ROUTE = '/api/reports/export.xlsx'

export function exportRoute(plan: () => Plan): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  return async (req, res, url) => {
    const region = url.searchParams.get('region')
    if (req.method !== 'GET' || (region !== null && region !== '' && !/^\d{6}$/.test(region))) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('区划代码无效 / invalid region')
      return
    }
    const p = plan()
    const dir = mkdtempSync(join(tmpdir(), 'anju-export-'))
    const file = join(dir, 'plan.xlsx')
    try {
      await exportWorkbook(p, { path: file, region: region || null })
    } catch (e) {
      rmSync(dir, { recursive: true, force: true })
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(e instanceof Error ? e.message : String(e))
      return
    }
    const name = `${p.settings.settings().plan_title}${region ? `-${region}` : ''}.xlsx`
    res.writeHead(200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="plan.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    const stream = createReadStream(file)
    stream.pipe(res)
    const cleanup = (): void => rmSync(dir, { recursive: true, force: true })
    stream.on('close', cleanup)
    stream.on('error', cleanup)
  }
}
