import {createRequire} from 'node:module'

import jpeg from 'jpeg-js'

import {FONTS} from '../../src/report/fonts.js'

/*
 * Text drawn into a grey bitmap without a canvas: glyph outlines from the font (fontkit), curves flattened,
 * polygons filled by scanline with the non-zero rule, 4× vertical supersampling for anti-aliased edges. It is
 * how the corpus makes "scanned" pages: an image of text with no text layer.
 */
type Pt = [number, number]

interface Font {
  unitsPerEm: number
  layout(s: string): {glyphs: {path: {commands: {command: string; args: number[]}[]}}[]; positions: {xAdvance: number; xOffset: number; yOffset: number}[]}
}

// fontkit (pdfkit's font engine) ships no type declarations; the two calls used are typed above.
const fontkit = createRequire(import.meta.url)('fontkit') as {openSync(p: string): Font}
const fonts = new Map<string, Font>()
const font = (file: string): Font => {
  let f = fonts.get(file)
  if (!f) fonts.set(file, (f = fontkit.openSync(file)))
  return f
}

export interface Canvas {
  readonly width: number
  readonly height: number
  /** Coverage 0..1 per pixel (1 = ink). */
  readonly ink: Float32Array
}

export const blankCanvas = (width: number, height: number): Canvas => ({width, height, ink: new Float32Array(width * height)})

const flatten = (cmds: {command: string; args: number[]}[], map: (x: number, y: number) => Pt): Pt[][] => {
  const polys: Pt[][] = []
  let cur: Pt[] = []
  let last: Pt = [0, 0]
  let lastRaw: Pt = [0, 0]
  const close = () => {
    if (cur.length > 2) polys.push(cur)
    cur = []
  }
  for (const {command, args} of cmds) {
    if (command === 'moveTo') {
      close()
      lastRaw = [args[0]!, args[1]!]
      last = map(...lastRaw)
      cur.push(last)
    } else if (command === 'lineTo') {
      lastRaw = [args[0]!, args[1]!]
      last = map(...lastRaw)
      cur.push(last)
    } else if (command === 'quadraticCurveTo' || command === 'bezierCurveTo') {
      const pts: Pt[] = []
      for (let i = 0; i < args.length; i += 2) pts.push([args[i]!, args[i + 1]!])
      const p0 = lastRaw
      for (let s = 1; s <= 8; s++) {
        const t = s / 8
        let q: Pt
        if (pts.length === 2) {
          const [c, e] = pts as [Pt, Pt]
          q = [(1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * c[0] + t * t * e[0], (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * c[1] + t * t * e[1]]
        } else {
          const [c1, c2, e] = pts as [Pt, Pt, Pt]
          const u = 1 - t
          q = [u ** 3 * p0[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t ** 3 * e[0], u ** 3 * p0[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t ** 3 * e[1]]
        }
        cur.push(map(...q))
      }
      lastRaw = pts.at(-1)!
      last = map(...lastRaw)
    } else if (command === 'closePath') {
      close()
    }
  }
  close()
  return polys
}

const fill = (c: Canvas, polys: Pt[][]): void => {
  const SUB = 4
  let minY = Infinity
  let maxY = -Infinity
  for (const p of polys) for (const [, y] of p) (minY = Math.min(minY, y)), (maxY = Math.max(maxY, y))
  if (!Number.isFinite(minY)) return
  const y0 = Math.max(0, Math.floor(minY))
  const y1 = Math.min(c.height - 1, Math.ceil(maxY))
  for (let py = y0; py <= y1; py++) {
    for (let s = 0; s < SUB; s++) {
      const sy = py + (s + 0.5) / SUB
      const xs: {x: number; d: number}[] = []
      for (const poly of polys) {
        for (let i = 0; i < poly.length; i++) {
          const a = poly[i]!
          const b = poly[(i + 1) % poly.length]!
          if (a[1] === b[1]) continue
          const [lo, hi, d] = a[1] < b[1] ? [a, b, 1] : [b, a, -1]
          if (sy < lo[1] || sy >= hi[1]) continue
          xs.push({x: lo[0] + ((sy - lo[1]) / (hi[1] - lo[1])) * (hi[0] - lo[0]), d})
        }
      }
      xs.sort((p, q) => p.x - q.x)
      let wind = 0
      for (let i = 0; i < xs.length - 1; i++) {
        wind += xs[i]!.d
        if (wind === 0) continue
        const xa = Math.max(0, xs[i]!.x)
        const xb = Math.min(c.width, xs[i + 1]!.x)
        for (let px = Math.floor(xa); px < xb; px++) {
          const cover = Math.min(px + 1, xb) - Math.max(px, xa)
          if (cover > 0) c.ink[py * c.width + px] = Math.min(1, c.ink[py * c.width + px]! + cover / SUB)
        }
      }
    }
  }
}

/** Draw one line of text with its baseline at (x, y) pixels, `size` pixels per em; returns the advance in pixels. */
export const drawText = (c: Canvas, text: string, x: number, y: number, size: number, bold = false): number => {
  const f = font(bold ? FONTS.bold : FONTS.regular)
  const run = f.layout(text)
  const scale = size / f.unitsPerEm
  let pen = x
  const polys: Pt[][] = []
  run.glyphs.forEach((g, i) => {
    const pos = run.positions[i]!
    const ox = pen + pos.xOffset * scale
    polys.push(...flatten(g.path.commands, (gx, gy) => [ox + gx * scale, y - (gy + pos.yOffset) * scale]))
    pen += pos.xAdvance * scale
  })
  fill(c, polys)
  return pen - x
}

export const textWidth = (text: string, size: number, bold = false): number => {
  const f = font(bold ? FONTS.bold : FONTS.regular)
  return f.layout(text).positions.reduce((s, p) => s + p.xAdvance, 0) * (size / f.unitsPerEm)
}

/** The canvas as a baseline JPEG (white paper, black ink), as a scanner would deliver it. */
export const canvasJpeg = (c: Canvas, quality = 85): Buffer => {
  const rgba = Buffer.alloc(c.width * c.height * 4)
  for (let i = 0; i < c.ink.length; i++) {
    const v = Math.round(255 * (1 - c.ink[i]!))
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = v
    rgba[i * 4 + 3] = 255
  }
  return jpeg.encode({data: rgba, width: c.width, height: c.height}, quality).data
}
