import type {Severity} from '../schemas/common.js'

export const FINDING_STATUSES = ['fail', 'warn', 'error', 'not-assessed', 'pass', 'not-applicable'] as const
export type FindingStatus = (typeof FINDING_STATUSES)[number]

interface FindingBase {
  /** Unique within an assessment: the rule id, plus "@target" for probe findings. */
  readonly id: string
  /** The check or question this finding comes from; frameworks point at these ids. */
  readonly ruleId: string
  readonly source: 'check' | 'question'
  readonly title: string
  /** What is wrong, stated as a problem; set for checks and scored questions that carry one. */
  readonly headline?: string
  /** Root-cause key: findings sharing it make one risk in the summary. */
  readonly risk?: string
  /** `practice-policy`: judged against a threshold the practice chose, not a binding rule. */
  readonly basis?: 'practice-policy'
  readonly severity: Severity
  readonly target?: string
  readonly area?: string
  readonly message: string
  readonly rationale?: string
  readonly remediation?: string
  readonly references?: readonly string[]
  /** The observed facts or answer behind the result, for the report's evidence column. */
  readonly evidence?: Readonly<Record<string, unknown>>
}

export type Finding =
  | (FindingBase & {readonly status: 'pass'})
  | (FindingBase & {readonly status: 'fail'})
  | (FindingBase & {readonly status: 'warn'})
  | (FindingBase & {readonly status: 'error'; readonly reason: string})
  | (FindingBase & {readonly status: 'not-applicable'; readonly reason: string})
  | (FindingBase & {readonly status: 'not-assessed'; readonly reason: string})

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {critical: 4, high: 3, medium: 2, low: 1, info: 0}

/** Findings that count against the vendor: a failure, or a warning. */
export const isAdverse = (f: Finding): boolean => f.status === 'fail' || f.status === 'warn'
