import type {Condition} from '../conditions/condition-types.js'
import type {Problem} from '../errors.js'
import {nodeAt, positionOf} from '../validation/locate.js'
import {parseYaml} from '../validation/validate-document.js'
import {allQuestions, type Question, type Questionnaire} from './questionnaire-types.js'
import {isDuration} from '../conditions/duration.js'
import {thresholdOf} from './threshold.js'

/**
 * The practice's own thresholds (scanvet.yaml `policy`), by question id: a new limit for a question whose
 * threshold is practice policy (MFA, restore time, test intervals…), or `off` to stop scoring it. A binding
 * rule's threshold cannot be changed here: only questions marked `basis: practice-policy` accept a value.
 */
export type PracticePolicy = Readonly<Record<string, string | number | boolean>>

/** Problems of a policy against a questionnaire, at /policy/<id> of scanvet.yaml. */
export const policyProblems = (q: Questionnaire, policy: PracticePolicy, file: string): Problem[] => {
  const byId = new Map(allQuestions(q).map(({question}) => [question.id, question]))
  const problems: Problem[] = []
  const problem = (id: string, message: string) => problems.push({file, line: 0, col: 0, pointer: `/policy/${id}`, message})
  for (const [id, value] of Object.entries(policy)) {
    const question = byId.get(id)
    if (!question) {
      problem(id, `policy: no question '${id}' in ${q.id} ${q.version}`)
      continue
    }
    if (question.expect?.basis !== 'practice-policy') {
      problem(id, `policy: '${id}' is judged against a binding rule, not a threshold your practice sets; it cannot be changed here`)
      continue
    }
    if (value === 'off') continue
    const t = thresholdOf(question.expect.condition, id)
    if (!t) {
      problem(id, `policy: '${id}' has no single threshold to change; give off to stop scoring it`)
      continue
    }
    if (question.type === 'duration' && !(typeof value === 'string' && isDuration(value))) problem(id, `policy: '${id}' takes an ISO 8601 duration such as PT48H or P6M, or off`)
    else if (question.type === 'number' && typeof value !== 'number') problem(id, `policy: '${id}' takes a number, or off`)
    else if (question.type === 'yes-no' && value !== true) problem(id, `policy: '${id}' is a yes-or-no requirement: give true to keep it or off to stop scoring it`)
  }
  return problems
}

/** Policy problems with the line and column of each key in scanvet.yaml. */
export const locatePolicyProblems = (text: string | Uint8Array, file: string, problems: readonly Problem[]): Problem[] => {
  const {doc, lineCounter} = parseYaml(text, file, 'workspace')
  return problems.map((p) => ({...p, ...positionOf(nodeAt(doc, p.pointer, true), lineCounter)}))
}

/**
 * The questionnaire as this practice scores it: each policy threshold replaces the bundled one (its warning band
 * goes too: the practice's limit is the line), `off` removes the expectation (the answer is kept for the
 * record). Call after policyProblems is empty.
 */
export const applyPracticePolicy = (q: Questionnaire, policy: PracticePolicy | undefined): Questionnaire => {
  if (!policy || Object.keys(policy).length === 0) return q
  const apply = (question: Question): Question => {
    const e = question.expect
    const given = policy[question.id]
    if (!e || given === undefined || e.basis !== 'practice-policy') return question
    if (given === 'off') {
      const {expect: _dropped, ...rest} = question
      return rest as Question
    }
    const t = thresholdOf(e.condition, question.id)
    if (!t || given === true) return question
    const {warn: _w, ...kept} = e
    return {...question, expect: {...kept, condition: {question: question.id, [t.op]: given} as Condition}}
  }
  return {...q, sections: q.sections.map((s) => ({...s, questions: s.questions.map(apply)}))}
}
