import {describe, expect, it} from 'vitest'

import {failsAt} from '../../src/assessment/fail-on.js'
import {decide, type Decision} from '../../src/controls/verdict.js'
import type {Finding} from '../../src/model/finding.js'
import type {Jurisdiction} from '../../src/workspace/workspace-types.js'

const f = (ruleId: string, status: Finding['status'], severity: Finding['severity'], source: Finding['source'] = 'check'): Finding =>
  ({id: `${ruleId}@x`, ruleId, source, title: ruleId, severity, message: `${ruleId} ${status}`, status, ...(status === 'error' || status === 'not-assessed' || status === 'not-applicable' ? {reason: 'x'} : {})}) as Finding

const ok = f('tls-ok', 'pass', 'high')
const baaPass = f('contract-baa', 'pass', 'critical')
const dpaPass = f('contract-dpa', 'pass', 'high')

// The table of docs/report.md, row for row: the findings, the vendor's jurisdictions, the decision.
const CASES: readonly [string, readonly Finding[], readonly Jurisdiction[], Decision, boolean?][] = [
  ['nothing at all: no answers, no evidence, unreachable', [f('tls-x', 'error', 'high'), f('http-x', 'error', 'medium')], ['US'], 'cannot-decide', false],
  ['US vendor, everything passes but no signed BAA seen', [ok], ['US'], 'cannot-decide'],
  ['US vendor, the questionnaire says yes to a BAA, no document', [ok, f('agreements.baa-signed', 'pass', 'critical', 'question')], ['US'], 'cannot-decide'],
  ['US vendor, the BAA check could not read the document', [ok, f('contract-baa', 'error', 'critical')], ['US'], 'cannot-decide'],
  ['US vendor, the questionnaire says no BAA', [ok, f('agreements.baa-signed', 'fail', 'critical', 'question')], ['US'], 'not-approved'],
  ['US vendor, signed BAA lacks required clauses', [ok, f('contract-baa', 'fail', 'critical')], ['US'], 'not-approved'],
  ['US vendor, one of two BAAs on file incomplete', [ok, baaPass, {...f('contract-baa', 'fail', 'critical'), id: 'contract-baa@y'}], ['US'], 'not-approved'],
  ['US vendor, signed complete BAA, all passes', [ok, baaPass], ['US'], 'approved'],
  ['US vendor, no DPA needed', [ok, baaPass, f('contract-dpa', 'fail', 'high')], ['US'], 'not-approved'],
  ['EU vendor, signed complete DPA, all passes', [ok, dpaPass], ['EU'], 'approved'],
  ['EU vendor, no DPA seen', [ok, baaPass], ['EU'], 'cannot-decide'],
  ['US+EU vendor, BAA but no DPA', [ok, baaPass], ['US', 'EU'], 'cannot-decide'],
  ['a critical item not assessed', [ok, baaPass, f('q-critical', 'not-assessed', 'critical', 'question')], ['US'], 'cannot-decide'],
  ['a high item not assessed', [ok, baaPass, f('q-high', 'not-assessed', 'high', 'question')], ['US'], 'approved-with-conditions'],
  ['a medium failure', [ok, baaPass, f('q-medium', 'fail', 'medium', 'question')], ['US'], 'approved-with-conditions'],
  ['a high failure and missing evidence: the proven blocker wins', [f('tls-x', 'fail', 'high')], ['US'], 'not-approved'],
  ['the questionnaire never answered', [ok, baaPass], ['US'], 'cannot-decide', false],
]

describe('the decision rule (docs/report.md table)', () => {
  for (const [name, findings, jurisdictions, expected, answered] of CASES) {
    it(`${name} → ${expected}`, () => {
      const v = decide(findings, '2026-01-01T00:00:00Z', {jurisdictions, answered: answered ?? true})
      expect(v.decision).toBe(expected)
      if (expected === 'cannot-decide' || expected === 'not-approved') expect(v.reasons.length).toBeGreaterThan(0)
      if (expected === 'cannot-decide') expect(v.missing?.length, 'page 1 lists what to obtain').toBeGreaterThan(0)
    })
  }

  it('a gate that is not met says what to obtain, in plain words', () => {
    const v = decide([ok], '2026-01-01T00:00:00Z', {jurisdictions: ['US', 'EU']})
    expect(v.gates?.map((g) => [g.id, g.status])).toEqual([
      ['baa', 'no-evidence'],
      ['dpa', 'no-evidence'],
    ])
    expect(v.missing!.join(' ')).toMatch(/business associate agreement signed by both sides/)
    expect(v.missing!.join(' ')).toMatch(/data processing agreement \(GDPR Article 28\)/)
  })

  it('--fail-on treats cannot decide as failing at every severity, and only then', () => {
    const v = decide([ok], '2026-01-01T00:00:00Z', {jurisdictions: ['US']})
    expect(v.decision).toBe('cannot-decide')
    expect(failsAt([ok], 'critical', v.decision)).toBe(true)
    expect(failsAt([ok], 'info', v.decision)).toBe(true)
    expect(failsAt([ok, baaPass], 'info', 'approved')).toBe(false)
    expect(failsAt([f('x', 'fail', 'low')], 'low', 'approved-with-conditions')).toBe(true)
    expect(failsAt([f('x', 'fail', 'low')], 'medium', 'approved-with-conditions')).toBe(false)
  })

  it('never approves without a gate when one applies, whatever else passes (property over random finding sets)', () => {
    let seed = 12
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const statuses: Finding['status'][] = ['pass', 'fail', 'warn', 'error', 'not-assessed', 'not-applicable']
    const severities: Finding['severity'][] = ['critical', 'high', 'medium', 'low', 'info']
    let approvals = 0
    for (let i = 0; i < 500; i++) {
      const fs = Array.from({length: 1 + Math.floor(rnd() * 8)}, (_, k) => f(`r${k}`, statuses[Math.floor(rnd() * 6)]!, severities[Math.floor(rnd() * 5)]!))
      const withBaa = rnd() < 0.5
      const all = withBaa ? [...fs, baaPass] : fs
      const d = decide(all, '2026-01-01T00:00:00Z', {jurisdictions: ['US']}).decision
      if (!withBaa) expect(d === 'approved' || d === 'approved-with-conditions').toBe(false)
      if (d === 'approved') approvals++
    }
    expect(approvals, 'the generator also produces approvable vendors').toBeGreaterThan(0)
  })
})

describe('no machine value reaches the report', () => {
  it('answers are shown with option labels and durations in words', async () => {
    const {scoreAnswers, durationWords} = await import('../../src/questionnaire/score.js')
    expect(durationWords('P30D')).toBe('30 days')
    expect(durationWords('PT72H')).toBe('72 hours')
    expect(durationWords('P1Y6M')).toBe('1 year 6 months')
    const q = {id: 'q', version: '2026.1', title: 'Q', sections: [{id: 's', title: 'S', questions: [
      {id: 'a', text: 'A?', type: 'single-choice' as const, options: [{value: 'keyed-function', label: 'A keyed function'}, {value: 'x', label: 'X'}], required: true, expect: {condition: {question: 'a', equals: 'x'}, severity: 'high' as const}},
      {id: 'b', text: 'B?', type: 'duration' as const, required: true, expect: {condition: {question: 'b', lte: 'P1D'}, severity: 'low' as const}},
    ]}]}
    const fs = scoreAnswers(q, {questionnaire: 'q', version: '2026.1', answers: {a: 'keyed-function', b: 'P30D'}})
    expect(fs.map((f) => f.message)).toEqual(['The vendor answered: A keyed function.', 'The vendor answered: 30 days.'])
  })
})
