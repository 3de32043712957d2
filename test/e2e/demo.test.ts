import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
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
    // The demo vendor's signed BAA and DPA open both gates; its medium findings make it approved with conditions.
    expect(out.decision).toBe('approved-with-conditions')
    expect(existsSync(out.report)).toBe(true)
    const human = await runCli(['demo', '--dir', path.join(dir, '..', 'demo-human')], {timeoutMs: 120_000})
    expect(human.stdout).toMatch(/Verdict: +(APPROVED|CANNOT DECIDE YET|NOT APPROVED)/)
    expect(human.stdout).toMatch(/Report: +\/.*report\.pdf/)
  })

  it('the report names the vendor, the TLS version observed and HIPAA citations', async () => {
    const text = (await pdfText(out.report)).join('\n')
    expect(text).toContain('Demo Imaging AI')
    expect(text).toMatch(/TLSv1\.3/)
    expect(text).toMatch(/45 CFR\s+164\.\d{3}/)
    expect(text).toMatch(/GDPR Art\. \d+/)
    // The contract section: each agreement, element by element, with the provision and where it was found.
    expect(text).toContain('Business associate and data processing agreements')
    expect(text).toMatch(/Business associate agreement — baa\.txt:\s+signed,\s+17\s+of\s+17\s+elements\s+present/)
    expect(text).toMatch(/Breach notice without unreasonable delay[\s\S]{0,120}45 CFR 164\.410\s+present/)
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

describe('assess refuses a hand-edited answers file it cannot judge', () => {
  it('an unknown question id is located and exits 2, and no round is written', async () => {
    const dir = path.join(tempDir(), 'demo')
    const r = await runCli(['demo', '--dir', dir, '--json'], {timeoutMs: 120_000})
    expect(r.code, r.stderr).toBe(0)
    const vendorDir = path.join(dir, 'vendors', 'demo-imaging-ai')
    const answers = path.join(vendorDir, 'answers.yaml')
    const text = readFileSync(answers, 'utf8')
    writeFileSync(answers, text.replace('answers:\n', 'answers:\n  training.usage: never\n'))
    const before = readdirSync(path.join(vendorDir, 'assessments'))
    const bad = await runCli(['assess', 'demo-imaging-ai', '-w', dir], {timeoutMs: 120_000})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/answers\.yaml:\d+:\d+: .*training\.usage/)
    expect(readdirSync(path.join(vendorDir, 'assessments'))).toEqual(before)
  })
})
