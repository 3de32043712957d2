import {evaluate} from '../conditions/evaluate.js'
import {SEVERITY_RANK, type Finding} from '../model/finding.js'
import type {Severity} from '../schemas/common.js'
import type {Jurisdiction} from '../workspace/workspace-types.js'
import {askedAndAnswered} from './canonical-answers.js'
import {allQuestions, type AnswerValue, type AnswersFile, type Question, type Questionnaire} from './questionnaire-types.js'
import {answerResolver, isAnswered} from './visibility.js'
import {durationWords, thresholdOf, thresholdWords} from './threshold.js'

export {durationWords} from './threshold.js'

/** The answer as the vendor saw it: option labels, durations in words; never a machine value. */
const showAnswer = (q: Question, v: AnswerValue | undefined): string => {
  const label = (x: string) => q.options?.find((o) => o.value === x)?.label ?? x
  if (v === true) return 'yes'
  if (v === false) return 'no'
  if (Array.isArray(v)) return v.map(label).join('; ')
  if (typeof v === 'string' && q.type === 'duration') return durationWords(v)
  if (typeof v === 'string') return label(v)
  return String(v)
}

/**
 * Turn answers into findings, exactly like probe findings: a compliant answer passes, a non-compliant one
 * fails (or warns) with the question's severity, an unanswered required question is not assessed, and a
 * question whose `when` does not hold is not applicable.
 */
/** The pseudo-question an expectation may read: the vendor's jurisdictions. */
export const VENDOR_JURISDICTIONS = 'vendor.jurisdictions'

export interface ScoreOptions {
  /** The vendor's jurisdictions: a practice-policy threshold keeps its severity only where a binding rule makes the same demand. */
  readonly jurisdictions?: readonly Jurisdiction[]
}

/** A practice's own threshold never blocks on its own: at most medium, unless binding in one of the vendor's jurisdictions. */
const severityOf = (expect: NonNullable<Question['expect']>, jurisdictions: readonly Jurisdiction[] | undefined): Severity => {
  if (expect.basis !== 'practice-policy') return expect.severity
  if (jurisdictions && expect.bindingIn?.some((j) => jurisdictions.includes(j))) return expect.severity
  return SEVERITY_RANK[expect.severity] > SEVERITY_RANK.medium ? 'medium' : expect.severity
}

const LIMIT_WORDS: Readonly<Record<string, string>> = {lte: 'at most', lt: 'less than', gte: 'at least', gt: 'more than'}

/** " Your practice's limit: at most 72 hours." for a practice-policy threshold; '' otherwise. */
const policyLimit = (question: Question): string => {
  if (question.expect?.basis !== 'practice-policy') return ''
  const t = thresholdOf(question.expect.condition, question.id)
  if (!t || t.op === 'equals') return ''
  return ` Your practice’s limit: ${LIMIT_WORDS[t.op]} ${thresholdWords(t.value)}.`
}

export const scoreAnswers = (q: Questionnaire, answers: AnswersFile, opts: ScoreOptions = {}): Finding[] => {
  // Only answers that count: an answer to a question its parent's answer hides is not judged.
  const {answers: values, asked} = askedAndAnswered(q, answers.answers)
  const askedIds = new Set(asked)
  // `vendor.jurisdictions` lets an expectation differ by jurisdiction (an HMAC pseudonym is GDPR pseudonymisation
  // but not a HIPAA 164.514(c) code); only expectations may read it, never a `when`.
  const answersOnly = answerResolver(values)
  const resolve = (id: string): unknown => (id === VENDOR_JURISDICTIONS ? opts.jurisdictions : answersOnly(id))
  const findings: Finding[] = []
  for (const {question, section} of allQuestions(q)) {
    const value = values[question.id]
    const severity = question.expect ? severityOf(question.expect, opts.jurisdictions) : 'info'
    const base = {
      id: `${question.id}`,
      ruleId: question.id,
      source: 'question' as const,
      title: question.text,
      ...(question.expect?.headline ? {headline: question.expect.headline} : {}),
      risk: question.expect?.risk ?? section.id,
      ...(question.expect?.basis === 'practice-policy' ? {basis: 'practice-policy' as const} : {}),
      severity,
      area: section.id,
      // `{threshold}` in a remediation reads the limit in force (the practice's policy may have changed it).
      ...(question.expect?.remediation ? {remediation: question.expect.remediation.replaceAll('{threshold}', thresholdWords(thresholdOf(question.expect.condition, question.id)?.value))} : {}),
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
    const said = `The vendor answered: ${showAnswer(question, value)}.`
    if (!question.expect) {
      findings.push({...base, status: 'pass', message: `${said} (for the record; no compliance rule)`})
      continue
    }
    const ok = evaluate(question.expect.condition, resolve)
    if (ok === true) findings.push({...base, status: 'pass', message: said})
    else if (ok === undefined) findings.push({...base, status: 'not-assessed', reason: 'the answer could not be judged', message: `${said} It could not be judged.`})
    else if (question.expect.warn && evaluate(question.expect.warn, resolve) === true) findings.push({...base, status: 'warn', message: `${said}${policyLimit(question)}`})
    else findings.push({...base, status: 'fail', message: `${said}${policyLimit(question)}`})
  }
  return findings
}
