/** What kind of identifier a piece of free text looks like. */
export type IdentifierKind = 'name' | 'known-id' | 'mrn' | 'phone' | 'email' | 'url'

export interface TextHit {
  readonly kind: IdentifierKind
  readonly start: number
  readonly end: number
}

const PATTERNS: readonly {kind: IdentifierKind; re: RegExp}[] = [
  {kind: 'email', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g},
  {kind: 'url', re: /\b(?:https?|ftp):\/\/[^\s\\]+|\bwww\.[A-Za-z0-9-]+\.[A-Za-z]{2,}[^\s\\]*/gi},
  // North American and international phone numbers written with separators; bare digit runs are MRN-like.
  {kind: 'phone', re: /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b/g},
  // A record number: a label then digits, or a bare run of 6-12 digits that is not part of a decimal or a UID.
  {kind: 'mrn', re: /\b(?:MRN|MR|PID|NHS|ID|Patient ID|Record)\s*(?:No\.?|Number|#)?\s*[:#.-]?\s*[A-Z]{0,3}\d{4,}\b/gi},
  {kind: 'mrn', re: /(?<![\d.])\d{6,12}(?![\d.])/g},
]

/** Values that de-identification tools write as placeholders; never treated as names or identifiers. */
export const DUMMY_WORDS = /^(?:anon\w*|anonymi[sz]ed\d*|anonymous|removed|redacted|de-?identified|deid|unknown|none|dummy|pseudo\w*|patient|subject|test|n\/?a|x+|\*+)$/i

/** Name tokens worth searching for elsewhere: three letters or more, not a placeholder word. */
export const nameTokens = (personName: string): string[] =>
  personName
    .split(/[\^=\s,]+/)
    .map((t) => t.trim())
    .filter((t) => t.length >= 3 && /^[\p{L}'-]+$/u.test(t) && !DUMMY_WORDS.test(t))

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Identifiers seen in the data (names, IDs) to look for in free text, compiled once per file. */
export interface KnownIdentifiers {
  readonly names: readonly string[]
  readonly ids: readonly string[]
}

export const compileKnown = (known: KnownIdentifiers): {kind: IdentifierKind; re: RegExp}[] => {
  const out: {kind: IdentifierKind; re: RegExp}[] = []
  const names = [...new Set(known.names.map((n) => n.toLowerCase()))]
  if (names.length) out.push({kind: 'name', re: new RegExp(`(?<![\\p{L}])(?:${names.map(escape).join('|')})(?![\\p{L}])`, 'giu')})
  const ids = [...new Set(known.ids.filter((i) => i.length >= 4))]
  if (ids.length) out.push({kind: 'known-id', re: new RegExp(`(?<![A-Za-z0-9])(?:${ids.map(escape).join('|')})(?![A-Za-z0-9])`, 'gi')})
  return out
}

/** Every identifier-looking span in a text, first match wins where spans overlap. */
export const findIdentifiers = (text: string, known: readonly {kind: IdentifierKind; re: RegExp}[] = []): TextHit[] => {
  const hits: TextHit[] = []
  for (const {kind, re} of [...known, ...PATTERNS]) {
    re.lastIndex = 0
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0
      const end = start + m[0].length
      if (hits.some((h) => start < h.end && end > h.start)) continue
      hits.push({kind, start, end})
    }
  }
  return hits.sort((a, b) => a.start - b.start)
}

/** Replace every hit with X of the same length, so a value never grows past its VR's limit. */
export const redact = (text: string, hits: readonly TextHit[]): string => {
  let out = text
  for (const h of hits) out = out.slice(0, h.start) + 'X'.repeat(h.end - h.start) + out.slice(h.end)
  return out
}
