/**
 * Browser-shell security with real HTTP requests: it listens on 127.0.0.1 only, every API call needs
 * the per-launch token, and Host and Origin are checked, so a page on another site (or a DNS name
 * rebound to 127.0.0.1) cannot read or change a plan.
 */
import { request } from 'node:http'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { mkdirSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppService } from '../../electron/service/app-service.ts'
import { Plan } from '../../electron/service/plan.ts'
import { startWebShell, type WebShell } from '../../electron/web/server.ts'
import { tempDir } from '../support/temp.ts'

let shell: WebShell
let service: AppService

beforeAll(async () => {
  const dir = tempDir('anju-websec-')
  const plan = join(dir, 'plan.anju')
  Plan.create(plan, '520000').close()
  service = new AppService({ planPath: plan, appDir: dir })
  const staticDir = join(dir, 'renderer')
  mkdirSync(staticDir)
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>安居规划</title>')
  writeFileSync(join(dir, 'secret.txt'), 'not for the web')
  shell = await startWebShell({ service, staticDir })
})
afterAll(async () => {
  await shell.close()
  service.close()
})

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(opts: { method?: string; path?: string; host?: string; origin?: string; token?: string | null; body?: string; address?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: opts.host ?? `127.0.0.1:${shell.port}` }
    if (opts.origin !== undefined) headers['origin'] = opts.origin
    if (opts.token !== null) headers['x-anju-token'] = opts.token ?? shell.token
    if (opts.body !== undefined) headers['content-type'] = 'application/json'
    const req = request({ host: opts.address ?? '127.0.0.1', port: shell.port, method: opts.method ?? 'POST', path: opts.path ?? '/api/invoke', headers, timeout: 5000 }, (res) => {
      let body = ''
      res.on('data', (d: Buffer) => (body += d.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.end(opts.body ?? (opts.method === 'GET' ? undefined : JSON.stringify({ method: 'plan.info', input: {} })))
  })
}

describe('browser shell security', () => {
  it('listens on the loopback address only', async () => {
    const addr = shell.server.address()
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1')
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)
    if (external) await expect(send({ address: external.address })).rejects.toThrow(/ECONNREFUSED|EHOSTUNREACH|timeout/)
  })

  it('answers an API call with the right token, Host and Origin', async () => {
    const r = await send({ origin: `http://127.0.0.1:${shell.port}` })
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { provinceCode: '520000' } })
    expect((await send({ host: `localhost:${shell.port}` })).status).toBe(200)
  })

  it('refuses a call without the token or with a wrong one', async () => {
    for (const token of [null, '', 'guess', `${shell.token}x`, shell.token.slice(1)]) {
      const r = await send({ token })
      expect(r.status, String(token)).toBe(401)
      expect(JSON.parse(r.body).error.code).toBe('FORBIDDEN')
    }
    expect((await send({ method: 'GET', path: '/api/events', token: null })).status).toBe(401)
  })

  it('refuses a DNS-rebinding Host even with the token, on the API and on pages', async () => {
    for (const host of ['evil.example.com', `evil.example.com:${shell.port}`, `127.0.0.1.nip.io:${shell.port}`, `127.0.0.1:${shell.port + 1}`, 'localhost', '127.0.0.1']) {
      expect((await send({ host })).status, host).toBe(421)
      expect((await send({ host, method: 'GET', path: '/' })).status, host).toBe(421)
    }
  })

  it('refuses a cross-site Origin even with the token', async () => {
    for (const origin of ['http://evil.example.com', `http://evil.example.com:${shell.port}`, 'null', `https://127.0.0.1:${shell.port}`, `http://127.0.0.1:${shell.port + 1}`]) {
      const r = await send({ origin })
      expect(r.status, origin).toBe(403)
    }
    // nothing was changed by the refused calls
    expect((await service.call('history.state', {})).steps).toBe(0)
  })

  it('parses every input and reports unknown methods and bad JSON clearly', async () => {
    const bad = JSON.parse((await send({ body: JSON.stringify({ method: 'rows.delete', input: { entity: 'site; DROP TABLE site', ids: [1] } }) })).body)
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const unknown = JSON.parse((await send({ body: JSON.stringify({ method: '__proto__', input: {} }) })).body)
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    const notJson = await send({ body: '{"method": ' })
    expect(notJson.status).toBe(400)
  })

  it('serves pages with the CSP, and never a file outside the renderer folder', async () => {
    const page = await send({ method: 'GET', path: '/', token: null })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/renderer/../../secret.txt']) {
      const r = await send({ method: 'GET', path, token: null })
      expect(r.body, path).not.toContain('not for the web')
    }
  })
})
