/**
 * exceljs 4.4.0's streaming reader decodes every chunk of a zip entry on its own
 * (lib/utils/parse-sax.js: `bufferToString(chunk)`), so a Chinese character whose UTF-8 bytes straddle
 * two chunks comes out as U+FFFD (城南乐业社区 → 城南乐���社区). County returns are Chinese text; this
 * subclass hands the parser strings decoded across chunk boundaries instead (a string passes through
 * bufferToString untouched). Everything else is exceljs's own reader.
 */
import ExcelJS from 'exceljs'
import type { Readable } from 'node:stream'

type ChunkSource = AsyncIterable<Buffer | string>

async function* decodeUtf8(source: ChunkSource): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8')
  for await (const chunk of source) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
  const rest = decoder.decode()
  if (rest) yield rest
}

interface ReaderInternals {
  _parseWorksheet(iterator: ChunkSource, sheetNo: string): Generator<unknown>
  _parseHyperlinks(iterator: ChunkSource, sheetNo: string): Generator<unknown>
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>
  _parseWorkbook(entry: Readable): Promise<void>
  _parseRels(entry: Readable): Promise<void>
  _parseStyles(entry: Readable): Promise<void>
}

const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: unknown, options: unknown) => ReaderInternals
const base = Base.prototype

class Utf8WorkbookReader extends Base {
  override _parseWorksheet(iterator: ChunkSource, sheetNo: string): Generator<unknown> {
    return base._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo)
  }
  override _parseHyperlinks(iterator: ChunkSource, sheetNo: string): Generator<unknown> {
    return base._parseHyperlinks.call(this, decodeUtf8(iterator), sheetNo)
  }
  override _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
    entry.setEncoding('utf8')
    return base._parseSharedStrings.call(this, entry)
  }
  override _parseWorkbook(entry: Readable): Promise<void> {
    entry.setEncoding('utf8')
    return base._parseWorkbook.call(this, entry)
  }
  override _parseRels(entry: Readable): Promise<void> {
    entry.setEncoding('utf8')
    return base._parseRels.call(this, entry)
  }
  override _parseStyles(entry: Readable): Promise<void> {
    entry.setEncoding('utf8')
    return base._parseStyles.call(this, entry)
  }
}

/** exceljs's streaming WorkbookReader with chunk-safe UTF-8 decoding. */
export function utf8WorkbookReader(input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>): ExcelJS.stream.xlsx.WorkbookReader {
  return new Utf8WorkbookReader(input, options) as unknown as ExcelJS.stream.xlsx.WorkbookReader
}
