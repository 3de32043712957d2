import {execFile} from 'node:child_process'
import {promises as fs} from 'node:fs'
import path from 'node:path'
import {promisify} from 'node:util'
import {beforeAll, describe, expect, it} from 'vitest'

import {extractReport} from '../../src/probes/soc2/extract-report.js'
import {pdfText} from '../../src/probes/soc2/pdf-text.js'
import * as F from '../helpers/soc2-fixtures.js'
import {syntheticPdf} from '../helpers/synthetic-pdf.js'
import {tempDir} from '../helpers/tmp.js'

// Real tools (scripts/install-interop-deps.sh): qpdf rewrites and encrypts, poppler's pdftotext reads page by page.
const run = promisify(execFile)
const dir = tempDir('scanvet-soc2-interop-')
const file = (n: string) => path.join(dir, n)

/** Poppler's text of one page, whitespace collapsed. */
const popplerPage = async (pdf: string, page: number): Promise<string> =>
  (await run('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'])).stdout.replace(/\s+/g, ' ')

const read = async (pdf: string) => {
  const t = await pdfText(await fs.readFile(pdf))
  if (t.status !== 'ok') throw new Error(t.reason)
  return extractReport(t.pages, {textComplete: true, notAuditor: ['Northwind']})
}

beforeAll(async () => {
  await fs.writeFile(file('clean.pdf'), await syntheticPdf(F.cleanTypeII.pages))
  await fs.writeFile(file('exceptions.pdf'), await syntheticPdf(F.exceptionsTypeII.pages, F.exceptionsTypeII.options))
}, 60_000)

describe('synthetic SOC 2 reports against qpdf and poppler', () => {
  it('the fixtures are structurally valid PDFs (qpdf --check)', async () => {
    for (const n of ['clean.pdf', 'exceptions.pdf']) {
      const r = await run('qpdf', ['--check', file(n)])
      expect(r.stdout).toMatch(/No syntax or stream encoding errors found/)
    }
  })

  it('poppler finds each extracted fact on the page scanvet says it is on', async () => {
    const r = await read(file('exceptions.pdf'))
    expect(await popplerPage(file('exceptions.pdf'), r.type!.page)).toContain('Type II')
    expect(await popplerPage(file('exceptions.pdf'), r.period!.page)).toContain('June 30, 2026')
    expect(await popplerPage(file('exceptions.pdf'), r.auditor!.page)).toContain('Halvorsen & Pike LLP')
    expect(await popplerPage(file('exceptions.pdf'), r.opinion!.page)).toContain('In our opinion, in all material respects')
    for (const e of r.exceptions!.items) expect(await popplerPage(file('exceptions.pdf'), e.page)).toContain(e.criteria[0])
    const cc61 = r.exceptions!.items.find((e) => e.criteria.includes('CC6.1'))!
    expect(await popplerPage(file('exceptions.pdf'), cc61.page)).toMatch(/For 2 of 25/)
  })

  it('the same report rewritten by qpdf (object streams, linearised) yields the same facts', async () => {
    await run('qpdf', ['--object-streams=generate', '--linearize', file('clean.pdf'), file('clean-qpdf.pdf')])
    const [a, b] = await Promise.all([read(file('clean.pdf')), read(file('clean-qpdf.pdf'))])
    expect(b).toEqual(a)
    expect(b.type?.value).toBe('Type II')
  })

  it('a report encrypted by qpdf with a user password gives a reason, not a crash', async () => {
    await run('qpdf', ['--encrypt', 'user-secret', 'owner-secret', '256', '--', file('clean.pdf'), file('clean-aes.pdf')])
    expect(await pdfText(await fs.readFile(file('clean-aes.pdf')))).toEqual({status: 'error', reason: 'the PDF is encrypted with a password; ask the vendor for a copy without one'})
  })

  it('a report restricted only by an owner password (opens without one) is read normally', async () => {
    await run('qpdf', ['--encrypt', '', 'owner-secret', '256', '--print=none', '--', file('clean.pdf'), file('clean-owner.pdf')])
    expect((await read(file('clean-owner.pdf'))).opinion?.value).toBe('unqualified')
  })
})
