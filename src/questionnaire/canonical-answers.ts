/*
 * From given answers to the answers that count: only questions whose `when` holds, multi-choice values in
 * the questionnaire's option order without repeats. Embedded, compiled, in the HTML form beside
 * serialise-answers.ts (see form-script.ts), so it keeps to pure code and unique top-level names.
 */
import type {AnswerValue, AnswersFile, Questionnaire} from './questionnaire-types.js'
import {isAnswered, isAsked} from './visibility.js'

/** Multi-choice values in option order, each once; anything not an option (rejected by import) kept last. */
export const orderChoices = (values: readonly string[], options: readonly {readonly value: string}[]): string[] => {
  const known = options.map((o) => o.value).filter((v) => values.includes(v))
  const unknown = values.filter((v, i) => !known.includes(v) && values.indexOf(v) === i)
  return [...known, ...unknown]
}

/**
 * The answers of questions that are asked, in questionnaire order. A question is asked when its `when` holds
 * on the answers kept so far, so an answer to a question that its parent's answer hides is dropped, and so
 * are the answers hanging on that one.
 */
export const effectiveAnswers = (q: Questionnaire, given: Readonly<Record<string, AnswerValue>>): Record<string, AnswerValue> => askedAndAnswered(q, given).answers

/** The answers that count, and the ids of every question asked given them (answered or not). */
export const askedAndAnswered = (q: Questionnaire, given: Readonly<Record<string, AnswerValue>>): {answers: Record<string, AnswerValue>; asked: string[]} => {
  const kept: Record<string, AnswerValue> = {}
  const asked: string[] = []
  for (const section of q.sections) {
    for (const question of section.questions) {
      if (!isAsked(question, kept)) continue
      asked.push(question.id)
      const v = given[question.id]
      if (v === undefined || !isAnswered(v)) continue
      kept[question.id] = question.type === 'multi-choice' && Array.isArray(v) ? orderChoices(v as readonly string[], question.options ?? []) : v
    }
  }
  return {answers: kept, asked}
}

/** The canonical form of an answers file: effective answers; comments and evidence only for questions asked. */
export const canonicalAnswersFile = (q: Questionnaire, file: AnswersFile): AnswersFile => {
  const {answers, asked} = askedAndAnswered(q, file.answers)
  const keepFor = <T>(m: Readonly<Record<string, T>> | undefined): Record<string, T> | undefined => {
    if (!m) return undefined
    const out: Record<string, T> = {}
    for (const k of Object.keys(m)) if (asked.includes(k)) out[k] = m[k]!
    return Object.keys(out).length > 0 ? out : undefined
  }
  const comments = keepFor(file.comments)
  const evidence = keepFor(file.evidence)
  return {
    questionnaire: file.questionnaire,
    version: file.version,
    ...(file.vendor !== undefined ? {vendor: file.vendor} : {}),
    ...(file.respondent ? {respondent: file.respondent} : {}),
    answers,
    ...(comments ? {comments} : {}),
    ...(evidence ? {evidence} : {}),
  }
}

/** Every question id in questionnaire order: the key order of the canonical file. */
export const questionOrder = (q: Questionnaire): string[] => q.sections.flatMap((s) => s.questions.map((x) => x.id))
