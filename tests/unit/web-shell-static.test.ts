/**
 * The browser shell's static files, with real HTTP requests: assets that exist are served, a missing
 * asset is a 404 (not index.html with status 200), navigation paths fall back to index.html, and a
 * renderer folder being rebuilt under the server (index.html deleted and written again) costs at
 * most a 503 for that moment — the server never dies and the API keeps answering.
 */
import { request } from 'node:http'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppService } from '../../electron/service/app-service.ts'
import { Plan } from '../../electron/service/plan.ts'
import { startWebShell, type WebShell } from '../../electron/web/server.ts'
import { tempDir } from '../support/temp.ts'

let shell: WebShell
let service: AppService
let staticDir: string
const INDEX = '<!doctype html><title>安居规划</title><script type="module" src="/assets/index-abc.js"></script>'

beforeAll(async () => {
  const dir = tempDir('anju-static-')
  const plan = join(dir, 'plan.anju')
  Plan.create(plan, '520000').close()
  service = new AppService({ planPath: plan, appDir: dir })
  staticDir = join(dir, 'renderer')
  mkdirSync(join(staticDir, 'assets'), { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), INDEX)
  writeFileSync(join(staticDir, 'assets', 'index-abc.js'), 'console.log("app")')
  mkdirSync(join(staticDir, 'assets', 'folder.js'))
  shell = await startWebShell({ service, staticDir })
})
afterAll(async () => {
  await shell.close()
  service.close()
})

function get(path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: shell.port, method, path, headers: { host: `127.0.0.1:${shell.port}` }, timeout: 5000 }, (res) => {
      let body = ''
      res.on('data', (d: Buffer) => (body += d.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.end()
  })
}

async function apiAlive(): Promise<boolean> {
  const r = await fetch(`${shell.url}/api/invoke`, { method: 'POST', headers: { 'x-anju-token': shell.token, 'content-type': 'application/json' }, body: JSON.stringify({ method: 'plan.info', input: {} }) })
  return ((await r.json()) as { ok: boolean }).ok
}

describe('browser shell static files', () => {
  it('serves the page and its assets with their types', async () => {
    const page = await get('/')
    expect(page.status).toBe(200)
    expect(page.type).toContain('text/html')
    expect(page.body).toBe(INDEX)
    const js = await get('/assets/index-abc.js')
    expect(js.status).toBe(200)
    expect(js.type).toContain('text/javascript')
    expect(js.body).toBe('console.log("app")')
    const head = await get('/assets/index-abc.js', 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body).toBe('')
  })

  it('answers a missing asset with 404, not with index.html', async () => {
    for (const path of ['/assets/index-old.js', '/assets/style-gone.css', '/favicon.ico', '/assets/folder.js', '/../secret.txt']) {
      const r = await get(path)
      expect(r.status, path).toBe(404)
      expect(r.body, path).not.toContain('<!doctype html>')
    }
  })

  it('falls back to index.html for navigation paths only', async () => {
    for (const path of ['/sites', '/reports/summary', '/?page=checks']) {
      const r = await get(path)
      expect(r.status, path).toBe(200)
      expect(r.body, path).toBe(INDEX)
    }
  })

  it('answers a malformed path with 400', async () => {
    const r = await get('/%E0%A4%A')
    expect(r.status).toBe(400)
  })

  it('survives a rebuild deleting index.html: 503 meanwhile, the API keeps answering, the page is back once it is written again', async () => {
    rmSync(join(staticDir, 'index.html'))
    for (const path of ['/', '/sites']) {
      const r = await get(path)
      expect(r.status, path).toBe(503)
      expect(r.body).toMatch(/重新构建|rebuilt/)
    }
    expect(await apiAlive()).toBe(true)
    writeFileSync(join(staticDir, 'index.html'), INDEX)
    expect((await get('/')).status).toBe(200)
  })

  it('never dies while files come and go under it', async () => {
    const statuses = new Set<number>()
    const churn = (async () => {
      for (let i = 0; i < 200; i++) {
        if (i % 2) writeFileSync(join(staticDir, 'index.html'), INDEX.repeat(200))
        else rmSync(join(staticDir, 'index.html'), { force: true })
        rmSync(join(staticDir, 'assets', 'index-abc.js'), { force: true })
        writeFileSync(join(staticDir, 'assets', 'index-abc.js'), 'x'.repeat(100000))
        await new Promise((r) => setImmediate(r))
      }
    })()
    const requests = Array.from({ length: 200 }, (_, i) => get(i % 2 ? '/' : '/assets/index-abc.js').then((r) => statuses.add(r.status), () => statuses.add(-1)))
    await Promise.all([churn, ...requests])
    for (const s of statuses) expect([200, 404, 503, -1]).toContain(s)
    writeFileSync(join(staticDir, 'index.html'), INDEX)
    expect((await get('/')).status).toBe(200)
    expect(await apiAlive()).toBe(true)
  })
})
