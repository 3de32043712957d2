import {describe, expect, it} from 'vitest'

import {buildAssessment} from '../../src/assessment/build-assessment.js'
import type {Check} from '../../src/checks/check-types.js'
import type {Framework} from '../../src/controls/framework-types.js'
import {decide} from '../../src/controls/verdict.js'
import type {Finding} from '../../src/model/finding.js'
import type {Observation} from '../../src/model/observation.js'
import type {Questionnaire} from '../../src/questionnaire/questionnaire-types.js'

const check: Check = {
  id: 'tls-protocols-legacy-disabled',
  title: 'Old TLS off',
  severity: 'high',
  probe: 'tls',
  pass: {fact: 'protocols.legacyOffered', isEmpty: true},
  messages: {pass: 'ok', fail: 'offers {{protocols.legacyOffered}}'},
  rationale: 'r',
  remediation: 'turn it off',
  examples: {pass: [{}], fail: [{}]},
  file: 'x.yaml',
}

// Stands in for the contract clause audit's check (issue 17), which reads the signed BAA: here a fact of the
// same observation, so these tests judge a US vendor whose BAA gate is met.
const baaCheck: Check = {
  id: 'contract-baa',
  title: 'The BAA is signed with every required clause',
  severity: 'high',
  probe: 'tls',
  pass: {fact: 'contract.baaComplete', equals: true},
  messages: {pass: 'signed, complete', fail: 'incomplete'},
  rationale: 'r',
  remediation: 'get it signed',
  examples: {pass: [{}], fail: [{}]},
  file: 'contract-baa.yaml',
}

const questionnaire: Questionnaire = {
  id: 'q',
  version: '2026.1',
  title: 'Q',
  sections: [
    {
      id: 's',
      title: 'S',
      questions: [
        {id: 'training.use', text: 'Training?', type: 'single-choice', options: [{value: 'never', label: 'Never'}, {value: 'opt-out', label: 'Opt-out'}], required: true, expect: {condition: {question: 'training.use', equals: 'never'}, severity: 'high'}},
        {id: 'training.deid', text: 'De-identified first?', type: 'yes-no', when: {question: 'training.use', notEquals: 'never'}, expect: {condition: {question: 'training.deid', equals: true}, severity: 'medium'}},
        {id: 'breach.sla', text: 'SLA?', type: 'duration', required: true, expect: {condition: {question: 'breach.sla', lte: 'PT48H'}, severity: 'medium'}},
      ],
    },
  ],
}

const framework: Framework = {
  id: 'hipaa',
  title: 'HIPAA',
  authority: 'HHS',
  controls: [
    {id: 'hipaa.e', citation: '45 CFR 164.312(e)(1)', title: 'Transmission', requirement: 'r', type: 'standard', area: 'transmission', evidence: {checks: [check.id]}},
    {id: 'hipaa.t', citation: '45 CFR 164.502(a)', title: 'Uses', requirement: 'r', type: 'standard', area: 'training-use', evidence: {questions: ['training.use', 'training.deid']}},
    {id: 'hipaa.n', citation: '90 FR 898', title: 'Proposed', requirement: 'r', type: 'standard', area: 'risk-management', evidence: {checks: [check.id]}, readiness: true},
    {id: 'hipaa.m', citation: '45 CFR 164.316(b)(2)(i)', title: 'Keep docs', requirement: 'r', type: 'required', area: 'assurance', evidence: {}, manual: true},
  ],
}

const obs = (legacy: string[]): Observation => ({
  probe: 'tls',
  target: 'https://a.example',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 5,
  status: 'ok',
  facts: {protocols: {legacyOffered: legacy}, contract: {baaComplete: true}},
})

const build = (legacy: string[], answers: Record<string, unknown>, observations = [obs(legacy)]) =>
  buildAssessment({
    id: '2026-01-01-1',
    assessedAt: new Date('2026-01-01T12:00:00Z'),
    toolVersion: '0.0.0',
    workspace: {organisation: 'P', frameworks: ['hipaa']},
    reassessmentIntervalDays: 90,
    vendor: {id: 'v', name: 'V', service: 'S', jurisdictions: ['US'], endpoints: [{url: 'https://a.example', role: 'api'}]},
    frameworks: [framework],
    checks: [check, baaCheck],
    observations,
    questionnaire,
    answers: {questionnaire: 'q', version: '2026.1', answers: answers as never},
  })

describe('answers + observations → findings → controls → verdict', () => {
  it('a clean vendor is approved and its controls satisfied; proposals and manual controls are never scored', () => {
    const a = build([], {'training.use': 'never', 'breach.sla': 'PT24H'})
    expect(a.verdict.decision).toBe('approved')
    expect(a.findings.find((f) => f.ruleId === 'training.deid')?.status).toBe('not-applicable')
    expect(Object.fromEntries(a.controls.map((c) => [c.controlId, c.status]))).toEqual({'hipaa.e': 'satisfied', 'hipaa.t': 'satisfied', 'hipaa.n': 'readiness', 'hipaa.m': 'manual'})
    expect(a.nextReviewDue).toBe('2026-04-01')
  })

  it('a high failure from a probe makes it not approved, with the failing fact in the message', () => {
    const a = build(['TLSv1'], {'training.use': 'never', 'breach.sla': 'PT24H'})
    expect(a.verdict.decision).toBe('not-approved')
    const f = a.findings[0]!
    expect(f).toMatchObject({ruleId: check.id, status: 'fail', message: 'offers TLSv1', target: 'https://a.example'})
    expect(a.controls.find((c) => c.controlId === 'hipaa.e')?.status).toBe('not-satisfied')
    expect(a.verdict.conditions[0]).toMatchObject({severity: 'high', due: '2026-01-31', owner: 'vendor'})
  })

  it('follow-up questions count only when asked; unanswered required questions are not assessed', () => {
    const a = build([], {'training.use': 'opt-out', 'training.deid': true})
    expect(a.findings.find((f) => f.ruleId === 'training.use')?.status).toBe('fail')
    expect(a.findings.find((f) => f.ruleId === 'training.deid')?.status).toBe('pass')
    expect(a.findings.find((f) => f.ruleId === 'breach.sla')?.status).toBe('not-assessed')
    expect(a.controls.find((c) => c.controlId === 'hipaa.t')?.status).toBe('partially-satisfied')
  })

  it('a probe error is an error finding and a serious unknown makes the verdict conditional', () => {
    const err: Observation = {probe: 'tls', target: 'https://a.example', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 5000, status: 'error', reason: 'no TLS handshake within 5000 ms'}
    const a = build([], {'training.use': 'never', 'breach.sla': 'PT24H'}, [err, {...obs([]), target: 'https://b.example'}])
    expect(a.findings[0]).toMatchObject({status: 'error', reason: 'no TLS handshake within 5000 ms'})
    expect(a.verdict.decision).toBe('approved-with-conditions')
  })

  it('is pure: the same inputs give the same record', () => {
    expect(JSON.stringify(build([], {'training.use': 'never'}))).toBe(JSON.stringify(build([], {'training.use': 'never'})))
  })

  it('the verdict counts every status and lists conditions worst first', () => {
    const f = (id: string, status: Finding['status'], severity: Finding['severity']): Finding =>
      ({id, ruleId: id, source: 'check', title: id, severity, message: '', status, ...(status === 'error' || status === 'not-assessed' || status === 'not-applicable' ? {reason: 'x'} : {})}) as Finding
    const v = decide([f('a', 'fail', 'low'), f('b', 'warn', 'medium'), f('c', 'pass', 'critical'), f('d', 'warn', 'low')], '2026-01-01T00:00:00Z')
    expect(v.decision).toBe('approved-with-conditions')
    expect(v.conditions.map((c) => c.findingId)).toEqual(['b', 'a'])
    expect(v.counts).toMatchObject({fail: 1, warn: 2, pass: 1})
  })
})
