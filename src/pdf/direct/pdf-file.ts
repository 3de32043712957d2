import {inflateSync} from 'node:zlib'

import {isDict, isWhite, latin1, nameOf, PdfKeyword, PdfLexer, PdfRef, Unsupported, type PdfDict, type PdfObject} from './pdf-objects.js'

/** A stream object: its dictionary and where its raw bytes lie in the file (or in a decoded object stream). */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly raw: Uint8Array,
  ) {}
}

export type Resolved = PdfObject | PdfStream

type XrefEntry = {readonly kind: 'offset'; readonly pos: number} | {readonly kind: 'compressed'; readonly stream: number; readonly index: number}

/** No decoded stream may be larger than this, nor all of them together: a deflate bomb stops the direct reader, and pdf.js (in its thread, with its heap cap and deadline) takes over. */
const MAX_DECODED = 64 * 1024 * 1024
const MAX_DECODED_TOTAL = 256 * 1024 * 1024

/**
 * One PDF file's object graph (ISO 32000-1 §7.5): cross-reference tables and streams (with /Prev chains and
 * hybrid /XRefStm), object streams, and Flate-encoded streams with PNG predictors. Encrypted files, damaged
 * cross-references and other filters are `Unsupported`: pdf.js, which repairs and decrypts, reads those.
 */
export class PdfFile {
  private readonly xref = new Map<number, XrefEntry>()
  private readonly cache = new Map<number, Resolved>()
  private readonly objStreams = new Map<number, {data: Uint8Array; offsets: Map<number, number>}>()
  private decoded = 0
  /** Font decoders by object number (or object), shared by the pages: the content reader fills it. */
  readonly fonts = new Map<unknown, unknown>()
  readonly trailer: PdfDict

  constructor(readonly bytes: Uint8Array) {
    this.trailer = this.readXrefChain(this.startXref())
    if (this.trailer.has('Encrypt')) throw new Unsupported('encrypted')
  }

  private startXref(): number {
    const b = this.bytes
    const from = Math.max(0, b.length - 2048)
    const tail = latin1(b, from, b.length)
    const at = tail.lastIndexOf('startxref')
    if (at < 0) throw new Unsupported('no startxref')
    const m = /^startxref\s+(\d+)/.exec(tail.slice(at))
    if (!m) throw new Unsupported('bad startxref')
    return Number(m[1])
  }

  private readXrefChain(first: number): PdfDict {
    let trailer: PdfDict | undefined
    const seen = new Set<number>()
    let pos: number | undefined = first
    while (pos !== undefined) {
      if (seen.has(pos) || seen.size > 64 || pos >= this.bytes.length) throw new Unsupported('bad cross-reference chain')
      seen.add(pos)
      const t = this.readXrefAt(pos)
      trailer ??= t
      const stm = t.get('XRefStm')
      if (typeof stm === 'number' && !seen.has(stm)) {
        seen.add(stm)
        this.readXrefAt(stm)
      }
      const prev = t.get('Prev')
      pos = typeof prev === 'number' ? prev : undefined
    }
    return trailer!
  }

  /** One section; entries already known (from a later update) win. Returns that section's trailer. */
  private readXrefAt(pos: number): PdfDict {
    const lx = new PdfLexer(this.bytes, pos)
    const first = lx.next()
    if (first instanceof PdfKeyword && first.word === 'xref') {
      for (;;) {
        const t = lx.next()
        if (t instanceof PdfKeyword && t.word === 'trailer') break
        const count = lx.next()
        if (typeof t !== 'number' || typeof count !== 'number' || count < 0 || count > 10_000_000) throw new Unsupported('bad xref subsection')
        for (let i = 0; i < count; i++) {
          const off = lx.next()
          lx.next()
          const kind = lx.next()
          if (typeof off !== 'number' || !(kind instanceof PdfKeyword)) throw new Unsupported('bad xref entry')
          if (kind.word === 'n' && !this.xref.has(t + i) && off > 0) this.xref.set(t + i, {kind: 'offset', pos: off})
        }
      }
      const trailer = lx.next()
      if (!isDict(trailer)) throw new Unsupported('no trailer dictionary')
      return trailer
    }
    // A cross-reference stream: "n g obj << /Type /XRef … >> stream".
    const obj = this.parseIndirectAt(pos)
    if (!(obj instanceof PdfStream) || nameOf(obj.dict.get('Type')) !== 'XRef') throw new Unsupported('startxref points at neither a table nor a stream')
    const w = obj.dict.get('W')
    if (!Array.isArray(w) || w.length !== 3 || !w.every((x) => typeof x === 'number' && x >= 0 && x <= 8)) throw new Unsupported('bad /W')
    const [w0, w1, w2] = w as number[]
    const size = obj.dict.get('Size')
    const index = obj.dict.get('Index') ?? [0, typeof size === 'number' ? size : 0]
    if (!Array.isArray(index)) throw new Unsupported('bad /Index')
    const data = this.decode(obj)
    const rec = w0! + w1! + w2!
    let p = 0
    const field = (n: number, dflt: number): number => {
      if (n === 0) return dflt
      let v = 0
      for (let k = 0; k < n; k++) v = v * 256 + data[p++]!
      return v
    }
    for (let s = 0; s + 1 < index.length; s += 2) {
      const start = index[s]
      const count = index[s + 1]
      if (typeof start !== 'number' || typeof count !== 'number') throw new Unsupported('bad /Index')
      for (let i = 0; i < count; i++) {
        if (p + rec > data.length) throw new Unsupported('xref stream too short')
        const type = field(w0!, 1)
        const a = field(w1!, 0)
        const b = field(w2!, 0)
        const num = start + i
        if (this.xref.has(num)) continue
        if (type === 1 && a > 0) this.xref.set(num, {kind: 'offset', pos: a})
        else if (type === 2) this.xref.set(num, {kind: 'compressed', stream: a, index: b})
      }
    }
    return obj.dict
  }

  private parseIndirectAt(pos: number): Resolved {
    const lx = new PdfLexer(this.bytes, pos)
    const num = lx.next()
    const gen = lx.next()
    const kw = lx.next()
    if (typeof num !== 'number' || typeof gen !== 'number' || !(kw instanceof PdfKeyword) || kw.word !== 'obj') throw new Unsupported('cross-reference offset does not point at an object')
    const value = lx.next()
    lx.skipWhite()
    const b = this.bytes
    if (isDict(value) && latin1(b, lx.pos, lx.pos + 6) === 'stream') {
      let start = lx.pos + 6
      if (b[start] === 13) start++
      if (b[start] === 10) start++
      const lenObj = value.get('Length')
      let len = typeof lenObj === 'number' ? lenObj : lenObj instanceof PdfRef ? this.resolve(lenObj) : undefined
      const endsRight = (l: number): boolean => {
        let e = start + l
        while (e < b.length && isWhite(b[e]!)) e++
        return latin1(b, e, e + 9) === 'endstream'
      }
      if (typeof len !== 'number' || len < 0 || start + len > b.length || !endsRight(len)) {
        // A wrong /Length is common; the stream then ends where "endstream" is.
        const at = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf('endstream', start, 'latin1')
        if (at < 0) throw new Unsupported('stream without endstream')
        let e = at
        if (b[e - 1] === 10) e--
        if (b[e - 1] === 13) e--
        len = e - start
      }
      return new PdfStream(value, b.subarray(start, start + (len as number)))
    }
    return value
  }

  private objectStream(num: number): {data: Uint8Array; offsets: Map<number, number>} {
    const hit = this.objStreams.get(num)
    if (hit) return hit
    const s = this.object(num)
    if (!(s instanceof PdfStream)) throw new Unsupported('object stream is not a stream')
    const data = this.decode(s)
    const n = s.dict.get('N')
    const first = s.dict.get('First')
    if (typeof n !== 'number' || typeof first !== 'number') throw new Unsupported('bad object stream')
    const lx = new PdfLexer(data, 0, first, false)
    const offsets = new Map<number, number>()
    for (let i = 0; i < n; i++) {
      const o = lx.next()
      const off = lx.next()
      if (typeof o !== 'number' || typeof off !== 'number') throw new Unsupported('bad object stream header')
      offsets.set(i, first + off)
      offsets.set(-1 - o, first + off)
    }
    const entry = {data, offsets}
    this.objStreams.set(num, entry)
    return entry
  }

  private object(num: number): Resolved {
    if (this.cache.has(num)) return this.cache.get(num)!
    this.cache.set(num, null) // a reference cycle reads as null rather than looping
    const e = this.xref.get(num)
    let v: Resolved = null
    if (e?.kind === 'offset') v = this.parseIndirectAt(e.pos)
    else if (e?.kind === 'compressed') {
      const os = this.objectStream(e.stream)
      const at = os.offsets.get(-1 - num) ?? os.offsets.get(e.index)
      if (at === undefined) throw new Unsupported('object missing from its object stream')
      v = new PdfLexer(os.data, at).next()
    }
    this.cache.set(num, v)
    return v
  }

  resolve(o: Resolved | undefined): Resolved {
    let v: Resolved | undefined = o
    for (let depth = 0; v instanceof PdfRef; depth++) {
      if (depth > 32) throw new Unsupported('reference chain too long')
      v = this.object(v.num)
    }
    return v ?? null
  }

  /** A dictionary entry, references followed. */
  get(d: PdfDict, key: string): Resolved {
    return this.resolve(d.get(key))
  }

  dictOf(o: Resolved | undefined): PdfDict | undefined {
    const v = this.resolve(o)
    return v instanceof PdfStream ? v.dict : isDict(v) ? v : undefined
  }

  /** A stream's decoded bytes (Flate with or without a PNG or TIFF-none predictor, or no filter). */
  decode(s: PdfStream): Uint8Array {
    const f = this.resolve(s.dict.get('Filter'))
    const filters = f === null ? [] : Array.isArray(f) ? f.map((x) => nameOf(this.resolve(x))) : [nameOf(f)]
    const parmsRaw = this.resolve(s.dict.get('DecodeParms'))
    const parms = Array.isArray(parmsRaw) ? parmsRaw.map((p) => this.dictOf(p)) : [this.dictOf(parmsRaw)]
    let data = s.raw
    filters.forEach((name, i) => {
      if (name === 'FlateDecode' || name === 'Fl') {
        try {
          data = inflateSync(data, {maxOutputLength: MAX_DECODED})
        } catch {
          throw new Unsupported('damaged or oversized Flate stream')
        }
        this.decoded += data.length
        if (this.decoded > MAX_DECODED_TOTAL) throw new Unsupported('too much decoded data')
        data = unpredict(data, parms[i])
      } else throw new Unsupported(`filter ${name ?? '?'}`)
    })
    return data
  }
}

const unpredict = (data: Uint8Array, parms: PdfDict | undefined): Uint8Array => {
  const predictor = parms?.get('Predictor')
  if (typeof predictor !== 'number' || predictor === 1) return data
  if (predictor < 10) throw new Unsupported('TIFF predictor')
  const colors = (parms!.get('Colors') as number | undefined) ?? 1
  const bpc = (parms!.get('BitsPerComponent') as number | undefined) ?? 8
  const columns = (parms!.get('Columns') as number | undefined) ?? 1
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8))
  const rowLen = Math.ceil((colors * bpc * columns) / 8)
  const rows = Math.floor(data.length / (rowLen + 1))
  const out = new Uint8Array(rows * rowLen)
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)]!
    const src = r * (rowLen + 1) + 1
    const dst = r * rowLen
    for (let i = 0; i < rowLen; i++) {
      const x = data[src + i]!
      const a = i >= bpp ? out[dst + i - bpp]! : 0
      const up = r > 0 ? out[dst - rowLen + i]! : 0
      const ul = r > 0 && i >= bpp ? out[dst - rowLen + i - bpp]! : 0
      let v: number
      if (type === 0) v = x
      else if (type === 1) v = x + a
      else if (type === 2) v = x + up
      else if (type === 3) v = x + ((a + up) >> 1)
      else if (type === 4) {
        const p = a + up - ul
        const pa = Math.abs(p - a)
        const pb = Math.abs(p - up)
        const pc = Math.abs(p - ul)
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? up : ul)
      } else throw new Unsupported('bad PNG predictor row')
      out[dst + i] = v & 0xff
    }
  }
  return out
}
