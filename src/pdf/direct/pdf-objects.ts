/*
 * PDF objects and their syntax (ISO 32000-1 §7.2–7.3), for scanvet's direct text reader. Only what reading text
 * needs: numbers, names, strings, arrays, dictionaries, references and the stream keyword. Anything the reader does
 * not understand throws `Unsupported`, and the caller then hands the whole file to pdf.js: the direct reader is a
 * fast path, never a second opinion.
 */

/** Thrown for any construct the direct reader does not handle; the document then goes to pdf.js. */
export class Unsupported extends Error {
  override readonly name = 'Unsupported'
}

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

/** An operator (content streams) or a keyword such as `obj`, `stream`, `endobj`. */
export class PdfKeyword {
  constructor(readonly word: string) {}
}

export type PdfDict = Map<string, PdfObject>

export type PdfObject = number | boolean | null | PdfName | Uint8Array | PdfRef | PdfKeyword | PdfObject[] | PdfDict

const WS = new Uint8Array(256)
for (const c of [0, 9, 10, 12, 13, 32]) WS[c] = 1
const DELIM = new Uint8Array(256)
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1

export const isWhite = (c: number): boolean => WS[c] === 1
const isRegular = (c: number): boolean => WS[c] !== 1 && DELIM[c] !== 1

const hexValue = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1)

const END_ARRAY = Symbol('end-array')
const END_DICT = Symbol('end-dict')

/** A tokenizer and object parser over a byte range. `allowRefs` is off for content streams, which have no references. */
export class PdfLexer {
  pos: number
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
    private readonly allowRefs = true,
  ) {
    this.pos = start
  }

  skipWhite(): void {
    const b = this.bytes
    while (this.pos < this.end) {
      const c = b[this.pos]!
      if (WS[c] === 1) this.pos++
      else if (c === 37) {
        while (this.pos < this.end && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++
      } else return
    }
  }

  atEnd(): boolean {
    this.skipWhite()
    return this.pos >= this.end
  }

  /** The next object; keywords come back as PdfKeyword. Throws Unsupported on malformed syntax. */
  next(): PdfObject {
    const v = this.value()
    if (v === END_ARRAY || v === END_DICT) throw new Unsupported('unbalanced ] or >>')
    return v
  }

  private value(): PdfObject | typeof END_ARRAY | typeof END_DICT {
    this.skipWhite()
    const b = this.bytes
    if (this.pos >= this.end) throw new Unsupported('unexpected end of data')
    const c = b[this.pos]!
    if (c === 47) return this.name()
    if (c === 40) return this.literal()
    if (c === 60) {
      if (b[this.pos + 1] === 60) {
        this.pos += 2
        return this.dict()
      }
      return this.hex()
    }
    if (c === 62) {
      if (b[this.pos + 1] === 62) {
        this.pos += 2
        return END_DICT
      }
      throw new Unsupported('stray >')
    }
    if (c === 91) {
      this.pos++
      const out: PdfObject[] = []
      for (;;) {
        const v = this.value()
        if (v === END_ARRAY) return out
        if (v === END_DICT) throw new Unsupported('>> inside an array')
        out.push(v)
      }
    }
    if (c === 93) {
      this.pos++
      return END_ARRAY
    }
    if (c === 123 || c === 125) {
      this.pos++
      return new PdfKeyword(String.fromCharCode(c))
    }
    const start = this.pos
    while (this.pos < this.end && isRegular(b[this.pos]!)) this.pos++
    if (this.pos === start) throw new Unsupported(`unexpected byte ${c}`)
    // Content streams are mostly numbers and operators: numbers are read from the bytes and operators interned,
    // so the common tokens allocate nothing.
    let n = numberAt(b, start, this.pos)
    if (n === undefined) {
      const len = this.pos - start
      // Operators are one to three bytes: looked up by their bytes, without making a string.
      const short = len <= 3 ? len | (b[start]! << 8) | ((len > 1 ? b[start + 1]! : 0) << 16) | ((len > 2 ? b[start + 2]! : 0) * 16777216) : -1
      const known = short >= 0 ? SHORT_KEYWORDS.get(short) : undefined
      if (known) return known
      const word = latin1(b, start, this.pos)
      n = numberOf(word)
      if (n === undefined) {
        if (word === 'true') return true
        if (word === 'false') return false
        if (word === 'null') return null
        let k = KEYWORDS.get(word)
        if (!k) {
          k = new PdfKeyword(word)
          if (KEYWORDS.size < 512) KEYWORDS.set(word, k)
        }
        if (short >= 0 && SHORT_KEYWORDS.size < 512) SHORT_KEYWORDS.set(short, k)
        return k
      }
    }
    if (this.allowRefs && Number.isInteger(n) && n >= 0) {
      // "12 0 R": look ahead without consuming unless the whole pattern is there.
      const save = this.pos
      this.skipWhite()
      const g0 = this.pos
      while (this.pos < this.end && b[this.pos]! >= 48 && b[this.pos]! <= 57) this.pos++
      if (this.pos > g0 && this.pos < this.end && isWhite(b[this.pos]!)) {
        const gen = Number(latin1(b, g0, this.pos))
        this.skipWhite()
        if (b[this.pos] === 82 && (this.pos + 1 >= this.end || !isRegular(b[this.pos + 1]!))) {
          this.pos++
          return new PdfRef(n, gen)
        }
      }
      this.pos = save
    }
    return n
  }

  private name(): PdfName {
    const b = this.bytes
    this.pos++
    let s = ''
    while (this.pos < this.end && isRegular(b[this.pos]!)) {
      const c = b[this.pos]!
      if (c === 35 && this.pos + 2 < this.end) {
        const h = hexValue(b[this.pos + 1]!) * 16 + hexValue(b[this.pos + 2]!)
        if (h >= 0) {
          s += String.fromCharCode(h)
          this.pos += 3
          continue
        }
      }
      s += String.fromCharCode(c)
      this.pos++
    }
    return new PdfName(s)
  }

  private literal(): Uint8Array {
    const b = this.bytes
    this.pos++
    const out: number[] = []
    let depth = 1
    while (this.pos < this.end) {
      const c = b[this.pos++]!
      if (c === 92) {
        const e = b[this.pos++]
        if (e === undefined) break
        if (e === 110) out.push(10)
        else if (e === 114) out.push(13)
        else if (e === 116) out.push(9)
        else if (e === 98) out.push(8)
        else if (e === 102) out.push(12)
        else if (e === 13) {
          if (b[this.pos] === 10) this.pos++
        } else if (e === 10) {
          // a line continuation
        } else if (e >= 48 && e <= 55) {
          let v = e - 48
          for (let k = 0; k < 2 && b[this.pos]! >= 48 && b[this.pos]! <= 55; k++) v = v * 8 + (b[this.pos++]! - 48)
          out.push(v & 0xff)
        } else out.push(e)
      } else if (c === 40) {
        depth++
        out.push(c)
      } else if (c === 41) {
        if (--depth === 0) return Uint8Array.from(out)
        out.push(c)
      } else out.push(c)
    }
    throw new Unsupported('unterminated string')
  }

  private hex(): Uint8Array {
    const b = this.bytes
    this.pos++
    // One allocation of the most the string can hold (content streams carry thousands of short hex strings).
    const close = b.indexOf(62, this.pos)
    if (close < 0 || close >= this.end) throw new Unsupported('unterminated hex string')
    const out = new Uint8Array((close - this.pos + 1) >> 1)
    let n = 0
    let hi = -1
    for (; this.pos < close; this.pos++) {
      const c = b[this.pos]!
      const v = hexValue(c)
      if (v < 0) {
        if (isWhite(c)) continue
        throw new Unsupported('bad hex string')
      }
      if (hi < 0) hi = v
      else {
        out[n++] = (hi << 4) | v
        hi = -1
      }
    }
    this.pos = close + 1
    if (hi >= 0) out[n++] = hi << 4
    return n === out.length ? out : out.subarray(0, n)
  }

  private dict(): PdfDict {
    const d: PdfDict = new Map()
    for (;;) {
      const k = this.value()
      if (k === END_DICT) return d
      if (!(k instanceof PdfName)) throw new Unsupported('dictionary key is not a name')
      const v = this.value()
      if (v === END_DICT || v === END_ARRAY) throw new Unsupported('dictionary key without a value')
      d.set(k.name, v)
    }
  }
}

export const latin1 = (b: Uint8Array, start: number, end: number): string => {
  let s = ''
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!)
  return s
}

const KEYWORDS = new Map<string, PdfKeyword>()
const SHORT_KEYWORDS = new Map<number, PdfKeyword>()

/** An unsigned decimal number (`12`, `3.25`, `.5`, `-7`) read straight from the bytes, or undefined for anything else. */
const numberAt = (b: Uint8Array, start: number, end: number): number | undefined => {
  let i = start
  let sign = 1
  if (b[i] === 45) {
    sign = -1
    i++
  }
  let int = 0
  let digits = 0
  while (i < end && b[i]! >= 48 && b[i]! <= 57) {
    int = int * 10 + (b[i]! - 48)
    i++
    digits++
  }
  if (i === end) return digits > 0 && digits < 16 ? sign * int : undefined
  if (b[i] !== 46) return undefined
  i++
  let frac = 0
  let scale = 1
  while (i < end && b[i]! >= 48 && b[i]! <= 57 && scale < 1e15) {
    frac = frac * 10 + (b[i]! - 48)
    scale *= 10
    i++
    digits++
  }
  // Long or unusual forms go to the general parser, which gives exactly what Number() gives.
  return i === end && digits > 0 && digits < 16 ? sign * (int + frac / scale) : undefined
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/
const numberOf = (word: string): number | undefined => (NUMBER.test(word) ? Number(word) : undefined)

export const isDict = (o: unknown): o is PdfDict => o instanceof Map
export const nameOf = (o: unknown): string | undefined => (o instanceof PdfName ? o.name : undefined)
export const numberOrUndefined = (o: PdfObject | undefined): number | undefined => (typeof o === 'number' ? o : undefined)
