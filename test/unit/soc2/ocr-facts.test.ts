import {describe, expect, it} from 'vitest'

import {runChecks} from '../../../src/checks/evaluate-check.js'
import {loadChecks} from '../../../src/checks/load-checks.js'
import {buildSoc2Facts} from '../../../src/probes/soc2/build-facts.js'
import type {ExtractedReport} from '../../../src/probes/soc2/soc2-types.js'

const checks = (await loadChecks()).filter((c) => c.probe === 'soc2')
const at = <T>(value: T, page: number) => ({value, page, excerpt: ''})
const extracted: ExtractedReport = {type: at('Type II', 1), period: at({start: '2025-07-01', end: '2026-06-30'}, 1), opinion: at('unqualified', 3), auditor: at('Greyfield Audit LLP', 3)}

const judge = (ocrPages: Record<number, number>) => {
  const {facts} = buildSoc2Facts({
    vendor: {id: 'v', name: 'V', service: 'Triage', jurisdictions: ['US'], endpoints: []},
    on: '2026-08-01',
    reports: [{evidence: {kind: 'soc2-report', path: 'r.pdf'}, document: {source: 'r.pdf', sha256: '', pages: 3, pagesWithoutText: Object.keys(ocrPages).map(Number), ocrPages}, extracted}],
    letters: [],
    subserviceEvidence: [],
  })
  const findings = Object.fromEntries(runChecks(checks, [{probe: 'soc2', target: 'r.pdf', startedAt: '', durationMs: 0, status: 'ok', facts}]).map((f) => [f.ruleId, f.status]))
  return {facts: facts as {report: Record<string, unknown>}, findings}
}

describe('facts read by OCR never decide a check on their own', () => {
  it('read from the text layer, the same facts pass', () => {
    const {findings} = judge({})
    expect(findings['soc2-type-ii']).toBe('pass')
    expect(findings['soc2-opinion-unqualified']).toBe('pass')
  })

  it('read by OCR (page 1 scanned), type and period are shown with their confidence and not judged', () => {
    const {facts, findings} = judge({1: 87})
    expect(facts.report.type).toBeUndefined()
    expect(facts.report.ocr).toMatchObject({type: {value: 'Type II', page: 1, confidence: 87}, periodEnd: {value: '2026-06-30', page: 1}})
    expect(findings['soc2-type-ii']).toBe('not-assessed')
    expect(findings['soc2-period-current']).toBe('not-assessed')
    // The opinion came from a text page and still counts.
    expect(findings['soc2-opinion-unqualified']).toBe('pass')
  })
})
