/**
 * App-level state outside any plan: where it lives (ANJU_HOME or ~/.anju-planner) and the recent plans list.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import type { RecentPlan } from '../../shared/api/plan-api.ts'

export function defaultAppDir(): string {
  const dir = process.env['ANJU_HOME'] ?? join(homedir(), '.anju-planner')
  mkdirSync(dir, { recursive: true })
  return dir
}

export function samplePlanPath(appDir: string): string {
  return join(appDir, 'sample-plan.anju')
}

const MAX_RECENT = 12

export function readRecent(appDir: string): RecentPlan[] {
  const file = join(appDir, 'recent.json')
  if (!existsSync(file)) return []
  try {
    const list = JSON.parse(readFileSync(file, 'utf8')) as RecentPlan[]
    return Array.isArray(list) ? list.filter((r) => typeof r.path === 'string') : []
  } catch {
    return []
  }
}

export function rememberRecent(appDir: string, path: string, title: string): void {
  const abs = resolve(path)
  const list = readRecent(appDir).filter((r) => r.path !== abs)
  list.unshift({ path: abs, title, openedAt: new Date().toISOString() })
  writeFileSync(join(appDir, 'recent.json'), JSON.stringify(list.slice(0, MAX_RECENT), null, 1))
}
