import type {Decision} from '../controls/verdict.js'
import type {FindingStatus} from '../model/finding.js'

/** What happened to one vendor in a batch. */
export type VendorOutcome =
  | {
      readonly status: 'assessed'
      readonly vendor: string
      readonly roundId: string
      readonly decision: Decision
      readonly counts: Readonly<Record<FindingStatus, number>>
      readonly failsGate: boolean
      readonly durationMs: number
      readonly report: string
    }
  /** Assessed by an earlier, interrupted run of the same batch (resumed): not assessed again. */
  | {readonly status: 'done-earlier'; readonly vendor: string; readonly roundId: string; readonly decision?: Decision; readonly failsGate: boolean}
  | {readonly status: 'not-due'; readonly vendor: string; readonly nextDue: string}
  | {readonly status: 'interrupted'; readonly vendor: string}
  | {readonly status: 'error'; readonly vendor: string; readonly code: string; readonly message: string}

export type BatchEvent =
  | {readonly type: 'plan'; readonly runId: string; readonly total: number; readonly toRun: number; readonly resumedFrom?: string}
  | {readonly type: 'vendor-start'; readonly vendor: string}
  | {readonly type: 'vendor-end'; readonly outcome: VendorOutcome}

export interface BatchResult {
  readonly runId: string
  readonly resumedFrom?: string
  readonly interrupted: boolean
  readonly outcomes: readonly VendorOutcome[]
}
