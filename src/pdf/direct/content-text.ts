import type {TextItem} from '../page-layout.js'
import {PdfStream, type PdfFile} from './pdf-file.js'
import {fontDecoder, type FontDecoder} from './pdf-fonts.js'
import {nameOf, PdfKeyword, PdfLexer, PdfRef, Unsupported, type PdfDict, type PdfObject} from './pdf-objects.js'

type Matrix = [number, number, number, number, number, number]

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0]
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
]

interface GState {
  ctm: Matrix
  charSpacing: number
  wordSpacing: number
  scale: number
  leading: number
  rise: number
  font?: FontDecoder
  fontSize: number
}

/** Thresholds pdf.js uses to join glyphs of one run, put a space between them, or start a new run (fractions of the font size). */
const SPACE_MIN = 0.102
const SPACE_MAX = 0.6
const BACKWARDS = -0.2
/** Over the whole document: a legitimate 60-page report runs about 50,000. */
const MAX_OPERATORS = 5_000_000
const MAX_FORM_DEPTH = 8
const WHITESPACE = /^\s+$/
/** The text-state operators that set one number (ISO 32000-1 Table 105). */
const TEXT_STATE = {Tc: 'charSpacing', Tw: 'wordSpacing', Tz: 'scale', TL: 'leading', Ts: 'rise'} as const

/** Shared by every page of one document: operators interpreted so far and the wall-clock time the read must end by. */
export interface ReadBudget {
  operators: number
  readonly deadline: number
}

/** The read ran past its time limit: the caller reports a timeout rather than trying pdf.js, which would be slower. */
export class PastDeadline extends Error {}

export interface PageText {
  readonly items: TextItem[]
  readonly hasImage: boolean
}

/**
 * The positioned text of one page, read from its content streams (ISO 32000-1 §9.4): text and graphics state,
 * TJ adjustments, form XObjects; runs joined and spaced the way pdf.js joins them, so the layout step sees the
 * same items from either reader. Coordinates are PDF user space (y upwards), as pdf.js gives them.
 */
export const pageText = (file: PdfFile, contents: readonly Uint8Array[], resources: PdfDict | undefined, budget: ReadBudget, view: readonly [number, number, number, number]): PageText => {
  const items: TextItem[] = []
  let hasImage = false

  // The run being built: start point, direction, size, text and the point where its last glyph ended.
  let run: {parts: string[]; last: string; x: number; y: number; h: number; ux: number; uy: number; endX: number; endY: number; font: FontDecoder} | undefined
  const flush = () => {
    if (run && run.parts.length > 0) {
      const w = Math.hypot(run.endX - run.x, run.endY - run.y)
      items.push({str: normalise(run.parts.join('')), x: run.x, y: run.y, w, h: run.h})
    }
    run = undefined
  }

  const exec = (data: Uint8Array, res: PdfDict | undefined, state: GState, depth: number) => {
    const lx = new PdfLexer(data, 0, data.length, false)
    const stack: GState[] = []
    let gs = state
    let tm: Matrix = IDENTITY
    let tlm: Matrix = IDENTITY
    const ops: PdfObject[] = []
    const num = (i: number): number => {
      const v = ops[ops.length - i]
      if (typeof v !== 'number') throw new Unsupported('operator without its numbers')
      return v
    }
    const fontRes = res ? file.dictOf(res.get('Font')) : undefined
    const xobjects = res ? file.dictOf(res.get('XObject')) : undefined

    const show = (s: Uint8Array) => {
      const font = gs.font
      if (!font) throw new Unsupported('text shown without a font')
      const th = gs.scale / 100
      const fs = gs.fontSize
      // tm × ctm once per string: each glyph only moves it along its own x axis (§9.4.4), so no matrix per glyph.
      const m = mul(tm, gs.ctm)
      const size = Math.hypot(fs * m[2], fs * m[3])
      const len = Math.hypot(m[0], m[1]) || 1
      const ux = m[0] / len
      const uy = m[1] / len
      let moved = 0
      for (const g of font.glyphs(s)) {
        const space = WHITESPACE.test(g.text)
        const x = gs.rise * m[2] + m[4]
        const y = gs.rise * m[3] + m[5]
        const tx = ((g.width / 1000) * fs + gs.charSpacing + (g.wordSpace ? gs.wordSpacing : 0)) * th
        moved += tx
        m[4] += tx * m[0]
        m[5] += tx * m[1]
        const endX = gs.rise * m[2] + m[4]
        const endY = gs.rise * m[3] + m[5]
        // Glyphs drawn outside the page's visible box are not text of the page (pdf.js skips them too).
        if (!space && (x + (g.width / 1000) * fs < view[0] || x > view[2] || y < view[1] || y > view[3])) continue
        if (run && run.font === font && Math.abs(run.h - size) < 0.01 * size && Math.abs(run.ux - ux) < 1e-3 && Math.abs(run.uy - uy) < 1e-3) {
          // Distance from where the run ended, along and across the baseline.
          const dx = x - run.endX
          const dy = y - run.endY
          const along = dx * ux + dy * uy
          const across = -dx * uy + dy * ux
          if (Math.abs(across) > 0.2 * size || along < BACKWARDS * size || along > SPACE_MAX * size) flush()
          else if (along > SPACE_MIN * size && !run.last.endsWith(' ') && !space) {
            run.parts.push(' ')
            run.last = ' '
          }
        } else flush()
        // Like pdf.js, a space glyph only moves the pen: the next glyph's gap puts the space back, and a run's
        // width ends at its last visible glyph.
        if (space) continue
        if (!run) run = {parts: [], last: '', x, y, h: size, ux, uy, endX, endY, font}
        run.parts.push(g.text)
        run.last = g.text
        run.endX = endX
        run.endY = endY
      }
      tm = [tm[0], tm[1], tm[2], tm[3], tm[4] + moved * tm[0], tm[5] + moved * tm[1]]
    }

    while (!lx.atEnd()) {
      const t = lx.next()
      if (!(t instanceof PdfKeyword)) {
        ops.push(t)
        if (ops.length > 10_000) throw new Unsupported('operand stack overflow')
        continue
      }
      if (++budget.operators > MAX_OPERATORS) throw new Unsupported('too many operators')
      if ((budget.operators & 1023) === 0 && performance.now() > budget.deadline) throw new PastDeadline()
      switch (t.word) {
        case 'q':
          stack.push({...gs})
          if (stack.length > 256) throw new Unsupported('q nesting too deep')
          break
        case 'Q':
          gs = stack.pop() ?? gs
          break
        case 'cm':
          gs.ctm = mul([num(6), num(5), num(4), num(3), num(2), num(1)], gs.ctm)
          break
        case 'BT':
          tm = IDENTITY
          tlm = IDENTITY
          break
        case 'ET':
          break
        case 'Tf': {
          const name = nameOf(ops[ops.length - 2])
          gs.fontSize = num(1)
          const ref = fontRes && name !== undefined ? fontRes.get(name) : undefined
          if (ref === undefined) throw new Unsupported('font not in resources')
          // Pages share their fonts: one decoder per font object for the whole file.
          const key = ref instanceof PdfRef ? ref.num : ref
          let dec = file.fonts.get(key) as FontDecoder | undefined
          if (!dec) {
            dec = fontDecoder(file, ref)
            file.fonts.set(key, dec)
          }
          if (dec !== gs.font) flush()
          gs.font = dec
          break
        }
        case 'Tc':
        case 'Tw':
        case 'Tz':
        case 'TL':
        case 'Ts':
          gs[TEXT_STATE[t.word]] = num(1)
          break
        case 'Td':
          tlm = mul([1, 0, 0, 1, num(2), num(1)], tlm)
          tm = tlm
          break
        case 'TD':
          gs.leading = -num(1)
          tlm = mul([1, 0, 0, 1, num(2), num(1)], tlm)
          tm = tlm
          break
        case 'Tm':
          tlm = [num(6), num(5), num(4), num(3), num(2), num(1)]
          tm = tlm
          break
        case 'T*':
          tlm = mul([1, 0, 0, 1, 0, -gs.leading], tlm)
          tm = tlm
          break
        case 'Tj': {
          const s = ops.at(-1)
          if (s instanceof Uint8Array) show(s)
          break
        }
        case "'":
        case '"': {
          if (t.word === '"') {
            gs.wordSpacing = num(3)
            gs.charSpacing = num(2)
          }
          tlm = mul([1, 0, 0, 1, 0, -gs.leading], tlm)
          tm = tlm
          const s = ops.at(-1)
          if (s instanceof Uint8Array) show(s)
          break
        }
        case 'TJ': {
          const arr = ops.at(-1)
          if (!Array.isArray(arr)) break
          for (const el of arr) {
            if (el instanceof Uint8Array) show(el)
            else if (typeof el === 'number') {
              // A translation along x: only e and f change (no matrix product per kerning number).
              const tx = (-el / 1000) * gs.fontSize * (gs.scale / 100)
              tm = [tm[0], tm[1], tm[2], tm[3], tm[4] + tx * tm[0], tm[5] + tx * tm[1]]
            }
          }
          break
        }
        case 'Do': {
          const name = nameOf(ops.at(-1))
          const xo = name !== undefined && xobjects ? file.resolve(xobjects.get(name)) : undefined
          if (xo instanceof PdfStream) {
            const sub = nameOf(file.get(xo.dict, 'Subtype'))
            if (sub === 'Image') hasImage = true
            else if (sub === 'Form') {
              if (depth >= MAX_FORM_DEPTH) throw new Unsupported('form XObjects nested too deep')
              const mObj = file.get(xo.dict, 'Matrix')
              const m = Array.isArray(mObj) && mObj.length === 6 ? (mObj.map((v) => Number(file.resolve(v))) as Matrix) : IDENTITY
              const sub2 = file.dictOf(xo.dict.get('Resources')) ?? res
              exec(file.decode(xo), sub2, {...gs, ctm: mul(m, gs.ctm)}, depth + 1)
            }
          }
          break
        }
        case 'BI':
          skipInlineImage(lx)
          hasImage = true
          break
        default:
          break
      }
      ops.length = 0
    }
  }

  const gs: GState = {ctm: IDENTITY, charSpacing: 0, wordSpacing: 0, scale: 100, leading: 0, rise: 0, fontSize: 0}
  // Content streams of a page are one stream split at token boundaries (§7.8.2): joined with a space.
  const joined = contents.length === 1 ? contents[0]! : concat(contents)
  exec(joined, resources, gs, 0)
  flush()
  return {items, hasImage}
}

/** Inline image data runs from ID to an EI that stands alone: skip it. */
const skipInlineImage = (lx: PdfLexer): void => {
  const b = lx.bytes
  for (;;) {
    const t = lx.next()
    if (t instanceof PdfKeyword && t.word === 'ID') break
  }
  let p = lx.pos + 1
  for (; p + 1 < lx.end; p++) {
    if (b[p] === 69 && b[p + 1] === 73 && (p === 0 || isSpace(b[p - 1]!)) && (p + 2 >= lx.end || isSpace(b[p + 2]!))) {
      lx.pos = p + 2
      return
    }
  }
  throw new Unsupported('inline image without EI')
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9 || c === 0 || c === 12

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
    out[o++] = 10
  }
  return out
}

// The compatibility characters pdf.js folds to NFKC (its normalizeUnicode): no-break and typographic spaces,
// micro, ohm, ligatures and the Hebrew and Arabic presentation forms; U+FB05 becomes "ſt" as there.
const FOLD =
  /[\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06\ufb20-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc-\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa-\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]+|\ufb05+/g
const normalise = (s: string): string => s.replace(FOLD, (c) => (c[0] === '\ufb05' ? 'ſt'.repeat(c.length) : c.normalize('NFKC')))
