import {execFileSync} from 'node:child_process'
import {copyFileSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {deflateSync} from 'node:zlib'
import {beforeAll, describe, expect, it} from 'vitest'

import type {Assessment} from '../../src/assessment/assessment-types.js'
import {buildLedger} from '../../src/conditions/ledger.js'
import {quarterViewOf} from '../../src/history/quarter-view.js'
import {produceReport} from '../../src/report/produce-report.js'
import {ROOT, runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

/*
 * The demo report's layout, read by independent tools: poppler's pdfinfo (pages, paper), pdftoppm (pages 1–2
 * to PNG) and tesseract (what a reader sees on those PNGs), pdfimages (the logo). The demo writes it on Letter
 * (a HIPAA practice); the same record is laid out again on A4 with a logo. Needs poppler-utils and tesseract-ocr.
 */
/** A one-colour RGB PNG, written by hand (signature, IHDR, one IDAT, IEND): a logo with no image tool needed. */
const solidPng = (w: number, h: number, rgb: readonly [number, number, number]): Buffer => {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({length: w}, () => rgb).flat())])
  const raw = Buffer.concat(Array.from({length: h}, () => row))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

const crc32 = (buf: Buffer): number => {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c >>> 0
}

const ocr = (png: string): string => execFileSync('tesseract', [png, '-', '--psm', '3'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).replace(/\s+/g, ' ')
const pages = (pdf: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], {encoding: 'utf8'}))![1])
const size = (pdf: string): string => /Page size:\s+(.*)/.exec(execFileSync('pdfinfo', [pdf], {encoding: 'utf8'}))![1]!

describe('the demo report: pages 1–2 are the decision, at most 12 pages on Letter and A4', () => {
  const dir = tempDir('scanvet-pages-')
  let letter = ''
  let a4 = ''
  const artefacts = path.join(ROOT, 'test', 'interop', 'artefacts')

  beforeAll(async () => {
    const r = await runCli(['demo', '--dir', path.join(dir, 'demo'), '--json'], {timeoutMs: 120_000})
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as {report: string; assessment: string}
    letter = out.report
    const a = JSON.parse(readFileSync(out.assessment, 'utf8')) as Assessment
    const logo = path.join(dir, 'logo.png')
    writeFileSync(logo, solidPng(220, 80, [0x3a, 0x5a, 0x8c]))
    const conditions = buildLedger([a], [], a.assessedAt)
    const files = await produceReport(a, undefined, undefined, {quarter: quarterViewOf([a], conditions), paper: 'a4', logo: readFileSync(logo)})
    a4 = path.join(dir, 'a4.pdf')
    writeFileSync(a4, files.files['report.pdf'])
  }, 180_000)

  it('Letter by default for a HIPAA practice, A4 when asked; at most 12 pages each, appendix included', () => {
    expect(size(letter)).toMatch(/612 x 792 pts \(letter\)/)
    expect(size(a4)).toMatch(/595\.\d+ x 841\.\d+ pts \(A4\)/)
    const n = {letter: pages(letter), a4: pages(a4)}
    console.log(`demo report pages: Letter ${n.letter}, A4 ${n.a4}`)
    expect(n.letter).toBeLessThanOrEqual(12)
    expect(n.a4).toBeLessThanOrEqual(12)
    expect(execFileSync('pdftotext', [letter, '-'], {encoding: 'utf8'})).toContain('Appendix: cipher suites accepted')
  })

  it('no near-empty page: every page carries at least 100 words (the footer aside)', () => {
    for (const pdf of [letter, a4]) {
      const words = Array.from({length: pages(pdf)}, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-'], {encoding: 'utf8'}).split(/\s+/).filter(Boolean).length - 8)
      console.log(`words per page (${path.basename(pdf)}): ${words.join(' ')}`)
      for (const [i, n] of words.entries()) expect(n, `page ${i + 1} of ${path.basename(pdf)}`).toBeGreaterThanOrEqual(100)
    }
  })

  it('page 1, as rendered and read back by OCR: the verdict, why, and the since-last-quarter box', () => {
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '2', letter, path.join(dir, 'p')])
    copyFileSync(path.join(dir, 'p-01.png'), path.join(artefacts, 'demo-report-page-1.png'))
    copyFileSync(path.join(dir, 'p-02.png'), path.join(artefacts, 'demo-report-page-2.png'))
    const one = ocr(path.join(dir, 'p-01.png'))
    expect(one).toMatch(/APPROVED WITH CONDITIONS/)
    expect(one).toMatch(/Why/)
    expect(one).toMatch(/Since last quarter/)
    expect(one).toMatch(/first assessment of this vendor/)
    expect(one).toMatch(/Fixed/)
    expect(one).toMatch(/Overdue conditions/)
  })

  it('page 2, as rendered and read back by OCR: the risks grouped by cause, each with what to ask and by when', () => {
    const two = ocr(path.join(dir, 'p-02.png'))
    expect(two).toMatch(/The risks, by cause, and what to ask/)
    // The AEAD warning on three endpoints is one risk naming the three places.
    expect(two).toMatch(/authenticated encryption/i)
    expect(two).toMatch(/Seen at:/)
    expect((two.match(/Ask:/g) ?? []).length).toBeGreaterThanOrEqual(3)
    expect((two.match(/Due \d{4}-\d{2}-\d{2}/g) ?? []).length).toBeGreaterThanOrEqual(3)
  })

  it('the practice logo is on page 1 of the A4 report', () => {
    const list = execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', a4], {encoding: 'utf8'})
    expect(list.split('\n').slice(2).filter(Boolean).length).toBeGreaterThanOrEqual(1)
    expect(execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', letter], {encoding: 'utf8'}).split('\n').slice(2).filter(Boolean)).toEqual([])
  })
})
