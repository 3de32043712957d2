import type {RemediationItem} from '../controls/verdict.js'
import type {Severity} from '../schemas/common.js'

/** Where a condition stands. `fixed` is set only by a round in which its finding passes. */
export const CONDITION_STATES = ['open', 'fixed', 'risk-accepted', 'waived'] as const
export type ConditionState = (typeof CONDITION_STATES)[number]

/** A practice's decision about a condition, recorded in the vendor's condition log. */
export const CONDITION_ACTIONS = ['accept', 'waive'] as const
export type ConditionAction = (typeof CONDITION_ACTIONS)[number]

export type ConditionEvent =
  | {readonly kind: 'opened'; readonly at: string; readonly round: string; readonly due: string}
  | {readonly kind: 'reopened'; readonly at: string; readonly round: string; readonly due: string}
  | {readonly kind: 'fixed'; readonly at: string; readonly round: string}
  | {readonly kind: 'risk-accepted' | 'waived'; readonly at: string; readonly by: string; readonly reason: string; readonly entry: number}

/** One condition as a record that lives across rounds. */
export interface ConditionRecord {
  /** Stable across rounds: rule and target (see conditionKey). */
  readonly id: string
  readonly ruleId: string
  readonly target?: string
  readonly title: string
  readonly severity: Severity
  readonly owner: RemediationItem['owner']
  readonly ask: string
  readonly state: ConditionState
  /** YYYY-MM-DD the vendor must act by (from the round that opened it). */
  readonly due: string
  /** Open and past its due date on the day asked about. */
  readonly overdue: boolean
  readonly openedIn: string
  /** The C-number in the latest round that lists it. */
  readonly latestRef?: string
  /** The latest decision, when it is accepted or waived. */
  readonly decision?: {readonly by: string; readonly reason: string; readonly at: string}
  readonly history: readonly ConditionEvent[]
}

/** One line of vendors/<id>/conditions.jsonl: chained to the entry before it and to the latest round. */
export interface ConditionEntry {
  readonly seq: number
  readonly at: string
  readonly vendor: string
  readonly condition: string
  readonly action: ConditionAction
  readonly by: string
  readonly reason: string
  /** The round this decision was made against: its id and the SHA-256 of its assessment.json. */
  readonly round: {readonly id: string; readonly sha256: string}
  /** SHA-256 of the previous entry's line; absent on the first entry. */
  readonly previous?: string
}

/** What a round records of the condition log when it is written, so the signed report seals the log. */
export interface ConditionLogHead {
  readonly count: number
  readonly sha256: string
}
