/**
 * Text normalisation shared by paste, import and header matching: full-width forms to half-width,
 * every kind of space trimmed, null markers recognised.
 */

const WIDE = /[\uff01-\uff5e\u3000\u00a0\u2002\u2003\u2009\u202f]/

/** Full-width ASCII (U+FF01–U+FF5E) to half-width; U+3000 and NBSP to a plain space. */
export function toHalfWidth(text: string): string {
  // most texts have nothing to convert: no new string, no per-character loop
  if (!WIDE.test(text)) return text
  let out = ''
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0)
    else if (c === 0x3000 || c === 0xa0 || c === 0x2002 || c === 0x2003 || c === 0x2009 || c === 0x202f) out += ' '
    else out += ch
  }
  return out
}

const EDGE_SPACES = /^[\s\u00a0\u3000\u200b\ufeff]+|[\s\u00a0\u3000\u200b\ufeff]+$/g

/** Trim spaces, NBSP, U+3000, zero-width spaces and BOMs at both ends. */
export function trimAll(text: string): string {
  return text.replace(EDGE_SPACES, '')
}

const NULL_MARKERS = new Set(['', '—', '——', '-', '--', '---', '/', '／', '无', '暂无', 'null', 'NULL', 'N/A', 'n/a', '#N/A', '空', '－', '－－', '–', '−', '…'])

/** True for the markers county offices write for "no value": —, --, /, 无 and blanks. */
export function isNullMarker(text: string): boolean {
  return NULL_MARKERS.has(trimAll(text))
}

/** A header or label reduced to its comparable core: half-width, no spaces or line breaks, unified brackets and colons. */
export function normalizeLabel(text: string): string {
  return toHalfWidth(text)
    .replace(/[\s\r\n\t]+/g, '')
    .replace(/[（(]/g, '(')
    .replace(/[）)]/g, ')')
    .replace(/[：:]/g, ':')
    .replace(/[，,、]/g, '、')
    .replace(/[“”"'‘’]/g, '')
    .toLowerCase()
}
