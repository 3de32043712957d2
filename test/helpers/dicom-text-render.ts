// Text drawn into synthetic pixels for the burned-in corpus: a minimal TrueType reader (cmap 4, hmtx, glyf) and an
// anti-aliased scanline rasteriser. The font is Liberation Sans from pdfjs-dist (a declared dependency, SIL OFL),
// so the corpus needs nothing from the system and renders the same everywhere.
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'

interface Font {
  unitsPerEm: number
  ascent: number
  glyphIndex(code: number): number
  advance(glyph: number): number
  contours(glyph: number): {x: number; y: number; on: boolean}[][]
}

let cached: Font | undefined

export const loadFont = (): Font => {
  if (cached) return cached
  const require = createRequire(import.meta.url)
  const file = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts', 'LiberationSans-Regular.ttf')
  const buf = readFileSync(file)
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const tables = new Map<string, number>()
  const n = v.getUint16(4)
  for (let i = 0; i < n; i++) tables.set(buf.toString('latin1', 12 + i * 16, 16 + i * 16), v.getUint32(12 + i * 16 + 8))
  const t = (name: string) => tables.get(name)!
  const unitsPerEm = v.getUint16(t('head') + 18)
  const longLoca = v.getInt16(t('head') + 50) === 1
  const ascent = v.getInt16(t('hhea') + 4)
  const numHMetrics = v.getUint16(t('hhea') + 34)
  // cmap: the Windows Unicode BMP subtable, format 4.
  const cmap = t('cmap')
  let sub = 0
  for (let i = 0; i < v.getUint16(cmap + 2); i++) {
    const pid = v.getUint16(cmap + 4 + i * 8)
    const eid = v.getUint16(cmap + 6 + i * 8)
    if (pid === 3 && eid === 1) sub = cmap + v.getUint32(cmap + 8 + i * 8)
  }
  const segX2 = v.getUint16(sub + 6)
  const ends = sub + 14
  const starts = ends + segX2 + 2
  const deltas = starts + segX2
  const ranges = deltas + segX2
  const glyphIndex = (code: number): number => {
    for (let s = 0; s < segX2 / 2; s++) {
      if (v.getUint16(ends + s * 2) < code) continue
      const start = v.getUint16(starts + s * 2)
      if (start > code) return 0
      const delta = v.getInt16(deltas + s * 2)
      const ro = v.getUint16(ranges + s * 2)
      if (ro === 0) return (code + delta) & 0xffff
      const g = v.getUint16(ranges + s * 2 + ro + (code - start) * 2)
      return g === 0 ? 0 : (g + delta) & 0xffff
    }
    return 0
  }
  const advance = (g: number): number => v.getUint16(t('hmtx') + Math.min(g, numHMetrics - 1) * 4)
  const loca = (g: number): number => (longLoca ? v.getUint32(t('loca') + g * 4) : v.getUint16(t('loca') + g * 2) * 2)
  const contours = (g: number): {x: number; y: number; on: boolean}[][] => {
    const off = t('glyf') + loca(g)
    if (loca(g + 1) === loca(g)) return []
    const nc = v.getInt16(off)
    if (nc < 0) {
      // Composite glyph: components with x/y offsets (enough for the accented Latin letters).
      const out: {x: number; y: number; on: boolean}[][] = []
      let p = off + 10
      for (;;) {
        const flags = v.getUint16(p)
        const gi = v.getUint16(p + 2)
        p += 4
        const words = flags & 1
        const dx = words ? v.getInt16(p) : v.getInt8(p)
        const dy = words ? v.getInt16(p + 2) : v.getInt8(p + 1)
        p += words ? 4 : 2
        if (flags & 8) p += 2
        else if (flags & 0x40) p += 4
        else if (flags & 0x80) p += 8
        for (const c of contours(gi)) out.push(c.map((pt) => ({...pt, x: pt.x + dx, y: pt.y + dy})))
        if (!(flags & 0x20)) break
      }
      return out
    }
    const endPts = Array.from({length: nc}, (_, i) => v.getUint16(off + 10 + i * 2))
    const count = (endPts[nc - 1] ?? -1) + 1
    let p = off + 10 + nc * 2
    p += 2 + v.getUint16(p)
    const flags: number[] = []
    while (flags.length < count) {
      const f = v.getUint8(p++)
      flags.push(f)
      if (f & 8) for (let r = v.getUint8(p++); r > 0; r--) flags.push(f)
    }
    const coord = (short: number, same: number): number[] => {
      const out: number[] = []
      let c = 0
      for (const f of flags) {
        if (f & short) {
          const d = v.getUint8(p++)
          c += f & same ? d : -d
        } else if (!(f & same)) {
          c += v.getInt16(p)
          p += 2
        }
        out.push(c)
      }
      return out
    }
    const xs = coord(2, 16)
    const ys = coord(4, 32)
    const out: {x: number; y: number; on: boolean}[][] = []
    let s = 0
    for (const e of endPts) {
      out.push(Array.from({length: e - s + 1}, (_, k) => ({x: xs[s + k]!, y: ys[s + k]!, on: (flags[s + k]! & 1) === 1})))
      s = e + 1
    }
    return out
  }
  cached = {unitsPerEm, ascent, glyphIndex, advance, contours}
  return cached
}

type Pt = {x: number; y: number}

/** Quadratic contour → polygon (implied on-curve midpoints between two off-curve points). */
const flatten = (c: {x: number; y: number; on: boolean}[]): Pt[] => {
  if (c.length === 0) return []
  const pts: {x: number; y: number; on: boolean}[] = []
  for (let i = 0; i < c.length; i++) {
    const a = c[i]!
    const b = c[(i + 1) % c.length]!
    pts.push(a)
    if (!a.on && !b.on) pts.push({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, on: true})
  }
  const startIdx = pts.findIndex((p) => p.on)
  const ring = [...pts.slice(startIdx), ...pts.slice(0, startIdx)]
  const out: Pt[] = [ring[0]!]
  for (let i = 1; i <= ring.length; i++) {
    const p = ring[i % ring.length]!
    if (p.on) out.push(p)
    else {
      const a = out[out.length - 1]!
      const b = ring[(i + 1) % ring.length]!
      for (let k = 1; k <= 6; k++) {
        const t = k / 6
        out.push({x: (1 - t) ** 2 * a.x + 2 * (1 - t) * t * p.x + t * t * b.x, y: (1 - t) ** 2 * a.y + 2 * (1 - t) * t * p.y + t * t * b.y})
      }
      i++
    }
  }
  return out
}

export interface DrawnText {
  /** Box of the drawn text in image pixels (axis-aligned, after rotation). */
  readonly x0: number
  readonly y0: number
  readonly x1: number
  readonly y1: number
}

/**
 * Draw `text` into a grey image with its cap height ≈ `size` px, top-left at (x, y), rotated by `angle` degrees
 * about that point, blending `value` by coverage (4×4 supersampling).
 */
export const drawText = (img: {width: number; height: number; data: Uint8Array}, text: string, x: number, y: number, size: number, value: number, angle = 0): DrawnText => {
  const font = loadFont()
  // Liberation's cap height is ~0.73 em; scale so capitals are `size` px tall.
  const scale = size / (0.73 * font.unitsPerEm)
  const cos = Math.cos((angle * Math.PI) / 180)
  const sin = Math.sin((angle * Math.PI) / 180)
  const polys: Pt[][] = []
  let pen = 0
  for (const ch of text) {
    const g = font.glyphIndex(ch.codePointAt(0)!)
    for (const c of font.contours(g)) {
      polys.push(
        flatten(c).map((p) => {
          const lx = (pen + p.x) * scale
          const ly = (0.73 * font.unitsPerEm - p.y) * scale
          return {x: x + lx * cos - ly * sin, y: y + lx * sin + ly * cos}
        }),
      )
    }
    pen += font.advance(g)
  }
  const all = polys.flat()
  if (all.length === 0) return {x0: x, y0: y, x1: x, y1: y}
  const minY = Math.max(0, Math.floor(Math.min(...all.map((p) => p.y))))
  const maxY = Math.min(img.height - 1, Math.ceil(Math.max(...all.map((p) => p.y))))
  const minX = Math.max(0, Math.floor(Math.min(...all.map((p) => p.x))))
  const maxX = Math.min(img.width - 1, Math.ceil(Math.max(...all.map((p) => p.x))))
  const W = maxX - minX + 1
  const cover = new Float32Array(W * (maxY - minY + 1))
  const SS = 4
  for (let py = minY; py <= maxY; py++) {
    for (let sy = 0; sy < SS; sy++) {
      const yy = py + (sy + 0.5) / SS
      // Non-zero winding crossings of this sample row.
      const xs: {x: number; w: number}[] = []
      for (const poly of polys) {
        for (let i = 0; i < poly.length; i++) {
          const a = poly[i]!
          const b = poly[(i + 1) % poly.length]!
          if ((a.y <= yy && b.y > yy) || (b.y <= yy && a.y > yy)) xs.push({x: a.x + ((yy - a.y) / (b.y - a.y)) * (b.x - a.x), w: b.y > a.y ? 1 : -1})
        }
      }
      xs.sort((p, q) => p.x - q.x)
      let wind = 0
      for (let i = 0; i < xs.length - 1; i++) {
        wind += xs[i]!.w
        if (wind === 0) continue
        const from = xs[i]!.x
        const to = xs[i + 1]!.x
        for (let sx = Math.max(minX * SS, Math.ceil(from * SS - 0.5)); sx < Math.min((maxX + 1) * SS, Math.ceil(to * SS - 0.5)); sx++) {
          const ci = (py - minY) * W + Math.floor(sx / SS) - minX
          cover[ci] = cover[ci]! + 1 / (SS * SS)
        }
      }
    }
  }
  for (let py = minY; py <= maxY; py++) {
    for (let px = minX; px <= maxX; px++) {
      const a = Math.min(1, cover[(py - minY) * W + px - minX]!)
      if (a <= 0) continue
      const i = py * img.width + px
      img.data[i] = Math.round(img.data[i]! * (1 - a) + value * a)
    }
  }
  return {x0: minX, y0: minY, x1: maxX + 1, y1: maxY + 1}
}
