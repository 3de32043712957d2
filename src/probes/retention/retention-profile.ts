import type {Modality} from '../../dicom/modalities.js'

/** What a flow step means to the probe; `request` is a plain step whose status must be as expected. */
export type FlowAction = 'upload' | 'poll' | 'delete' | 'check' | 'request'

export type FlowBody =
  | {readonly dicom: 'raw' | 'multipart-related' | 'form-data'; readonly field?: string}
  | {readonly json: unknown}
  | {readonly text: string}

/** One HTTP step of a vendor's REST flow, declared as data in the profile (in the spirit of nuclei templates). */
export interface FlowStep {
  readonly name: string
  readonly action?: FlowAction
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD'
  /** A URL template: {{studyInstanceUid}}, {{token}}, {{seriesInstanceUid}}, {{sopInstanceUid}}, {{modality}} and extracted variables. */
  readonly url: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: FlowBody
  /** Status codes that mean the step did what it should (default: any 2xx). */
  readonly expectStatus?: readonly number[]
  /** Variables to take from the JSON answer: name → dotted path (e.g. `data.id`, `items.0.id`). */
  readonly extract?: Readonly<Record<string, string>>
  /** poll: repeat until the JSON value at `path` equals `equals` (or is one of `in`). */
  readonly until?: {readonly path: string; readonly equals?: unknown; readonly in?: readonly unknown[]}
  readonly intervalMs?: number
  readonly maxAttempts?: number
  /** check: statuses meaning the canary is gone (default 404, 410). */
  readonly goneStatus?: readonly number[]
  /** check: a 2xx answer whose JSON is an empty array or object means gone (a search with no match). */
  readonly emptyMeansGone?: boolean
}

export interface RetentionAuth {
  readonly scheme: 'bearer' | 'basic' | 'header'
  readonly tokenEnv?: string
  readonly usernameEnv?: string
  readonly passwordEnv?: string
  readonly header?: string
}

/** The `retention` block of a vendor profile. */
export interface RetentionProfile {
  readonly mode: 'dicomweb' | 'http-flow'
  readonly modality?: Modality
  /** ISO 8601 duration: how soon after upload the vendor promises the study is gone. */
  readonly window: string
  /** Plant and verify in the same run (windows of at most PT15M). */
  readonly oneShot?: boolean
  /** ISO 8601 duration to wait after upload (for the analysis) before asking for deletion. */
  readonly waitAfterUpload?: string
  readonly caBundle?: string
  readonly auth?: RetentionAuth
  readonly timeoutMs?: number
  readonly dicomweb?: {
    readonly url: string
    /** Ask for deletion with DELETE {url}/studies/{uid} (not part of DICOMweb; some archives offer it). */
    readonly delete?: boolean
    /** Or a URL template for the deletion request. */
    readonly deleteUrl?: string
  }
  readonly flow?: {readonly plant: readonly FlowStep[]; readonly verify: readonly FlowStep[]}
}

export const ONE_SHOT_MAX_SECONDS = 15 * 60
