import {inflateSync} from 'node:zlib'

export interface SignatureParts {
  readonly byteRange: readonly [number, number, number, number]
  /** The CMS, without the placeholder's zero padding. */
  readonly cms: Buffer
  readonly signedBytes: Buffer
  /** Where the signature dictionary's /Contents hex string lies, `<` to just past `>`; undefined if absent. */
  readonly contents?: {readonly start: number; readonly end: number}
  /** Non-zero bytes in the reserved space after the CMS: written after signing, outside what the digest covers. */
  readonly paddingWritten: number
}

/**
 * The CMS is zero-padded to the placeholder's size. Its own DER length says where it ends: stripping trailing
 * zero bytes instead would also cut a signature whose last byte happens to be 0x00 (about one in 256).
 */
export const withoutPadding = (padded: Buffer): Buffer => {
  if (padded.length < 2 || padded[0] !== 0x30) return padded
  const first = padded[1]!
  if (first === 0x80) return padded // indefinite length: BER, not what our signer writes; leave it to the parser
  let len = first
  let header = 2
  if (first > 0x80) {
    const n = first & 0x7f
    if (n > 4 || padded.length < 2 + n) return padded
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + padded[2 + i]!
    header = 2 + n
  }
  return padded.subarray(0, Math.min(padded.length, header + len))
}

/** Every /ByteRange in the file with its /Contents: a report scanvet signed has exactly one. */
export const findSignatures = (pdf: Buffer): SignatureParts[] => {
  const text = pdf.toString('latin1')
  const out: SignatureParts[] = []
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const br = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as const
    const [a, b, c, d] = br
    // The /Contents of the same signature dictionary: between the object's start and its endobj.
    const objStart = Math.max(0, text.lastIndexOf(' obj', m.index))
    const objEnd = text.indexOf('endobj', m.index)
    const body = text.slice(objStart, objEnd < 0 ? undefined : objEnd)
    const cm = /\/Contents\s*</.exec(body)
    const start = cm ? objStart + cm.index + cm[0].length - 1 : -1
    const close = start >= 0 ? text.indexOf('>', start) : -1
    const contents = start >= 0 && close > start ? {start, end: close + 1} : undefined
    const hex = contents ? (/^<([0-9A-Fa-f]*)>$/.exec(text.slice(contents.start, contents.end))?.[1] ?? '') : ''
    const padded = Buffer.from(hex, 'hex')
    const cms = withoutPadding(padded)
    const paddingWritten = padded.subarray(cms.length).reduce((n, x) => n + (x === 0 ? 0 : 1), 0)
    const safe = (x: number) => Math.max(0, Math.min(pdf.length, x))
    const signedBytes = Buffer.concat([pdf.subarray(safe(a), safe(a + b)), pdf.subarray(safe(c), safe(c + d))])
    out.push({byteRange: br, cms, signedBytes, paddingWritten, ...(contents ? {contents} : {})})
  }
  return out
}

/**
 * The embedded files of a PDF, by name: the streams of /Type /EmbeddedFile objects paired with the /F names of
 * the file specifications that point at them. Enough for the reports scanvet writes (pdfkit, one xref, no
 * object streams); not a general PDF parser.
 */
export const embeddedFiles = (pdf: Buffer): Map<string, Buffer> => {
  const text = pdf.toString('latin1')
  const streams = new Map<string, Buffer>()
  const objRe = /(\d+) 0 obj\s*<<([\s\S]*?)>>\s*stream\r?\n/g
  for (const m of text.matchAll(objRe)) {
    const dict = m[2]!
    if (!/\/Type\s*\/EmbeddedFile\b/.test(dict)) continue
    const length = Number(/\/Length\s+(\d+)/.exec(dict)?.[1] ?? -1)
    if (length < 0) continue
    const start = m.index! + m[0].length
    const raw = pdf.subarray(start, start + length)
    try {
      streams.set(m[1]!, /\/Filter\s*\/FlateDecode/.test(dict) ? inflateSync(raw) : Buffer.from(raw))
    } catch {
      // A damaged stream is reported as a missing attachment.
    }
  }
  const files = new Map<string, Buffer>()
  for (const m of text.matchAll(/\/Type\s*\/Filespec[\s\S]*?>>\s*>>/g)) {
    const spec = m[0]
    const name = /\/F\s*\(([^)]*)\)/.exec(spec)?.[1]
    const ref = /\/EF\s*<<\s*\/F\s+(\d+) 0 R/.exec(spec)?.[1]
    if (name && ref && streams.has(ref)) files.set(name, streams.get(ref)!)
  }
  return files
}
