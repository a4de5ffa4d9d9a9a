import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppService } from '../../electron/service/app-service.ts'
import { startWebShell } from '../../electron/web/server.ts'
import { Plan } from '../../electron/service/plan.ts'
import { tempDir } from '../support/temp.ts'

const root = join(import.meta.dirname, '..', '..')
const anju = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/anju.mjs'), ...args], { cwd: root, encoding: 'utf8' })

describe('the anju command line', () => {
  it('creates a sample plan and reports its counts per entity and region as JSON', () => {
    const path = join(tempDir(), 'cli.anju')
    const made = anju('new', path, '--sample', '--sites', '60')
    expect(made.status, made.stderr).toBe(0)
    const info = anju('info', '--plan', path, '--json')
    expect(info.status, info.stderr).toBe(0)
    const parsed = JSON.parse(info.stdout) as { schemaVersion: number; counts: { site: number; facility: number; workshop: number }; regions: Record<string, { sites: number }> }
    expect(parsed.counts.site).toBe(60)
    expect(parsed.counts.facility).toBeGreaterThan(60 * 5)
    expect(parsed.schemaVersion).toBeGreaterThan(0)
    const prefectureTotal = Object.entries(parsed.regions).filter(([code]) => code.endsWith('00')).reduce((a, [, r]) => a + r.sites, 0)
    expect(prefectureTotal).toBe(60)
  })

  it('refuses a file that is not a plan with one clear line on stderr and a non-zero exit', () => {
    const path = join(tempDir(), 'x.anju')
    writeFileSync(path, 'hello')
    const r = anju('info', '--plan', path)
    expect(r.status).not.toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('不是安居规划文件')
    expect(r.stderr).toContain('not an Anju plan file')
  })
})

describe('the browser shell at start-up', () => {
  it('refuses a plan it cannot open with one bilingual line, exit 1, and the file untouched', () => {
    const dir = tempDir()
    const path = join(dir, 'x.anju')
    writeFileSync(path, 'hello, not a plan')
    const entry = existsSync(join(root, 'out/main/web.js')) ? [join(root, 'out/main/web.js')] : ['--import', 'tsx', join(root, 'electron/web/main.ts')]
    const r = spawnSync(process.execPath, [...entry, '--plan', path], { cwd: root, encoding: 'utf8', env: { ...process.env, ANJU_HOME: dir }, timeout: 30000 })
    expect(r.status).toBe(1)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('不是安居规划文件')
    expect(r.stderr).toContain('not an Anju plan file')
    expect(readFileSync(path, 'utf8')).toBe('hello, not a plan')
  })
})

describe('the app keeps its plan when another cannot be opened', () => {
  it('stays on the previous plan after a corrupt or newer file is refused', async () => {
    const dir = tempDir()
    const good = join(dir, 'good.anju')
    Plan.create(good, '520000').close()
    const service = new AppService({ planPath: good, appDir: dir })
    const bad = join(dir, 'bad.anju')
    writeFileSync(bad, Buffer.alloc(4096, 7))
    const r = await service.invoke('plan.open', { path: bad })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.messageEn).toMatch(/not an Anju plan/)
    const info = await service.call('plan.info', {})
    expect(info.path).toBe(good)
    await service.call('rows.insert', { entity: 'site', rows: [{ name: '仍可编辑', county_code: '520281' }] })
    expect(service.plan.repos.site.count()).toBe(1)
    service.close()
  })
})

describe('the browser shell', () => {
  it('answers only with its token, on its own Host, from its own Origin', async () => {
    const dir = tempDir()
    const path = join(dir, 'p.anju')
    Plan.create(path, '520000').close()
    const service = new AppService({ planPath: path, appDir: dir })
    const staticDir = tempDir()
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>')
    const shell = await startWebShell({ service, staticDir })
    const body = JSON.stringify({ method: 'plan.info', input: {} })
    const ok = await fetch(`${shell.url}/api/invoke`, { method: 'POST', headers: { 'x-anju-token': shell.token, 'content-type': 'application/json' }, body })
    expect(((await ok.json()) as { ok: boolean }).ok).toBe(true)
    const noToken = await fetch(`${shell.url}/api/invoke`, { method: 'POST', body })
    expect(noToken.status).toBe(401)
    const crossSite = await fetch(`${shell.url}/api/invoke`, { method: 'POST', headers: { 'x-anju-token': shell.token, origin: 'http://evil.example' }, body })
    expect(crossSite.status).toBe(403)
    const page = await fetch(`${shell.url}/`)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    await shell.close()
    service.close()
  })
})
