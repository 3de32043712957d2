// A small independent DICOM encoder for reader tests: one dataset written in every layout the reader must
// accept (explicit/implicit VR, both byte orders, with and without preamble and meta header, deflated, UN
// sequences, ISO 2022 text). Independent of dcmjs and of scanvet's reader, so the two cannot share a mistake.
import {deflateRawSync} from 'node:zlib'

export type El = {tag: number; vr: string; value: Uint8Array | string | El[][]}

export interface Layout {
  readonly explicit: boolean
  readonly little: boolean
  readonly preamble: boolean
  readonly meta: boolean
  /** Write the meta header without (0002,0010). */
  readonly dropTransferSyntax?: boolean
  readonly deflate?: boolean
  /** Write sequences as VR UN of undefined length (implicit inside). */
  readonly unSequences?: boolean
}

const LONG = new Set(['OB', 'OW', 'SQ', 'UN', 'UT', 'UC', 'UR'])

const u16 = (n: number, little: boolean) => {
  const b = Buffer.alloc(2)
  little ? b.writeUInt16LE(n) : b.writeUInt16BE(n)
  return b
}
const u32 = (n: number, little: boolean) => {
  const b = Buffer.alloc(4)
  little ? b.writeUInt32LE(n >>> 0) : b.writeUInt32BE(n >>> 0)
  return b
}

const valueBytes = (e: El): Buffer => {
  if (typeof e.value === 'string') {
    const b = Buffer.from(e.value, 'latin1')
    return b.length % 2 ? Buffer.concat([b, Buffer.from(e.vr === 'UI' ? [0] : [0x20])]) : b
  }
  if (e.value instanceof Uint8Array) return Buffer.from(e.value)
  throw new Error('sequence')
}

const encode = (els: readonly El[], explicit: boolean, little: boolean, unSeq: boolean): Buffer => {
  const parts: Buffer[] = []
  for (const e of [...els].sort((a, b) => a.tag - b.tag)) {
    const tag = Buffer.concat([u16(e.tag >>> 16, little), u16(e.tag & 0xffff, little)])
    if (Array.isArray(e.value)) {
      const asUn = unSeq
      const inner = (items: El[][], ex: boolean, le: boolean) =>
        Buffer.concat([...items.map((it) => Buffer.concat([u16(0xfffe, le), u16(0xe000, le), u32(0xffffffff, le), encode(it, ex, le, false), u16(0xfffe, le), u16(0xe00d, le), u32(0, le)])), u16(0xfffe, le), u16(0xe0dd, le), u32(0, le)])
      if (asUn && explicit) parts.push(tag, Buffer.from('UN'), Buffer.alloc(2), u32(0xffffffff, little), inner(e.value, false, true))
      else if (explicit) parts.push(tag, Buffer.from('SQ'), Buffer.alloc(2), u32(0xffffffff, little), inner(e.value, explicit, little))
      else parts.push(tag, u32(0xffffffff, little), inner(e.value, explicit, little))
      continue
    }
    let v = valueBytes(e)
    if (!little && (e.vr === 'US' || e.vr === 'OW')) v = Buffer.from(v).swap16()
    if (!little && e.vr === 'UL') v = Buffer.from(v).swap32()
    if (explicit) parts.push(tag, Buffer.from(e.vr), ...(LONG.has(e.vr) ? [Buffer.alloc(2), u32(v.length, little)] : [u16(v.length, little)]), v)
    else parts.push(tag, u32(v.length, little), v)
  }
  return Buffer.concat(parts)
}

export const encodeFile = (dataset: readonly El[], layout: Layout): Uint8Array => {
  const ts = layout.deflate ? '1.2.840.10008.1.2.1.99' : !layout.explicit ? '1.2.840.10008.1.2' : layout.little ? '1.2.840.10008.1.2.1' : '1.2.840.10008.1.2.2'
  let body = encode(dataset, layout.explicit, layout.little, layout.unSequences ?? false)
  if (layout.deflate) body = deflateRawSync(body)
  const metaEls: El[] = [
    {tag: 0x00020001, vr: 'OB', value: Uint8Array.from([0, 1])},
    {tag: 0x00020002, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.7'},
    {tag: 0x00020003, vr: 'UI', value: '2.25.1234567'},
    ...(layout.dropTransferSyntax ? [] : [{tag: 0x00020010, vr: 'UI', value: ts}]),
  ]
  const metaBody = encode(metaEls, true, true, false)
  const meta = layout.meta ? Buffer.concat([encode([{tag: 0x00020000, vr: 'UL', value: u32(metaBody.length, true)}], true, true, false), metaBody]) : Buffer.alloc(0)
  return Buffer.concat([layout.preamble ? Buffer.concat([Buffer.alloc(128), Buffer.from('DICM')]) : layout.meta ? Buffer.from('DICM') : Buffer.alloc(0), meta, body])
}
