/**
 * A minimal reader of .zip containers (an .xlsx is one): the central directory, entry sizes, and
 * bounded inflation. It exists so the import can refuse a zip bomb (too much unpacked data, judged from
 * the directory and enforced while inflating), a truncated archive and an encrypted entry before any
 * parser sees the file, and can look at workbook parts exceljs's streaming reader does not expose
 * (hidden rows, merged ranges).
 */
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib'
import type { AppError } from '../../../shared/api/errors.ts'
import { importErrors } from './errors.ts'

export interface ZipEntry {
  name: string
  method: number
  flags: number
  crc: number
  encrypted: boolean
  compressedSize: number
  size: number
  localOffset: number
}

export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>()
  private readonly buf: Buffer
  private readonly maxUnpacked: number

  constructor(buf: Buffer, maxUnpacked: number) {
    this.buf = buf
    this.maxUnpacked = maxUnpacked
    const eocd = this.findEocd()
    if (eocd < 0) throw importErrors.corrupt('zip 目录缺失 / missing zip directory')
    const count = buf.readUInt16LE(eocd + 10)
    const cdSize = buf.readUInt32LE(eocd + 12)
    const cdOffset = buf.readUInt32LE(eocd + 16)
    if (cdOffset + cdSize > buf.length) throw importErrors.corrupt('zip 目录越界 / zip directory out of range')
    let p = cdOffset
    let total = 0
    for (let i = 0; i < count; i++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw importErrors.corrupt('zip 目录项损坏 / bad zip directory entry')
      const flags = buf.readUInt16LE(p + 8)
      const method = buf.readUInt16LE(p + 10)
      const compressedSize = buf.readUInt32LE(p + 20)
      const size = buf.readUInt32LE(p + 24)
      const nameLen = buf.readUInt16LE(p + 28)
      const extraLen = buf.readUInt16LE(p + 30)
      const commentLen = buf.readUInt16LE(p + 32)
      const localOffset = buf.readUInt32LE(p + 42)
      const name = buf.toString('utf8', p + 46, p + 46 + nameLen)
      if ((flags & 1) === 1) throw importErrors.password()
      this.entries.set(name, { name, method, flags, crc: buf.readUInt32LE(p + 16), encrypted: false, compressedSize, size, localOffset })
      total += size
      p += 46 + nameLen + extraLen + commentLen
    }
    if (total > maxUnpacked) throw importErrors.tooBigUnpacked(maxUnpacked)
  }

  private findEocd(): number {
    const b = this.buf
    const stop = Math.max(0, b.length - 65557)
    for (let i = b.length - 22; i >= stop; i--) if (b.readUInt32LE(i) === 0x06054b50) return i
    return -1
  }

  has(name: string): boolean {
    return this.entries.has(name)
  }

  /** An entry's stored bytes (encrypted, truncated and unknown-method entries refused) and its inflate cap. */
  private stored(e: ZipEntry): { data: Buffer; cap: number } {
    if (e.encrypted) throw importErrors.password()
    const b = this.buf
    const lo = e.localOffset
    if (lo + 30 > b.length || b.readUInt32LE(lo) !== 0x04034b50) throw importErrors.corrupt('zip 条目损坏 / bad zip entry')
    const start = lo + 30 + b.readUInt16LE(lo + 26) + b.readUInt16LE(lo + 28)
    const end = start + e.compressedSize
    if (end > b.length) throw importErrors.corrupt('zip 条目被截断 / truncated zip entry')
    if (e.method !== 0 && e.method !== 8) throw importErrors.corrupt(`不支持的压缩方式 ${e.method} / unsupported compression ${e.method}`)
    return { data: b.subarray(start, end), cap: Math.min(this.maxUnpacked, Math.max(e.size, 1) + 1024) }
  }

  /** The bytes of an entry, inflated with a hard cap on the output. */
  read(name: string): Buffer | null {
    const e = this.entries.get(name)
    if (!e) return null
    const { data, cap } = this.stored(e)
    if (e.method === 0) return data
    try {
      return inflateRawSync(data, { maxOutputLength: cap })
    } catch (err) {
      const code = (err as { code?: string }).code
      if (code === 'ERR_BUFFER_TOO_LARGE') throw importErrors.tooBigUnpacked(this.maxUnpacked)
      throw importErrors.corrupt('解压失败 / inflate failed')
    }
  }

  /** Check an entry's local header against the directory (cheap: no inflating). */
  private checkHeader(e: ZipEntry): void {
    const b = this.buf
    const lo = e.localOffset
    if (lo + 30 > b.length || b.readUInt32LE(lo) !== 0x04034b50) throw importErrors.corrupt('zip 条目损坏 / bad zip entry')
    const descriptor = (e.flags & 8) === 8
    const nameLen = b.readUInt16LE(lo + 26)
    const agrees =
      b.readUInt16LE(lo + 8) === e.method &&
      (b.readUInt16LE(lo + 6) & 0xfff7) === (e.flags & 0xfff7) &&
      b.toString('utf8', lo + 30, lo + 30 + nameLen) === e.name &&
      (descriptor || (b.readUInt32LE(lo + 14) === e.crc && b.readUInt32LE(lo + 18) === e.compressedSize && b.readUInt32LE(lo + 22) === e.size))
    if (!agrees) throw importErrors.corrupt('zip 条目头与目录不符 / zip entry header disagrees with the directory')
  }

  /**
   * Check every entry: its local header agrees with the directory, and it inflates to the declared
   * size and CRC. A damaged archive (a flipped bit in a local header, say) otherwise makes exceljs's
   * streaming reader wait forever (issue 9's fuzz), so a reader races this check (see readXlsx).
   * The headers are checked at once; the inflating runs in zlib's thread pool, streamed with a
   * running CRC, so it costs the main thread almost nothing and holds no inflated copy.
   */
  async verify(): Promise<void> {
    for (const e of this.entries.values()) this.checkHeader(e)
    for (const e of this.entries.values()) await this.verifyData(e)
  }

  private async verifyData(e: ZipEntry): Promise<void> {
    const { data, cap } = this.stored(e)
    const mismatch = (): AppError => importErrors.corrupt('zip 条目校验失败 / zip entry checksum mismatch')
    if (e.method === 0) {
      if (data.length !== e.size || crc32(data) !== e.crc) throw mismatch()
      return
    }
    return new Promise<void>((resolve, reject) => {
      const inflate = createInflateRaw()
      let size = 0
      let crc = 0
      inflate.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > cap) {
          inflate.destroy()
          reject(size > this.maxUnpacked ? importErrors.tooBigUnpacked(this.maxUnpacked) : mismatch())
          return
        }
        crc = crc32(chunk, crc)
      })
      inflate.on('error', () => reject(importErrors.corrupt('解压失败 / inflate failed')))
      inflate.on('end', () => (size === e.size && crc === e.crc ? resolve() : reject(mismatch())))
      inflate.end(data)
    })
  }

  readText(name: string): string | null {
    const b = this.read(name)
    return b ? b.toString('utf8') : null
  }
}
