/**
 * The clipboard formats spreadsheets exchange, as pure functions (no DOM) so they are unit-tested in
 * Node: a block of cells to TSV and to an HTML table (what Excel and WPS read back as a cell grid),
 * and the text Excel/WPS put on the clipboard (TSV, or an HTML table with x:num raw numbers) back
 * to a block of cell texts.
 */

/** A rectangular block of cell texts, row by row. */
export type CellBlock = string[][]

function quoteTsv(s: string): string {
  return /[\t\n\r"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Cells to TSV as Excel writes it: tab between cells, CRLF after each row, quotes around cells with tabs, newlines or quotes. */
export function blockToTsv(block: CellBlock): string {
  return block.map((row) => row.map(quoteTsv).join('\t')).join('\r\n') + '\r\n'
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/**
 * Cells to an HTML table Excel and WPS paste as a grid. Numeric cells are marked so the spreadsheet
 * keeps them as numbers; text that looks like a number or a long code stays text (mso-number-format \@).
 */
export function blockToHtml(block: CellBlock, numeric?: (row: number, col: number) => boolean): string {
  const rows = block
    .map((row, r) => {
      const cells = row
        .map((v, c) => {
          const isNum = numeric?.(r, c) === true && v !== '' && Number.isFinite(Number(v))
          const text = escapeHtml(v).replace(/\r?\n/g, '<br style="mso-data-placement:same-cell;">')
          return isNum ? `<td x:num="${escapeHtml(v)}">${text}</td>` : `<td style="mso-number-format:'\\@'">${text}</td>`
        })
        .join('')
      return `<tr>${cells}</tr>`
    })
    .join('')
  return `<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head><body><table>${rows}</table></body></html>`
}

/** TSV (Excel, WPS, a text editor) to cells: quoted cells may hold tabs, newlines and doubled quotes. */
export function parseTsv(text: string): CellBlock {
  const out: CellBlock = []
  let row: string[] = []
  let cell = ''
  let i = 0
  const n = text.length
  let atCellStart = true
  while (i < n) {
    const ch = text[i]!
    if (atCellStart && ch === '"') {
      // a quoted cell: read to the closing quote
      let j = i + 1
      let buf = ''
      let closed = false
      while (j < n) {
        const c = text[j]!
        if (c === '"') {
          if (text[j + 1] === '"') {
            buf += '"'
            j += 2
            continue
          }
          closed = true
          j++
          break
        }
        buf += c
        j++
      }
      const next = text[j]
      if (closed && (j >= n || next === '\t' || next === '\n' || next === '\r')) {
        cell = buf
        i = j
        atCellStart = false
        continue
      }
      // not a well-formed quoted cell: take the quote literally
    }
    atCellStart = false
    if (ch === '\t') {
      row.push(cell)
      cell = ''
      atCellStart = true
      i++
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell)
      out.push(row)
      row = []
      cell = ''
      atCellStart = true
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1
    } else {
      cell += ch
      i++
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    out.push(row)
  }
  return padBlock(out)
}

/** Make every row as long as the longest (spreadsheets drop trailing empty cells in some rows). */
export function padBlock(block: CellBlock): CellBlock {
  const width = block.reduce((m, r) => Math.max(m, r.length), 0)
  for (const r of block) while (r.length < width) r.push('')
  return block
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', yen: '¥', middot: '·', times: '×', divide: '÷' }

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m
    }
    return ENTITY[e.toLowerCase()] ?? m
  })
}

const X_NUM = /x:num\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))|x:num(?=[\s>]|$)/i
const COLSPAN = /colspan\s*=\s*["']?(\d+)/i
const ROWSPAN = /rowspan\s*=\s*["']?(\d+)/i

/** Excel's raw number of a cell (x:num="1200"); '' for a bare x:num, null without one. */
function xNum(attrText: string): string | null {
  if (!attrText.includes('x:') && !attrText.includes('X:')) return null
  const m = X_NUM.exec(attrText)
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : null
}

function span(attrText: string, re: RegExp, max: number): number {
  if (!/span/i.test(attrText)) return 1
  const m = re.exec(attrText)
  return m ? Math.max(1, Math.min(max, parseInt(m[1]!, 10) || 1)) : 1
}

/** The text of a cell's inner HTML: tags dropped, <br> as a newline, source line breaks as spaces. */
function cellText(inner: string): string {
  // most cells are plain text: skip the tag and entity work
  if (!/[<&\r\n\t]|\s\s/.test(inner)) return inner.trim()
  const s = inner
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br[^>]*>/gi, '\u0000')
    .replace(/<\/(p|div)>/gi, '\u0000')
    .replace(/<[^>]*>/g, '')
    .replace(/[\r\n\t ]+/g, ' ')
  return decodeEntities(s)
    .split('\u0000')
    .map((x) => x.trim())
    .join('\n')
    .replace(/\n+$/, '')
    .trim()
}

const FORMATTED_NUMBER = /^[¥￥$+-]?\s*[\d,，.\s]+([eE][+-]?\d+)?$/

/**
 * The first table of an HTML clipboard (Excel, WPS, a web page) to cells. Excel's x:num attribute
 * carries the unformatted number ("1200" behind a cell showing "1,200") and is preferred for plain numbers;
 * colspan/rowspan leave empty cells so the block stays rectangular. Returns null without a table.
 */
export function parseHtmlTable(html: string): CellBlock | null {
  const start = html.search(/<table[\s>]/i)
  if (start < 0) return null
  const endRel = html.slice(start).search(/<\/table>/i)
  const body = endRel < 0 ? html.slice(start) : html.slice(start, start + endRel)
  const out: CellBlock = []
  /** cells taken by rowspans above: row index → set of columns */
  const taken = new Map<number, Set<number>>()
  let r = 0
  // split on the tags (faster than one regex walking 20,000 cells); the first piece is what precedes the first row
  const rowPieces = body.split(/<tr(?=[\s>])/i).slice(1)
  for (const rowHtml of rowPieces) {
    const row: string[] = []
    const occupied = taken.get(r) ?? new Set<number>()
    let c = 0
    const cellPieces = rowHtml.split(/<t[dh](?=[\s>])/i).slice(1)
    for (const piece of cellPieces) {
      while (occupied.has(c)) row[c++] = ''
      const close = piece.indexOf('>')
      const attrText = close < 0 ? piece : piece.slice(0, close)
      let inner = close < 0 ? '' : piece.slice(close + 1)
      const end = inner.search(/<\/t[dh]>|<\/tr>/i)
      if (end >= 0) inner = inner.slice(0, end)
      const num = xNum(attrText)
      const text = cellText(inner)
      // x:num is the raw number behind a formatted one ("1,200", "1.2E+05"); dates and percentages keep their text
      row[c] = num !== null && num !== '' && Number.isFinite(Number(num)) && FORMATTED_NUMBER.test(text) ? num : text
      const colspan = span(attrText, COLSPAN, 1000)
      const rowspan = span(attrText, ROWSPAN, 100000)
      for (let k = 1; k < rowspan; k++) {
        let set = taken.get(r + k)
        if (!set) taken.set(r + k, (set = new Set()))
        for (let q = 0; q < colspan; q++) set.add(c + q)
      }
      for (let q = 1; q < colspan; q++) row[c + q] = ''
      c += colspan
    }
    while (occupied.has(c)) row[c++] = ''
    for (let q = 0; q < row.length; q++) if (row[q] === undefined) row[q] = ''
    out.push(row)
    taken.delete(r)
    r++
  }
  if (out.length === 0) return null
  return padBlock(out)
}

/** What a paste reads: the HTML table when there is one (it keeps raw numbers), otherwise the TSV. */
export function parseClipboard(html: string | null | undefined, text: string | null | undefined): CellBlock {
  if (html) {
    const t = parseHtmlTable(html)
    if (t && t.length > 0) return t
  }
  if (!text) return []
  return parseTsv(text)
}
