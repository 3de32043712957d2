import {readFileSync} from 'node:fs'
import {Ajv} from 'ajv'
import * as addFormatsModule from 'ajv-formats'
import {describe, expect, it} from 'vitest'

import {validatorFor} from '../../src/validation/ajv-instance.js'
import {toFindingsCsv, CSV_COLUMNS} from '../../src/report/findings-csv.js'
import {toOscal} from '../../src/report/oscal.js'
import {buildReportModel} from '../../src/report/report-model.js'
import {renderPdf} from '../../src/report/render-pdf.js'
import {reportText} from '../../src/report/report-text.js'
import {fixtureAssessment} from '../helpers/assessment-fixture.js'
import {pdfTextOf} from '../helpers/pdf-text.js'

const addFormats = addFormatsModule.default as unknown as (a: Ajv) => Ajv
const good = await fixtureAssessment()
const bad = await fixtureAssessment({bad: true, unreachable: true})

/** NIST's OSCAL 1.0.6 assessment-results schema, CC0, copied into test/fixtures/oscal (see its README). */
const oscalValidator = (() => {
  const ajv = new Ajv({allErrors: true, strict: false, allowUnionTypes: true})
  addFormats(ajv)
  return ajv.compile(JSON.parse(readFileSync(new URL('../fixtures/oscal/oscal_assessment-results_schema-1.0.6.json', import.meta.url), 'utf8')))
})()

describe('assessment.json', () => {
  it('validates against the assessment schema, good and bad vendors alike', () => {
    for (const a of [good, bad, {...bad, signature: {status: 'unsigned' as const, reason: 'no key'}}]) {
      const v = validatorFor('assessment')
      expect(v(JSON.parse(JSON.stringify(a))), JSON.stringify(v.errors?.slice(0, 3))).toBe(true)
    }
  })

  it('the schema rejects a record with a missing verdict or an unknown status', () => {
    const v = validatorFor('assessment')
    const {verdict: _, ...noVerdict} = good
    expect(v(JSON.parse(JSON.stringify(noVerdict)))).toBe(false)
    expect(v(JSON.parse(JSON.stringify({...good, findings: [{...good.findings[0], status: 'maybe'}]})))).toBe(false)
  })
})

describe('verdict conditions', () => {
  it('a failing critical/high item makes the vendor not approved, with owners and due dates by severity', () => {
    expect(bad.verdict.decision).toBe('not-approved')
    const c = bad.verdict.conditions
    expect(c.map((x) => x.id)).toEqual(c.map((_, i) => `C${i + 1}`))
    const baa = c.find((x) => x.findingId === 'agreements.baa-signed')!
    expect(baa).toMatchObject({severity: 'critical', owner: 'vendor', kind: 'fix', due: '2026-03-02'})
    const unreachable = c.find((x) => x.findingId.endsWith('@https://dicom.vendor.example:443'))!
    expect(unreachable).toMatchObject({owner: 'practice', kind: 'evidence'})
    expect(unreachable.action).toMatch(/no TLS handshake/)
  })
})

describe('OSCAL assessment-results', () => {
  it('validates against NIST’s JSON Schema 1.0.6', () => {
    for (const a of [good, bad]) {
      const doc = toOscal(a)
      expect(oscalValidator(doc), JSON.stringify(oscalValidator.errors?.slice(0, 3))).toBe(true)
    }
  })

  it('is deterministic and carries every scored control with its status', () => {
    expect(JSON.stringify(toOscal(bad))).toBe(JSON.stringify(toOscal(bad)))
    const doc = toOscal(bad) as {'assessment-results': {results: {findings: {target: {'target-id': string; status: {state: string}}}[]}[]}}
    const findings = doc['assessment-results'].results[0]!.findings
    expect(findings.length).toBe(bad.controls.filter((c) => c.status !== 'readiness').length)
    const baa = findings.find((f) => f.target['target-id'] === 'hipaa.164.308.b.1')!
    expect(baa.target.status.state).toBe('not-satisfied')
  })

  it('the NIST schema is not a rubber stamp: a malformed document fails it', () => {
    expect(oscalValidator({'assessment-results': {uuid: 'not-a-uuid', metadata: {}, 'import-ap': {}, results: []}})).toBe(false)
  })
})

describe('findings.csv', () => {
  it('has one row per finding with controls and conditions, and quotes and defuses every cell', () => {
    const csv = toFindingsCsv({...bad, findings: [{...bad.findings[0]!, title: '=HYPERLINK("x") "quoted"', headline: '=HYPERLINK("x") "quoted"'}, ...bad.findings.slice(1)]})
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe(CSV_COLUMNS.map((c) => `"${c}"`).join(','))
    expect(lines.length).toBe(bad.findings.length + 1)
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"") ""quoted"""`)
    const baa = lines.find((l) => l.startsWith('"agreements.baa-signed"'))!
    expect(baa).toContain('"45 CFR 164.308(b)(1)')
    expect(baa).toMatch(/"C\d+","vendor","2026-03-02"/)
  })
})

describe('report model and PDF', () => {
  it('picks the three biggest risks worst first, one per rule, each with what to ask', () => {
    const m = buildReportModel(bad)
    expect(m.topRisks).toHaveLength(3)
    expect(m.topRisks[0]!.severity).toBe('critical')
    expect(new Set(m.topRisks.map((r) => r.title)).size).toBe(3)
    for (const r of m.topRisks) expect(r.ask.length).toBeGreaterThan(10)
    expect(m.bySeverity.find((b) => b.key === 'critical')!.fail).toBeGreaterThan(0)
    expect(m.evidence).toContainEqual({name: 'vendors/acme-ai/answers.yaml', sha256: 'a'.repeat(64), source: 'questionnaire answers'})
  })

  it('the first two pages alone give the verdict, the three biggest risks and what to ask', async () => {
    const m = buildReportModel(bad)
    const pdf = await renderPdf(m, JSON.stringify(bad))
    const pages = await pdfTextOf(pdf)
    const firstTwo = pages.slice(0, 2).join('\n').replace(/\s+/g, ' ')
    expect(firstTwo).toContain(reportText().decisions['not-approved'].label)
    expect(firstTwo).toContain('Acme Imaging AI')
    for (const r of m.topRisks) {
      expect(firstTwo).toContain(r.title.replace(/\s+/g, ' ').slice(0, 40))
      expect(firstTwo).toContain(r.ask.replace(/\s+/g, ' ').slice(0, 40))
    }
    const all = pages.join('\n')
    for (const title of ['HIPAA Security', 'GDPR with European Data Protection Board', 'Findings in detail', 'Questionnaire answers', 'Evidence appendix', 'Changes since the previous assessment', 'Method and limits', 'Signature']) expect(all).toContain(title)
  })

  it('lays out a changes model when one is given (the hook issue 8 fills)', async () => {
    const m = buildReportModel(good, {previousId: '2025-12-01-1', items: [{change: 'fixed', text: 'TLS 1.0 is no longer offered'}]})
    const pages = await pdfTextOf(await renderPdf(m, JSON.stringify(good)))
    expect(pages.join('\n')).toContain('TLS 1.0 is no longer offered')
  })
})
