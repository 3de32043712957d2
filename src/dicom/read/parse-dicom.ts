// scanvet's own DICOM reader. dcmjs refuses files dcmtk reads (no preamble, ISO 2022 character sets, UN-VR
// sequences, a meta header without a transfer syntax, bad VRs), and a file scanvet cannot read is a file it
// cannot audit, so the checker reads with this tolerant parser and records every guess it makes in `notes`.
// The dataset it returns has dcmjs's shape (DicomDataset), so the judges downstream are unchanged.
import {inflateRawSync} from 'node:zlib'

import {DEFAULT_CHARSET, charsetOf, type Charset} from './charset.js'
import type {DicomDataset, DicomElement} from './dicom-file.js'
import {dictionary} from './dictionary.js'

export const TS = {
  implicitLE: '1.2.840.10008.1.2',
  explicitLE: '1.2.840.10008.1.2.1',
  deflated: '1.2.840.10008.1.2.1.99',
  explicitBE: '1.2.840.10008.1.2.2',
} as const

export interface ParsedDicom {
  readonly meta: DicomDataset
  readonly dataset: DicomDataset
  /** The transfer syntax the dataset was read with (inferred when the meta header lacks it or is wrong). */
  readonly transferSyntax: string
  readonly hasPreamble: boolean
  /** Every guess or repair, in words a person understands ("no 128-byte preamble", "transfer syntax inferred"). */
  readonly notes: readonly string[]
  /** Set when the file ends inside an element: what was read before is kept, the rest is not checked. */
  readonly truncated?: string
}

export class DicomReadError extends Error {
  override readonly name = 'DicomReadError'
}

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV'])
const ALL_VRS = new Set(['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'PN', 'SH', 'SL', 'SQ', 'SS', 'ST', 'SV', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US', 'UT', 'UV'])
/** Text VRs whose value is one string (backslash is not a delimiter). */
const SINGLE_TEXT = new Set(['LT', 'ST', 'UT', 'UR'])
const CHARSET_VRS = new Set(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT'])
const TEXT = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT'])

// Two table look-ups instead of toString/toUpperCase/padStart: tag keys are made for every element read.
const HEX2 = Array.from({length: 256}, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'))
const hex4 = (n: number): string => HEX2[(n >> 8) & 0xff]! + HEX2[n & 0xff]!

/** The dictionary VR of a tag (key "00100010"); repeating groups (50xx, 60xx) by their 5000/6000 entry. */
export const dictionaryVr = (key: string): string | undefined => {
  const dict = dictionary()
  const direct = dict.get(key)?.vr
  if (direct) return direct
  if (key.startsWith('60') || key.startsWith('50')) return dict.get(`${key.slice(0, 2)}00${key.slice(4)}`)?.vr
  return undefined
}

/** Resolve dictionary VRs such as "ox", "xs", "US or SS" to one VR. */
const concreteVr = (vr: string | undefined, key: string): string => {
  if (!vr) {
    const el = parseInt(key.slice(4), 16)
    const group = parseInt(key.slice(0, 4), 16)
    if (el === 0) return 'UL'
    if ((group & 1) === 1 && el >= 0x10 && el <= 0xff) return 'LO' // private creator
    return 'UN'
  }
  if (vr === 'ox' || vr === 'OB or OW') return key === '7FE00010' ? 'OW' : 'OB'
  if (vr === 'xs' || vr === 'US or SS') return 'US'
  if (vr.length > 2) return vr.slice(0, 2)
  return vr
}

interface Cursor {
  readonly bytes: Uint8Array
  readonly view: DataView
  readonly little: boolean
  readonly explicit: boolean
  readonly notes: string[]
  charset: Charset
}

class Truncated extends Error {}

const isVrAt = (b: Uint8Array, p: number): boolean => p + 1 < b.length && ALL_VRS.has(String.fromCharCode(b[p]!, b[p + 1]!))

/** Read elements from `start` until `end`, or until an item/sequence delimiter when `end` is undefined. */
const readDataset = (c: Cursor, start: number, end: number, stopAtDelimiter: boolean, out: DicomDataset): number => {
  let p = start
  while (p < end) {
    if (p + 8 > end) {
      if (c.bytes.subarray(p, end).every((b) => b === 0)) return end // trailing padding
      throw new Truncated(`the file ends inside an element header at byte ${p}`)
    }
    const group = c.view.getUint16(p, c.little)
    const element = c.view.getUint16(p + 2, c.little)
    if (group === 0xfffe) {
      const len = c.view.getUint32(p + 4, c.little)
      if (element === 0xe00d || element === 0xe0dd) return p + 8
      // An item tag where an element was expected: skip the item (seen in broken private data).
      p += 8 + (len === 0xffffffff ? 0 : len)
      continue
    }
    if (group === 0 && element === 0 && c.view.getUint32(p + 4, c.little) === 0 && !stopAtDelimiter) {
      // A run of zero bytes (padding after the dataset)
      if (c.bytes.subarray(p, Math.min(end, p + 256)).every((b) => b === 0)) return end
    }
    const key = hex4(group) + hex4(element)
    let vr: string
    let len: number
    let q: number
    if (c.explicit && isVrAt(c.bytes, p + 4)) {
      vr = String.fromCharCode(c.bytes[p + 4]!, c.bytes[p + 5]!)
      if (LONG_VRS.has(vr)) {
        if (p + 12 > end) throw new Truncated(`the file ends inside the header of ${key} at byte ${p}`)
        len = c.view.getUint32(p + 8, c.little)
        q = p + 12
      } else {
        len = c.view.getUint16(p + 6, c.little)
        q = p + 8
      }
    } else {
      // Implicit VR, or an explicit-VR file with garbage in the VR field (dcmtk reads it as implicit).
      if (c.explicit) c.notes.push(`element ${key} has no valid VR; read as implicit VR`)
      vr = concreteVr(dictionaryVr(key), key)
      len = c.view.getUint32(p + 4, c.little)
      q = p + 8
    }
    if (len === 0xffffffff) {
      const el = readUndefined(c, key, vr, q, end)
      out[key] = el.element
      p = el.next
      continue
    }
    if (q + len > end) {
      throw new Truncated(`the file ends inside ${key} (${len} bytes announced, ${end - q} left)`)
    }
    out[key] = decodeValue(c, key, vr, q, len)
    if (key === '00080005') c.charset = charsetOf(textsOfElement(out[key]!))
    p = q + len
  }
  return p
}

const textsOfElement = (el: DicomElement): string[] => (el.Value ?? []).map((v) => String(v))

const readUndefined = (c: Cursor, key: string, vr: string, q: number, end: number): {element: DicomElement; next: number} => {
  if (key === '7FE00010' || (vr !== 'SQ' && vr !== 'UN' && key !== '7FE00008' && key !== '7FE00009')) {
    // Encapsulated pixel data: items of fragments, the first the basic offset table.
    const fragments: Uint8Array[] = []
    let p = q
    for (;;) {
      if (p + 8 > end) throw new Truncated(`the file ends inside the encapsulated pixel data`)
      const g = c.view.getUint16(p, c.little)
      const e = c.view.getUint16(p + 2, c.little)
      const len = c.view.getUint32(p + 4, c.little)
      p += 8
      if (g === 0xfffe && e === 0xe0dd) break
      if (g !== 0xfffe || e !== 0xe000) throw new Truncated(`encapsulated pixel data holds a non-item at byte ${p - 8}`)
      if (p + len > end) throw new Truncated('the file ends inside a pixel data fragment')
      fragments.push(c.bytes.subarray(p, p + len))
      p += len
    }
    const [offsets, ...frags] = fragments
    return {element: {vr: vr === 'UN' ? 'OB' : vr, Value: frags, _rawValue: {encapsulated: true, offsetTable: offsets ?? new Uint8Array(0)}}, next: p}
  }
  // A sequence of undefined length; UN of undefined length is an implicit-VR little-endian sequence (PS3.5 6.2.2).
  const inner: Cursor = vr === 'UN' ? {...c, little: true, explicit: false} : c
  if (vr === 'UN') c.notes.push(`sequence ${key} has VR UN; read as implicit VR`)
  const items: DicomDataset[] = []
  let p = q
  for (;;) {
    if (p + 8 > end) throw new Truncated(`the file ends inside sequence ${key}`)
    const g = inner.view.getUint16(p, inner.little)
    const e = inner.view.getUint16(p + 2, inner.little)
    const len = inner.view.getUint32(p + 4, inner.little)
    p += 8
    if (g === 0xfffe && e === 0xe0dd) break
    if (g !== 0xfffe || e !== 0xe000) throw new Truncated(`sequence ${key} holds a non-item at byte ${p - 8}`)
    const item: DicomDataset = {}
    const sub = {...inner}
    p = len === 0xffffffff ? readDataset(sub, p, end, true, item) : (readDataset(sub, p, Math.min(end, p + len), false, item), p + len)
    items.push(item)
  }
  return {element: {vr: 'SQ', Value: items}, next: p}
}

const readItems = (c: Cursor, key: string, q: number, len: number): DicomDataset[] => {
  const items: DicomDataset[] = []
  const end = q + len
  let p = q
  while (p + 8 <= end) {
    const g = c.view.getUint16(p, c.little)
    const e = c.view.getUint16(p + 2, c.little)
    const ilen = c.view.getUint32(p + 4, c.little)
    p += 8
    if (g === 0xfffe && e === 0xe0dd) break
    if (g !== 0xfffe || e !== 0xe000) throw new Truncated(`sequence ${key} holds a non-item at byte ${p - 8}`)
    const item: DicomDataset = {}
    const sub = {...c}
    p = ilen === 0xffffffff ? readDataset(sub, p, end, true, item) : (readDataset(sub, p, Math.min(end, p + ilen), false, item), p + ilen)
    items.push(item)
  }
  return items
}

const decodeValue = (c: Cursor, key: string, vrIn: string, q: number, len: number): DicomElement => {
  let vr = vrIn
  const known = vr === 'UN' ? dictionaryVr(key) : undefined
  if (known && known !== 'UN') {
    // UN with a tag the dictionary knows: its value is implicit VR little endian (PS3.5 6.2.2).
    vr = concreteVr(known, key)
    if (vr === 'SQ') {
      c.notes.push(`sequence ${key} has VR UN; read as implicit VR`)
      return {vr: 'SQ', Value: readItems({...c, little: true, explicit: false}, key, q, len)}
    }
    if (!TEXT.has(vr) && !['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'AT'].includes(vr)) return {vr: 'UN', Value: len === 0 ? [] : [c.bytes.subarray(q, q + len)]}
    return decodeValue({...c, little: true}, key, vr, q, len)
  }
  if (vr === 'SQ') return {vr, Value: readItems(c, key, q, len)}
  const b = c.bytes.subarray(q, q + len)
  if (TEXT.has(vr)) {
    let s = CHARSET_VRS.has(vr) ? c.charset.decode(b) : DEFAULT_CHARSET.decode(b)
    s = s.replace(/[\0 ]+$/, '')
    if (vr !== 'LT' && vr !== 'ST' && vr !== 'UT') s = s.replace(/^ +/, '')
    if (s === '') return {vr, Value: []}
    const parts = SINGLE_TEXT.has(vr) ? [s] : s.split('\\').map((v) => (vr === 'UI' ? v.replace(/\0/g, '').trim() : v.trim()))
    if (vr === 'PN') {
      return {vr, Value: parts.map((v) => {
        const [Alphabetic, Ideographic, Phonetic] = v.split('=')
        return {...(Alphabetic ? {Alphabetic} : {}), ...(Ideographic ? {Ideographic} : {}), ...(Phonetic ? {Phonetic} : {})}
      })}
    }
    return {vr, Value: parts}
  }
  const num = (size: number, read: (o: number) => number): DicomElement => {
    const out: number[] = []
    for (let o = 0; o + size <= len; o += size) out.push(read(q + o))
    return {vr, Value: out}
  }
  switch (vr) {
    case 'US':
      return num(2, (o) => c.view.getUint16(o, c.little))
    case 'SS':
      return num(2, (o) => c.view.getInt16(o, c.little))
    case 'UL':
      return num(4, (o) => c.view.getUint32(o, c.little))
    case 'SL':
      return num(4, (o) => c.view.getInt32(o, c.little))
    case 'FL':
      return num(4, (o) => c.view.getFloat32(o, c.little))
    case 'FD':
      return num(8, (o) => c.view.getFloat64(o, c.little))
    case 'AT':
      return {vr, Value: Array.from({length: Math.floor(len / 4)}, (_, i) => hex4(c.view.getUint16(q + i * 4, c.little)) + hex4(c.view.getUint16(q + i * 4 + 2, c.little)))}
    default:
      // Binary: a view, not a copy (pixel data can be large); big-endian OW is byte-swapped when decoded.
      return {vr, Value: len === 0 ? [] : [b], _rawValue: {littleEndian: c.little}}
  }
}

interface Shape {
  readonly explicit: boolean
  readonly little: boolean
}

/** Would the first element at p make sense read this way (a known VR, a length that fits)? */
const plausible = (b: Uint8Array, p: number, s: Shape): boolean => {
  if (p + 8 > b.length) return false
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const group = v.getUint16(p, s.little)
  if (group === 0xfffe || group === 0) return false
  if (s.explicit) {
    if (!isVrAt(b, p + 4)) return false
    const vr = String.fromCharCode(b[p + 4]!, b[p + 5]!)
    const len = LONG_VRS.has(vr) ? v.getUint32(p + 8, s.little) : v.getUint16(p + 6, s.little)
    return len === 0xffffffff || p + (LONG_VRS.has(vr) ? 12 : 8) + len <= b.length
  }
  const len = v.getUint32(p + 4, s.little)
  return len === 0xffffffff || p + 8 + len <= b.length
}

/** Guess explicit vs implicit and the byte order from the first element at p: the first reading that makes sense. */
const sniff = (b: Uint8Array, p: number, prefer?: Shape): Shape | undefined => {
  const candidates: Shape[] = [...(prefer ? [prefer] : []), {explicit: true, little: true}, {explicit: false, little: true}, {explicit: true, little: false}, {explicit: false, little: false}]
  return candidates.find((s) => plausible(b, p, s))
}

export const hasPreambleAt = (b: Uint8Array): boolean => b.length >= 132 && b[128] === 0x44 && b[129] === 0x49 && b[130] === 0x43 && b[131] === 0x4d

/**
 * Does the buffer look like DICOM at all: Part 10, or a raw dataset starting with a plausible element
 * (group 0002/0008 or another low even group, an explicit VR or a sensible implicit length)?
 */
export const looksLikeDicom = (b: Uint8Array): boolean => {
  if (hasPreambleAt(b)) return true
  if (b.length >= 4 && b[0] === 0x44 && b[1] === 0x49 && b[2] === 0x43 && b[3] === 0x4d) return true
  const s = sniff(b, 0)
  if (!s) return false
  if (b.length < 8) return false
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const group = v.getUint16(0, s.little)
  const element = v.getUint16(2, s.little)
  if (group === 0 || group > 0x0100 || (group & 1) === 1) return false
  if (s.explicit) return true
  // Implicit: the tag must be known to the dictionary (or a group length) and the length must fit the file.
  const len = v.getUint32(4, s.little)
  const key = hex4(group) + hex4(element)
  return (element === 0 || dictionaryVr(key) !== undefined) && (len === 0xffffffff || len <= b.length - 8)
}

export interface ParseOptions {
  /** Stop before the pixel data's value is decoded (it is still recorded, as a view). Default false. */
  readonly headerOnly?: boolean
}

/** Parse a DICOM file or raw dataset. Throws DicomReadError with a reason a person understands. */
export const parseDicom = (input: Uint8Array): ParsedDicom => {
  const notes: string[] = []
  let bytes = input
  let p = 0
  let hasPreamble = false
  if (hasPreambleAt(bytes)) {
    p = 132
    hasPreamble = true
  } else if (bytes.length >= 4 && bytes[0] === 0x44 && bytes[1] === 0x49 && bytes[2] === 0x43 && bytes[3] === 0x4d) {
    p = 4
    notes.push('no 128-byte preamble before "DICM"')
  } else {
    notes.push('no 128-byte preamble and no "DICM" prefix: read as a raw dataset')
  }
  if (bytes.length < p + 8) throw new DicomReadError(`the file is too short to be DICOM (${bytes.length} bytes)`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const meta: DicomDataset = {}
  // The meta header is explicit VR little endian; some writers made it implicit, so sniff it too.
  if (view.getUint16(p, true) === 0x0002) {
    const s = sniff(bytes, p) ?? {explicit: true, little: true}
    const c: Cursor = {bytes, view, little: true, explicit: s.explicit, notes, charset: DEFAULT_CHARSET}
    if (!s.explicit) notes.push('the meta header is implicit VR (it should be explicit)')
    while (p + 8 <= bytes.length && view.getUint16(p, true) === 0x0002) {
      const one: DicomDataset = {}
      try {
        p = readOneElement(c, p, one)
      } catch (e) {
        if (e instanceof Truncated) throw new DicomReadError(`the meta header is cut short: ${e.message}`)
        throw e
      }
      Object.assign(meta, one)
    }
  } else if (hasPreamble) {
    notes.push('"DICM" is not followed by a meta header')
  }
  const declared = (meta['00020010']?.Value?.[0] as string | undefined)?.replace(/\0/g, '').trim()
  const declaredShape: Shape | undefined =
    declared === TS.implicitLE ? {explicit: false, little: true} : declared === TS.explicitBE ? {explicit: true, little: false} : declared ? {explicit: true, little: true} : undefined
  const guess = declared === TS.deflated ? declaredShape : sniff(bytes, p, declaredShape)
  if (!guess) {
    if (p >= bytes.length) return {meta, dataset: {}, transferSyntax: declared ?? TS.explicitLE, hasPreamble, notes: [...notes, 'the file holds a meta header and no dataset']}
    throw new DicomReadError(`no element can be read after ${p === 0 ? 'the start of the file' : 'the meta header'}: not DICOM, or damaged`)
  }
  let ts = declared ?? ''
  let little: boolean
  let explicit: boolean
  if (ts === TS.deflated) {
    try {
      bytes = inflateRawSync(bytes.subarray(p))
    } catch (e) {
      throw new DicomReadError(`the dataset is declared deflated but does not inflate: ${(e as Error).message}`)
    }
    p = 0
    little = true
    explicit = true
  } else {
    if (!declaredShape) {
      notes.push(`no transfer syntax in the meta header: inferred ${guess.explicit ? 'explicit' : 'implicit'} VR ${guess.little ? 'little' : 'big'} endian`)
      ts = guess.explicit ? (guess.little ? TS.explicitLE : TS.explicitBE) : TS.implicitLE
      ;({little, explicit} = guess)
    } else if (declaredShape.explicit !== guess.explicit || declaredShape.little !== guess.little) {
      notes.push(`the meta header names transfer syntax ${ts}, but the dataset is ${guess.explicit ? 'explicit' : 'implicit'} VR ${guess.little ? 'little' : 'big'} endian: read as found`)
      ;({little, explicit} = guess)
    } else ({little, explicit} = declaredShape)
  }
  const dataset: DicomDataset = {}
  const c: Cursor = {bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), little, explicit, notes, charset: DEFAULT_CHARSET}
  let truncated: string | undefined
  try {
    readDataset(c, p, bytes.length, false, dataset)
  } catch (e) {
    if (!(e instanceof Truncated)) throw e
    if (Object.keys(dataset).length === 0) throw new DicomReadError(`no element could be read: ${e.message}`)
    truncated = e.message
  }
  const charsets = dataset['00080005']
  if (charsets) {
    const cs = charsetOf(textsOfElement(charsets))
    if (cs.unknown.length) notes.push(`unknown Specific Character Set ${cs.unknown.join(', ')}: text read as Latin-1`)
  }
  return {meta, dataset, transferSyntax: ts, hasPreamble, notes, ...(truncated ? {truncated} : {})}
}

const readOneElement = (c: Cursor, p: number, out: DicomDataset): number => {
  // Read exactly one element: bound the dataset reader by this element's own extent.
  const vrOk = c.explicit && isVrAt(c.bytes, p + 4)
  const vr = vrOk ? String.fromCharCode(c.bytes[p + 4]!, c.bytes[p + 5]!) : ''
  const len = vrOk ? (LONG_VRS.has(vr) ? c.view.getUint32(p + 8, true) : c.view.getUint16(p + 6, true)) : c.view.getUint32(p + 4, true)
  const head = vrOk ? (LONG_VRS.has(vr) ? 12 : 8) : 8
  if (len === 0xffffffff) throw new Truncated('an undefined length in the meta header')
  return readDataset(c, p, Math.min(c.bytes.length, p + head + len), false, out)
}
