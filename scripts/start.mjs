// `npm start`: Electron when its binary is installed; otherwise say so in one line and start the browser shell.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

// electron's own index.js would try to download the binary; read where it would be instead
function electronBinary() {
  const dir = join('node_modules', 'electron')
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(bin) ? bin : null
}
const electronPath = electronBinary()
if (!existsSync('out/renderer/index.html') || !existsSync('out/main/index.js') || !existsSync('out/main/web.js')) {
  const r = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
if (electronPath) {
  const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log('Electron 可执行文件未安装，改为启动浏览器版 / The Electron binary is not installed here; starting the browser shell instead.')
  const child = spawn(process.execPath, ['out/main/web.js', ...process.argv.slice(2)], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
}
