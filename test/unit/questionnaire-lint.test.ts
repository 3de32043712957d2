import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {bundledQuestionnaireFiles, lintFiles, loadLintFrameworks} from '../../src/questionnaire/lint-files.js'
import {lintQuestionnaire, type LintFramework} from '../../src/questionnaire/lint-questionnaire.js'
import {MINI} from '../helpers/questionnaire-workspace.js'

const mini = readFileSync(MINI, 'utf8')
const lint = (text: string, frameworks: LintFramework[] = []) => lintQuestionnaire({text, file: 'q.yaml', frameworks})
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1

describe('questionnaire lint', () => {
  it('the bundled questionnaire passes every rule, including control coverage against the bundled catalogues', async () => {
    const files = await bundledQuestionnaireFiles()
    expect(files.some((f) => f.endsWith('imaging-ai-vendor.yaml'))).toBe(true)
    const frameworks = await loadLintFrameworks()
    expect(frameworks.length).toBeGreaterThan(0)
    const results = await lintFiles(files)
    for (const r of results) {
      expect(r.problems, r.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`).join('\n')).toEqual([])
      expect(r.notes.filter((n) => n.startsWith('skipped'))).toEqual([])
    }
    const bundled = results.find((r) => r.questionnaire?.id === 'imaging-ai-vendor')!
    expect(bundled.questionnaire!.version).toBe('2026.2')
    expect(bundled.questionnaire!.questions).toBeGreaterThanOrEqual(60)
    // A vendor is asked only the questions of its jurisdictions: at most 90 for any one of them.
    const {loadQuestionnaire} = await import('../../src/questionnaire/load-questionnaire.js')
    const {scopeQuestionnaire} = await import('../../src/questionnaire/jurisdiction-scope.js')
    const {allQuestions} = await import('../../src/questionnaire/questionnaire-types.js')
    const q = await loadQuestionnaire('imaging-ai-vendor')
    for (const j of ['US', 'EU'] as const) expect(allQuestions(scopeQuestionnaire(q, [j])).length, j).toBeLessThanOrEqual(90)
  })

  it('passes the mini fixture, and says the control rule was skipped when no catalogue exists', () => {
    const r = lint(mini)
    expect(r.problems).toEqual([])
    expect(r.notes).toEqual(['skipped rule "every question evidences a control": no framework catalogue found in checks/frameworks/'])
  })

  it('finds a duplicate question id', () => {
    const text = mini.replace('id: mini.staff', 'id: mini.notes')
    expect(lint(text).problems.map((p) => [p.line, p.message])).toEqual([[lineOf(mini, 'id: mini.notes'), expect.stringContaining("question id 'mini.notes' is used twice")]])
  })

  it('finds a when on a later question, on itself, on an unknown question, and on an option that does not exist', () => {
    const later = mini.replace('when: {question: mini.encrypted, equals: true}', 'when: {question: mini.staff, gt: 3}')
    expect(lint(later).problems[0]!.message).toContain("refers to 'mini.staff', which is asked later")
    const self = mini.replace('when: {question: mini.soc2, equals: true}', 'when: {question: mini.soc2-report, answered: true}')
    expect(lint(self).problems[0]!.message).toContain('the question itself')
    const unknown = mini.replace('when: {question: mini.soc2, equals: true}', 'when: {question: mini.soc3, equals: true}')
    expect(lint(unknown).problems[0]).toMatchObject({line: lineOf(mini, 'when: {question: mini.soc2, equals: true}'), message: expect.stringContaining("'mini.soc3', which is not a question")})
    const option = mini.replace('containsAny: [eu, uk]', 'containsAny: [eu, ch]')
    expect(lint(option).problems[0]!.message).toBe("'mini.regions' has no option 'ch'; its options: us, eu, uk, other")
    const yesNo = mini.replace('when: {question: mini.encrypted, equals: true}', 'when: {question: mini.encrypted, equals: "yes"}')
    expect(lint(yesNo).problems[0]!.message).toContain('compare it with equals: true or equals: false')
  })

  it('finds a question that can never be asked, and the ones hanging on it', () => {
    const never = mini.replace('when: {question: mini.encrypted, equals: true}', 'when: {all: [{question: mini.hosting, equals: cloud}, {question: mini.hosting, equals: on-prem}]}')
    const r = lint(never)
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]!.message).toBe("'mini.algorithm' can never be asked: no answers to mini.hosting make its when hold")
    const chained = mini
      .replace('when: {question: mini.encrypted, equals: true}', 'when: {all: [{question: mini.encrypted, equals: true}, {question: mini.encrypted, equals: false}]}')
      .replace('when: {question: mini.soc2, equals: true}', 'when: {question: mini.algorithm, equals: aes-256}')
    const c = lint(chained)
    expect(c.problems.map((p) => p.message)).toEqual([
      expect.stringContaining("'mini.algorithm' can never be asked"),
      expect.stringContaining("'mini.soc2-report' can never be asked: no answers to mini.algorithm make its when hold (it depends on a question that is itself never asked)"),
    ])
  })

  it('finds a question that evidences no control, when catalogues exist', () => {
    const framework: LintFramework = {
      file: 'f.yaml',
      framework: {id: 'f', title: 'F', authority: 'A', controls: [{id: 'c', citation: 'x', title: 'C', requirement: 'R', type: 'standard', area: 'governance' as never, evidence: {questions: ['mini.hosting', 'mini.encrypted', 'mini.algorithm', 'mini.regions', 'mini.eu-basis', 'mini.retention', 'mini.staff', 'mini.pentest-date', 'mini.policy-url', 'mini.notes', 'mini.soc2', 'mini.ghost']}}]},
    }
    const r = lint(mini, [framework])
    expect(r.problems.map((p) => p.message)).toEqual(["'mini.soc2-report' evidences no control in f; list it under a control's evidence.questions, or drop it"])
    expect(r.notes).toEqual(['f.yaml names questions that mini 2026.2 does not have: mini.ghost'])
  })

  it('reports schema errors located, and never lints further', () => {
    const r = lint(mini.replace('type: duration', 'type: span'))
    expect(r.problems[0]).toMatchObject({line: lineOf(mini, 'type: duration'), message: expect.stringContaining('must be one of')})
  })
})
