import {existsSync} from 'node:fs'
import path from 'node:path'

import {readConditionLog} from '../conditions/condition-log.js'
import {verifyConditionLog} from '../conditions/verify-log.js'
import type {Decision} from '../controls/verdict.js'
import {readRounds, type StoredRound} from './load-round.js'
import {checkReportAttachment, type AttachmentCheck} from './report-attachment.js'

/**
 * Checks one report's signature. Supplied by the signing module (issue 7's verify); when absent, history says
 * "signature not checked" rather than pretending.
 */
/** Why a round's signature was not checked when it was written without a key. */
export const UNSIGNED = 'the report was written without a signing key'

/** `unsigned`: the report was legitimately written without a key (not checked, rather than invalid). */
export type ReportVerifier = (pdfPath: string) => Promise<{readonly ok: boolean; readonly reason?: string; readonly unsigned?: boolean}>

/** How a round links to the one before it. */
export type ChainLink =
  | {readonly status: 'first'}
  | {readonly status: 'linked'}
  | {readonly status: 'broken'; readonly reason: string}

export type SignatureCheck =
  | {readonly status: 'valid'}
  | {readonly status: 'invalid'; readonly reason: string}
  | {readonly status: 'not-checked'; readonly reason: string}

export interface HistoryEntry {
  readonly id: string
  readonly assessedAt?: string
  readonly decision?: Decision
  readonly sha256: string
  readonly link: ChainLink
  /** Does report.pdf carry this very assessment.json? Guards the latest round, which no link covers yet. */
  readonly attachment: AttachmentCheck
  readonly signature: SignatureCheck
}

export interface HistoryVerification {
  readonly vendor: string
  readonly rounds: readonly HistoryEntry[]
  /** Decisions recorded about conditions (accepted as a risk, waived), chained like the rounds. */
  readonly conditionEntries: number
  /** Plain sentences, one per problem found; empty when the whole history verifies. */
  readonly problems: readonly string[]
  readonly ok: boolean
}

const short = (sha: string): string => sha.slice(0, 12)

/** The link of round `i` to round `i - 1`: pure over what was read from disk. */
export const linkOf = (rounds: readonly StoredRound[], i: number): ChainLink => {
  const r = rounds[i]!
  if (r.status === 'unreadable') return {status: 'broken', reason: `${r.reason}, so its link cannot be read`}
  const prev = r.assessment.previous
  const before = i > 0 ? rounds[i - 1]! : undefined
  if (!before) {
    return prev ? {status: 'broken', reason: `it links to round ${prev.id}, which is no longer in the history: that round was deleted or renamed`} : {status: 'first'}
  }
  if (!prev) return {status: 'broken', reason: `it does not link to the round before it (${before.id}): the chain was restarted, or a round was inserted`}
  if (prev.id !== before.id) {
    const known = rounds.slice(0, i).some((x) => x.id === prev.id)
    return {
      status: 'broken',
      reason: known
        ? `it links to round ${prev.id}, not to the round before it (${before.id}): ${before.id} was added afterwards`
        : `it links to round ${prev.id}, which is no longer in the history: that round was deleted or renamed`,
    }
  }
  if (prev.sha256 !== before.sha256) {
    return {status: 'broken', reason: `round ${before.id} was changed after this round was written (recorded SHA-256 ${short(prev.sha256)}…, now ${short(before.sha256)}…)`}
  }
  return {status: 'linked'}
}

const signatureOf = async (r: StoredRound, verifyReport: ReportVerifier | undefined): Promise<SignatureCheck> => {
  const pdf = path.join(r.dir, 'report.pdf')
  if (!existsSync(pdf)) return {status: 'invalid', reason: 'report.pdf is missing'}
  if (!verifyReport) return {status: 'not-checked', reason: 'signature not checked'}
  try {
    const v = await verifyReport(pdf)
    if (v.unsigned) return {status: 'not-checked', reason: v.reason ?? 'the report is not signed'}
    return v.ok ? {status: 'valid'} : {status: 'invalid', reason: v.reason ?? 'the signature does not verify'}
  } catch (error) {
    return {status: 'invalid', reason: `the signature could not be checked: ${(error as Error).message}`}
  }
}

/**
 * Walk a vendor's rounds oldest first: each assessment.json must carry the SHA-256 of the one before it, and
 * each report's signature must verify. A rewritten, deleted or inserted round breaks a link and is named.
 */
export const verifyHistory = async (
  vendorId: string,
  vendorDir: string,
  opts: {readonly verifyReport?: ReportVerifier; readonly formerIds?: readonly string[]} = {},
): Promise<HistoryVerification> => {
  // A round is this vendor's if it carries its id, or an id it had before `vendor rename` (vendor.yaml formerIds).
  const ids = new Set([vendorId, ...(opts.formerIds ?? [])])
  const rounds = await readRounds(vendorDir)
  const problems: string[] = []
  const entries: HistoryEntry[] = []
  for (const [i, r] of rounds.entries()) {
    const link = linkOf(rounds, i)
    const signature = await signatureOf(r, opts.verifyReport)
    const attachment = await checkReportAttachment(path.join(r.dir, 'report.pdf'), r.sha256)
    if (link.status === 'broken') problems.push(`Round ${r.id}: ${link.reason}.`)
    // A missing report is already a signature problem; say it once.
    if (attachment.status === 'differs' || (attachment.status === 'missing' && signature.status !== 'invalid')) problems.push(`Round ${r.id}: ${attachment.reason}.`)
    if (signature.status === 'invalid') problems.push(`Round ${r.id}: ${signature.reason}.`)
    if (r.status === 'readable' && r.assessment.id !== r.id) problems.push(`Round ${r.id}: its assessment.json says it is round ${r.assessment.id}: it was copied or renamed.`)
    const of = r.status === 'readable' ? r.assessment.vendor?.id : undefined
    if (typeof of === 'string' && !ids.has(of)) {
      problems.push(`Round ${r.id}: it is a round of vendor '${of}', which is neither '${vendorId}' nor an id it had before (formerIds in vendor.yaml): it was copied from another vendor's folder.`)
    }
    entries.push({
      id: r.id,
      ...(r.status === 'readable' ? {assessedAt: r.assessment.assessedAt, decision: r.assessment.verdict?.decision} : {}),
      sha256: r.sha256,
      link,
      attachment,
      signature,
    })
  }
  // A garbled log is a finding of the verification, not a reason to stop it.
  const log = await readConditionLog(vendorDir).catch((error: Error) => {
    problems.push(`The condition log cannot be read: ${error.message}`)
    return []
  })
  problems.push(...verifyConditionLog(log, rounds))
  return {vendor: vendorId, rounds: entries, conditionEntries: log.length, problems, ok: problems.length === 0}
}
