import {evaluate} from '../conditions/evaluate.js'
import type {Finding} from '../model/finding.js'
import {askedAndAnswered} from './canonical-answers.js'
import {allQuestions, type AnswerValue, type AnswersFile, type Questionnaire} from './questionnaire-types.js'
import {answerResolver, isAnswered} from './visibility.js'

const showAnswer = (v: AnswerValue | undefined): string =>
  v === true ? 'yes' : v === false ? 'no' : Array.isArray(v) ? v.join(', ') : String(v)

/**
 * Turn answers into findings, exactly like probe findings: a compliant answer passes, a non-compliant one
 * fails (or warns) with the question's severity, an unanswered required question is not assessed, and a
 * question whose `when` does not hold is not applicable.
 */
export const scoreAnswers = (q: Questionnaire, answers: AnswersFile): Finding[] => {
  // Only answers that count: an answer to a question its parent's answer hides is not judged.
  const {answers: values, asked} = askedAndAnswered(q, answers.answers)
  const askedIds = new Set(asked)
  const resolve = answerResolver(values)
  const findings: Finding[] = []
  for (const {question, section} of allQuestions(q)) {
    const value = values[question.id]
    const severity = question.expect?.severity ?? 'info'
    const base = {
      id: `${question.id}`,
      ruleId: question.id,
      source: 'question' as const,
      title: question.text,
      severity,
      area: section.id,
      ...(question.expect?.remediation ? {remediation: question.expect.remediation} : {}),
      evidence: {answer: value ?? null, ...(answers.evidence?.[question.id] ? {file: answers.evidence[question.id]} : {})},
    }
    if (!askedIds.has(question.id)) {
      if (question.expect) findings.push({...base, status: 'not-applicable', reason: 'not asked, given earlier answers', message: 'Not asked, given earlier answers.'})
      continue
    }
    if (!isAnswered(value)) {
      if (question.required || question.expect) {
        findings.push({...base, status: 'not-assessed', reason: 'not answered', message: 'The vendor has not answered this question.'})
      }
      continue
    }
    const said = `The vendor answered: ${showAnswer(value)}.`
    if (!question.expect) {
      findings.push({...base, status: 'pass', message: `${said} (for the record; no compliance rule)`})
      continue
    }
    const ok = evaluate(question.expect.condition, resolve)
    if (ok === true) findings.push({...base, status: 'pass', message: said})
    else if (ok === undefined) findings.push({...base, status: 'not-assessed', reason: 'the answer could not be judged', message: `${said} It could not be judged.`})
    else if (question.expect.warn && evaluate(question.expect.warn, resolve) === true) findings.push({...base, status: 'warn', message: said})
    else findings.push({...base, status: 'fail', message: said})
  }
  return findings
}
