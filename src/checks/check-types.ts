import type {Condition} from '../conditions/condition-types.js'
import type {ProbeFamily} from '../model/observation.js'
import type {Severity} from '../schemas/common.js'

export interface Check {
  readonly id: string
  readonly title: string
  /** What is wrong when it fails, stated as a problem: the summary, conditions and CSV use it. */
  readonly headline?: string
  /** Root-cause key shared by checks whose failures are one risk. */
  readonly risk?: string
  readonly severity: Severity
  readonly probe: ProbeFamily
  readonly applies?: Condition
  readonly pass: Condition
  readonly warn?: Condition
  readonly messages: {readonly pass: string; readonly fail: string; readonly warn?: string; readonly 'not-applicable'?: string}
  readonly rationale: string
  readonly remediation: string
  readonly references?: readonly string[]
  readonly examples: {
    readonly pass: readonly Record<string, unknown>[]
    readonly fail: readonly Record<string, unknown>[]
    readonly warn?: readonly Record<string, unknown>[]
    readonly 'not-applicable'?: readonly Record<string, unknown>[]
  }
  /** Where it was loaded from, for messages. */
  readonly file: string
}
