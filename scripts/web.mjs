// `npm run web`: build the renderer when it is missing, then start the browser shell.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

if (!existsSync('out/renderer/index.html')) {
  const r = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', ...process.argv.slice(2)], { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
