import {describe, expect, it} from 'vitest'

import {loadQuestionnaire} from '../../src/questionnaire/load-questionnaire.js'
import type {AnswerValue} from '../../src/questionnaire/questionnaire-types.js'
import {scoreAnswers} from '../../src/questionnaire/score.js'
import {MINI} from '../helpers/questionnaire-workspace.js'

const q = await loadQuestionnaire(MINI)
const score = (answers: Record<string, AnswerValue>) => {
  const findings = scoreAnswers(q, {questionnaire: 'mini', version: '2026.2', answers})
  return Object.fromEntries(findings.map((f) => [f.ruleId, `${f.status}/${f.severity}`]))
}

describe('scoring answers into findings', () => {
  it('compliant answers pass, non-compliant fail or warn with the question’s severity', () => {
    expect(score({'mini.encrypted': true, 'mini.algorithm': 'aes-256', 'mini.retention': 'P7D', 'mini.soc2': true})).toMatchObject({
      'mini.encrypted': 'pass/high',
      'mini.algorithm': 'pass/medium',
      'mini.retention': 'pass/medium',
      'mini.soc2': 'pass/low',
    })
    expect(score({'mini.encrypted': true, 'mini.algorithm': 'aes-128', 'mini.retention': 'P60D', 'mini.soc2': false})).toMatchObject({
      'mini.algorithm': 'warn/medium',
      'mini.retention': 'warn/medium',
      'mini.soc2': 'fail/low',
    })
    expect(score({'mini.encrypted': false, 'mini.retention': 'P1Y'})).toMatchObject({'mini.encrypted': 'fail/high', 'mini.retention': 'fail/medium'})
  })

  it('unanswered required questions are not assessed; questions not asked are not applicable', () => {
    const s = score({'mini.encrypted': false, 'mini.regions': ['us']})
    expect(s['mini.hosting']).toBe('not-assessed/info')
    expect(s['mini.retention']).toBe('not-assessed/medium')
    expect(s['mini.algorithm']).toBe('not-applicable/medium')
    expect(s['mini.eu-basis']).toBe('not-applicable/high')
    // An optional question without a rule and without an answer makes no finding.
    expect(s['mini.staff']).toBeUndefined()
  })

  it('judges only answers that count: an answer to a question its parent hides is not applicable', () => {
    const findings = scoreAnswers(q, {questionnaire: 'mini', version: '2026.2', answers: {'mini.encrypted': false, 'mini.algorithm': 'other'}})
    const f = findings.find((x) => x.ruleId === 'mini.algorithm')!
    expect(f.status).toBe('not-applicable')
  })

  it('keeps the evidence file hash with the finding', () => {
    const findings = scoreAnswers(q, {
      questionnaire: 'mini',
      version: '2026.2',
      answers: {'mini.soc2': true, 'mini.soc2-report': 'soc2.pdf'},
      evidence: {'mini.soc2-report': {path: 'evidence/mini.soc2-report/soc2.pdf', sha256: 'a'.repeat(64)}},
    })
    const f = findings.find((x) => x.ruleId === 'mini.soc2-report')!
    expect(f).toMatchObject({status: 'pass', source: 'question', evidence: {answer: 'soc2.pdf', file: {sha256: 'a'.repeat(64)}}})
  })
})
