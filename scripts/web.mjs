// `npm run web`: build when the bundles are missing, then start the browser shell (out/main/web.js).
import { spawnSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

if (!existsSync('out/renderer/index.html') || !existsSync('out/main/web.js')) {
  const r = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
const child = spawn(process.execPath, ['out/main/web.js', ...process.argv.slice(2)], { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
