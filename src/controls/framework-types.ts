import type {CONTROL_AREAS} from '../schemas/framework.schema.js'

export type ControlArea = (typeof CONTROL_AREAS)[number]

export interface Control {
  readonly id: string
  readonly citation: string
  readonly title: string
  readonly requirement: string
  readonly type: 'standard' | 'required' | 'addressable' | 'article' | 'guidance'
  readonly area: ControlArea
  readonly guidance?: readonly string[]
  readonly evidence: {readonly checks?: readonly string[]; readonly questions?: readonly string[]}
  readonly manual?: boolean
  readonly readiness?: boolean
}

export interface Framework {
  readonly id: string
  readonly title: string
  readonly authority: string
  readonly source?: string
  readonly jurisdictions?: readonly string[]
  readonly controls: readonly Control[]
}

export const CONTROL_STATUSES = ['not-satisfied', 'partially-satisfied', 'not-assessed', 'satisfied', 'readiness', 'manual'] as const
export type ControlStatus = (typeof CONTROL_STATUSES)[number]

export interface ControlResult {
  readonly frameworkId: string
  readonly controlId: string
  readonly citation: string
  readonly title: string
  /** The requirement in plain words, from the catalogue: the report's "why it matters". */
  readonly requirement?: string
  readonly area: ControlArea
  readonly type: Control['type']
  readonly status: ControlStatus
  /** Finding ids that decided the status. */
  readonly findings: readonly string[]
  readonly summary: string
}
