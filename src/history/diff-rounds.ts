import {ScanvetError} from '../errors.js'
import {listRounds} from '../workspace/history.js'
import {loadVendor} from '../workspace/vendors.js'
import type {Workspace} from '../workspace/workspace-types.js'
import {diffAssessments, type AssessmentDiff} from './diff.js'
import {loadAssessment, readRounds} from './load-round.js'
import {readConditionLog} from '../conditions/condition-log.js'
import {buildLedger} from '../conditions/ledger.js'

/**
 * Load two rounds of a vendor and diff them. `to` defaults to the latest round, `from` to the round before
 * `to`; named rounds must exist.
 */
export const diffRounds = async (ws: Workspace, vendorId: string, from?: string, to?: string): Promise<AssessmentDiff> => {
  const vendor = await loadVendor(ws, vendorId)
  const rounds = await listRounds(vendor.dir)
  const toId = to ?? rounds.at(-1)
  if (!toId) throw new ScanvetError('NOT_FOUND', `vendor '${vendorId}' has not been assessed yet`, [`Assess it: scanvet assess ${vendorId}`])
  const toIndex = rounds.indexOf(toId)
  if (toIndex < 0) await loadAssessment(vendor.dir, vendorId, toId) // throws: names the rounds there are
  const fromId = from ?? (toIndex > 0 ? rounds[toIndex - 1] : undefined)
  if (!fromId) {
    throw new ScanvetError('NOT_FOUND', `vendor '${vendorId}' has only one assessment (${toId}) before or at ${toId}: nothing to compare with`, [
      'Run the next assessment, then compare: scanvet diff ' + vendorId,
    ])
  }
  const [a, b] = await Promise.all([loadAssessment(vendor.dir, vendorId, fromId), loadAssessment(vendor.dir, vendorId, toId)])
  // Conditions as records up to `to`: the rounds up to it and the decisions recorded before it.
  const upTo = (await readRounds(vendor.dir)).slice(0, rounds.indexOf(toId) + 1).flatMap((r) => (r.status === 'readable' ? [r.assessment] : []))
  // Decisions made against a round before `to` (one made against `to` itself came after it).
  const before = new Set(upTo.slice(0, -1).map((x) => x.id))
  const log = (await readConditionLog(vendor.dir)).map((l) => l.entry).filter((e) => before.has(e.round.id))
  // The vendor as it is called now: rounds from before a `vendor rename` carry the id they were signed under.
  return {...diffAssessments(a, b, buildLedger(upTo, log, b.assessedAt)), vendor: vendorId}
}
