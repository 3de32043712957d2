import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'
import {pdfText} from '../helpers/pdf-text.js'
import {tempDir} from '../helpers/tmp.js'

describe('scanvet demo: a full audit of the bundled demo vendor on 127.0.0.1', () => {
  const dir = path.join(tempDir(), 'demo')
  let out: {workspace: string; report: string; assessment: string; decision: string}

  it('prints a verdict and writes a report', async () => {
    const r = await runCli(['demo', '--dir', dir, '--json'], {timeoutMs: 120_000})
    expect(r.code, r.stderr).toBe(0)
    out = JSON.parse(r.stdout)
    expect(['approved', 'approved-with-conditions', 'not-approved']).toContain(out.decision)
    expect(existsSync(out.report)).toBe(true)
    const human = await runCli(['demo', '--dir', path.join(dir, '..', 'demo-human')], {timeoutMs: 120_000})
    expect(human.stdout).toMatch(/Verdict: +APPROVED/)
    expect(human.stdout).toMatch(/Report: +\/.*report\.pdf/)
  })

  it('the report names the vendor, the TLS version observed and HIPAA citations', async () => {
    const text = (await pdfText(out.report)).join('\n')
    expect(text).toContain('Demo Imaging AI')
    expect(text).toMatch(/TLSv1\.3/)
    expect(text).toMatch(/45 CFR 164\.\d{3}/)
    expect(text).toMatch(/GDPR Art\. \d+/)
  })

  it('the assessment records real observations of the demo server and questionnaire findings', () => {
    const a = JSON.parse(readFileSync(out.assessment, 'utf8'))
    const tls = a.observations.filter((o: {probe: string}) => o.probe === 'tls')
    expect(tls.length).toBeGreaterThanOrEqual(2)
    for (const o of tls) {
      expect(o.status).toBe('ok')
      expect(o.facts.protocols.offered).toEqual(['TLSv1.2', 'TLSv1.3'])
      expect(o.facts.certificate.trusted).toBe(true)
    }
    expect(a.findings.some((f: {source: string}) => f.source === 'question')).toBe(true)
    expect(a.findings.find((f: {ruleId: string}) => f.ruleId === 'tls-cert-hostname').status).toBe('pass')
    expect(a.controls.length).toBeGreaterThan(50)
  })
})
