import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'

import {PdfStream, type PdfFile, type Resolved} from './pdf-file.js'
import {isDict, nameOf, PdfKeyword, PdfLexer, PdfName, Unsupported, type PdfDict, type PdfObject} from './pdf-objects.js'
import {glyphNameText, nameOfText, WIN_ANSI_NAMES, winAnsiText} from './win-ansi.js'

/** One shown glyph: its text, its advance in thousandths of an em, and whether word spacing applies (single-byte 32). */
export interface Glyph {
  readonly text: string
  readonly width: number
  readonly wordSpace: boolean
}

export interface FontDecoder {
  readonly glyphs: (s: Uint8Array) => Glyph[]
}

const utf16be = (b: Uint8Array): string => {
  let s = ''
  for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!)
  return s
}

const codeOf = (b: Uint8Array): number => b.reduce((v, x) => v * 256 + x, 0)

/** A ToUnicode CMap (PDF 1.2 §9.10.3): bfchar and bfrange, both range forms. `usecmap` and other CMap features are unsupported. */
export const parseToUnicode = (data: Uint8Array): Map<number, string> => {
  const map = new Map<number, string>()
  const lx = new PdfLexer(data, 0, data.length, false)
  const operands: PdfObject[] = []
  let mode: 'none' | 'char' | 'range' = 'none'
  while (!lx.atEnd()) {
    const t = lx.next()
    if (t instanceof PdfKeyword) {
      const w = t.word
      if (w === 'beginbfchar') mode = 'char'
      else if (w === 'beginbfrange') mode = 'range'
      else if (w === 'endbfchar' || w === 'endbfrange') {
        if (mode === 'char') {
          for (let i = 0; i + 1 < operands.length; i += 2) {
            const [src, dst] = [operands[i], operands[i + 1]]
            if (src instanceof Uint8Array && dst instanceof Uint8Array) map.set(codeOf(src), utf16be(dst))
          }
        } else if (mode === 'range') {
          for (let i = 0; i + 2 < operands.length; i += 3) {
            const [lo, hi, dst] = [operands[i], operands[i + 1], operands[i + 2]]
            if (!(lo instanceof Uint8Array) || !(hi instanceof Uint8Array)) continue
            const a = codeOf(lo)
            const z = codeOf(hi)
            if (z - a > 65_535 || z < a) throw new Unsupported('bfrange too large')
            if (Array.isArray(dst)) dst.forEach((d, k) => d instanceof Uint8Array && a + k <= z && map.set(a + k, utf16be(d)))
            else if (dst instanceof Uint8Array && dst.length >= 2) {
              // The last UTF-16 unit increments across the range.
              const base = utf16be(dst)
              const head = base.slice(0, -1)
              const last = base.charCodeAt(base.length - 1)
              for (let c = a; c <= z; c++) map.set(c, head + String.fromCharCode(last + (c - a)))
            }
          }
        }
        mode = 'none'
        operands.length = 0
      } else if (w === 'usecmap') throw new Unsupported('usecmap')
      else operands.length = mode === 'none' ? 0 : operands.length
    } else if (mode !== 'none') operands.push(t)
  }
  return map
}

const require = createRequire(import.meta.url)
const STANDARD = new Set(['Courier', 'Courier-Bold', 'Courier-BoldOblique', 'Courier-Oblique', 'Helvetica', 'Helvetica-Bold', 'Helvetica-BoldOblique', 'Helvetica-Oblique', 'Times-Roman', 'Times-Bold', 'Times-BoldItalic', 'Times-Italic'])
const ALIASES: Record<string, string> = {
  Arial: 'Helvetica', 'Arial,Bold': 'Helvetica-Bold', 'Arial-BoldMT': 'Helvetica-Bold', ArialMT: 'Helvetica', 'Arial,Italic': 'Helvetica-Oblique',
  TimesNewRoman: 'Times-Roman', TimesNewRomanPSMT: 'Times-Roman', 'TimesNewRoman,Bold': 'Times-Bold', 'TimesNewRomanPS-BoldMT': 'Times-Bold',
  CourierNew: 'Courier', CourierNewPSMT: 'Courier',
}
const afmCache = new Map<string, Map<string, number>>()

/** The Adobe core font metrics (the AFM files pdfkit ships): glyph name → advance width. */
const afmWidths = (font: string): Map<string, number> => {
  const hit = afmCache.get(font)
  if (hit) return hit
  const widths = new Map<string, number>()
  // pdfkit (the report renderer) ships the 12 text fonts' AFM files beside its main module.
  const dir = path.join(path.dirname(require.resolve('pdfkit')), 'data')
  for (const line of readFileSync(path.join(dir, `${font}.afm`), 'latin1').split('\n')) {
    const m = /^C\s+-?\d+\s*;\s*WX\s+([\d.]+)\s*;\s*N\s+(\S+)/.exec(line)
    if (m) widths.set(m[2]!, Number(m[1]))
  }
  afmCache.set(font, widths)
  return widths
}

const standardName = (base: string | undefined): string | undefined => {
  if (!base) return undefined
  const plain = base.replace(/^[A-Z]{6}\+/, '')
  if (STANDARD.has(plain)) return plain
  return ALIASES[plain]
}

const macRoman = new TextDecoder('macintosh')
const standardText = (code: number): string | undefined =>
  code === 0x27 ? '’' : code === 0x60 ? '‘' : code >= 32 && code <= 126 ? String.fromCharCode(code) : undefined
const standardGlyphName = (code: number): string | undefined => (code === 0x27 ? 'quoteright' : code === 0x60 ? 'quoteleft' : code >= 32 && code <= 126 ? WIN_ANSI_NAMES.get(code) : undefined)

type Encoding = 'WinAnsiEncoding' | 'MacRomanEncoding' | 'StandardEncoding'

const baseText = (enc: Encoding, code: number): string | undefined =>
  enc === 'WinAnsiEncoding' ? winAnsiText(code) : enc === 'MacRomanEncoding' ? (code >= 32 && code !== 127 ? macRoman.decode(Uint8Array.of(code)) : undefined) : standardText(code)
const baseGlyphName = (enc: Encoding, code: number): string | undefined => {
  if (enc === 'WinAnsiEncoding') return WIN_ANSI_NAMES.get(code)
  if (enc === 'StandardEncoding') return standardGlyphName(code)
  const t = baseText(enc, code)
  return t === undefined ? undefined : nameOfText(t)
}

const asEncoding = (n: string | undefined): Encoding | undefined =>
  n === 'WinAnsiEncoding' || n === 'MacRomanEncoding' || n === 'StandardEncoding' ? n : undefined

const toUnicodeOf = (file: PdfFile, font: PdfDict): Map<number, string> | undefined => {
  const tu = file.get(font, 'ToUnicode')
  if (tu instanceof PdfStream) return parseToUnicode(file.decode(tu))
  if (tu instanceof PdfName || tu === null) return undefined
  throw new Unsupported('ToUnicode is neither a stream nor a name')
}

const type0 = (file: PdfFile, font: PdfDict): FontDecoder => {
  if (nameOf(file.get(font, 'Encoding')) !== 'Identity-H') throw new Unsupported('Type0 font without Identity-H')
  const unicode = toUnicodeOf(file, font)
  if (!unicode) throw new Unsupported('Type0 font without ToUnicode')
  const kids = file.get(font, 'DescendantFonts')
  const cid = Array.isArray(kids) ? file.dictOf(kids[0]) : undefined
  if (!cid) throw new Unsupported('Type0 font without a descendant')
  const dw = file.get(cid, 'DW')
  const dflt = typeof dw === 'number' ? dw : 1000
  const widths = new Map<number, number>()
  const w = file.get(cid, 'W')
  if (Array.isArray(w)) {
    for (let i = 0; i < w.length; ) {
      const first = file.resolve(w[i])
      const next = file.resolve(w[i + 1])
      if (typeof first !== 'number') throw new Unsupported('bad /W')
      if (Array.isArray(next)) {
        next.forEach((x, k) => widths.set(first + k, Number(file.resolve(x))))
        i += 2
      } else {
        const last = next
        const width = file.resolve(w[i + 2])
        if (typeof last !== 'number' || typeof width !== 'number' || last - first > 65_535) throw new Unsupported('bad /W range')
        for (let c = first; c <= last; c++) widths.set(c, width)
        i += 3
      }
    }
  }
  const memo = new Map<number, Glyph>()
  return {
    glyphs: (s) => {
      const out: Glyph[] = []
      for (let i = 0; i + 1 < s.length; i += 2) {
        const code = (s[i]! << 8) | s[i + 1]!
        let g = memo.get(code)
        if (!g) {
          const text = unicode.get(code)
          if (text === undefined) throw new Unsupported('glyph without a Unicode mapping')
          g = {text, width: widths.get(code) ?? dflt, wordSpace: false}
          memo.set(code, g)
        }
        out.push(g)
      }
      return out
    },
  }
}

const simple = (file: PdfFile, font: PdfDict, subtype: string): FontDecoder => {
  const base = nameOf(file.get(font, 'BaseFont'))
  const plain = base?.replace(/^[A-Z]{6}\+/, '')
  if (plain === 'Symbol' || plain === 'ZapfDingbats') throw new Unsupported('symbolic standard font')
  const unicode = toUnicodeOf(file, font)
  const descriptor = file.dictOf(font.get('FontDescriptor'))
  const flags = descriptor ? file.get(descriptor, 'Flags') : undefined
  const symbolic = typeof flags === 'number' && (flags & 4) !== 0 && (flags & 32) === 0
  if (symbolic && !unicode) throw new Unsupported('symbolic font without ToUnicode')

  const encObj = file.get(font, 'Encoding')
  let enc: Encoding | undefined
  const differences = new Map<number, string>()
  if (encObj instanceof PdfName) enc = asEncoding(encObj.name)
  else if (isDict(encObj)) {
    enc = asEncoding(nameOf(file.get(encObj, 'BaseEncoding')))
    const diffs = file.get(encObj, 'Differences')
    if (Array.isArray(diffs)) {
      let code = 0
      for (const d of diffs) {
        const v = file.resolve(d)
        if (typeof v === 'number') code = v
        else if (v instanceof PdfName) differences.set(code++, v.name)
      }
    }
  }
  // A font with no encoding of its own uses StandardEncoding when it is one of the standard Type 1 fonts;
  // any other font's built-in encoding lives in its font program, which this reader does not parse.
  const std = standardName(base)
  if (!enc) {
    if (std && subtype === 'Type1') enc = 'StandardEncoding'
    else if (!unicode) throw new Unsupported('font with a built-in encoding and no ToUnicode')
  }

  const first = file.get(font, 'FirstChar')
  const widthsObj = file.get(font, 'Widths')
  const missing = descriptor ? file.get(descriptor, 'MissingWidth') : undefined
  const table = Array.isArray(widthsObj) ? widthsObj.map((x) => Number(file.resolve(x))) : undefined
  const afm = !table ? (std ? afmWidths(std) : undefined) : undefined
  if (!table && !afm) throw new Unsupported('simple font without widths')

  const textOf = (code: number): string | undefined => {
    const fromMap = unicode?.get(code)
    if (fromMap !== undefined) return fromMap
    const diff = differences.get(code)
    if (diff !== undefined) return glyphNameText(diff)
    return enc ? baseText(enc, code) : undefined
  }
  const widthOf = (code: number): number => {
    if (table) {
      const k = code - (typeof first === 'number' ? first : 0)
      const w = table[k]
      return w !== undefined && Number.isFinite(w) ? w : typeof missing === 'number' ? missing : 0
    }
    const name = differences.get(code) ?? (enc ? baseGlyphName(enc, code) : undefined)
    const w = name ? afm!.get(name) : undefined
    if (w === undefined) throw new Unsupported('no metric for a glyph of a standard font')
    return w
  }
  const memo = new Map<number, Glyph>()
  return {
    glyphs: (s) => {
      const out: Glyph[] = []
      for (const code of s) {
        let g = memo.get(code)
        if (!g) {
          const text = textOf(code)
          if (text === undefined) throw new Unsupported('glyph without a Unicode mapping')
          g = {text, width: widthOf(code), wordSpace: code === 32}
          memo.set(code, g)
        }
        out.push(g)
      }
      return out
    },
  }
}

/** A decoder for one font resource, or Unsupported (Type 3, symbolic, CMaps other than Identity-H, no mapping to text). */
export const fontDecoder = (file: PdfFile, fontObj: Resolved): FontDecoder => {
  const font = file.dictOf(fontObj)
  if (!font) throw new Unsupported('font resource is not a dictionary')
  const subtype = nameOf(file.get(font, 'Subtype'))
  if (subtype === 'Type0') return type0(file, font)
  if (subtype === 'Type1' || subtype === 'TrueType' || subtype === 'MMType1') return simple(file, font, subtype)
  throw new Unsupported(`font subtype ${subtype ?? '?'}`)
}
