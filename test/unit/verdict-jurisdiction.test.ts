import {readFileSync} from 'node:fs'
import {parse} from 'yaml'
import {describe, expect, it} from 'vitest'

import {buildAssessment} from '../../src/assessment/build-assessment.js'
import {loadChecks} from '../../src/checks/load-checks.js'
import {appliesTo, checksOutOfScope, loadFrameworks} from '../../src/controls/load-frameworks.js'
import type {Finding} from '../../src/model/finding.js'
import {loadQuestionnaire} from '../../src/questionnaire/load-questionnaire.js'
import {scopeQuestionnaire} from '../../src/questionnaire/jurisdiction-scope.js'
import {allQuestions, type AnswerValue, type AnswersFile} from '../../src/questionnaire/questionnaire-types.js'
import {buildReportModel} from '../../src/report/report-model.js'
import {packagePath} from '../../src/paths.js'
import type {Observation} from '../../src/model/observation.js'
import type {Jurisdiction} from '../../src/workspace/workspace-types.js'

const questionnaire = await loadQuestionnaire('imaging-ai-vendor')
const allFrameworks = await loadFrameworks(['hipaa', 'gdpr-edpb', 'eu-ai-act', 'fda'])
const checks = await loadChecks()
const demo = parse(readFileSync(packagePath('templates', 'demo', 'answers.yaml'), 'utf8')) as AnswersFile
const questions = allQuestions(questionnaire).map((x) => x.question)

/** The question ids a framework set uses, by framework jurisdiction. */
const usedOnlyIn = (j: Jurisdiction): Set<string> => {
  const used = (pred: (fj: readonly string[] | undefined) => boolean) =>
    new Set(allFrameworks.filter((f) => pred(f.jurisdictions)).flatMap((f) => f.controls.flatMap((c) => [...(c.evidence.questions ?? []), ...(c.evidence.checks ?? [])])))
  const mine = used((fj) => fj?.includes(j) === true)
  const others = used((fj) => fj === undefined || !fj.includes(j))
  return new Set([...mine].filter((id) => !others.has(id)))
}

// A signed, complete agreement as the contract clause audit (issue 17) will report it: injected as observations
// of a stand-in check, since that check's YAML arrives with issue 17.
const contractCheck = (id: string) => ({...checks.find((c) => c.id === 'tls-cert-trusted')!, id, title: id, severity: 'critical' as const, pass: {fact: `contract.${id}`, equals: true}, applies: undefined, warn: undefined})
const contractObs = (baa: boolean, dpa: boolean): Observation => ({probe: 'tls', target: 'contracts', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1, status: 'ok', facts: {contract: {'contract-baa': baa, 'contract-dpa': dpa}}})

const assess = (jurisdictions: Jurisdiction[], answers: Record<string, AnswerValue>, contracts?: {baa: boolean; dpa: boolean}) => {
  const frameworks = allFrameworks.filter((f) => appliesTo(f, jurisdictions))
  return buildAssessment({
    id: '2026-01-01-1',
    assessedAt: new Date('2026-01-01T12:00:00Z'),
    toolVersion: '0.0.0',
    workspace: {organisation: 'P', frameworks: allFrameworks.map((f) => f.id)},
    reassessmentIntervalDays: 90,
    vendor: {id: 'demo', name: 'Demo', service: 'S', jurisdictions, endpoints: [{url: 'https://a.example', role: 'api'}]},
    frameworks,
    checks: contracts ? [contractCheck('contract-baa'), contractCheck('contract-dpa')] : [],
    observations: contracts ? [contractObs(contracts.baa, contracts.dpa)] : [],
    questionnaire,
    answers: {...demo, answers},
    outOfScopeChecks: checksOutOfScope(allFrameworks, frameworks),
  })
}

/** Seeded variations of the demo answers: each question's answer replaced, with some probability, by another of its options. */
const variations = (n: number, seed: number): Record<string, AnswerValue>[] => {
  let s = seed
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  return Array.from({length: n}, () => {
    const a: Record<string, AnswerValue> = {...demo.answers}
    for (const q of questions) {
      if (rnd() > 0.3) continue
      if (q.type === 'yes-no') a[q.id] = rnd() < 0.5
      else if (q.type === 'single-choice') a[q.id] = q.options![Math.floor(rnd() * q.options!.length)]!.value
      else if (q.type === 'multi-choice') a[q.id] = q.options!.filter(() => rnd() < 0.5).map((o) => o.value)
      else if (rnd() < 0.3) delete a[q.id]
    }
    return a
  })
}

const isGdprItem = (f: Finding, gdprOnly: Set<string>) => gdprOnly.has(f.ruleId)

describe('jurisdiction decides what is asked and scored', () => {
  const euOnly = usedOnlyIn('EU')
  const usOnly = usedOnlyIn('US')

  it('the scoped questionnaire asks a US-only vendor no EU-only question, and an EU-only vendor no US-only one', () => {
    const us = allQuestions(scopeQuestionnaire(questionnaire, ['US'])).map((x) => x.question.id)
    const eu = allQuestions(scopeQuestionnaire(questionnaire, ['EU'])).map((x) => x.question.id)
    expect(us.filter((id) => euOnly.has(id))).toEqual([])
    expect(eu.filter((id) => usOnly.has(id))).toEqual([])
    for (const id of ['agreements.dpa-signed', 'agreements.dpa-terms', 'transfers.mechanism']) expect(us).not.toContain(id)
    for (const id of ['agreements.baa-signed', 'agreements.baa-clauses', 'ai.fda-status']) expect(eu).not.toContain(id)
    expect(euOnly.size).toBeGreaterThan(10)
    expect(usOnly.size).toBeGreaterThan(10)
  })

  it('over 40 seeded variations of the demo answers: no GDPR item is scored, conditioned or a control for a US-only vendor, nor a HIPAA one for an EU-only vendor', () => {
    let conditionsSeen = 0
    for (const answers of variations(40, 7)) {
      for (const [j, foreign, foreignFw] of [
        ['US', euOnly, ['gdpr-edpb', 'eu-ai-act']],
        ['EU', usOnly, ['hipaa', 'fda']],
      ] as const) {
        const a = assess([j], answers, {baa: true, dpa: true})
        const scored = a.findings.filter((f) => f.status !== 'not-applicable')
        expect(scored.filter((f) => isGdprItem(f, foreign)).map((f) => f.ruleId), j).toEqual([])
        expect(a.verdict.conditions.filter((c) => foreign.has(c.findingId.split('@')[0]!)), j).toEqual([])
        expect(a.controls.filter((c) => (foreignFw as readonly string[]).includes(c.frameworkId)), j).toEqual([])
        conditionsSeen += a.verdict.conditions.length
      }
    }
    expect(conditionsSeen, 'the variations do produce conditions').toBeGreaterThan(40)
  })

  it('a US vendor without a signed, complete BAA is never approved, whatever the answers', () => {
    const outcomes = new Set<string>()
    for (const answers of variations(40, 11)) {
      for (const contracts of [undefined, {baa: false, dpa: true}]) {
        const d = assess(['US'], answers, contracts).verdict.decision
        outcomes.add(d)
        expect(['approved', 'approved-with-conditions']).not.toContain(d)
      }
      const noBaa = assess(['US'], {...answers, 'agreements.baa-signed': false}, {baa: true, dpa: true}).verdict
      expect(noBaa.decision, 'an explicit no in the questionnaire fails the gate').toBe('not-approved')
    }
    expect(outcomes).toEqual(new Set(['cannot-decide', 'not-approved']))
    // The same demo answers with the documents in hand can be approved: the gate, not the answers, blocked it.
    expect(['approved', 'approved-with-conditions']).toContain(assess(['US'], demo.answers, {baa: true, dpa: true}).verdict.decision)
  })
})

describe('proposals and practice policy never decide', () => {
  // Compliant demo answers except the thresholds the 2025 NPRM proposes.
  const proposalOnly = {...demo.answers, 'access.mfa-customer': false, 'access.mfa-staff': false, 'breach.restore-time': 'P10D', 'assurance.pentest-frequency': 'P3Y', 'assurance.vuln-scan-frequency': 'P1Y', 'assurance.risk-analysis': false}

  it('a US-only vendor whose only failures are proposal thresholds is not NOT APPROVED, and the proposal is readiness, never a condition’s citation', () => {
    const a = assess(['US'], proposalOnly, {baa: true, dpa: true})
    const adverse = a.findings.filter((f) => f.status === 'fail' || f.status === 'warn')
    expect(adverse.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['access.mfa-customer', 'breach.restore-time', 'assurance.pentest-frequency']))
    expect(a.verdict.decision).not.toBe('not-approved')
    for (const f of adverse.filter((x) => x.basis === 'practice-policy')) expect(f.severity).toBe('medium')
    const m = buildReportModel(a)
    const cited = [...m.conditions.flatMap((c) => c.citations), ...m.topRisks.flatMap((r) => r.citations), ...m.conditionGroups.flatMap((g) => g.citations)]
    expect(cited.filter((c) => /NPRM|90 FR 898|proposed/.test(c))).toEqual([])
    const mfa = m.findings.find((r) => r.id === 'access.mfa-customer')!
    expect(mfa.readiness.join(' ')).toMatch(/90 FR 898/)
    expect(mfa.practicePolicy).toBe(true)
    expect(m.matrices.find((x) => x.frameworkId === 'hipaa')!.rows.find((r) => r.controlId === 'hipaa.nprm-2025.mfa')!.status).toBe('readiness')
  })

  it('the same MFA answer keeps its weight where a binding rule demands it (GDPR Art. 32 for an EU vendor)', () => {
    const a = assess(['EU'], proposalOnly, {baa: true, dpa: true})
    expect(a.findings.find((f) => f.ruleId === 'access.mfa-customer')).toMatchObject({status: 'fail', severity: 'high'})
    expect(a.verdict.decision).toBe('not-approved')
  })
})

describe('summary headlines state problems, grouped by root cause', () => {
  const answers = {...demo.answers, 'training.use': 'always', 'training.remuneration': true, 'training.hipaa-route': 'none', 'training.gdpr-art6': 'none', 'agreements.baa-permitted-uses': 'broader-use', 'access.mfa-customer': false}
  const a = assess(['US', 'EU'], answers, {baa: true, dpa: true})
  const m = buildReportModel(a)

  it('titles are headlines (what is wrong), never the expected state or the raw question', () => {
    expect(m.topRisks.length).toBe(3)
    for (const r of m.topRisks) {
      expect(r.title.endsWith('?'), r.title).toBe(false)
      const f = a.findings.find((x) => (x.headline ?? x.title) === r.title || `Not known: ${x.title}` === r.title)!
      expect(f, r.title).toBeDefined()
      if (f.status === 'fail' || f.status === 'warn') expect(r.title).toBe(f.headline)
    }
  })

  it('one root cause is one risk: the training answers fill one slot, with the others listed beside it', () => {
    expect(new Set(m.topRisks.map((r) => r.risk)).size).toBe(m.topRisks.length)
    const training = m.topRisks.find((r) => r.risk === 'training-use')!
    expect(training.findings).toBeGreaterThanOrEqual(4)
    expect(training.related.length).toBeGreaterThanOrEqual(3)
  })

  it('"what to ask" lists every critical and high item, failed or not assessed, before any medium one', () => {
    const open: Record<string, AnswerValue> = {...answers}
    delete open['access.unique-ids']
    const m2 = buildReportModel(assess(['US', 'EU'], open, {baa: true, dpa: true}))
    const ranks = m2.asks.map((x) => ['info', 'low', 'medium', 'high', 'critical'].indexOf(x.severity))
    expect(ranks).toEqual([...ranks].sort((x, y) => y - x))
    const serious = m2.conditions.filter((c) => c.severity === 'critical' || c.severity === 'high')
    expect(serious.some((c) => c.kind === 'evidence')).toBe(true)
    for (const c of serious) expect(m2.asks.some((x) => x.title === c.title && x.action === c.action), c.title).toBe(true)
  })
})
