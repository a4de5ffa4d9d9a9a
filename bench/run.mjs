// `npm run bench`: runs bench/run.ts through tsx with enough heap for national scale.
import { spawn } from 'node:child_process'
const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', new URL('./run.ts', import.meta.url).pathname, ...process.argv.slice(2)], { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
