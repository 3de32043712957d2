import type {Assessment} from '../assessment/assessment-types.js'
import type {ConditionRecord} from '../conditions/record-types.js'
import type {Decision} from '../controls/verdict.js'
import type {Vendor} from '../workspace/workspace-types.js'

/** Evidence that stops covering the vendor: a certificate, a BAA or DPA end date, a SOC 2 period. */
export interface ExpiringItem {
  readonly kind: 'certificate' | 'document' | 'soc2-coverage' | (string & {})
  readonly label: string
  /** YYYY-MM-DD: the last day the evidence holds. */
  readonly expires: string
  readonly daysLeft: number
  readonly state: 'expired' | 'expiring'
  /** Where the date was read: "assessment 2026-02-01-1" or "vendor.yaml". */
  readonly source: string
}

/** Work left open between runs, e.g. a retention canary waiting for its window to pass. */
export interface PendingItem {
  readonly kind: 'retention-canary' | (string & {})
  readonly label: string
  /** YYYY-MM-DD when it is due. */
  readonly due: string
  readonly state: 'due' | 'waiting'
}

export interface StatusContext {
  readonly vendor: Vendor
  /** The latest assessment, when there is one. */
  readonly last?: Assessment
  readonly lastId?: string
  readonly now: Date
  /** Report evidence that ends within this many days. */
  readonly horizonDays: number
}

/** Small readers of one vendor's state; a probe family adds one line to the lists in providers.ts. */
export type ExpiryProvider = (ctx: StatusContext) => readonly ExpiringItem[] | Promise<readonly ExpiringItem[]>
export type PendingProvider = (ctx: StatusContext) => readonly PendingItem[] | Promise<readonly PendingItem[]>

export type DueState = 'never-assessed' | 'overdue' | 'due-soon' | 'not-due'

export interface VendorStatus {
  readonly id: string
  readonly name: string
  readonly last?: {readonly id: string; readonly assessedAt: string; readonly decision: Decision}
  /** YYYY-MM-DD: the last assessment plus the workspace's reassessment interval, or today when never assessed. */
  readonly nextDue: string
  readonly daysUntilDue: number
  readonly due: DueState
  readonly expiring: readonly ExpiringItem[]
  readonly pending: readonly PendingItem[]
  /** Conditions still to chase (open, accepted as a risk, waived), overdue first, then by due date. */
  readonly conditions: readonly ConditionRecord[]
}

export interface WorkspaceStatus {
  readonly generatedAt: string
  readonly intervalDays: number
  readonly horizonDays: number
  readonly vendors: readonly VendorStatus[]
}
