import type {Assessment} from '../assessment/assessment-types.js'
import type {Decision} from '../controls/verdict.js'
import {SEVERITY_RANK, isAdverse, type Finding, type FindingStatus} from '../model/finding.js'
import type {AnswerValue} from '../questionnaire/questionnaire-types.js'
import type {Severity} from '../schemas/common.js'
import {evidenceItems, type EvidenceItem} from './evidence-items.js'
import {stableJson} from './stable-json.js'

export interface RoundRef {
  readonly id: string
  readonly assessedAt: string
  readonly decision: Decision
}

/**
 * A finding whose standing moved between two rounds. `new`: adverse now (fail or warn), not before.
 * `resolved`: adverse before, passes (or no longer applies) now. `changed`: any other move of status or severity.
 */
export interface FindingChange {
  readonly kind: 'new' | 'resolved' | 'changed'
  readonly id: string
  readonly ruleId: string
  readonly title: string
  readonly severity: Severity
  readonly target?: string
  readonly from?: FindingStatus
  readonly to?: FindingStatus
  readonly fromSeverity?: Severity
  /** The current message when there is one, else the earlier one. */
  readonly message: string
}

export interface AnswerChange {
  readonly kind: 'added' | 'removed' | 'changed'
  readonly questionId: string
  readonly from?: AnswerValue
  readonly to?: AnswerValue
}

export interface EvidenceChange {
  readonly kind: 'added' | 'removed' | 'changed' | 'expired'
  readonly key: string
  readonly label: string
  readonly detail: string
  readonly expires?: string
}

/** What changed between two rounds of one vendor: the model of `scanvet diff` and of the report's "changes" section. */
export interface AssessmentDiff {
  readonly vendor: string
  readonly from: RoundRef
  readonly to: RoundRef
  readonly verdict: {readonly from: Decision; readonly to: Decision; readonly changed: boolean}
  readonly findings: readonly FindingChange[]
  readonly answers: readonly AnswerChange[]
  readonly evidence: readonly EvidenceChange[]
  readonly counts: {
    readonly newFindings: number
    readonly resolvedFindings: number
    readonly changedFindings: number
    readonly answersChanged: number
    readonly evidenceChanged: number
  }
}

const ref = (a: Assessment): RoundRef => ({id: a.id, assessedAt: a.assessedAt, decision: a.verdict.decision})

const standsAgainst = (f: Finding | undefined): boolean => f !== undefined && isAdverse(f)
const cleared = (f: Finding | undefined): boolean => f === undefined || f.status === 'pass' || f.status === 'not-applicable'

const findingChange = (before: Finding | undefined, now: Finding | undefined): FindingChange | undefined => {
  const f = now ?? before!
  const base = {
    id: f.id,
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    ...(f.target ? {target: f.target} : {}),
    ...(before ? {from: before.status} : {}),
    ...(now ? {to: now.status} : {}),
    message: f.message,
  }
  if (standsAgainst(now) && !standsAgainst(before)) return {kind: 'new', ...base}
  if (standsAgainst(before) && cleared(now)) return {kind: 'resolved', ...base}
  if (!before || !now) return undefined // a check that came or went without ever counting against the vendor
  if (before.status !== now.status || before.severity !== now.severity) {
    return {kind: 'changed', ...base, ...(before.severity === now.severity ? {} : {fromSeverity: before.severity})}
  }
  return undefined
}

const FINDING_ORDER = {new: 0, changed: 1, resolved: 2} as const
const EVIDENCE_ORDER = {added: 0, expired: 1, changed: 2, removed: 3} as const

export const diffFindings = (from: readonly Finding[], to: readonly Finding[]): FindingChange[] => {
  const before = new Map(from.map((f) => [f.id, f]))
  const now = new Map(to.map((f) => [f.id, f]))
  const ids = [...new Set([...before.keys(), ...now.keys()])]
  return ids
    .map((id) => findingChange(before.get(id), now.get(id)))
    .filter((c): c is FindingChange => c !== undefined)
    .sort((a, b) => FINDING_ORDER[a.kind] - FINDING_ORDER[b.kind] || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.id.localeCompare(b.id))
}

export const diffAnswers = (from: Readonly<Record<string, AnswerValue>>, to: Readonly<Record<string, AnswerValue>>): AnswerChange[] => {
  const ids = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()
  const out: AnswerChange[] = []
  for (const q of ids) {
    const a = from[q]
    const b = to[q]
    if (a === undefined && b !== undefined) out.push({kind: 'added', questionId: q, to: b})
    else if (a !== undefined && b === undefined) out.push({kind: 'removed', questionId: q, from: a})
    else if (stableJson(a) !== stableJson(b)) out.push({kind: 'changed', questionId: q, from: a!, to: b!})
  }
  return out
}

const expiredAt = (item: EvidenceItem | undefined, at: string): boolean => item?.expires !== undefined && Date.parse(item.expires) <= Date.parse(at)

export const diffEvidence = (from: readonly EvidenceItem[], fromAt: string, to: readonly EvidenceItem[], toAt: string): EvidenceChange[] => {
  const before = new Map(from.map((e) => [e.key, e]))
  const now = new Map(to.map((e) => [e.key, e]))
  const out: EvidenceChange[] = []
  for (const [key, e] of now) {
    const old = before.get(key)
    const exp = e.expires ? {expires: e.expires} : {}
    if (expiredAt(e, toAt) && !expiredAt(old, fromAt)) {
      out.push({kind: 'expired', key, label: e.label, detail: `expired on ${e.expires!.slice(0, 10)}`, ...exp})
    } else if (!old) {
      out.push({kind: 'added', key, label: e.label, detail: e.error ? `could not be observed: ${e.error}` : 'new evidence', ...exp})
    } else if (old.fingerprint !== e.fingerprint) {
      out.push({kind: 'changed', key, label: e.label, detail: changeDetail(old, e), ...exp})
    }
  }
  for (const [key, e] of before) if (!now.has(key)) out.push({kind: 'removed', key, label: e.label, detail: 'no longer present'})
  return out.sort((a, b) => EVIDENCE_ORDER[a.kind] - EVIDENCE_ORDER[b.kind] || a.key.localeCompare(b.key))
}

const changeDetail = (old: EvidenceItem, e: EvidenceItem): string => {
  if (e.error && !old.error) return `could not be observed this time: ${e.error}`
  if (old.error && !e.error) return 'observed again'
  if (e.kind === 'certificate') return `certificate replaced${e.expires ? `, now valid until ${e.expires.slice(0, 10)}` : ''}`
  if (old.expires !== e.expires && e.expires) return `details changed, now ends ${e.expires.slice(0, 10)}`
  return 'details changed'
}

/** Compare two rounds of the same vendor, `from` the earlier. Pure: the diff is a view of the two records. */
export const diffAssessments = (from: Assessment, to: Assessment): AssessmentDiff => {
  const findings = diffFindings(from.findings, to.findings)
  const answers = diffAnswers(from.questionnaire?.answers ?? {}, to.questionnaire?.answers ?? {})
  const evidence = diffEvidence(evidenceItems(from), from.assessedAt, evidenceItems(to), to.assessedAt)
  return {
    vendor: to.vendor.id,
    from: ref(from),
    to: ref(to),
    verdict: {from: from.verdict.decision, to: to.verdict.decision, changed: from.verdict.decision !== to.verdict.decision},
    findings,
    answers,
    evidence,
    counts: {
      newFindings: findings.filter((f) => f.kind === 'new').length,
      resolvedFindings: findings.filter((f) => f.kind === 'resolved').length,
      changedFindings: findings.filter((f) => f.kind === 'changed').length,
      answersChanged: answers.length,
      evidenceChanged: evidence.length,
    },
  }
}
