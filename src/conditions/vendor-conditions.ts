import {readRounds, type StoredRound} from '../history/load-round.js'
import {ScanvetError} from '../errors.js'
import {withWorkspaceLock} from '../workspace/lock.js'
import {listVendorIds, loadVendor} from '../workspace/vendors.js'
import type {Workspace} from '../workspace/workspace-types.js'
import type {Assessment} from '../assessment/assessment-types.js'
import {appendConditionEntry, readConditionLog, type StoredEntry} from './condition-log.js'
import {buildLedger} from './ledger.js'
import type {ConditionAction, ConditionEntry, ConditionRecord} from './record-types.js'

export interface VendorConditions {
  readonly vendor: string
  readonly name: string
  readonly conditions: readonly ConditionRecord[]
}

const readable = (rounds: readonly StoredRound[]): Assessment[] => rounds.flatMap((r) => (r.status === 'readable' ? [r.assessment] : []))

/** One vendor's conditions as of `now`, from its rounds and its condition log. */
export const vendorConditions = async (ws: Workspace, vendorId: string, now: Date): Promise<VendorConditions & {readonly dir: string; readonly rounds: readonly StoredRound[]; readonly log: readonly StoredEntry[]}> => {
  const vendor = await loadVendor(ws, vendorId)
  const [rounds, log] = await Promise.all([readRounds(vendor.dir), readConditionLog(vendor.dir)])
  return {vendor: vendorId, name: vendor.profile.name, dir: vendor.dir, conditions: buildLedger(readable(rounds), log.map((l) => l.entry), now.toISOString()), rounds, log}
}

/** `scanvet condition list`: every vendor (or one), overdue first; `overdue` keeps only those past due. */
export const listConditions = async (ws: Workspace, opts: {readonly vendorId?: string; readonly overdue?: boolean; readonly now: Date}): Promise<VendorConditions[]> => {
  const ids = opts.vendorId ? [opts.vendorId] : await listVendorIds(ws)
  const all = await Promise.all(ids.map((id) => vendorConditions(ws, id, opts.now)))
  return all.map((v) => ({vendor: v.vendor, name: v.name, conditions: opts.overdue ? v.conditions.filter((c) => c.overdue) : v.conditions}))
}

export interface DecideOptions {
  readonly vendorId: string
  readonly conditionId: string
  readonly action: ConditionAction
  readonly by: string
  readonly reason: string
  readonly now: Date
}

/**
 * Record that the practice accepts a condition as a risk, or waives it, with who decided and why: an entry
 * chained into the vendor's history that the next report shows. A fixed condition cannot be accepted (there is
 * nothing left to accept); a round that fails it again reopens it.
 */
export const decideCondition = async (ws: Workspace, opts: DecideOptions): Promise<{readonly entry: ConditionEntry; readonly condition: ConditionRecord}> => {
  const by = opts.by.trim()
  const reason = opts.reason.trim()
  if (!by) throw new ScanvetError('INVALID_INPUT', '--by is empty: say who decided', ['--by "Dr A. Example, practice manager"'])
  if (!reason) throw new ScanvetError('INVALID_INPUT', '--reason is empty: say why', ['--reason "Compensating control: the endpoint is reachable only over our VPN"'])
  return withWorkspaceLock(ws.root, async () => {
    const v = await vendorConditions(ws, opts.vendorId, opts.now)
    const c = v.conditions.find((x) => x.id === opts.conditionId || (x.latestRef === opts.conditionId && x.state !== 'fixed'))
    if (!c) {
      const open = v.conditions.filter((x) => x.state !== 'fixed').map((x) => x.id)
      throw new ScanvetError('NOT_FOUND', `vendor '${opts.vendorId}' has no condition '${opts.conditionId}'`, [open.length ? `Its conditions: ${open.join(', ')}` : `List them: scanvet condition list ${opts.vendorId}`])
    }
    if (c.state === 'fixed') throw new ScanvetError('INVALID_INPUT', `condition '${c.id}' of '${opts.vendorId}' is fixed (confirmed by a round): there is nothing to ${opts.action}`)
    const last = v.rounds.at(-1)!
    const stored = await appendConditionEntry(v.dir, {
      at: opts.now.toISOString(),
      vendor: opts.vendorId,
      condition: c.id,
      action: opts.action,
      by,
      reason,
      round: {id: last.id, sha256: last.sha256},
    })
    const after = buildLedger(readable(v.rounds), [...v.log.map((l) => l.entry), stored.entry], opts.now.toISOString()).find((x) => x.id === c.id)!
    return {entry: stored.entry, condition: after}
  })
}
