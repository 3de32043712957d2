import type {Jurisdiction} from '../workspace/workspace-types.js'
import type {Question, Questionnaire} from './questionnaire-types.js'

/** A question is for a vendor when it names none of the jurisdictions, or one of the vendor's. */
export const questionApplies = (q: Question, jurisdictions: readonly Jurisdiction[]): boolean =>
  q.jurisdictions === undefined || q.jurisdictions.some((j) => jurisdictions.includes(j))

/**
 * The questionnaire as asked of one vendor: only the questions of its jurisdictions, sections left empty
 * dropped. Every answering channel (HTML form, YAML sheet, terminal), import and scoring use this one view,
 * so a US-only vendor is never asked, scored or conditioned on a GDPR question.
 */
export const scopeQuestionnaire = (q: Questionnaire, jurisdictions: readonly Jurisdiction[]): Questionnaire => ({
  ...q,
  sections: q.sections
    .map((s) => ({...s, questions: s.questions.filter((x) => questionApplies(x, jurisdictions))}))
    .filter((s) => s.questions.length > 0),
})
