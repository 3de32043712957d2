import type {Condition} from '../conditions/condition-types.js'
import type {EmbeddedDocument} from './embedded-document.js'
import type {EvidenceKind, Severity} from '../schemas/common.js'
import type {Jurisdiction} from '../workspace/workspace-types.js'
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
  /** Asked only of vendors in one of these jurisdictions (none: of every vendor). */
  readonly jurisdictions?: readonly Jurisdiction[]
  readonly expect?: {
    readonly condition: Condition
    readonly severity: Severity
    readonly warn?: Condition
    readonly remediation?: string
    /** What is wrong when the answer falls short, in a practice manager's words (summary, conditions, CSV). */
    readonly headline?: string
    /**
     * `practice-policy`: the threshold is one the practice chooses (no binding rule sets it; a proposal may),
     * so the finding never blocks on its own: its severity is capped at medium, unless the vendor is in a
     * jurisdiction of `bindingIn`, where a binding rule makes the same demand.
     */
    readonly basis?: 'rule' | 'practice-policy'
    readonly bindingIn?: readonly Jurisdiction[]
    /** Findings with one root cause share a risk key and make one risk in the summary (default: the section). */
    readonly risk?: string
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

/** An evidence file named by path, relative to the answers file. */
export interface EvidencePath {
  readonly path: string
  readonly sha256?: string
  readonly content?: never
}

export type EvidenceEntry = EvidencePath | EmbeddedDocument

export interface AnswersFile {
  readonly questionnaire: string
  readonly version: string
  readonly vendor?: string
  readonly respondent?: {readonly name?: string; readonly role?: string; readonly email?: string}
  readonly answers: Readonly<Record<string, AnswerValue>>
  readonly comments?: Readonly<Record<string, string>>
  /**
   * Evidence files by question id: a file named by `path` (its `sha256` set by import and by the terminal), or
   * a document the HTML form attached, carried in the file (import stores it and records path + sha256 instead).
   */
  readonly evidence?: Readonly<Record<string, EvidenceEntry>>
}

/** Every question in file order, with its section. */
export const allQuestions = (q: Questionnaire): {question: Question; section: Section}[] =>
  q.sections.flatMap((section) => section.questions.map((question) => ({question, section})))
