import {SEVERITY_RANK, type Finding} from '../model/finding.js'
import type {Severity} from '../schemas/common.js'
import type {Jurisdiction} from '../workspace/workspace-types.js'
import {evaluateGates, type GateResult} from './gates.js'

/** Worst last in approval order; `cannot-decide` means scanvet has not seen enough to approve. */
export const DECISIONS = ['approved', 'approved-with-conditions', 'cannot-decide', 'not-approved'] as const
export type Decision = (typeof DECISIONS)[number]

export interface RemediationItem {
  /** C1, C2, … in the order the report lists them (worst first). */
  readonly id: string
  readonly findingId: string
  readonly title: string
  readonly severity: Severity
  /** What the finding was: a failure or warning to fix, or an item that could not be assessed. */
  readonly kind: 'fix' | 'evidence'
  readonly action: string
  /** Who must act: the vendor fixes and answers; the practice re-runs a check that could not be made. */
  readonly owner: 'vendor' | 'practice'
  readonly due: string
}

export interface Verdict {
  readonly decision: Decision
  readonly rule: string
  readonly reasons: readonly string[]
  /** The documents that must be in hand before any image is sent (BAA for US vendors, DPA for EU ones). */
  readonly gates?: readonly GateResult[]
  /** What the practice must obtain before scanvet can decide (page 1), in plain words. */
  readonly missing?: readonly string[]
  readonly counts: Readonly<Record<Finding['status'], number>>
  readonly conditions: readonly RemediationItem[]
}

/** Days the vendor has to fix a finding, from the assessment date, by severity. */
export const REMEDIATION_DAYS: Readonly<Record<Severity, number>> = {critical: 0, high: 30, medium: 90, low: 180, info: 365}

export const VERDICT_RULE =
  'Not approved if a required agreement (BAA for a US vendor, GDPR Art. 28 DPA for an EU one) is refused or incomplete, or any critical or high finding fails. Otherwise, cannot decide yet if a required agreement has not been seen signed, the questionnaire is unanswered, any critical item could not be assessed, or nothing at all could be judged. Otherwise approved with conditions if any medium or low finding fails, any finding of medium or higher severity warns, or any high item could not be assessed. Otherwise approved. Every failure, warning and unassessed critical or high item becomes a condition with an owner and a due date: critical now, high 30 days, medium 90, low 180. Proposed rules and drafts (readiness) and manual controls are never scored; thresholds the practice sets itself (practice policy) never block on their own.'

const addDays = (isoDate: string, days: number): string => new Date(Date.parse(isoDate) + days * 86_400_000).toISOString().slice(0, 10)

export interface DecideContext {
  /** The vendor's jurisdictions: which gates apply. None given: no gates (a library caller judging findings only). */
  readonly jurisdictions?: readonly Jurisdiction[]
  /** false: the vendor has not answered the questionnaire, so most of what decides was never asked. */
  readonly answered?: boolean
}

const open = (f: Finding) => f.status === 'error' || f.status === 'not-assessed'

/**
 * The decision a practice manager reads first, with the rule that made it. Pure. The order of the rule is the
 * order of harm: a proven blocker first (no amount of missing evidence can make it approvable), then missing
 * evidence (an approval must never rest on what was not seen), then fixable items.
 */
export const decide = (findings: readonly Finding[], assessedAt: string, ctx: DecideContext = {}): Verdict => {
  const counts = {fail: 0, warn: 0, error: 0, 'not-assessed': 0, pass: 0, 'not-applicable': 0}
  for (const f of findings) counts[f.status]++
  const atLeast = (f: Finding, s: Severity) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[s]
  const gates = ctx.jurisdictions ? evaluateGates(findings, ctx.jurisdictions) : []
  const gateFailed = gates.filter((g) => g.status === 'failed')
  const gateMissing = gates.filter((g) => g.status === 'no-evidence')
  const blocking = findings.filter((f) => f.status === 'fail' && atLeast(f, 'high'))
  const conditional = findings.filter(
    (f) => (f.status === 'fail' && !atLeast(f, 'high') && f.severity !== 'info') || (f.status === 'warn' && atLeast(f, 'medium')),
  )
  const unknownSerious = findings.filter((f) => open(f) && atLeast(f, 'high'))
  const unknownCritical = unknownSerious.filter((f) => f.severity === 'critical')
  const judged = findings.filter((f) => f.status === 'pass' || f.status === 'fail' || f.status === 'warn')
  const nothingJudged = judged.length === 0
  const unanswered = ctx.answered === false
  const decision: Decision =
    gateFailed.length > 0 || blocking.length > 0
      ? 'not-approved'
      : gateMissing.length > 0 || unknownCritical.length > 0 || nothingJudged || unanswered
        ? 'cannot-decide'
        : conditional.length + unknownSerious.length > 0
          ? 'approved-with-conditions'
          : 'approved'
  const reasons = [
    ...gateFailed.map((g) => `${g.title}: ${g.reason}`),
    ...gateMissing.map((g) => `${g.title}: not seen signed`),
    ...(blocking.length ? [`${blocking.length} critical or high finding(s) fail`] : []),
    ...(nothingJudged ? ['nothing could be judged: no answers, no evidence, no reachable endpoint'] : []),
    ...(unanswered && !nothingJudged ? ['the vendor has not answered the questionnaire'] : []),
    ...(unknownCritical.length ? [`${unknownCritical.length} critical item(s) could not be assessed`] : []),
    ...(conditional.length ? [`${conditional.length} medium or low finding(s) need fixing`] : []),
    ...(unknownSerious.length > unknownCritical.length ? [`${unknownSerious.length - unknownCritical.length} high item(s) could not be assessed`] : []),
  ]
  const kindRank = (f: Finding) => (f.status === 'fail' ? 0 : f.status === 'warn' ? 1 : 2)
  const conditions = [...blocking, ...conditional, ...unknownSerious]
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || kindRank(a) - kindRank(b) || a.id.localeCompare(b.id))
    .map((f, i): RemediationItem => {
      const evidence = open(f)
      // A question the vendor left open is the vendor's to answer; a probe that could not run is the practice's to re-run.
      const owner = evidence && f.source === 'check' ? 'practice' : 'vendor'
      const action = !evidence
        ? (f.remediation ?? 'Ask the vendor to explain and fix this.')
        : owner === 'vendor'
          ? `Ask the vendor to answer this, with evidence: ${f.title}`
          : `Re-run this check of ${f.target ?? 'the vendor'} once it can be made (${'reason' in f ? f.reason : 'not checked'}).`
      return {id: `C${i + 1}`, findingId: f.id, title: evidence ? f.title : (f.headline ?? f.title), severity: f.severity, kind: evidence ? 'evidence' : 'fix', action, owner, due: addDays(assessedAt, REMEDIATION_DAYS[f.severity])}
    })
  const missing = [
    ...[...gateFailed, ...gateMissing].flatMap((g) => (g.obtain ? [g.obtain] : [])),
    ...(unanswered || nothingJudged ? ['The vendor’s answers to the questionnaire (scanvet questionnaire export, then import).'] : []),
    ...(nothingJudged ? ['A check of the vendor’s endpoints: make sure they can be reached from here, then assess again.'] : []),
    ...unknownCritical.map((f) => (f.source === 'question' ? `An answer, with evidence: ${f.title}` : `A result for: ${f.title}`)),
  ]
  return {decision, rule: VERDICT_RULE, reasons, ...(gates.length ? {gates} : {}), ...(missing.length ? {missing: [...new Set(missing)]} : {}), counts, conditions}
}
