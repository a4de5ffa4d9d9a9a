// Runs Doyensec's electronegativity (a static checker of Electron security settings) over electron/
// and fails on any HIGH finding. It is not a project dependency (it pins eslint 7 and typescript 4.2),
// so it runs through `npx --yes` at a pinned version; npm's cache keeps later runs fast.
// ANJU_SKIP_ELECTRONEGATIVITY=1 skips it (say so in the CI log) where the npm registry is unreachable.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

if (process.env.ANJU_SKIP_ELECTRONEGATIVITY === '1') {
  console.log('electronegativity: skipped (ANJU_SKIP_ELECTRONEGATIVITY=1)')
  process.exit(0)
}
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version
const dir = mkdtempSync(join(tmpdir(), 'anju-eneg-'))
const report = join(dir, 'report.csv')
const r = spawnSync('npx', ['--yes', '@doyensec/electronegativity@1.10.3', '-i', 'electron', '-e', electronVersion, '-o', report], { encoding: 'utf8', timeout: 600000 })
let text = ''
try {
  text = readFileSync(report, 'utf8')
} catch {
  console.error(`electronegativity could not run (exit ${r.status}): ${(r.stderr || r.stdout || String(r.error ?? '')).trim().split('\n').slice(-3).join(' ')}`)
  process.exit(1)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
// one finding per line: issue,"SEVERITY","CONFIDENCE","file","line:col",sample,"description",url
const findings = text
  .split('\n')
  .slice(1)
  .map((line) => /^([A-Z_]+),"(HIGH|MEDIUM|LOW|INFORMATIONAL)","(\w+)","([^"]*)","([\d:]+)"/.exec(line))
  .filter((m) => m !== null)
  .map(([, id, severity, confidence, file, at]) => ({ id, severity, confidence, file: file.replace(`${process.cwd()}/`, ''), at }))
for (const f of findings) console.log(`  ${f.severity.padEnd(6)} ${f.id} ${f.file}:${f.at} (${f.confidence})`)
const high = findings.filter((f) => f.severity === 'HIGH')
console.log(`electronegativity ${electronVersion}: ${findings.length} findings, ${high.length} high`)
process.exit(high.length > 0 ? 1 : 0)
