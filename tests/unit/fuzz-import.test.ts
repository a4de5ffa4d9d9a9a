/**
 * About 1,000 malformed files (random bytes, truncated and corrupted zips, XML and zip bombs, an
 * enormous cell, a million empty rows, CSVs in the wrong encodings, other files renamed) through the
 * import path, in a separate process with a memory cap: each ends in a clear error or a valid preview
 * within a bounded time, the process never crashes or runs out of memory, and the plan is not written.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fillPlan } from '../../electron/service/domain/sample-plan.ts'
import { Plan } from '../../electron/service/plan.ts'
import { tempDir } from '../support/temp.ts'

const WORKER = join(import.meta.dirname, 'helpers', 'fuzz-import-worker.ts')
/** per input, and for the whole corpus */
const MAX_INPUT_MS = 15_000
const MAX_TOTAL_MS = 240_000
const HEAP_MB = 1024

interface Line {
  name?: string
  kind?: string
  ms?: number
  rssMb?: number
  outcome?: 'preview' | 'read' | 'error' | 'hang'
  code?: string | null
  zh?: string
  en?: string
  target?: string
  inputs?: number
  final?: boolean
  before?: Record<string, number>
  after?: Record<string, number>
  fatal?: string
}

function run(plan: string): Promise<{ lines: Line[]; code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', WORKER, plan], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let stderr = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), MAX_TOTAL_MS)
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line)
      resolve({ lines, code, signal, stderr })
    })
  })
}

describe('malformed inputs through the import path', () => {
  it('ends every one in a clear error or a valid preview, in bounded time and memory, writing nothing', { timeout: MAX_TOTAL_MS + 30_000 }, async () => {
    const plan = join(tempDir('anju-fuzz-'), 'plan.anju')
    const p = Plan.create(plan, '520000')
    fillPlan(p, { sites: 40, withWorkshops: false })
    p.close()
    const hash = createHash('sha256').update(readFileSync(plan)).digest('hex')

    const { lines, code, signal, stderr } = await run(plan)
    const results = lines.filter((l) => l.name !== undefined)
    const last = results.at(-1)
    // no crash, hang or out-of-memory: the worker got through the whole corpus
    expect({ code, signal, fatal: lines.find((l) => l.fatal)?.fatal }, `stopped after ${last?.name ?? 'nothing'}: ${stderr.slice(-500)}`).toEqual({ code: 0, signal: null, fatal: undefined })
    const total = lines.find((l) => l.inputs !== undefined)!.inputs!
    expect(total).toBeGreaterThanOrEqual(950)
    const hung = results.filter((r) => r.outcome === 'hang').map((r) => r.name)
    expect(hung, 'inputs whose import never finished').toEqual([])
    expect(results).toHaveLength(total)
    const viaImporter = lines[0]!.target === 'importer previewBuffer'
    for (const r of results) {
      expect(r.outcome, `${r.name} never finished`).not.toBe('hang')
      expect(r.ms!, `${r.name} took ${r.ms} ms`).toBeLessThan(MAX_INPUT_MS)
      if (r.outcome === 'error') {
        expect(r.en, r.name).toBeTruthy()
        // the importer turns every failure into a coded, bilingual message
        if (viaImporter) {
          expect(r.code, `${r.name}: ${r.en}`).not.toBeNull()
          expect(r.zh, r.name).toMatch(/[\u4e00-\u9fff]/)
        }
      }
    }
    // the bombs are refused, not expanded
    for (const r of results.filter((x) => /bomb|xxe/.test(x.name!))) {
      if (r.outcome !== 'error') expect(r.rssMb!, r.name).toBeLessThan(HEAP_MB)
      expect(JSON.stringify(r)).not.toContain('root:x:0:0')
    }
    expect(Math.max(...results.map((r) => r.rssMb!))).toBeLessThan(HEAP_MB + 512)
    // nothing was written: no change set, no import batch, no row, not a byte of the file
    const final = lines.find((l) => l.final)!
    expect(final.after).toEqual(final.before)
    expect(createHash('sha256').update(readFileSync(plan)).digest('hex')).toBe(hash)
    // what happened, for the record
    const byKind = new Map<string, Record<string, number>>()
    for (const r of results) {
      const k = byKind.get(r.kind!) ?? {}
      k[r.outcome!] = (k[r.outcome!] ?? 0) + 1
      byKind.set(r.kind!, k)
    }
    const slow = [...results].sort((a, b) => b.ms! - a.ms!).slice(0, 5).map((r) => `${r.name} ${r.ms} ms`)
    console.log(lines[0]!.target, lines[1], slow, Object.fromEntries(byKind), 'slowest', results.reduce((a, b) => (b.ms! > a.ms! ? b : a)).name, Math.max(...results.map((r) => r.ms!)), 'ms')
  })
})
