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

/** A character EDGE_SPACES may strip (a superset of it: the regex decides). */
const maybeSpace = (c: number): boolean => c <= 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff

/** Trim spaces, NBSP, U+3000, zero-width spaces and BOMs at both ends. */
export function trimAll(text: string): string {
  // most cells start and end with a visible character: no regex scan, no new string
  if (text.length === 0 || (!maybeSpace(text.charCodeAt(0)) && !maybeSpace(text.charCodeAt(text.length - 1)))) return text
  return text.replace(EDGE_SPACES, '')
}

const NULL_MARKERS = new Set(['', '—', '——', '-', '--', '---', '/', '／', '无', '暂无', 'null', 'NULL', 'N/A', 'n/a', '#N/A', '空', '－', '－－', '–', '−', '…'])

/** True for the markers county offices write for "no value": —, --, /, 无 and blanks. */
export function isNullMarker(text: string): boolean {
  return NULL_MARKERS.has(trimAll(text))
}

/**
 * A character normalizeLabel changes: full-width forms and special spaces (toHalfWidth), spaces and
 * line breaks, full-width brackets and colons (within U+FF01–U+FF5E), commas, quotes. Without one the
 * label is the text in lower case.
 */
const LABEL_SPECIAL = /[\s\uff01-\uff5e\u3000\u00a0\u2002\u2003\u2009\u202f,，“”"'‘’]/

/** A header or label reduced to its comparable core: half-width, no spaces or line breaks, unified brackets and colons. */
export function normalizeLabel(text: string): string {
  // nothing to convert, remove or unify (most names and codes): only the case
  if (!LABEL_SPECIAL.test(text)) return text.toLowerCase()
  return toHalfWidth(text)
    .replace(/[\s\r\n\t]+/g, '')
    .replace(/[（(]/g, '(')
    .replace(/[）)]/g, ')')
    .replace(/[：:]/g, ':')
    .replace(/[，,、]/g, '、')
    .replace(/[“”"'‘’]/g, '')
    .toLowerCase()
}
