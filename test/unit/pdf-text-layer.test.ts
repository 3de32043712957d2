import {beforeAll, describe, expect, it} from 'vitest'

import {withOcr} from '../../src/ocr/ocr.js'
import {layoutPage, removeRunningText, type TextItem} from '../../src/pdf/page-layout.js'
import {readPdfText} from '../../src/pdf/read-pdf-text.js'
import {soc2Corpus, type CorpusDoc} from '../helpers/soc2-corpus.js'

let docs: CorpusDoc[]
beforeAll(async () => {
  docs = await soc2Corpus()
}, 60_000)
const doc = (name: string) => docs.find((d) => d.name === name)!.bytes

const run = (x: number, y: number, str: string): TextItem => ({str, x, y, w: str.length * 5, h: 10})

describe('page layout from positioned text', () => {
  it('two prose columns are read one after the other; a heading level with the other column stays its own line', () => {
    const items: TextItem[] = []
    for (let k = 0; k < 6; k++) {
      items.push(run(60, 700 - 12 * k, `left column prose line ${k} runs to the gutter edge`))
      items.push(run(320, 700 - 12 * k, k === 0 ? 'Complementary User Entity Controls' : `right column item line ${k} also fills`))
    }
    const lines = layoutPage(items, {width: 612, height: 792}).map((l) => l.text)
    expect(lines[0]).toBe('left column prose line 0 runs to the gutter edge')
    expect(lines[6]).toBe('Complementary User Entity Controls')
    expect(lines).toHaveLength(12)
  })

  it('a four-column table is read row by row, cells kept', () => {
    const items: TextItem[] = []
    for (let k = 0; k < 6; k++) for (const [i, x] of [60, 120, 300, 460].entries()) items.push(run(x, 700 - 12 * k, `c${i}r${k}`))
    const lines = layoutPage(items, {width: 612, height: 792})
    expect(lines).toHaveLength(6)
    expect(lines[0]!.cells).toEqual(['c0r0', 'c1r0', 'c2r0', 'c3r0'])
  })

  it('running headers and margin page numbers go; text repeated in the body stays', () => {
    const pages = [1, 2, 3, 4].map((n) => ({
      height: 792,
      lines: [
        {text: 'Acme — SOC 2 Report — Confidential', bbox: {x0: 60, y0: 30, x1: 300, y1: 40}},
        {text: 'No exceptions noted.', bbox: {x0: 60, y0: 300, x1: 200, y1: 310}},
        {text: `Page ${n}`, bbox: {x0: 280, y0: 750, x1: 320, y1: 760}},
      ],
    }))
    const r = removeRunningText(pages)
    expect(pages.every((p) => p.lines.length === 1 && p.lines[0]!.text === 'No exceptions noted.')).toBe(true)
    expect(r.printed).toEqual(['1', '2', '3', '4'])
  })
})

describe('readPdfText (the one PDF text layer)', () => {
  it('lines with boxes in points, running headers removed, printed page labels kept', async () => {
    const t = await readPdfText(doc('marlowe-1'))
    if (t.status !== 'ok') throw new Error(t.reason)
    expect(t.pages.every((p) => p.source === 'text')).toBe(true)
    expect(t.pages.flatMap((p) => p.lines).some((l) => /Confidential$/.test(l.text))).toBe(false)
    // Front matter is numbered i, ii; the body starts again at 1 on the third page.
    expect(t.pages.map((p) => p.label).slice(1, 4)).toEqual(['ii', '1', '2'])
    const l = t.pages[0]!.lines[0]!
    expect(l.bbox.x0).toBeGreaterThan(50)
    expect(l.bbox.y0).toBeLessThan(l.bbox.y1)
    expect(l.bbox.y1).toBeLessThan(t.pages[0]!.height / 3)
  })

  it('a scan: no text, source none without OCR; with OCR each line carries its confidence', async () => {
    const plain = await readPdfText(doc('scan'))
    if (plain.status !== 'ok') throw new Error(plain.reason)
    expect(plain.pages.map((p) => [p.source, p.scanned])).toEqual([['none', true], ['none', true]])
    await withOcr(async (engine) => {
      const t = await readPdfText(doc('scan'), {ocr: engine})
      if (t.status !== 'ok') throw new Error(t.reason)
      expect(t.pages.map((p) => p.source)).toEqual(['ocr', 'ocr'])
      expect(t.pages[0]!.lines[0]!.text).toBe('SOC 2 Type 2 Report')
      expect(t.pages[0]!.lines[0]!.confidence).toBeGreaterThan(60)
    })
  }, 60_000)

  it('encrypted and damaged files give a coded reason', async () => {
    expect(await readPdfText(doc('encrypted'))).toMatchObject({status: 'error', code: 'encrypted'})
    expect(await readPdfText(doc('corrupt'))).toMatchObject({status: 'error', code: 'damaged'})
    expect(await readPdfText(Buffer.from('hello'))).toMatchObject({status: 'error', code: 'not-pdf'})
  })
})
