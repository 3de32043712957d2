import {execFileSync} from 'node:child_process'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

// Poppler (Debian poppler-utils) reads the demo report: an independent check of what the foundation promises.
describe('demo report read by poppler', () => {
  it('pdfinfo opens it and pdftotext finds the vendor, the TLS version and a HIPAA citation', async () => {
    const dir = path.join(tempDir(), 'demo')
    const r = await runCli(['demo', '--dir', dir, '--json'], {timeoutMs: 120_000})
    expect(r.code, r.stderr).toBe(0)
    const {report} = JSON.parse(r.stdout) as {report: string}
    const info = execFileSync('pdfinfo', [report], {encoding: 'utf8'})
    expect(info).toMatch(/Pages:\s+\d+/)
    expect(info).toMatch(/Title:\s+.*Demo Imaging AI/)
    const text = execFileSync('pdftotext', ['-layout', report, '-'], {encoding: 'utf8'})
    expect(text).toContain('Demo Imaging AI')
    expect(text).toMatch(/TLSv1\.[23]/)
    expect(text).toMatch(/45 CFR\s+164\.\d{3}/)
    const fonts = execFileSync('pdffonts', [report], {encoding: 'utf8'}).split('\n').slice(2).filter(Boolean)
    expect(fonts.length).toBeGreaterThan(0)
    for (const line of fonts) expect(line).toMatch(/ yes +yes +yes /)
  })
})
