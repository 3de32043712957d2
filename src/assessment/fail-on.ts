import type {Decision} from '../controls/verdict.js'
import {SEVERITY_RANK, type Finding} from '../model/finding.js'
import type {Severity} from '../schemas/common.js'

/**
 * The --fail-on gate: does any finding fail at this severity or worse? A vendor scanvet cannot decide on fails
 * at every severity: a quarterly job must never stay green on a vendor nobody has seen evidence for.
 */
export const failsAt = (findings: readonly Finding[], threshold: Severity, decision?: Decision): boolean =>
  decision === 'cannot-decide' || findings.some((f) => f.status === 'fail' && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold])

/** Decisions under which no image may be sent yet: `run` exits non-zero for them (exit 4). */
export const blocksSending = (decision: Decision | undefined): boolean => decision === 'not-approved' || decision === 'cannot-decide'

/** How a decision is printed: the label a practice manager reads. */
export const DECISION_LABELS: Readonly<Record<Decision, string>> = {
  approved: 'APPROVED',
  'approved-with-conditions': 'APPROVED WITH CONDITIONS',
  'cannot-decide': 'CANNOT DECIDE YET',
  'not-approved': 'NOT APPROVED',
}
