/**
 * POST /api/upload: the browser shell's way to hand the service a county return. The body is the
 * file's bytes, the name travels URI-encoded in X-File-Name; the answer is an uploadId for
 * import.preview. GET /api/download?id=… sends back a file the service prepared (a return template).
 * Token, Host and Origin are checked by the server before any extra route runs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { DEFAULT_LIMITS } from '../service/import/types.ts'
import { createReadStream } from 'node:fs'
import { downloadPath, saveUpload } from '../service/import/upload-store.ts'

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
  res.end(JSON.stringify(body))
}

export async function uploadRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return reply(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: '只接受 POST', messageEn: 'POST only' } })
  const limit = DEFAULT_LIMITS.maxFileBytes
  const chunks: Buffer[] = []
  let size = 0
  const ok = await new Promise<boolean>((resolve) => {
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        resolve(false)
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(true))
    req.on('error', () => resolve(false))
  })
  if (!ok) {
    const mb = Math.round(limit / 1048576)
    return reply(res, 413, { ok: false, error: { code: 'IMPORT_FAILED', message: `文件超过 ${mb} MB 的上限`, messageEn: `The file is larger than the ${mb} MB limit` } })
  }
  let name = 'upload'
  try {
    name = decodeURIComponent(String(req.headers['x-file-name'] ?? 'upload'))
  } catch {
    name = 'upload'
  }
  const id = saveUpload(Buffer.concat(chunks), name)
  reply(res, 200, { ok: true, value: { uploadId: id, fileName: name, size } })
}

export async function downloadRoute(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.method !== 'GET') return reply(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: '只接受 GET', messageEn: 'GET only' } })
  const file = downloadPath(url.searchParams.get('id') ?? '')
  if (!file) return reply(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: '文件已失效', messageEn: 'The file is gone' } })
  res.writeHead(200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  await new Promise<void>((resolve) => createReadStream(file.path).on('close', resolve).pipe(res))
}
