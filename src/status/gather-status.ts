import {readRounds} from '../history/load-round.js'
import {readConditionLog} from '../conditions/condition-log.js'
import {buildLedger} from '../conditions/ledger.js'
import {listVendorIds, loadVendor} from '../workspace/vendors.js'
import type {Workspace} from '../workspace/workspace-types.js'
import {addDays, daysBetween, isoDay} from './dates.js'
import {EXPIRY_PROVIDERS, PENDING_PROVIDERS} from './providers.js'
import type {DueState, ExpiryProvider, PendingProvider, StatusContext, VendorStatus, WorkspaceStatus} from './status-types.js'

export interface StatusOptions {
  readonly now?: () => Date
  /** Report evidence that ends within this many days (default: the reassessment interval). */
  readonly horizonDays?: number
  /** Flag a reassessment as due soon this many days ahead (default 14). */
  readonly dueSoonDays?: number
  readonly expiryProviders?: readonly ExpiryProvider[]
  readonly pendingProviders?: readonly PendingProvider[]
  /** Only these vendors (default: all). */
  readonly vendorIds?: readonly string[]
}

export const dueStateOf = (daysUntilDue: number, assessed: boolean, dueSoonDays: number): DueState =>
  !assessed ? 'never-assessed' : daysUntilDue <= 0 ? 'overdue' : daysUntilDue <= dueSoonDays ? 'due-soon' : 'not-due'

/** One vendor: its latest round, when it is due again, what is about to expire, what is pending. */
export const vendorStatus = async (ws: Workspace, id: string, opts: StatusOptions = {}): Promise<VendorStatus> => {
  const now = (opts.now ?? (() => new Date()))()
  const vendor = await loadVendor(ws, id)
  const rounds = await readRounds(vendor.dir)
  const lastId = rounds.at(-1)?.id
  const round = rounds.at(-1)
  const last = round?.status === 'readable' ? round.assessment : undefined
  const log = await readConditionLog(vendor.dir)
  const conditions = buildLedger(rounds.flatMap((r) => (r.status === 'readable' ? [r.assessment] : [])), log.map((l) => l.entry), now.toISOString()).filter((c) => c.state !== 'fixed')
  const ctx: StatusContext = {vendor, ...(last ? {last} : {}), ...(lastId ? {lastId} : {}), now, horizonDays: opts.horizonDays ?? ws.reassessmentIntervalDays}
  // The interval comes from scanvet.yaml now, not from the date recorded in the round: changing it moves every due date.
  const nextDue = last ? isoDay(addDays(new Date(last.assessedAt), ws.reassessmentIntervalDays)) : isoDay(now)
  const daysUntilDue = daysBetween(now, nextDue)
  const expiring = (await Promise.all((opts.expiryProviders ?? EXPIRY_PROVIDERS).map((p) => p(ctx)))).flat().sort((a, b) => a.expires.localeCompare(b.expires) || a.label.localeCompare(b.label))
  const pending = (await Promise.all((opts.pendingProviders ?? PENDING_PROVIDERS).map((p) => p(ctx)))).flat().sort((a, b) => a.due.localeCompare(b.due))
  return {
    id,
    name: vendor.profile.name,
    ...(last && lastId ? {last: {id: lastId, assessedAt: last.assessedAt, decision: last.verdict.decision}} : {}),
    nextDue,
    daysUntilDue,
    due: dueStateOf(daysUntilDue, Boolean(last), opts.dueSoonDays ?? 14),
    expiring,
    pending,
    conditions,
  }
}

/** `scanvet status`: every vendor of the workspace. */
export const gatherStatus = async (ws: Workspace, opts: StatusOptions = {}): Promise<WorkspaceStatus> => {
  const now = (opts.now ?? (() => new Date()))()
  const ids = opts.vendorIds ?? (await listVendorIds(ws))
  const vendors = await Promise.all(ids.map((id) => vendorStatus(ws, id, {...opts, now: () => now})))
  return {generatedAt: now.toISOString(), intervalDays: ws.reassessmentIntervalDays, horizonDays: opts.horizonDays ?? ws.reassessmentIntervalDays, vendors}
}
