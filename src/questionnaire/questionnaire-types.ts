import type {Condition} from '../conditions/condition-types.js'
import type {EvidenceKind, Severity} from '../schemas/common.js'
import type {QUESTION_TYPES} from '../schemas/questionnaire.schema.js'

export type QuestionType = (typeof QUESTION_TYPES)[number]

export interface Question {
  readonly id: string
  readonly text: string
  readonly help?: string
  readonly type: QuestionType
  readonly options?: readonly {readonly value: string; readonly label: string}[]
  readonly unit?: string
  readonly required?: boolean
  readonly when?: Condition
  readonly expect?: {
    readonly condition: Condition
    readonly severity: Severity
    readonly warn?: Condition
    readonly remediation?: string
  }
  readonly evidence?: readonly EvidenceKind[]
}

export interface Section {
  readonly id: string
  readonly title: string
  readonly intro?: string
  readonly questions: readonly Question[]
}

export interface Questionnaire {
  readonly id: string
  readonly version: string
  readonly title: string
  readonly description?: string
  readonly sections: readonly Section[]
}

export type AnswerValue = boolean | number | string | null | readonly string[]

export interface AnswersFile {
  readonly questionnaire: string
  readonly version: string
  readonly vendor?: string
  readonly respondent?: {readonly name?: string; readonly role?: string; readonly email?: string}
  readonly answers: Readonly<Record<string, AnswerValue>>
  readonly comments?: Readonly<Record<string, string>>
  /** Evidence files by question id; `sha256` is set by import and by the terminal, absent in the form's download. */
  readonly evidence?: Readonly<Record<string, {readonly path: string; readonly sha256?: string}>>
}

/** Every question in file order, with its section. */
export const allQuestions = (q: Questionnaire): {question: Question; section: Section}[] =>
  q.sections.flatMap((section) => section.questions.map((question) => ({question, section})))
