/**
 * About 1,000 malformed files, generated deterministically for the import fuzz test: random bytes,
 * truncated and bit-flipped workbooks, XML bombs (entity expansion), zip bombs, workbooks with an
 * enormous cell or a million empty rows, CSVs in the wrong encodings, and other files renamed.
 */
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import JSZip from 'jszip'
import { crc32, deflateRawSync } from 'node:zlib'
import { seededRandom } from '../../../electron/service/domain/sample-plan.ts'

export interface MalformedInput {
  name: string
  kind: string
  bytes: Buffer
}

const HEADERS = ['序号', '安置点名称', '县（市、区）', '安置方式', '规划安置户数', '规划安置人数', '开工日期', '建设状态']
const ROW = (i: number): (string | number)[] => [i, `幸福社区${i}`, '盘州市', '城镇集中安置', 300 + i, 1200 + i, '2018年3月', '已入住']

/** A small valid county return, the base the damaged ones are made from. */
export async function validReturn(rows = 20): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('明细表')
  ws.addRow(['XX县易地扶贫搬迁安置点基本情况统计表'])
  ws.addRow(HEADERS)
  for (let i = 1; i <= rows; i++) ws.addRow(ROW(i))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A zip of the given entries, deflated with Node's native zlib (JSZip's pure-JS deflate is slow on bombs). */
function zipOf(entries: [string, Buffer][]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, data] of entries) {
    const packed = deflateRawSync(data, { level: 1 })
    const nameBytes = Buffer.from(name, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(8, 8)
    local.writeUInt16LE(0x21, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt16LE(0x21, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, packed)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + packed.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

let baseEntries: [string, Buffer][] | null = null

async function withSheet(base: Buffer, sheetXml: string | Buffer, extra: Record<string, string | Buffer> = {}): Promise<Buffer> {
  if (!baseEntries) {
    const zip = await JSZip.loadAsync(base)
    baseEntries = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map(async (f): Promise<[string, Buffer]> => [f.name, await f.async('nodebuffer')]))
  }
  const replace = new Map<string, Buffer>([['xl/worksheets/sheet1.xml', Buffer.from(sheetXml)], ...Object.entries(extra).map(([k, v]): [string, Buffer] => [k, Buffer.from(v)])])
  const entries: [string, Buffer][] = baseEntries.map(([name, data]) => [name, replace.get(name) ?? data])
  for (const [k, v] of replace) if (!entries.some(([n]) => n === k)) entries.push([k, v])
  return zipOf(entries)
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'

function billionLaughs(levels: number, inSharedStrings: boolean): { sheet: string; shared?: string } {
  const ents = ['<!ENTITY lol0 "lollollollollollollollollollol">']
  for (let i = 1; i <= levels; i++) ents.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`)
  const doctype = `<!DOCTYPE lolz [${ents.join('')}]>`
  if (inSharedStrings)
    return {
      sheet: `${SHEET_HEAD}<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
      shared: `${SHEET_HEAD}${doctype}<sst ${NS} count="1" uniqueCount="1"><si><t>&lol${levels};</t></si></sst>`,
    }
  return { sheet: `${SHEET_HEAD}${doctype}<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol${levels};</t></is></c></row></sheetData></worksheet>` }
}

function externalEntity(): string {
  return `${SHEET_HEAD}<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>`
}

function emptyRows(count: number, lastRow = 1048576): string {
  const rows: string[] = [`<row r="1"><c r="A1" t="inlineStr"><is><t>安置点名称</t></is></c></row>`]
  const step = Math.max(1, Math.floor(lastRow / count))
  for (let r = 2; r <= lastRow; r += step) rows.push(`<row r="${r}"/>`)
  return `${SHEET_HEAD}<worksheet ${NS}><dimension ref="A1:XFD${lastRow}"/><sheetData>${rows.join('')}</sheetData></worksheet>`
}

function enormousCell(chars: number): string {
  const big = '安'.repeat(chars)
  return `${SHEET_HEAD}<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>安置点名称</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>${big}</t></is></c></row></sheetData></worksheet>`
}

function csvText(rnd: () => number, rows: number): string {
  const lines = [HEADERS.join(',')]
  for (let i = 1; i <= rows; i++) lines.push(ROW(i).map((v) => (rnd() < 0.1 ? `"${v}，备注"` : String(v))).join(','))
  return lines.join(rnd() < 0.5 ? '\r\n' : '\n')
}

/** The corpus. `count` scales the number of generated cases of each random kind (1 ≈ 1,000 inputs). */
export async function malformedInputs(seed = 9, count = 1): Promise<MalformedInput[]> {
  const rnd = seededRandom(seed)
  const n = (k: number): number => Math.max(1, Math.round(k * count))
  const out: MalformedInput[] = []
  const base = await validReturn()
  const exts = ['.xlsx', '.xls', '.csv', '.et', '.txt', '']

  // random bytes, under every extension
  for (let i = 0; i < n(260); i++) {
    const len = Math.floor(rnd() ** 3 * 65536)
    const bytes = Buffer.alloc(len)
    for (let j = 0; j < len; j++) bytes[j] = Math.floor(rnd() * 256)
    // some start with a zip or OLE signature so they reach the workbook readers
    if (i % 4 === 1 && len >= 4) bytes.set([0x50, 0x4b, 0x03, 0x04])
    if (i % 4 === 2 && len >= 8) bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
    out.push({ name: `random-${i}${exts[i % exts.length]}`, kind: 'random bytes', bytes })
  }
  // a valid return truncated anywhere, and with bytes flipped
  for (let i = 0; i < n(250); i++) {
    const cut = Math.floor(rnd() * base.length)
    out.push({ name: `truncated-${i}.xlsx`, kind: 'truncated zip', bytes: base.subarray(0, cut) })
  }
  for (let i = 0; i < n(160); i++) {
    const bytes = Buffer.from(base)
    const flips = 1 + Math.floor(rnd() * 12)
    for (let k = 0; k < flips; k++) {
      const at = Math.floor(rnd() * bytes.length)
      bytes[at] = bytes[at]! ^ (1 << Math.floor(rnd() * 8))
    }
    out.push({ name: `bitflip-${i}.xlsx`, kind: 'corrupted zip', bytes })
  }
  // damaged XML inside an intact zip
  const sheet = (await JSZip.loadAsync(base)).file('xl/worksheets/sheet1.xml')!
  const sheetXml = await sheet.async('string')
  for (let i = 0; i < n(100); i++) {
    const cut = Math.floor(rnd() * sheetXml.length)
    const junk = ['<', '&', '&#xFFFF;', '<c r="ZZZZZZ99999999">', '<row r="-1">', '\u0000', '<![CDATA[', '</worksheet>', '<v>1e999999</v>', '<c t="d"><v>不是日期</v></c>'][i % 10]!
    out.push({ name: `badxml-${i}.xlsx`, kind: 'malformed sheet XML', bytes: await withSheet(base, sheetXml.slice(0, cut) + junk + sheetXml.slice(cut)) })
  }
  // XML bombs: nested entities in the sheet and in the shared strings; an external entity
  for (const levels of [3, 5, 7, 9]) {
    for (const inShared of [false, true]) {
      const bomb = billionLaughs(levels, inShared)
      out.push({ name: `xml-bomb-${levels}${inShared ? '-sst' : ''}.xlsx`, kind: 'XML bomb', bytes: await withSheet(base, bomb.sheet, bomb.shared ? { 'xl/sharedStrings.xml': bomb.shared } : {}) })
    }
  }
  out.push({ name: 'xxe.xlsx', kind: 'XML external entity', bytes: await withSheet(base, externalEntity()) })
  // a zip bomb: 450 MB of whitespace inside the sheet compresses to about 2 MB
  out.push({ name: 'zip-bomb.xlsx', kind: 'zip bomb', bytes: await withSheet(base, Buffer.concat([Buffer.from(`${SHEET_HEAD}<worksheet ${NS}><sheetData>`), Buffer.alloc(450 * 1024 * 1024, 0x20), Buffer.from('</sheetData></worksheet>')])) })
  // enormous cells and a million empty rows
  for (const chars of [100_000, 3_000_000]) out.push({ name: `huge-cell-${chars}.xlsx`, kind: 'enormous cell', bytes: await withSheet(base, enormousCell(chars)) })
  out.push({ name: 'million-empty-rows.xlsx', kind: 'million empty rows', bytes: await withSheet(base, emptyRows(1_048_575)) })
  out.push({ name: 'last-row-only.xlsx', kind: 'million empty rows', bytes: await withSheet(base, emptyRows(1)) })
  out.push({ name: 'sparse-rows.xlsx', kind: 'million empty rows', bytes: await withSheet(base, emptyRows(50_000)) })
  // CSVs in the wrong encodings (GBK without BOM is the common one), and damaged ones
  const encodings = ['gbk', 'gb18030', 'big5', 'utf16le', 'utf16be', 'shift_jis', 'latin1', 'utf8', 'euc-kr', 'cp1252']
  for (let i = 0; i < n(200); i++) {
    const enc = encodings[i % encodings.length]!
    let bytes = iconv.encode(csvText(rnd, 1 + Math.floor(rnd() * 30)), enc, { addBOM: i % 3 === 0 })
    if (i % 5 === 4) bytes = bytes.subarray(0, Math.floor(rnd() * bytes.length)) // cut inside a multibyte character
    if (i % 7 === 6) {
      bytes = Buffer.from(bytes)
      for (let k = 0; k < 5 && bytes.length > 0; k++) bytes[Math.floor(rnd() * bytes.length)] = Math.floor(rnd() * 256)
    }
    out.push({ name: `return-${enc}-${i}.csv`, kind: `CSV in ${enc}`, bytes })
  }
  // other files renamed, and degenerate ones
  const others: [string, Buffer][] = [
    ['empty.xlsx', Buffer.alloc(0)],
    ['empty.csv', Buffer.alloc(0)],
    ['bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf])],
    ['pdf.xlsx', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')],
    ['png.xls', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['page.xls', Buffer.from('<html><body><table><tr><td>安置点名称</td></tr><tr><td><script>alert(1)</script></td></tr></table></body></html>')],
    ['only-nul.csv', Buffer.alloc(4096)],
    ['one-long-line.csv', Buffer.from('安置点名称,'.repeat(200_000))],
    ['many-columns.csv', Buffer.from(`${Array.from({ length: 20_000 }, (_, i) => `列${i}`).join(',')}\n${'1,'.repeat(20_000)}`)],
    ['quotes.csv', Buffer.from('"安置点名称,"规划安置人数\n"未闭合的引号,1200\n')],
    ['empty-zip.xlsx', Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)])],
  ]
  for (const [name, bytes] of others) out.push({ name, kind: 'other file', bytes })
  return out
}
