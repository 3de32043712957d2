import path from 'node:path'

import type {ConditionRecord} from '../conditions/record-types.js'
import {readConditionLog} from '../conditions/condition-log.js'
import {buildLedger} from '../conditions/ledger.js'
import type {Decision} from '../controls/verdict.js'
import {readRounds} from '../history/load-round.js'
import {trendOf, type TrendPoint} from '../history/quarter-view.js'
import {vendorStatus} from '../status/gather-status.js'
import type {ExpiringItem, PendingItem, VendorStatus} from '../status/status-types.js'
import {listVendorIds, loadVendor} from '../workspace/vendors.js'
import type {Workspace} from '../workspace/workspace-types.js'

export interface DashboardVendor {
  readonly id: string
  readonly name: string
  readonly decision?: Decision
  readonly previousDecision?: Decision
  readonly lastAssessed?: string
  readonly nextDue: string
  readonly due: VendorStatus['due']
  readonly trend: readonly TrendPoint[]
  readonly conditions: readonly ConditionRecord[]
  readonly expiring: readonly ExpiringItem[]
  readonly pending: readonly PendingItem[]
  /** The latest report, relative to the dashboard file (so the pair can be moved together). */
  readonly reportHref?: string
}

export interface DashboardModel {
  readonly organisation: string
  readonly generatedAt: string
  readonly horizonDays: number
  readonly vendors: readonly DashboardVendor[]
}

export const DASHBOARD_HORIZON_DAYS = 90

/** Everything the dashboard shows, for every vendor; `outFile` decides the relative links to the reports. */
export const gatherDashboard = async (ws: Workspace, opts: {readonly now: Date; readonly outFile: string}): Promise<DashboardModel> => {
  const ids = await listVendorIds(ws)
  const vendors = await Promise.all(
    ids.map(async (id): Promise<DashboardVendor> => {
      const [vendor, status] = await Promise.all([loadVendor(ws, id), vendorStatus(ws, id, {now: () => opts.now, horizonDays: DASHBOARD_HORIZON_DAYS})])
      const rounds = await readRounds(vendor.dir)
      const readable = rounds.flatMap((r) => (r.status === 'readable' ? [r.assessment] : []))
      const log = await readConditionLog(vendor.dir)
      const conditions = buildLedger(readable, log.map((l) => l.entry), opts.now.toISOString()).filter((c) => c.state !== 'fixed')
      const last = rounds.at(-1)
      return {
        id,
        name: vendor.profile.name,
        ...(status.last ? {decision: status.last.decision, lastAssessed: status.last.assessedAt.slice(0, 10)} : {}),
        ...(readable.length > 1 ? {previousDecision: readable.at(-2)!.verdict.decision} : {}),
        nextDue: status.nextDue,
        due: status.due,
        trend: trendOf(readable),
        conditions,
        expiring: status.expiring,
        pending: status.pending,
        ...(last ? {reportHref: path.relative(path.dirname(opts.outFile), path.join(last.dir, 'report.pdf')).split(path.sep).join('/')} : {}),
      }
    }),
  )
  return {organisation: ws.config.organisation, generatedAt: opts.now.toISOString(), horizonDays: DASHBOARD_HORIZON_DAYS, vendors}
}
