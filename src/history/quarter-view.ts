import type {Assessment} from '../assessment/assessment-types.js'
import type {ConditionRecord} from '../conditions/record-types.js'
import type {Decision} from '../controls/verdict.js'
import type {AssessmentDiff} from './diff.js'

export interface TrendPoint {
  readonly id: string
  readonly date: string
  readonly decision: Decision
  /** Findings that fail or warn in that round. */
  readonly failing: number
}

/** The "since last quarter" view of a round: what the report's first page and the dashboard show. */
export interface QuarterView {
  readonly previous?: {readonly id: string; readonly date: string; readonly decision: Decision}
  readonly fixed: number
  readonly newProblems: number
  readonly regressed: number
  readonly overdue: number
  /** Conditions accepted as a risk or waived, still standing. */
  readonly accepted: number
  readonly conditions: readonly ConditionRecord[]
  readonly trend: readonly TrendPoint[]
}

export const trendOf = (rounds: readonly Assessment[]): TrendPoint[] =>
  rounds.map((a) => ({id: a.id, date: a.assessedAt.slice(0, 10), decision: a.verdict.decision, failing: a.findings.filter((f) => f.status === 'fail' || f.status === 'warn').length}))

/** Pure: the rounds up to and including this one (oldest first), the condition records as of it, and the diff with the round before. */
export const quarterViewOf = (rounds: readonly Assessment[], conditions: readonly ConditionRecord[], diff?: AssessmentDiff): QuarterView => ({
  ...(diff ? {previous: {id: diff.from.id, date: diff.from.assessedAt.slice(0, 10), decision: diff.from.decision}} : {}),
  fixed: diff ? diff.findings.filter((f) => f.kind === 'fixed').length : 0,
  newProblems: diff ? diff.findings.filter((f) => f.kind === 'new').length : 0,
  regressed: diff ? diff.findings.filter((f) => f.kind === 'regressed').length : 0,
  overdue: conditions.filter((c) => c.overdue).length,
  accepted: conditions.filter((c) => c.state === 'risk-accepted' || c.state === 'waived').length,
  conditions,
  trend: trendOf(rounds),
})
