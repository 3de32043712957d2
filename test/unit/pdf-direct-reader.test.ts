import {execFileSync} from 'node:child_process'
import PDFDocument from 'pdfkit'
import {beforeAll, describe, expect, it} from 'vitest'

import {syntheticPdf} from '../../src/demo/synthetic-pdf.js'
import {readDirect} from '../../src/pdf/direct/read-direct.js'
import {winAnsiText} from '../../src/pdf/direct/win-ansi.js'
import {readPdfText, type PdfDocumentText} from '../../src/pdf/read-pdf-text.js'
import {generateContractCorpus} from '../helpers/contract-corpus.js'
import {seededRandom} from '../helpers/prng.js'
import {soc2Corpus} from '../helpers/soc2-corpus.js'

interface Doc {
  readonly name: string
  readonly bytes: Uint8Array
}

const boxesOf = (t: PdfDocumentText): number[][][] => (t.status === 'ok' ? t.pages.map((p) => p.lines.map((l) => [l.bbox.x0, l.bbox.y0, l.bbox.x1, l.bbox.y1])) : [])
const linesOf = (t: PdfDocumentText): string[][] => (t.status === 'ok' ? t.pages.map((p) => p.lines.map((l) => l.text)) : [[`error: ${t.status === 'error' ? t.code : ''}`]])
const labelsOf = (t: PdfDocumentText): (string | undefined)[] => (t.status === 'ok' ? t.pages.map((p) => p.label) : [])

let docs: Doc[] = []
beforeAll(async () => {
  const soc2 = await soc2Corpus(14)
  const soc2b = await soc2Corpus(41)
  const contracts = (await generateContractCorpus(23, {baa: 8, dpa: 6})).filter((a) => a.format === 'pdf')
  docs = [...soc2, ...soc2b.map((d) => ({...d, name: `${d.name}@41`})), ...contracts]
}, 120_000)

describe('the direct PDF text reader against pdf.js', () => {
  it('reads the same lines, with boxes within half a point, and the same page labels on every text PDF of the corpora, or hands the file to pdf.js', async () => {
    let direct = 0
    const differences: string[] = []
    for (const d of docs) {
      const r = readDirect(d.bytes, 2000)
      if (r.kind !== 'ok') continue
      direct++
      const [auto, pdfjs] = [await readPdfText(d.bytes), await readPdfText(d.bytes, {reader: 'pdfjs'})]
      const a = linesOf(auto)
      const b = linesOf(pdfjs)
      for (let p = 0; p < Math.max(a.length, b.length); p++) {
        const x = a[p] ?? []
        const y = b[p] ?? []
        for (let l = 0; l < Math.max(x.length, y.length); l++) if (x[l] !== y[l]) differences.push(`${d.name} p${p + 1} l${l + 1}: direct ${JSON.stringify(x[l])} pdf.js ${JSON.stringify(y[l])}`)
      }
      expect(labelsOf(auto), d.name).toEqual(labelsOf(pdfjs))
      // Positions feed the layout (columns, headers, tables): a drift would move text between lines.
      const [ba, bb] = [boxesOf(auto), boxesOf(pdfjs)]
      ba.forEach((page, p) =>
        page.forEach((box, l) => {
          const other = bb[p]?.[l]
          if (!other || box.some((v, k) => Math.abs(v - other[k]!) > 0.5)) differences.push(`${d.name} p${p + 1} l${l + 1}: box ${box.map((v) => v.toFixed(1))} vs ${other?.map((v) => v.toFixed(1))}`)
        }),
      )
    }
    expect(differences.slice(0, 400)).toEqual([])
    // Every text report and agreement of the corpora is one the direct reader handles; scans, encrypted and
    // corrupt files are not.
    const textDocs = docs.filter((d) => !/scan|encrypted|corrupt/.test(d.name))
    expect(direct).toBe(textDocs.length)
  }, 300_000)

  it('hands scans, encrypted and corrupt files to pdf.js, which gives the same answers as before', () => {
    for (const d of docs.filter((x) => /scan|encrypted|corrupt/.test(x.name))) expect(readDirect(d.bytes, 2000).kind, d.name).toBe('unsupported')
  })
})

describe('the direct reader on hostile input', () => {
  it('stops at its deadline, and readPdfText reports the time limit rather than trying pdf.js', async () => {
    const d = docs.find((x) => !/scan|encrypted|corrupt/.test(x.name))!
    expect(readDirect(d.bytes, 2000, 0).kind).toBe('timeout')
    const t = await readPdfText(d.bytes, {limits: {timeoutMs: 0}})
    expect(t.status === 'error' && t.code).toBe('timeout')
  })

  it('answers ok, unsupported or too-many-pages on seeded mutations of the corpus, never throws, and bounds its time', () => {
    // Flipped bytes, truncations, repeated spans and swapped numbers: the damage a bad download or a hostile
    // file brings. The direct reader runs on the main thread, so it must never hang or throw.
    const rand = seededRandom(1414)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
    const started = performance.now()
    const kinds = new Map<string, number>()
    let slowest = 0
    for (let i = 0; i < 400 && performance.now() - started < 20_000; i++) {
      const src = pick(docs).bytes
      const b = Buffer.from(src)
      let m: Buffer = b
      switch (i % 4) {
        case 0:
          for (let k = 0; k < 1 + Math.floor(rand() * 20); k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256)
          break
        case 1:
          m = b.subarray(0, Math.floor(rand() * b.length))
          break
        case 2: {
          const at = Math.floor(rand() * b.length)
          m = Buffer.concat([b.subarray(0, at), b.subarray(Math.floor(rand() * b.length)), b.subarray(at)])
          break
        }
        default:
          m = Buffer.from(b.toString('latin1').replace(/\d+/g, (n) => (rand() < 0.05 ? String(Math.floor(rand() * 1e9)) : n)), 'latin1')
      }
      const t0 = performance.now()
      const r = readDirect(new Uint8Array(m), 2000)
      slowest = Math.max(slowest, performance.now() - t0)
      kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1)
      expect(['ok', 'unsupported', 'too-many-pages']).toContain(r.kind)
    }
    expect(kinds.get('unsupported') ?? 0).toBeGreaterThan(0)
    expect(slowest).toBeLessThan(5_000)
  }, 60_000)
})

/** A PDF in pdfkit's standard (WinAnsi, unembedded) fonts: no ToUnicode, so the reader maps codes itself. */
const standardFontPdf = (draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> =>
  new Promise((resolve) => {
    const doc = new PDFDocument({size: 'A4', margin: 50, info: {CreationDate: new Date('2026-01-01T00:00:00Z')}})
    const parts: Buffer[] = []
    doc.on('data', (b: Buffer) => parts.push(b))
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(parts))))
    draw(doc)
    doc.end()
  })

describe('the direct reader on what real-world manuals taught it', () => {
  it('maps WinAnsi 0x80–0x9F (bullets, curly quotes, dashes, euro) to their characters on every Node', () => {
    // Node 20's TextDecoder('windows-1252') gives control characters for this row; the FOP manual's bullets were lost.
    expect([0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x99].map((c) => winAnsiText(c)).join('')).toBe('€…‘’“”•–—™')
    expect(winAnsiText(0x81)).toBeUndefined()
    expect(winAnsiText(0xe9)).toBe('é')
  })

  it('reads standard-font text with typographic characters like pdf.js, and drops text drawn off the page as pdf.js does', async () => {
    const bytes = await standardFontPdf((doc) => {
      doc.font('Times-Roman').fontSize(11)
      doc.text('• Exceptions noted — “none” – for the period ending 31 March 2026 … €10 ™ Café', 50, 80)
      doc.font('Helvetica').text(`A long command line ${'--sort=curB:100,'.repeat(20)}end`, 50, 120, {lineBreak: false})
      doc.font('Courier').text('mono ‘quoted’ text', 50, 160)
    })
    const r = readDirect(bytes, 10)
    expect(r.kind).toBe('ok')
    const [mine, pdfjs] = [await readPdfText(bytes), await readPdfText(bytes, {reader: 'pdfjs'})]
    expect(linesOf(mine)).toEqual(linesOf(pdfjs))
    expect(linesOf(mine)[0]![0]).toContain('• Exceptions noted — “none” –')
    // The long line stops at the page's edge (595 pt) for both readers.
    const long = linesOf(mine)[0]!.find((l) => l.startsWith('A long'))!
    expect(long.endsWith('end')).toBe(false)
  })
})
