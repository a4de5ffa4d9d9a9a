/**
 * The browser shell: a loopback HTTP server that serves the built renderer and binds the same API
 * contract as Electron's IPC. It listens on 127.0.0.1 only, requires a per-launch token on every API
 * call, and checks Host and Origin so another site (or a DNS-rebound name) cannot reach it.
 */
import { randomBytes } from 'node:crypto'
import { createReadStream, statSync, type ReadStream } from 'node:fs'
import { pipeline } from 'node:stream'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { AppService } from '../service/app-service.ts'
import { CSP } from './csp.ts'
import { downloadRoute, uploadRoute } from './upload-route.ts'

export interface WebShellOptions {
  service: AppService
  /** the built renderer (out/renderer) */
  staticDir: string
  port?: number
  token?: string
}

export interface WebShell {
  url: string
  /** the URL to open, token included */
  launchUrl: string
  token: string
  port: number
  server: Server
  close(): Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
}

const MAX_BODY = 64 * 1024 * 1024


function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error('request body too large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolvePromise(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
  res.end(text)
}

const STATIC_HEADERS = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' }

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...STATIC_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
  res.end(text)
}

/** Open a file for streaming, or null when it is missing, not a file, or unreadable (never throws). */
function openFile(path: string): Promise<ReadStream | null> {
  return new Promise((resolvePromise) => {
    let stream: ReadStream
    try {
      if (!statSync(path).isFile()) return resolvePromise(null)
      stream = createReadStream(path)
    } catch {
      return resolvePromise(null)
    }
    stream.once('error', () => resolvePromise(null))
    stream.once('open', () => resolvePromise(stream))
  })
}

/**
 * The built renderer. A file that exists is sent; a missing asset (a path with an extension: a
 * script, a style sheet, an image) is a 404, so a stale page never runs index.html as its script;
 * only navigation paths (no extension) fall back to index.html. A file that vanishes or fails while
 * it is read (a rebuild deleting out/renderer) ends that one response, never the server.
 */
async function serveStatic(root: string, pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let rel: string
  try {
    rel = decodeURIComponent(pathname)
  } catch {
    sendText(res, 400, '400 请求路径无效 / Bad request path')
    return
  }
  if (rel === '/' || rel === '') rel = '/index.html'
  const file = normalize(join(root, rel))
  const inside = file.startsWith(root + sep)
  let target = inside ? file : null
  let stream = target ? await openFile(target) : null
  if (!stream) {
    if (extname(rel) !== '' && rel !== '/index.html') {
      sendText(res, 404, `404 未找到 / Not found: ${rel}`)
      return
    }
    target = join(root, 'index.html')
    stream = await openFile(target)
    if (!stream) {
      sendText(res, 503, '503 界面文件暂不可用（可能正在重新构建），请稍后刷新 / The renderer is not available (perhaps being rebuilt); reload in a moment')
      return
    }
  }
  const page = target!.endsWith('index.html')
  res.writeHead(200, { ...STATIC_HEADERS, 'content-type': MIME[extname(target!)] ?? 'application/octet-stream', 'cache-control': page ? 'no-store' : 'max-age=3600' })
  if (req.method === 'HEAD') {
    stream.destroy()
    res.end()
    return
  }
  // errors while reading or a client gone away end this response only
  pipeline(stream, res, () => undefined)
}

export async function startWebShell(opts: WebShellOptions): Promise<WebShell> {
  const token = opts.token ?? randomBytes(24).toString('base64url')
  const root = resolve(opts.staticDir)
  const sseClients = new Set<ServerResponse>()
  let port = 0
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`])

  const unsubscribe = opts.service.on((event, payload) => {
    const data = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const c of sseClients) c.write(data)
  })

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: String(e), messageEn: String(e) } })
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? ''
    if (!allowedHosts().has(host)) {
      send(res, 421, { ok: false, error: { code: 'FORBIDDEN', message: '主机名不被允许', messageEn: 'Host not allowed' } })
      return
    }
    const url = new URL(req.url ?? '/', `http://${host}`)
    if (url.pathname.startsWith('/api/')) {
      const origin = req.headers.origin
      if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
        send(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: '来源不被允许', messageEn: 'Origin not allowed' } })
        return
      }
      const given = req.headers['x-anju-token'] ?? url.searchParams.get('token')
      if (given !== token) {
        send(res, 401, { ok: false, error: { code: 'FORBIDDEN', message: '缺少或错误的访问令牌', messageEn: 'Missing or wrong access token' } })
        return
      }
      if (url.pathname === '/api/invoke' && req.method === 'POST') {
        let parsed: { method?: unknown; input?: unknown }
        try {
          parsed = JSON.parse((await readBody(req)).toString('utf8')) as { method?: unknown; input?: unknown }
        } catch {
          send(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: '请求不是有效的 JSON', messageEn: 'Request is not valid JSON' } })
          return
        }
        const result = await opts.service.invoke(String(parsed.method ?? ''), parsed.input ?? {})
        send(res, 200, result)
        return
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
        res.write(': connected\n\n')
        sseClients.add(res)
        req.on('close', () => sseClients.delete(res))
        return
      }
      const extra = extraRoutes.get(url.pathname)
      if (extra) {
        await extra(req, res, url)
        return
      }
      send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: '未知接口', messageEn: 'Unknown endpoint' } })
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, { ok: false })
      return
    }
    await serveStatic(root, url.pathname, req, res)
  }

  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', () => r()))
  const address = server.address()
  port = typeof address === 'object' && address ? address.port : 0
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    launchUrl: `${url}/?token=${token}`,
    token,
    port,
    server,
    close: () =>
      new Promise<void>((r) => {
        unsubscribe()
        for (const c of sseClients) c.end()
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

/** Further /api/ routes (file upload and download for import and export), registered by their domains. */
export type ExtraRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>
const extraRoutes = new Map<string, ExtraRoute>()
export function registerRoute(path: string, route: ExtraRoute): void {
  extraRoutes.set(path, route)
}
registerRoute('/api/upload', uploadRoute)
registerRoute('/api/download', downloadRoute)
export { readBody, send }
