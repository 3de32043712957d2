import {execFile} from 'node:child_process'
import {promises as fs} from 'node:fs'
import path from 'node:path'
import {promisify} from 'node:util'
import {beforeAll, describe, expect, it} from 'vitest'

import {readPdfText} from '../../src/pdf/read-pdf-text.js'
import {soc2Corpus, type CorpusDoc} from '../helpers/soc2-corpus.js'
import {tempDir} from '../helpers/tmp.js'

// The corpus checked with tools that did not write it: qpdf (structure, encryption), poppler (text, images).
const run = promisify(execFile)
const dir = tempDir('scanvet-soc2-corpus-interop-')
let docs: CorpusDoc[]
const file = (d: CorpusDoc) => path.join(dir, `${d.name}.pdf`)

beforeAll(async () => {
  docs = await soc2Corpus()
  for (const d of docs) await fs.writeFile(file(d), d.bytes)
}, 60_000)

describe('the SOC 2 corpus, as qpdf and poppler see it', () => {
  it('every report is a well-formed PDF (qpdf --check)', async () => {
    for (const d of docs.filter((x) => x.kind === 'report' || x.kind === 'scan' || x.kind === 'bridge')) await run('qpdf', ['--check', file(d)])
  })

  it('the encrypted one is encrypted and the corrupt one is not a PDF structure qpdf can read', async () => {
    const enc = docs.find((d) => d.kind === 'encrypted')!
    await expect(run('qpdf', ['--is-encrypted', file(enc)])).resolves.toBeDefined()
    await expect(run('qpdf', ['--check', file(docs.find((d) => d.kind === 'corrupt')!)])).rejects.toThrow()
  })

  it('the scan has no text for pdftotext and one image per page for pdfimages; the reader agrees', async () => {
    const scan = docs.find((d) => d.kind === 'scan')!
    expect((await run('pdftotext', [file(scan), '-'])).stdout.trim()).toBe('')
    const images = (await run('pdfimages', ['-list', file(scan)])).stdout.trim().split('\n').slice(2)
    expect(images).toHaveLength(2)
    const t = await readPdfText(scan.bytes)
    if (t.status !== 'ok') throw new Error(t.reason)
    expect(t.pages.map((p) => p.scanned)).toEqual([true, true])
  })

  it('page by page, the reader and pdftotext see the same words (running headers aside)', async () => {
    for (const d of docs.filter((x) => x.kind === 'report').slice(0, 6)) {
      const t = await readPdfText(d.bytes)
      if (t.status !== 'ok') throw new Error(t.reason)
      for (const p of t.pages) {
        const poppler = new Set((await run('pdftotext', ['-f', String(p.index), '-l', String(p.index), file(d), '-'])).stdout.toLowerCase().match(/[a-z]{4,}/g) ?? [])
        const ours = p.lines.map((l) => l.text).join(' ').toLowerCase().match(/[a-z]{4,}/g) ?? []
        const missing = ours.filter((w) => !poppler.has(w))
        expect(missing, `${d.name} page ${p.index}`).toEqual([])
      }
    }
  })
})
