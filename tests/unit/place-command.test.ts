import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { PlacementResult } from '../../shared/api/workshops-api.ts'
import { tempDir } from '../support/temp.ts'

const root = join(import.meta.dirname, '..', '..')
const anju = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/anju.mjs'), ...args], { cwd: root, encoding: 'utf8' })

describe('anju place', () => {
  it('prints proposals, coverage before and after and the proven gap, as text and as JSON, without writing the plan', () => {
    const path = join(tempDir(), 'place.anju')
    expect(anju('new', path, '--sample', '--sites', '80').status).toBe(0)
    const workshops = () => (JSON.parse(anju('info', '--plan', path, '--json').stdout) as { counts: { workshop: number } }).counts.workshop
    const before = workshops()
    const json = anju('place', '--plan', path, '--k', '3', '--radius', '10', '--json')
    expect(json.status, json.stderr).toBe(0)
    const r = JSON.parse(json.stdout) as PlacementResult
    expect(r.status).toBe('optimal')
    expect(r.proposals).toHaveLength(3)
    expect(r.coveredAfter).toBeGreaterThan(r.coveredBefore)
    expect(r.gap).toBeLessThanOrEqual(1e-4)
    const text = anju('place', '--plan', path, '--k', '3')
    expect(text.status, text.stderr).toBe(0)
    expect(text.stdout).toContain('证明间隙 / proven gap')
    expect(text.stdout).toMatch(/before \d+ → after \d+/)
    // nothing was written
    expect(workshops()).toBe(before)
  })

  it('refuses a missing K or budget in both languages', () => {
    const path = join(tempDir(), 'place2.anju')
    expect(anju('new', path, '--sites', '5').status).toBe(0)
    const r = anju('place', '--plan', path)
    expect(r.status).not.toBe(0)
    expect(r.stderr).toContain('需要 --k N 或 --budget')
    expect(r.stderr).toContain('need --k N or --budget')
  })
})
