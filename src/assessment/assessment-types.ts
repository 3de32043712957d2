import type {ControlResult} from '../controls/framework-types.js'
import type {ConditionLogHead} from '../conditions/record-types.js'
import type {Verdict} from '../controls/verdict.js'
import type {Finding} from '../model/finding.js'
import type {Observation} from '../model/observation.js'
import type {AnswerValue} from '../questionnaire/questionnaire-types.js'
import type {Jurisdiction, VendorEndpoint, VendorEvidence} from '../workspace/workspace-types.js'

export const ASSESSMENT_SCHEMA_VERSION = 1

/** The one canonical record of an assessment: every report, export and diff is a view of it. */
export interface Assessment {
  readonly schemaVersion: typeof ASSESSMENT_SCHEMA_VERSION
  readonly id: string
  readonly assessedAt: string
  readonly tool: {readonly name: 'scanvet'; readonly version: string; readonly node: string; readonly openssl: string}
  readonly organisation: {readonly name: string; readonly assessor?: string}
  readonly vendor: {
    readonly id: string
    readonly name: string
    readonly service: string
    readonly jurisdictions: readonly Jurisdiction[]
    readonly endpoints: readonly VendorEndpoint[]
    /** The documents the profile listed (BAA, DPA, SOC 2, …) with their end dates, so rounds can be compared. */
    readonly evidence?: readonly VendorEvidence[]
  }
  readonly frameworks: readonly {readonly id: string; readonly title: string}[]
  readonly questionnaire?: {
    readonly id: string
    readonly version: string
    readonly title: string
    readonly answersFile?: string
    readonly answersSha256?: string
    readonly answers: Readonly<Record<string, AnswerValue>>
    /** The practice's own thresholds in force for this round (scanvet.yaml `policy`). */
    readonly policy?: Readonly<Record<string, string | number | boolean>>
  }
  readonly observations: readonly Observation[]
  readonly findings: readonly Finding[]
  readonly controls: readonly ControlResult[]
  readonly verdict: Verdict
  readonly nextReviewDue: string
  /** The SHA-256 of the previous assessment.json of this vendor: the history is a hash chain. */
  readonly previous?: {readonly id: string; readonly sha256: string}
  /** The vendor's condition log (accepted and waived conditions) as it stood when this round was written. */
  readonly conditionLog?: ConditionLogHead
  /** How the report carrying this record is signed; absent only in records built outside runAssessment. */
  readonly signature?: SignatureRecord
}

export type TimestampRecord =
  | {readonly status: 'none'}
  | {readonly status: 'rfc3161'; readonly tsaUrl: string}
  | {readonly status: 'failed'; readonly tsaUrl: string; readonly reason: string}

/**
 * Written into assessment.json before the report is signed (the record is inside the signed PDF), so it says
 * what the signature will be: by which certificate, and whether an RFC 3161 timestamp is in it. When the
 * time-stamping authority fails, the report is rendered again with `failed` and signed without one.
 */
export type SignatureRecord =
  | {
      readonly status: 'signed'
      readonly format: 'PAdES (CMS detached, ETSI.CAdES.detached)'
      readonly signer: string
      readonly fingerprint: string
      readonly algorithm: string
      readonly timestamp: TimestampRecord
    }
  | {readonly status: 'unsigned'; readonly reason: string}
