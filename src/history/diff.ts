import type {Assessment} from '../assessment/assessment-types.js'
import type {Decision} from '../controls/verdict.js'
import {SEVERITY_RANK, isAdverse, type Finding, type FindingStatus} from '../model/finding.js'
import type {AnswerValue} from '../questionnaire/questionnaire-types.js'
import type {Severity} from '../schemas/common.js'
import {conditionKey, stableTarget} from '../conditions/condition-key.js'
import type {ConditionRecord} from '../conditions/record-types.js'
import {compareConditions, type ConditionChange} from './condition-changes.js'
import {evidenceItems, type EvidenceItem} from './evidence-items.js'
import {stableJson} from './stable-json.js'

export interface RoundRef {
  readonly id: string
  readonly assessedAt: string
  readonly decision: Decision
}

/** The quarter's words for how a finding (or a condition) moved between two rounds. */
export const DIFF_KINDS = ['regressed', 'new', 'unchanged', 'fixed', 'gone'] as const
export type DiffKind = (typeof DIFF_KINDS)[number]

/**
 * One finding compared across two rounds, matched by rule and target (a retention canary's token is not part of
 * the match, so each quarter's canary is compared with last quarter's). `fixed`: failed or warned, passes now (or
 * no longer applies). `regressed`: worse now (passed and fails, warned and fails, or a higher severity). `new`:
 * not in the earlier round. `gone`: not in the later one. `unchanged`: the same standing. Listed: every move, and
 * the unchanged, new and gone ones only when they count against the vendor; the rest are counted.
 */
export interface FindingChange {
  readonly kind: DiffKind
  /** The stable key: rule@target. */
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
  /** Conditions compared across the two rounds, by their stable id. */
  readonly conditions: readonly ConditionChange[]
  readonly counts: Readonly<Record<DiffKind, number>> & {
    readonly answersChanged: number
    readonly evidenceChanged: number
  }
}

const ref = (a: Assessment): RoundRef => ({id: a.id, assessedAt: a.assessedAt, decision: a.verdict.decision})

/** How bad a status is: a move up this scale is a regression. */
const BADNESS: Readonly<Record<FindingStatus, number>> = {pass: 0, 'not-applicable': 0, error: 1, 'not-assessed': 1, warn: 2, fail: 3}

const kindOf = (before: Finding | undefined, now: Finding | undefined): DiffKind => {
  if (!before) return 'new'
  if (!now) return 'gone'
  if (isAdverse(before) && BADNESS[now.status] === 0) return 'fixed'
  if (BADNESS[now.status] > BADNESS[before.status]) return 'regressed'
  if (isAdverse(now) && now.status === before.status && SEVERITY_RANK[now.severity] > SEVERITY_RANK[before.severity]) return 'regressed'
  return 'unchanged'
}

const listed = (kind: DiffKind, before: Finding | undefined, now: Finding | undefined): boolean =>
  kind === 'fixed' || kind === 'regressed' || (kind === 'gone' ? isAdverse(before!) : isAdverse(now!)) || (kind === 'unchanged' && before!.status !== now!.status)

/** One rule on one target may give several findings (a canary per round): the worst stands for the pair. */
const byKey = (fs: readonly Finding[]): Map<string, Finding> => {
  const out = new Map<string, Finding>()
  for (const f of fs) {
    const k = conditionKey(f)
    const had = out.get(k)
    if (!had || BADNESS[f.status] > BADNESS[had.status]) out.set(k, f)
  }
  return out
}

export interface FindingComparison {
  readonly changes: readonly FindingChange[]
  readonly counts: Readonly<Record<DiffKind, number>>
}

export const compareFindings = (from: readonly Finding[], to: readonly Finding[]): FindingComparison => {
  const before = byKey(from)
  const now = byKey(to)
  const counts: Record<DiffKind, number> = {regressed: 0, new: 0, unchanged: 0, fixed: 0, gone: 0}
  const changes: FindingChange[] = []
  for (const key of new Set([...before.keys(), ...now.keys()])) {
    const b = before.get(key)
    const n = now.get(key)
    const kind = kindOf(b, n)
    counts[kind]++
    if (!listed(kind, b, n)) continue
    const f = n ?? b!
    changes.push({
      kind,
      id: key,
      ruleId: f.ruleId,
      title: f.title,
      severity: f.severity,
      ...(f.target ? {target: stableTarget(f.target)} : {}),
      ...(b ? {from: b.status} : {}),
      ...(n ? {to: n.status} : {}),
      ...(b && n && b.severity !== n.severity ? {fromSeverity: b.severity} : {}),
      message: f.message,
    })
  }
  const order = (k: DiffKind) => DIFF_KINDS.indexOf(k)
  changes.sort((a, b) => order(a.kind) - order(b.kind) || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.id.localeCompare(b.id))
  return {changes, counts}
}

export const diffFindings = (from: readonly Finding[], to: readonly Finding[]): FindingChange[] => [...compareFindings(from, to).changes]

const EVIDENCE_ORDER = {added: 0, expired: 1, changed: 2, removed: 3} as const

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

/**
 * Compare two rounds of the same vendor, `from` the earlier. Pure: the diff is a view of the two records (and,
 * for conditions, of the vendor's condition records when they are passed in).
 */
export const diffAssessments = (from: Assessment, to: Assessment, records: readonly ConditionRecord[] = []): AssessmentDiff => {
  const {changes: findings, counts} = compareFindings(from.findings, to.findings)
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
    conditions: compareConditions(records, from, to),
    counts: {
      ...counts,
      answersChanged: answers.length,
      evidenceChanged: evidence.length,
    },
  }
}
