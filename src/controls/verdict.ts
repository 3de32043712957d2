import {SEVERITY_RANK, type Finding} from '../model/finding.js'
import type {Severity} from '../schemas/common.js'

export const DECISIONS = ['approved', 'approved-with-conditions', 'not-approved'] as const
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
  readonly counts: Readonly<Record<Finding['status'], number>>
  readonly conditions: readonly RemediationItem[]
}

/** Days the vendor has to fix a finding, from the assessment date, by severity. */
export const REMEDIATION_DAYS: Readonly<Record<Severity, number>> = {critical: 0, high: 30, medium: 90, low: 180, info: 365}

export const VERDICT_RULE =
  'Not approved if any critical or high finding fails. Approved with conditions if any medium or low finding fails, any finding of medium or higher severity warns, or any critical or high item could not be assessed. Otherwise approved. Every failure, warning and unassessed critical or high item becomes a condition with an owner and a due date: critical now, high 30 days, medium 90, low 180. Proposed rules (readiness) and manual controls are never scored.'

const addDays = (isoDate: string, days: number): string => new Date(Date.parse(isoDate) + days * 86_400_000).toISOString().slice(0, 10)

/** The decision a practice manager reads first, with the rule that made it. Pure. */
export const decide = (findings: readonly Finding[], assessedAt: string): Verdict => {
  const counts = {fail: 0, warn: 0, error: 0, 'not-assessed': 0, pass: 0, 'not-applicable': 0}
  for (const f of findings) counts[f.status]++
  const atLeast = (f: Finding, s: Severity) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[s]
  const blocking = findings.filter((f) => f.status === 'fail' && atLeast(f, 'high'))
  const conditional = findings.filter(
    (f) => (f.status === 'fail' && !atLeast(f, 'high') && f.severity !== 'info') || (f.status === 'warn' && atLeast(f, 'medium')),
  )
  const unknownSerious = findings.filter((f) => (f.status === 'error' || f.status === 'not-assessed') && atLeast(f, 'high'))
  const decision: Decision = blocking.length > 0 ? 'not-approved' : conditional.length + unknownSerious.length > 0 ? 'approved-with-conditions' : 'approved'
  const reasons = [
    ...(blocking.length ? [`${blocking.length} critical or high finding(s) fail`] : []),
    ...(conditional.length ? [`${conditional.length} medium or low finding(s) need fixing`] : []),
    ...(unknownSerious.length ? [`${unknownSerious.length} critical or high item(s) could not be assessed`] : []),
  ]
  const kindRank = (f: Finding) => (f.status === 'fail' ? 0 : f.status === 'warn' ? 1 : 2)
  const conditions = [...blocking, ...conditional, ...unknownSerious]
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || kindRank(a) - kindRank(b) || a.id.localeCompare(b.id))
    .map((f, i): RemediationItem => {
      const evidence = f.status === 'error' || f.status === 'not-assessed'
      // A question the vendor left open is the vendor's to answer; a probe that could not run is the practice's to re-run.
      const owner = evidence && f.source === 'check' ? 'practice' : 'vendor'
      const action = !evidence
        ? (f.remediation ?? 'Ask the vendor to explain and fix this.')
        : owner === 'vendor'
          ? `Ask the vendor to answer this, with evidence: ${f.title}`
          : `Re-run this check of ${f.target ?? 'the vendor'} once it can be made (${'reason' in f ? f.reason : 'not checked'}).`
      return {id: `C${i + 1}`, findingId: f.id, title: f.title, severity: f.severity, kind: evidence ? 'evidence' : 'fix', action, owner, due: addDays(assessedAt, REMEDIATION_DAYS[f.severity])}
    })
  return {decision, rule: VERDICT_RULE, reasons, counts, conditions}
}
