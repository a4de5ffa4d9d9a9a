/**
 * Entry of the browser shell: `npm run web [-- --plan FILE] [--port N]`. Opens the plan (or the sample),
 * starts the loopback server and prints the URL to open.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { AppService, startupFailureLine } from '../service/app-service.ts'
import { exportRoute, EXPORT_ROUTE } from '../service/export/download-route.ts'
import { registerRoute, startWebShell } from './server.ts'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const projectRoot = join(import.meta.dirname, '..', '..')
const staticDir = process.env['ANJU_STATIC_DIR'] ?? join(projectRoot, 'out', 'renderer')
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error(`界面尚未构建：请先运行 npm run build / The renderer is not built: run npm run build first (${staticDir})`)
  process.exit(1)
}
const planPath = arg('--plan')
let service: AppService
try {
  service = new AppService(planPath ? { planPath } : {})
} catch (e) {
  // a plan that cannot be opened (not a plan, corrupt, newer, locked): one clear line, nothing written
  console.error(startupFailureLine(e))
  process.exit(1)
}
registerRoute(EXPORT_ROUTE, exportRoute(() => service.plan))
const port = Number(arg('--port') ?? process.env['ANJU_PORT'] ?? 0)
const shell = await startWebShell({ service, staticDir, port, ...(process.env['ANJU_TOKEN'] ? { token: process.env['ANJU_TOKEN'] } : {}) })
console.log(`安居规划 Anju Planner: ${shell.launchUrl}`)
const stop = (): void => {
  void shell.close().then(() => {
    service.close()
    process.exit(0)
  })
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
