/**
 * Every county return in ../shared/fixtures/returns goes through the real command line
 * (`anju import FILE --plan PLAN --dry-run --json`) and must give exactly the rows of its
 * .expected.json: the same source rows, the same canonical values (decimals within 1e-6), and an
 * issue on every row/field listed in must_flag. Files marked error must be refused cleanly.
 */
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp.ts'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '../..')
const fixtures = resolve(root, '../shared/fixtures/returns')

interface Expected {
  file: string
  args: string[]
  error: boolean
  sheet: string | null
  rows: { source_row: number; values: Record<string, unknown> }[]
  must_flag: { source_row: number; field: string }[]
}

interface Output {
  file: string
  sheet: string | null
  entity: string
  rows: { source_row: number; action: string; values: Record<string, unknown>; issues: { field: string | null; severity: string; message: string }[] }[]
  issues: { severity: string; message: string; source_row: number | null }[]
  summary: { insert: number; update: number; unchanged: number; reject: number }
}

const files = existsSync(fixtures) ? readdirSync(fixtures).filter((f) => f.endsWith('.expected.json')) : []

function sameValues(got: Record<string, unknown>, want: Record<string, unknown>): string[] {
  const diffs: string[] = []
  for (const k of new Set([...Object.keys(got), ...Object.keys(want)])) {
    const a = got[k]
    const b = want[k]
    if (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-6) continue
    if (a !== b) diffs.push(`${k}: got ${JSON.stringify(a)}, want ${JSON.stringify(b)}`)
  }
  return diffs
}

describe('county return fixtures through the CLI', () => {
  it('finds the fixtures beside the repository', () => {
    expect(files.length).toBeGreaterThanOrEqual(6)
  })

  for (const name of files) {
    const expected = JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as Expected
    it(`imports ${expected.file}`, async () => {
      const plan = join(tempDir(), 'none.anju')
      const args = ['bin/anju.mjs', 'import', join(fixtures, expected.file), '--plan', plan, ...expected.args, '--dry-run', '--json']
      if (expected.error) {
        const failed = await run('node', args, { cwd: root }).then(
          () => null,
          (e: { code: number; stdout: string; stderr: string }) => e,
        )
        expect(failed, 'the file must be refused').not.toBeNull()
        expect(failed!.code).not.toBe(0)
        expect(failed!.stdout).toBe('')
        expect(failed!.stderr.trim().split('\n')).toHaveLength(1)
        expect(existsSync(plan)).toBe(false)
        return
      }
      const { stdout } = await run('node', args, { cwd: root, maxBuffer: 64 * 1024 * 1024 })
      const out = JSON.parse(stdout) as Output
      expect(existsSync(plan), 'a dry run writes nothing').toBe(false)
      expect(out.file).toBe(expected.file)
      expect(out.sheet).toBe(expected.sheet)
      expect(out.entity).toBe('site')
      expect(out.rows.map((r) => r.source_row)).toEqual(expected.rows.map((r) => r.source_row))
      const diffs: string[] = []
      expected.rows.forEach((want, i) => {
        for (const d of sameValues(out.rows[i]!.values, want.values)) diffs.push(`row ${want.source_row} ${d}`)
      })
      expect(diffs).toEqual([])
      for (const flag of expected.must_flag) {
        const row = out.rows.find((r) => r.source_row === flag.source_row)
        expect(row?.issues.some((i) => i.field === flag.field), `row ${flag.source_row} must flag ${flag.field}`).toBe(true)
      }
      // an empty plan: every good row is an insert
      expect(out.summary.insert + out.summary.reject).toBe(out.rows.length)
      expect(Object.keys(out).sort()).toEqual(['entity', 'file', 'issues', 'rows', 'sheet', 'summary'])
    }, 60_000)
  }
})
