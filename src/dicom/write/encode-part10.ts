// scanvet's own DICOM Part 10 writer, for `dicom deid`: it writes the datasets scanvet's reader returns (dcmjs's
// shape), so de-identification reads each file once, with the reader `dicom check` trusts, and never goes through
// a second library's idea of the file. Output is Explicit VR Little Endian, the transfer syntax every DICOM
// reader must accept (PS3.5 10.1), unless the pixel data is encapsulated (compressed): then the file keeps its
// compressed transfer syntax, whose dataset is Explicit VR Little Endian too. Big-endian input is byte-swapped,
// deflated input written inflated. Text is written as ASCII where it is ASCII; otherwise as UTF-8 with every
// Specific Character Set (0008,0005) set to ISO_IR 192, since the decoded text no longer carries ISO 2022 escapes.
// Checked by dcmtk's dcmftest/dcmdump and dciodvfy in test/interop/dicom-deid-tools.test.ts.
import type {DicomDataset, DicomElement, Part10} from '../read/dicom-file.js'
import {TS} from '../read/parse-dicom.js'
import {valueText} from '../read/tags.js'
import {IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME} from '../uid.js'

const LONG_VRS: ReadonlySet<string> = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV'])
const TEXT_VRS: ReadonlySet<string> = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT'])
const KNOWN_VRS: ReadonlySet<string> = new Set([...LONG_VRS, ...TEXT_VRS, 'AT', 'FD', 'FL', 'SL', 'SS', 'UL', 'US'])
/** Binary VRs whose words are byte-swapped between big and little endian, by word size. */
const WORD: Readonly<Record<string, number>> = {OW: 2, OF: 4, OL: 4, OD: 8, OV: 8}
const ENCAPSULATED_OK = (ts: string): boolean => ts !== TS.implicitLE && ts !== TS.explicitLE && ts !== TS.explicitBE && ts !== TS.deflated

/** Growing byte buffer: elements are written once, front to back. */
class Out {
  private buf = new Uint8Array(64 * 1024)
  private view = new DataView(this.buf.buffer)
  length = 0
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < this.length + n) size *= 2
    const next = new Uint8Array(size)
    next.set(this.buf.subarray(0, this.length))
    this.buf = next
    this.view = new DataView(next.buffer)
  }
  u16(v: number): void {
    this.room(2)
    this.view.setUint16(this.length, v, true)
    this.length += 2
  }
  u32(v: number): void {
    this.room(4)
    this.view.setUint32(this.length, v >>> 0, true)
    this.length += 4
  }
  bytes(b: Uint8Array): void {
    this.room(b.length)
    this.buf.set(b, this.length)
    this.length += b.length
  }
  ascii(s: string): void {
    this.room(s.length)
    for (let i = 0; i < s.length; i++) this.buf[this.length + i] = s.charCodeAt(i) & 0xff
    this.length += s.length
  }
  patchU32(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0, true)
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length)
  }
}

const utf8 = new TextEncoder()

const isAsciiText = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false
  return true
}

const textOf = (vr: string, values: readonly unknown[]): string =>
  values
    .map((v) => {
      if (vr === 'PN' && v !== null && typeof v === 'object') {
        const pn = v as {Alphabetic?: string; Ideographic?: string; Phonetic?: string}
        return [pn.Alphabetic ?? '', pn.Ideographic ?? '', pn.Phonetic ?? ''].join('=').replace(/=+$/, '')
      }
      return valueText(v) ?? ''
    })
    .join('\\')

const binaryOf = (v: unknown): Uint8Array => {
  if (v instanceof Uint8Array) return v
  if (v instanceof ArrayBuffer) return new Uint8Array(v)
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
  return new Uint8Array(0)
}

const swapped = (b: Uint8Array, word: number): Uint8Array => {
  const out = new Uint8Array(b.length)
  for (let i = 0; i + word <= b.length; i += word) for (let k = 0; k < word; k++) out[i + k] = b[i + word - 1 - k]!
  return out
}

/** Does any text in the dataset (items included) need more than ASCII? */
const needsUnicode = (ds: DicomDataset): boolean => {
  for (const el of Object.values(ds)) {
    if (el.vr === 'SQ') {
      if (((el.Value ?? []) as DicomDataset[]).some(needsUnicode)) return true
    } else if (TEXT_VRS.has(el.vr) && !isAsciiText(textOf(el.vr, el.Value ?? []))) return true
  }
  return false
}

interface Writing {
  readonly unicode: boolean
}

const header = (out: Out, key: string, vr: string, length: number): void => {
  out.u16(parseInt(key.slice(0, 4), 16))
  out.u16(parseInt(key.slice(4, 8), 16))
  out.ascii(vr)
  if (LONG_VRS.has(vr)) {
    out.u16(0)
    out.u32(length)
  } else out.u16(length)
}

/** One element's value bytes (even length), or undefined for a sequence or encapsulated pixel data. */
const valueBytes = (key: string, el: DicomElement, w: Writing): Uint8Array => {
  const values = el.Value ?? []
  const vr = el.vr
  if (TEXT_VRS.has(vr)) {
    let text = textOf(vr, values)
    if (key === '00080005' && w.unicode) text = 'ISO_IR 192'
    const b = w.unicode ? utf8.encode(text) : Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff)
    if (b.length % 2 === 0) return b
    const padded = new Uint8Array(b.length + 1)
    padded.set(b)
    padded[b.length] = vr === 'UI' ? 0 : 0x20
    return padded
  }
  const numbers = (size: number, put: (v: DataView, at: number, n: number) => void): Uint8Array => {
    const nums = values.filter((v): v is number => typeof v === 'number')
    const b = new Uint8Array(nums.length * size)
    const v = new DataView(b.buffer)
    nums.forEach((n, i) => put(v, i * size, n))
    return b
  }
  switch (vr) {
    case 'US':
      return numbers(2, (v, at, n) => v.setUint16(at, n, true))
    case 'SS':
      return numbers(2, (v, at, n) => v.setInt16(at, n, true))
    case 'UL':
      return numbers(4, (v, at, n) => v.setUint32(at, n, true))
    case 'SL':
      return numbers(4, (v, at, n) => v.setInt32(at, n, true))
    case 'FL':
      return numbers(4, (v, at, n) => v.setFloat32(at, n, true))
    case 'FD':
      return numbers(8, (v, at, n) => v.setFloat64(at, n, true))
    case 'AT': {
      const tags = values.filter((t): t is string => typeof t === 'string' && /^[0-9A-Fa-f]{8}$/.test(t))
      const b = new Uint8Array(tags.length * 4)
      const v = new DataView(b.buffer)
      tags.forEach((t, i) => {
        v.setUint16(i * 4, parseInt(t.slice(0, 4), 16), true)
        v.setUint16(i * 4 + 2, parseInt(t.slice(4, 8), 16), true)
      })
      return b
    }
    default: {
      const parts = values.map(binaryOf)
      let b = parts.length === 1 ? parts[0]! : Uint8Array.from(parts.flatMap((p) => [...p]))
      const raw = el._rawValue as {littleEndian?: boolean} | undefined
      const word = WORD[vr]
      if (raw?.littleEndian === false && word) b = swapped(b, word)
      if (b.length % 2 === 0) return b
      const padded = new Uint8Array(b.length + 1)
      padded.set(b)
      return padded
    }
  }
}

const writeDataset = (out: Out, ds: DicomDataset, w: Writing): void => {
  for (const key of Object.keys(ds).sort()) {
    if (key.startsWith('0002')) continue
    // Group lengths (gggg,0000) are retired in datasets and would be wrong once elements are removed.
    if (key.endsWith('0000')) continue
    const el = ds[key]!
    const raw = el._rawValue as {encapsulated?: boolean; offsetTable?: Uint8Array} | undefined
    if (el.vr === 'SQ') {
      // Undefined lengths with delimiters: valid everywhere, and no lengths to compute ahead.
      header(out, key, 'SQ', 0xffffffff)
      for (const item of (el.Value ?? []) as DicomDataset[]) {
        out.u16(0xfffe)
        out.u16(0xe000)
        out.u32(0xffffffff)
        writeDataset(out, item, w)
        out.u16(0xfffe)
        out.u16(0xe00d)
        out.u32(0)
      }
      out.u16(0xfffe)
      out.u16(0xe0dd)
      out.u32(0)
      continue
    }
    if (raw?.encapsulated) {
      header(out, key, 'OB', 0xffffffff)
      for (const frag of [raw.offsetTable ?? new Uint8Array(0), ...(el.Value ?? []).map(binaryOf)]) {
        out.u16(0xfffe)
        out.u16(0xe000)
        out.u32(frag.length + (frag.length % 2))
        out.bytes(frag)
        if (frag.length % 2) out.bytes(new Uint8Array(1))
      }
      out.u16(0xfffe)
      out.u16(0xe0dd)
      out.u32(0)
      continue
    }
    const value = valueBytes(key, el, w)
    // An unknown VR, or a value too long for a 2-byte length, is written as UN (PS3.5 6.2.2).
    const vr = KNOWN_VRS.has(el.vr) && (LONG_VRS.has(el.vr) || value.length <= 0xfffe) ? el.vr : 'UN'
    header(out, key, vr, value.length)
    out.bytes(value)
  }
}

/** Serialise meta + dataset as a Part 10 file (see the note at the top for the transfer syntax written). */
export const encodePart10 = (file: Part10, sourceTransferSyntax: string): Uint8Array => {
  const encapsulated = Object.values(file.dataset).some((el) => (el._rawValue as {encapsulated?: boolean} | undefined)?.encapsulated)
  if (encapsulated && !ENCAPSULATED_OK(sourceTransferSyntax)) throw new Error(`encapsulated pixel data in a file of transfer syntax ${sourceTransferSyntax}`)
  const ts = encapsulated ? sourceTransferSyntax : TS.explicitLE
  const w: Writing = {unicode: needsUnicode(file.dataset)}
  const out = new Out()
  out.bytes(new Uint8Array(128))
  out.ascii('DICM')
  // File meta: explicit VR little endian always, its group length first.
  // The implementation is the one that wrote the file (PS3.10 7.1): scanvet, not the original's device.
  const meta: DicomDataset = {
    ...file.meta,
    '00020010': {vr: 'UI', Value: [ts]},
    '00020012': {vr: 'UI', Value: [IMPLEMENTATION_CLASS_UID]},
    '00020013': {vr: 'SH', Value: [IMPLEMENTATION_VERSION_NAME]},
  }
  if (!meta['00020001']) meta['00020001'] = {vr: 'OB', Value: [new Uint8Array([0, 1])]}
  header(out, '00020000', 'UL', 4)
  const lengthAt = out.length
  out.u32(0)
  const start = out.length
  for (const key of Object.keys(meta).sort()) {
    if (key === '00020000') continue
    const el = meta[key]!
    const value = valueBytes(key, el, {unicode: false})
    header(out, key, KNOWN_VRS.has(el.vr) ? el.vr : 'UN', value.length)
    out.bytes(value)
  }
  out.patchU32(lengthAt, out.length - start)
  writeDataset(out, file.dataset, w)
  return out.result()
}
