// What in OCR'd pixel text is identifying. Seeded with the file's own header values (a name in the pixels is
// found even when written "Given Surname" or "SURNAME, Given"), then generic shapes: dates, record numbers,
// phone numbers, e-mail addresses and "Surname, Given" pairs. Orientation markers and technique text
// ("L", "5 MHz", "10 cm", "Gain 45%") never match: they are removed before any pattern runs.
import type {DicomDataset} from '../read/dicom-file.js'
import {textsOf} from '../read/tags.js'
import {DUMMY_WORDS, findIdentifiers, nameTokens, type IdentifierKind} from '../deid/identifier-patterns.js'

export type PixelTextKind = IdentifierKind | 'date'

export interface PixelSeeds {
  readonly names: readonly string[]
  readonly ids: readonly string[]
  readonly dates: readonly string[]
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']

/** A DICOM date in the ways a device prints it. */
export const dateForms = (da: string): string[] => {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(da.trim())
  if (!m) return []
  const [, y, mo, d] = m as unknown as [string, string, string, string]
  const mon = MONTHS[Number(mo) - 1] ?? ''
  return [`${y}${mo}${d}`, `${y}-${mo}-${d}`, `${y}/${mo}/${d}`, `${y}.${mo}.${d}`, `${d}/${mo}/${y}`, `${mo}/${d}/${y}`, `${d}.${mo}.${y}`, `${d}-${mo}-${y}`, `${d}-${mon}-${y}`, `${d} ${mon} ${y}`, `${d}${mon}${y}`]
}

const SEED_IDS = new Set(['00100020', '00101000', '00080050', '00200010', '00101002'])
const SEED_DATES = new Set(['00100030', '00080020', '00080021', '00080022', '00080023', '00080012'])

/** Names, IDs and dates the header carries, to be looked for in the pixels. */
export const seedsOf = (ds: DicomDataset): PixelSeeds => {
  const names = new Set<string>()
  const ids = new Set<string>()
  const dates = new Set<string>()
  const walk = (d: DicomDataset) => {
    for (const [key, el] of Object.entries(d)) {
      if (el.vr === 'SQ') {
        for (const item of (el.Value ?? []) as DicomDataset[]) walk(item)
        continue
      }
      if (el.vr === 'PN') for (const t of textsOf(el)) for (const n of nameTokens(t)) names.add(n.toUpperCase())
      if (SEED_IDS.has(key)) for (const t of textsOf(el)) if (t.trim().length >= 4 && !DUMMY_WORDS.test(t.trim())) ids.add(t.trim().toUpperCase())
      if (SEED_DATES.has(key) || el.vr === 'DA') for (const t of textsOf(el)) for (const f of dateForms(t)) if (!f.startsWith('1900')) dates.add(f.toUpperCase())
    }
  }
  walk(ds)
  return {names: [...names], ids: [...ids], dates: [...dates]}
}

/** Technique and orientation text a device draws on every image; removed before matching. */
const HARMLESS = [
  /\b\d+(?:[.,]\d+)?\s*(?:MHz|kHz|Hz|cm|mm|dB|kVp?|mAs?|ms|fps|bpm|cm\/s|m\/s|%|°|deg)(?![A-Za-z])/gi,
  /(?<![A-Za-z])[LRAPHFSI](?![A-Za-z])/g,
]

/** Letters OCR confuses with digits, for comparing identifiers. */
const digitish = (s: string): string => s.toUpperCase().replace(/[O]/g, '0').replace(/[IL|]/g, '1').replace(/S/g, '5').replace(/B/g, '8').replace(/[^0-9A-Z]/g, '')

const editDistanceAtMost1 = (a: string, b: string): boolean => {
  if (a === b) return true
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  let j = 0
  let edits = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++
      j++
      continue
    }
    if (++edits > 1) return false
    if (a.length > b.length) i++
    else if (b.length > a.length) j++
    else {
      i++
      j++
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1
}

const DATE_RE = /\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}[- ]?(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*[- ]?\d{2,4}|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))\b/gi
/** "SURNAME, Given" or "Surname^Given": the written shapes of a person's name. */
const NAME_PAIR_RE = /\b[A-Z][A-Za-z'-]{2,}\s*[,^]\s*[A-Z][A-Za-z'-]{2,}\b/g

export interface WordBox {
  readonly text: string
  /** OCR confidence 0-100; generic patterns ignore words under 30 (OCR noise), header-seeded matches do not. */
  readonly confidence?: number
  readonly bbox: {x0: number; y0: number; x1: number; y1: number}
}

export interface PixelTextHit {
  readonly kind: PixelTextKind
  readonly text: string
  readonly bbox: {x0: number; y0: number; x1: number; y1: number}
}

const union = (boxes: readonly WordBox['bbox'][]) => ({
  x0: Math.min(...boxes.map((b) => b.x0)),
  y0: Math.min(...boxes.map((b) => b.y0)),
  x1: Math.max(...boxes.map((b) => b.x1)),
  y1: Math.max(...boxes.map((b) => b.y1)),
})

/** Identifying spans in one OCR line (its words with boxes); each hit carries the box of the words it spans. */
export const matchLine = (words: readonly WordBox[], seeds: PixelSeeds): PixelTextHit[] => {
  const hits: PixelTextHit[] = []
  // Build the line text with each word's character range, so a match maps back to word boxes.
  let text = ''
  const ranges: {start: number; end: number; box: WordBox['bbox']; confidence: number}[] = []
  for (const w of words) {
    const t = w.text.trim()
    if (t === '') continue
    if (text) text += ' '
    ranges.push({start: text.length, end: text.length + t.length, box: w.bbox, confidence: w.confidence ?? 100})
    text += t
  }
  let cleaned = text
  for (const re of HARMLESS) cleaned = cleaned.replace(re, (m) => ' '.repeat(m.length))
  const boxOf = (start: number, end: number) => union(ranges.filter((r) => r.start < end && r.end > start).map((r) => r.box))
  const push = (kind: PixelTextKind, start: number, end: number, generic = false) => {
    if (hits.some((h) => h.text === text.slice(start, end))) return
    const covered = ranges.filter((r) => r.start < end && r.end > start)
    if (generic && covered.some((r) => r.confidence < 30)) return
    if (covered.length) hits.push({kind, text: text.slice(start, end), bbox: boxOf(start, end)})
  }
  // Seeded: every word compared with the header's names (one edit allowed for 5+ letters) and IDs.
  for (const r of ranges) {
    const word = cleaned.slice(r.start, r.end).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    if (word.length < 3) continue
    const up = word.toUpperCase()
    if (seeds.names.some((n) => up === n || (n.length >= 5 && editDistanceAtMost1(up, n)))) push('name', r.start, r.end)
    else if (seeds.ids.some((id) => digitish(up) === digitish(id) || (id.length >= 6 && editDistanceAtMost1(digitish(up), digitish(id))))) push('known-id', r.start, r.end)
  }
  const compact = cleaned.toUpperCase()
  for (const d of seeds.dates) {
    const i = compact.indexOf(d)
    if (i >= 0) push('date', i, i + d.length)
  }
  for (const re of [DATE_RE, NAME_PAIR_RE]) {
    re.lastIndex = 0
    for (const m of cleaned.matchAll(re)) push(re === DATE_RE ? 'date' : 'name', m.index ?? 0, (m.index ?? 0) + m[0].length, true)
  }
  for (const h of findIdentifiers(cleaned)) push(h.kind, h.start, h.end, true)
  return hits
}
