import {evaluate} from '../conditions/evaluate.js'
import type {AnswerValue, Question} from './questionnaire-types.js'

export const answerResolver =
  (answers: Readonly<Record<string, AnswerValue>>) =>
  (id: string): unknown =>
    answers[id] ?? undefined

/**
 * A question is asked when it has no `when`, or its `when` holds. An unknown `when` (its question not yet
 * answered) hides it: we never ask a follow-up before the question it follows.
 */
export const isAsked = (q: Question, answers: Readonly<Record<string, AnswerValue>>): boolean =>
  q.when === undefined || evaluate(q.when, answerResolver(answers)) === true

export const isAnswered = (v: AnswerValue | undefined): boolean =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)
