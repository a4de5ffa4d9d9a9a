/**
 * Starts the real browser shell (a separate Node process, as a user runs it) for end-to-end tests
 * and benchmarks, and waits for the URL it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from './temp.ts'

export interface RunningShell {
  url: string
  launchUrl: string
  token: string
  appDir: string
  process: ChildProcess
  /** ms from spawn to the URL being printed */
  startMs: number
  stop(): Promise<void>
}

const root = join(import.meta.dirname, '..', '..')

export async function startShell(opts: { plan?: string; appDir?: string; env?: Record<string, string> } = {}): Promise<RunningShell> {
  const appDir = opts.appDir ?? tempDir('anju-e2e-')
  // the built bundle, as users run it (npm test builds first); the TypeScript source through tsx otherwise
  const bundle = join(root, 'out/main/web.js')
  const entry = existsSync(bundle) ? [bundle] : ['--import', 'tsx', join(root, 'electron/web/main.ts')]
  const args = [...entry, ...(opts.plan ? ['--plan', opts.plan] : [])]
  const t0 = Date.now()
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ANJU_HOME: appDir, ...(opts.env ?? {}) }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const launchUrl = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`shell did not start in 60 s: ${stderr}`)), 60000)
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`shell exited with ${code}: ${stderr}`))
    })
  })
  const startMs = Date.now() - t0
  const u = new URL(launchUrl)
  return {
    url: u.origin,
    launchUrl,
    token: u.searchParams.get('token') ?? '',
    appDir,
    process: child,
    startMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 3000)
      }),
  }
}
