/**
 * Files the browser shell received for import, and files it may download (templates): kept in a private
 * temp directory under a random id, so the API takes and gives ids rather than paths the page chose.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

const dir = (): string => {
  const d = join(process.env['ANJU_UPLOAD_DIR'] ?? tmpdir(), `anju-uploads-${process.pid}`)
  mkdirSync(d, { recursive: true, mode: 0o700 })
  return d
}

export function saveUpload(bytes: Buffer, fileName: string): string {
  const id = randomBytes(16).toString('hex')
  const d = dir()
  writeFileSync(join(d, id), bytes, { mode: 0o600 })
  writeFileSync(join(d, `${id}.name`), basename(fileName).slice(0, 255) || 'upload', { mode: 0o600 })
  return id
}

export function uploadPath(id: string): { path: string; fileName: string } | null {
  if (!/^[a-f0-9]{16,64}$/.test(id)) return null
  const d = dir()
  const path = join(d, id)
  if (!existsSync(path)) return null
  const name = existsSync(`${path}.name`) ? readFileSync(`${path}.name`, 'utf8') : 'upload'
  return { path, fileName: name }
}

/** A place for a file the page will download; the id is what GET /api/download takes. */
export function newDownload(fileName: string): { id: string; path: string } {
  const id = randomBytes(16).toString('hex')
  const d = dir()
  writeFileSync(join(d, `${id}.name`), basename(fileName).slice(0, 255) || 'download', { mode: 0o600 })
  return { id, path: join(d, `${id}.out`) }
}

export function downloadPath(id: string): { path: string; fileName: string } | null {
  if (!/^[a-f0-9]{16,64}$/.test(id)) return null
  const d = dir()
  const path = join(d, `${id}.out`)
  if (!existsSync(path)) return null
  return { path, fileName: existsSync(join(d, `${id}.name`)) ? readFileSync(join(d, `${id}.name`), 'utf8') : 'download' }
}
