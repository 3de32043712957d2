import {spawnSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'
import {appendJunk, changeTitle, flipByte, garbleSignature, shiftByteRange, signedFixtureReport, swapAttachment, truncate, writeIntoPadding} from '../helpers/pdf-tamper.js'
import {tempDir} from '../helpers/tmp.js'

/*
 * Each tampering of a signed report, shown to `scanvet verify` and to independent readers: poppler's pdfsig
 * (which exits 0 whatever it finds, so its words are read), qpdf (structure and the attachment a reader
 * extracts) and pdfdetach. scanvet must reject every one with its own reason, and the tools must see the same
 * file the same way: a change after signing, a broken digest, a damaged file, a swapped attachment.
 */
const dir = tempDir()
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, {encoding: 'utf8', cwd: dir})
const SWAPPED = Buffer.from('{"verdict":{"decision":"approved"},"tampered":true}')

interface Case {
  readonly name: string
  readonly make: (pdf: Buffer) => Buffer
  /** The failure ids `scanvet verify --json` must report (at least these). */
  readonly scanvet: readonly string[]
  /** What pdfsig says of the signature and of its coverage ('' when pdfsig cannot read the signature at all). */
  readonly pdfsig: RegExp
  readonly qpdfCheck: 'ok' | 'damaged'
}

const CASES: readonly Case[] = [
  {name: 'attachment swapped by incremental update', make: (p) => swapAttachment(p, SWAPPED), scanvet: ['modified-after-signing', 'attachment-swapped'], pdfsig: /Not total document signed[\s\S]*Signature is Valid/, qpdfCheck: 'ok'},
  {name: 'title changed by incremental update', make: (p) => changeTitle(p, 'A clean vendor'), scanvet: ['modified-after-signing'], pdfsig: /Not total document signed[\s\S]*Signature is Valid/, qpdfCheck: 'ok'},
  {name: 'bytes appended', make: appendJunk, scanvet: ['bytes-appended'], pdfsig: /Not total document signed[\s\S]*Signature is Valid/, qpdfCheck: 'ok'},
  {name: 'truncated', make: (p) => truncate(p), scanvet: ['truncated'], pdfsig: /Syntax Error|Error/, qpdfCheck: 'damaged'},
  {name: 'ByteRange shifted off /Contents', make: shiftByteRange, scanvet: ['gap-misaligned'], pdfsig: /Digest Mismatch/, qpdfCheck: 'ok'},
  {name: 'signature value garbled', make: garbleSignature, scanvet: ['unparseable-signature'], pdfsig: /couldn't be parsed as a CMS signature|Unknown Validation Failure/, qpdfCheck: 'ok'},
  // The bytes are outside the digest, so the signature itself is valid; pdfsig too says the document is not wholly signed.
  {name: 'bytes written into the signature padding', make: (p) => writeIntoPadding(p), scanvet: ['padding-written'], pdfsig: /Not total document signed[\s\S]*Signature is Valid/, qpdfCheck: 'ok'},
  {name: 'one byte flipped in the signed range', make: (p) => flipByte(p, 'Acme Imaging AI'), scanvet: ['digest-mismatch'], pdfsig: /Total document signed[\s\S]*Digest Mismatch/, qpdfCheck: 'ok'},
]

describe('tampered reports: scanvet verify, pdfsig, qpdf and pdfdetach agree', () => {
  let report: Buffer
  let fingerprint: string

  beforeAll(async () => {
    ;({report, fingerprint} = await signedFixtureReport())
    expect(fingerprint).toMatch(/^[0-9A-F:]{95}$/)
  }, 60_000)

  const verify = async (file: string) => {
    const r = await runCli(['verify', file, '--fingerprint', fingerprint, '--json'], {cwd: dir})
    const out = JSON.parse(r.stdout || '{}') as {ok?: boolean; checks?: {ok: boolean; failure?: string}[]}
    return {code: r.code, valid: out.ok, failures: (out.checks ?? []).filter((c) => !c.ok).map((c) => c.failure)}
  }

  it('the untouched report (the control): valid for scanvet, pdfsig, qpdf', async () => {
    const file = path.join(dir, 'ok.pdf')
    writeFileSync(file, report)
    expect(await verify(file)).toMatchObject({code: 0, valid: true, failures: []})
    const sig = run('pdfsig', [file]).stdout
    expect(sig).toContain('Total document signed')
    expect(sig).toContain('Signature is Valid.')
    expect(run('qpdf', ['--check', file]).status).toBe(0)
    expect(JSON.parse(run('qpdf', ['--show-attachment=assessment.json', file]).stdout)).toHaveProperty('verdict')
  }, 60_000)

  for (const c of CASES) {
    it(`${c.name}: scanvet names it (${c.scanvet.join(', ')}); pdfsig and qpdf see it too`, async () => {
      const file = path.join(dir, `${c.name.replace(/\W+/g, '-')}.pdf`)
      writeFileSync(file, c.make(report))
      const v = await verify(file)
      expect(v.code, c.name).toBe(1)
      expect(v.valid).toBe(false)
      expect(v.failures).toEqual(expect.arrayContaining([...c.scanvet]))
      expect(`${run('pdfsig', [file]).stdout}${run('pdfsig', [file]).stderr}`).toMatch(c.pdfsig)
      expect(run('qpdf', ['--check', file]).status === 0 ? 'ok' : 'damaged').toBe(c.qpdfCheck)
    }, 60_000)
  }

  it('the swapped attachment is what qpdf and pdfdetach extract, which is why scanvet compares the latest revision', async () => {
    const file = path.join(dir, 'swap-extract.pdf')
    writeFileSync(file, swapAttachment(report, SWAPPED))
    expect(run('qpdf', ['--show-attachment=assessment.json', file]).stdout.trim()).toBe(SWAPPED.toString())
    const out = path.join(dir, 'extracted.json')
    expect(run('pdfdetach', ['-save', '1', '-o', out, file]).status).toBe(0)
    expect(readFileSync(out, 'utf8').trim()).toBe(SWAPPED.toString())
  }, 60_000)
})
