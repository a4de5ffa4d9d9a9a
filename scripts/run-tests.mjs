// The README's test command after install: lint, typecheck, build, unit tests, e2e tests, then one
// plain summary line "N passed, N failed[, N skipped]" read from the JSON reports. Exits non-zero on
// any failure, or when no test ran.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

const steps = [
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['typecheck', 'npx', ['tsc', '-b']],
  ['build', 'npx', ['electron-vite', 'build']],
  ['main bundle loads', 'node', ['--check', 'out/main/index.js']],
  ['electronegativity (no high findings)', 'node', ['scripts/electronegativity.mjs']],
]
let failedSteps = 0
rmSync('test-results', { recursive: true, force: true })
for (const [name, cmd, args] of steps) {
  const t0 = Date.now()
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  console.log(`[${name}] ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  if (r.status !== 0) failedSteps++
}
const unit = spawnSync('npx', ['vitest', 'run'], { stdio: 'inherit' })
const e2e = failedSteps === 0 ? spawnSync('npx', ['playwright', 'test'], { stdio: 'inherit' }) : { status: 1 }

let passed = 0
let failed = failedSteps
let skipped = 0
if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'))
  passed += v.numPassedTests ?? 0
  failed += v.numFailedTests ?? 0
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
  if ((v.numFailedTestSuites ?? 0) > 0 && (v.numFailedTests ?? 0) === 0) failed += v.numFailedTestSuites
} else if (unit.status !== 0) failed++
if (existsSync('test-results/playwright.json')) {
  const p = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'))
  passed += (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0)
  failed += p.stats?.unexpected ?? 0
  skipped += p.stats?.skipped ?? 0
  if ((p.errors?.length ?? 0) > 0 && (p.stats?.unexpected ?? 0) === 0) failed += p.errors.length
} else if (e2e.status !== 0) failed++
if (unit.status !== 0 && failed === 0) failed++
if (e2e.status !== 0 && failed === 0) failed++
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
