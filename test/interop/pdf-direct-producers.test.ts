import {execFile} from 'node:child_process'
import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'
import {promisify} from 'node:util'
import {gunzipSync} from 'node:zlib'
import {chromium} from 'playwright-core'
import {beforeAll, describe, expect, it} from 'vitest'

import {readDirect} from '../../src/pdf/direct/read-direct.js'
import {readPdfText, type PdfDocumentText} from '../../src/pdf/read-pdf-text.js'
import {soc2Corpus} from '../helpers/soc2-corpus.js'
import {tempDir} from '../helpers/tmp.js'

// scanvet's direct PDF text reader on PDFs written by producers it did not write: the SOC 2 corpus rewritten
// by cairo (pdftocairo), MuPDF (mutool clean, compressed and not) and qpdf (object streams, linearised), a page
// printed by Debian's Chromium (Skia), and the PDF manuals Debian ships (FOP, pdfTeX) where installed. Each is
// either handed to pdf.js (`unsupported`) or read with the same glyphs in the same order as pdf.js, and its words
// agree with poppler's pdftotext at least as well as pdf.js's do.
const run = promisify(execFile)
const dir = tempDir('scanvet-pdf-producers-')

interface Doc {
  readonly name: string
  readonly file: string
  /** Producers scanvet must read itself: the test fails if they are handed to pdf.js. */
  readonly direct: boolean
}

const HTML = `<!doctype html><html><head><meta charset="utf-8"><style>
body{font-family:serif;margin:2cm} .cols{columns:2} h2{page-break-before:always} td,th{border:1px solid #000;padding:4px}
</style></head><body>
<h1>Report on Northwind Imaging’s “Reading Platform” (the “system”)</h1>
<p>The ﬁrst ofﬁce — effective 1 January 2026 – is naïve: Über straße, Zoë, Ångström.</p>
<p>The trust services categories in scope are:</p><ul><li>Security</li><li>Availability</li><li>Confidentiality</li></ul>
<div class="cols"><p>${'Complementary user entity controls are listed here in two columns of prose. '.repeat(14)}</p></div>
<table><tr><th>Criterion</th><th>Control</th><th>Result</th></tr><tr><td>CC6.1</td><td>Access is reviewed quarterly.</td><td>No exceptions noted.</td></tr>
<tr><td>CC7.2</td><td>Alerts are triaged within one hour.</td><td>Exception noted: 2 of 25 samples.</td></tr></table>
<h2>Section 2</h2><p style="font-family:sans-serif">Sans text • bullet · middot ½ © ® ™ € £ 10% “quoted”</p>
<p style="font-family:monospace">mono 0x1234 --sort=curB:100,curBk:100</p></body></html>`

const docs: Doc[] = []

beforeAll(async () => {
  const corpus = (await soc2Corpus(14)).filter((d) => d.kind === 'report').slice(0, 5)
  for (const d of corpus) {
    const src = path.join(dir, `${d.name}.pdf`)
    await fs.writeFile(src, d.bytes)
    const out = (tool: string) => path.join(dir, `${d.name}.${tool}.pdf`)
    await run('pdftocairo', ['-pdf', src, out('cairo')])
    await run('mutool', ['clean', '-gggg', '-z', src, out('mutool-z')])
    await run('mutool', ['clean', '-d', src, out('mutool-d')])
    await run('qpdf', ['--object-streams=generate', '--linearize', src, out('qpdf')])
    for (const tool of ['cairo', 'mutool-z', 'mutool-d', 'qpdf']) docs.push({name: `${d.name} via ${tool}`, file: out(tool), direct: true})
  }
  const browser = await chromium.launch({executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking']})
  try {
    const page = await browser.newPage()
    await page.setContent(HTML)
    for (const format of ['A4', 'Letter'] as const) {
      const file = path.join(dir, `chromium-${format}.pdf`)
      await fs.writeFile(file, await page.pdf({format}))
      docs.push({name: `chromium ${format}`, file, direct: true})
    }
  } finally {
    await browser.close()
  }
  // Debian's own manuals, when the packages that ship them are installed: pdfTeX (usually handed to pdf.js:
  // Type 1 fonts with built-in encodings) and Apache FOP (read directly).
  const manuals = ['/usr/share/doc/valgrind/valgrind_manual.pdf.gz', '/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf', '/usr/share/doc/libtasn1-doc/libtasn1.pdf', '/usr/share/doc/bzip2/manual.pdf.gz']
  for (const m of manuals.filter((f) => existsSync(f))) {
    const file = path.join(dir, path.basename(m).replace(/\.gz$/, ''))
    const raw = await fs.readFile(m)
    await fs.writeFile(file, m.endsWith('.gz') ? gunzipSync(raw) : raw)
    docs.push({name: path.basename(file), file, direct: false})
  }
}, 180_000)

const glyphs = (t: PdfDocumentText): string[] => (t.status === 'ok' ? t.pages.map((p) => p.lines.map((l) => l.text).join('').replace(/\s+/g, '')) : [])
const words = (text: string): string[] => text.split(/\s+/).filter((w) => w.length > 0)
const share = (mine: readonly string[], oracle: readonly string[]): number => {
  const bag = new Map<string, number>()
  for (const w of oracle) bag.set(w, (bag.get(w) ?? 0) + 1)
  let hit = 0
  for (const w of mine) {
    const n = bag.get(w) ?? 0
    if (n > 0) {
      hit++
      bag.set(w, n - 1)
    }
  }
  return mine.length === 0 ? 1 : hit / mine.length
}

describe('the direct PDF reader on other producers', () => {
  it('reads what cairo, MuPDF, qpdf and Chromium write, with pdf.js’s glyphs and words at least as close to pdftotext', async () => {
    const problems: string[] = []
    let direct = 0
    for (const d of docs) {
      const bytes = new Uint8Array(await fs.readFile(d.file))
      const r = readDirect(bytes, 2000)
      if (r.kind !== 'ok') {
        if (d.direct) problems.push(`${d.name}: handed to pdf.js (${r.kind === 'unsupported' ? r.reason : r.kind})`)
        continue
      }
      direct++
      const [mine, pdfjs] = [await readPdfText(bytes), await readPdfText(bytes, {reader: 'pdfjs'})]
      const [a, b] = [glyphs(mine), glyphs(pdfjs)]
      a.forEach((g, i) => {
        if (g !== b[i]) problems.push(`${d.name} p${i + 1}: glyphs differ from pdf.js`)
      })
      const oracle = words((await run('pdftotext', ['-raw', d.file, '-'], {maxBuffer: 64 * 1024 * 1024})).stdout)
      const text = (t: PdfDocumentText) => (t.status === 'ok' ? t.pages.flatMap((p) => p.lines.flatMap((l) => words(l.text.replaceAll(' | ', ' ')))) : [])
      const [sm, sp] = [share(text(mine), oracle), share(text(pdfjs), oracle)]
      if (sm < sp - 0.002 || sm < 0.97) problems.push(`${d.name}: ${(sm * 100).toFixed(1)} % of words in pdftotext's text (pdf.js ${(sp * 100).toFixed(1)} %)`)
    }
    expect(problems).toEqual([])
    expect(direct).toBeGreaterThanOrEqual(docs.filter((d) => d.direct).length)
  }, 600_000)
})
