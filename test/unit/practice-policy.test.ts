import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {loadQuestionnaire} from '../../src/questionnaire/load-questionnaire.js'
import {applyPracticePolicy, locatePolicyProblems, policyProblems} from '../../src/questionnaire/practice-policy.js'
import type {AnswersFile} from '../../src/questionnaire/questionnaire-types.js'
import {scoreAnswers} from '../../src/questionnaire/score.js'
import {ROOT} from '../helpers/cli.js'

const q = await loadQuestionnaire('imaging-ai-vendor')
const demo = parse(readFileSync(path.join(ROOT, 'templates', 'demo', 'answers.yaml'), 'utf8')) as AnswersFile
const scored = (policy: Record<string, string | number | boolean>, answers: Record<string, unknown>) =>
  scoreAnswers(applyPracticePolicy(q, policy), {...demo, answers: {...demo.answers, ...answers}} as AnswersFile, {jurisdictions: ['US']})
const finding = (fs: ReturnType<typeof scored>, id: string) => fs.find((f) => f.ruleId === id)!

describe('practice policy (scanvet.yaml policy): thresholds the practice sets itself', () => {
  it('the bundled default: a 5-day restore fails the 72-hour limit, and the finding says whose limit it is', () => {
    const f = finding(scored({}, {'breach.restore-time': 'P5D'}), 'breach.restore-time')
    expect(f.status).toBe('warn')
    expect(f.basis).toBe('practice-policy')
    expect(f.message).toBe('The vendor answered: 5 days. Your practice’s limit: at most 72 hours.')
    expect(f.remediation).toBe('Ask the vendor for a tested recovery plan that restores service and data within 72 hours.')
  })

  it('a stricter limit turns a pass into a failure, a looser one a failure into a pass; what to ask follows the limit', () => {
    const strict = finding(scored({'breach.restore-time': 'PT24H'}, {'breach.restore-time': 'PT48H'}), 'breach.restore-time')
    expect(strict.status).toBe('fail')
    expect(strict.message).toContain('Your practice’s limit: at most 24 hours.')
    expect(strict.remediation).toContain('within 24 hours')
    const loose = finding(scored({'assurance.pentest-frequency': 'P2Y'}, {'assurance.pentest-frequency': 'P18M'}), 'assurance.pentest-frequency')
    expect(loose.status).toBe('pass')
    expect(finding(scored({}, {'assurance.pentest-frequency': 'P18M'}), 'assurance.pentest-frequency').status).toBe('fail')
  })

  it('the practice’s limit replaces the warning band: past it is a failure, not a warning', () => {
    expect(finding(scored({}, {'assurance.vuln-scan-frequency': 'P90D'}), 'assurance.vuln-scan-frequency').status).toBe('warn')
    expect(finding(scored({'assurance.vuln-scan-frequency': 'P60D'}, {'assurance.vuln-scan-frequency': 'P90D'}), 'assurance.vuln-scan-frequency').status).toBe('fail')
  })

  it('off stops scoring a practice-policy question: the answer is kept for the record, never a condition', () => {
    const fs = scored({'access.mfa-staff': 'off'}, {'access.mfa-staff': false})
    expect(finding(fs, 'access.mfa-staff')).toMatchObject({status: 'pass', message: expect.stringContaining('for the record')})
    expect(finding(scored({}, {'access.mfa-staff': false}), 'access.mfa-staff').status).toBe('fail')
  })

  it('refuses what a practice cannot set: an unknown question, a binding rule, a wrong kind of value', () => {
    const problems = policyProblems(q, {'breach.restor-time': 'P1D', 'retention.images-period': 'P1Y', 'breach.restore-time': 'three days', 'assurance.pentest-frequency': 12, 'access.mfa-staff': 'PT1H'}, 'scanvet.yaml')
    expect(problems.map((p) => [p.pointer, p.message])).toEqual([
      ['/policy/breach.restor-time', "policy: no question 'breach.restor-time' in imaging-ai-vendor 2026.2"],
      ['/policy/retention.images-period', "policy: 'retention.images-period' is judged against a binding rule, not a threshold your practice sets; it cannot be changed here"],
      ['/policy/breach.restore-time', "policy: 'breach.restore-time' takes an ISO 8601 duration such as PT48H or P6M, or off"],
      ['/policy/assurance.pentest-frequency', "policy: 'assurance.pentest-frequency' takes an ISO 8601 duration such as PT48H or P6M, or off"],
      ['/policy/access.mfa-staff', "policy: 'access.mfa-staff' is a yes-or-no requirement: give true to keep it or off to stop scoring it"],
    ])
    expect(policyProblems(q, {'breach.restore-time': 'PT48H', 'access.mfa-staff': 'off', 'access.mfa-customer': true}, 'scanvet.yaml')).toEqual([])
  })

  it('problems are located at the key in scanvet.yaml', () => {
    const text = 'organisation: X\nframeworks: [hipaa]\npolicy:\n  breach.restore-time: PT48H\n  retention.images-period: P1Y\n'
    const located = locatePolicyProblems(text, 'scanvet.yaml', policyProblems(q, parse(text).policy, 'scanvet.yaml'))
    expect(located.map((p) => [p.line, p.col])).toEqual([[5, 3]])
  })
})
