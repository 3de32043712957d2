import type {Assessment, SignatureRecord} from '../assessment/assessment-types.js'
import type {ControlResult, ControlStatus} from '../controls/framework-types.js'
import type {RemediationItem} from '../controls/verdict.js'
import {SEVERITY_RANK, type Finding} from '../model/finding.js'
import {SEVERITIES, type Severity} from '../schemas/common.js'
import type {ConditionRecord} from '../conditions/record-types.js'
import {conditionKey} from '../conditions/condition-key.js'
import type {QuarterView} from '../history/quarter-view.js'
import type {EvidenceBytes, ReportSection} from './report-section.js'
import {SECTION_BUILDERS} from './sections.js'

export interface FindingRow {
  readonly id: string
  readonly status: Finding['status']
  readonly severity: Finding['severity']
  readonly title: string
  readonly message: string
  readonly target: string
  readonly area: string
  readonly citations: readonly string[]
  /** Proposals and drafts this finding bears on: shown as readiness, never as the basis of a condition. */
  readonly readiness: readonly string[]
  /** Judged against the practice's own threshold, not a binding rule. */
  readonly practicePolicy: boolean
  readonly evidence: string
  readonly rationale?: string
  readonly remediation?: string
  readonly reason?: string
}

export interface RiskItem {
  /** The problem in plain words (the check's or question's headline), never its expected state. */
  readonly title: string
  /** The risk key: findings of one root cause are one risk. */
  readonly risk: string
  /** How many findings make up this risk (one root cause seen in several answers or on several endpoints). */
  readonly findings: number
  /** The other problems of the same root cause, by headline. */
  readonly related: readonly string[]
  readonly severity: Severity
  readonly status: Finding['status']
  readonly why: string
  readonly ask: string
  readonly owner: RemediationItem['owner']
  readonly due: string
  readonly citations: readonly string[]
  readonly readiness: readonly string[]
  readonly practicePolicy: boolean
}

/** One request on the summary's "what to ask" list. */
export interface AskItem {
  readonly id: string
  readonly title: string
  readonly action: string
  readonly severity: Severity
  readonly kind: RemediationItem['kind']
  readonly owner: RemediationItem['owner']
  readonly due: string
}

export interface ConditionGroup {
  readonly ids: readonly string[]
  readonly title: string
  readonly action: string
  readonly severity: Severity
  readonly owner: RemediationItem['owner']
  readonly due: string
  readonly citations: readonly string[]
  readonly targets: readonly string[]
}

/** Risks grouped by cause (one rule), with every place it was seen, what to ask and by when: page 2. */
export interface RiskGroup {
  readonly ruleId: string
  readonly title: string
  readonly severity: Severity
  readonly status: Finding['status']
  readonly why: string
  readonly ask: string
  readonly owner: RemediationItem['owner']
  /** The earliest due date of the group. */
  readonly due: string
  readonly ids: readonly string[]
  readonly targets: readonly string[]
  readonly citations: readonly string[]
  /** Where the condition records stand: overdue, accepted as a risk, waived (absent: open, not yet due). */
  readonly standing?: 'overdue' | 'risk-accepted' | 'waived'
}

/** Passed checks, one row per rule however many endpoints it passed on. */
export interface PassedGroup {
  readonly title: string
  readonly severity: Severity
  readonly where: string
  readonly count: number
}

export interface ChartBar {
  readonly key: string
  readonly fail: number
  readonly warn: number
  readonly open: number
}

export interface ControlMatrix {
  readonly frameworkId: string
  readonly title: string
  readonly rows: readonly ControlResult[]
  readonly tally: Readonly<Partial<Record<ControlStatus, number>>>
}

export interface AnswerRow {
  readonly section: string
  readonly question: string
  readonly answer: string
  readonly status?: Finding['status']
}

export interface EvidenceFile {
  readonly name: string
  readonly sha256: string
  readonly source: string
}

/** What changed since the previous round; issue 8's diff fills it, the renderer only lays it out. */
export interface ReportChanges {
  readonly previousId: string
  readonly previousDate?: string
  readonly summary?: string
  readonly items: readonly {readonly change: string; readonly text: string}[]
}

export interface ReportModel {
  readonly assessment: Assessment
  readonly sections: readonly ReportSection[]
  /** Failures, warnings and items that could not be judged, worst first. */
  readonly findings: readonly FindingRow[]
  /** The same findings, those identical but for where they were seen merged into one (targets joined). */
  readonly findingGroups: readonly FindingRow[]
  readonly passed: readonly FindingRow[]
  readonly conditions: readonly (RemediationItem & {readonly citations: readonly string[]})[]
  /** Conditions that ask the same thing of the same owner by the same date, one row each (C11–C20 on ten endpoints). */
  readonly conditionGroups: readonly ConditionGroup[]
  readonly topRisks: readonly RiskItem[]
  /**
   * The summary's "what to ask" list: every critical and high condition (failed or not assessed) first, then
   * medium and lower ones up to the page's room; one per request.
   */
  readonly asks: readonly AskItem[]
  /** What the practice must obtain before a decision (the verdict's gates and missing evidence). */
  readonly missing: readonly string[]
  readonly counts: {readonly pass: number; readonly fail: number; readonly warn: number; readonly open: number}
  readonly bySeverity: readonly ChartBar[]
  readonly byArea: readonly ChartBar[]
  readonly matrices: readonly ControlMatrix[]
  readonly answers: readonly AnswerRow[]
  readonly evidence: readonly EvidenceFile[]
  readonly changes?: ReportChanges
  readonly riskGroups: readonly RiskGroup[]
  readonly passedGroups: readonly PassedGroup[]
  /** Since last quarter, the condition records and the trend; absent for a record rendered on its own. */
  readonly quarter?: QuarterView
  readonly signature: SignatureRecord
}

const show = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '—'
  if (v === true) return 'yes'
  if (v === false) return 'no'
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.map(show).join(', ')
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${show(x)}`).join('; ')
  return String(v)
}

const evidenceText = (f: Finding): string => {
  const e = f.evidence ?? {}
  if (f.source === 'question') return `answer: ${show(e.answer)}`
  const parts = Object.entries(e).map(([k, v]) => `${k} = ${show(v)}`)
  return parts.length ? parts.join('; ') : '—'
}

/** Every {sha256, path|file|name} object found in the facts, answers evidence and questionnaire record. */
const collectEvidence = (a: Assessment): EvidenceFile[] => {
  const out = new Map<string, EvidenceFile>()
  const add = (name: string, sha256: string, source: string) => {
    if (/^[0-9a-f]{64}$/i.test(sha256)) out.set(`${name}|${sha256}`, {name, sha256: sha256.toLowerCase(), source})
  }
  const walk = (v: unknown, source: string, depth = 0): void => {
    if (!v || typeof v !== 'object' || depth > 6) return
    if (Array.isArray(v)) return v.forEach((x) => walk(x, source, depth + 1))
    const o = v as Record<string, unknown>
    const name = [o.path, o.file, o.name, o.fileName].find((x) => typeof x === 'string') as string | undefined
    if (typeof o.sha256 === 'string' && name) add(name, o.sha256, source)
    for (const x of Object.values(o)) walk(x, source, depth + 1)
  }
  if (a.questionnaire?.answersFile && a.questionnaire.answersSha256) add(a.questionnaire.answersFile, a.questionnaire.answersSha256, 'questionnaire answers')
  for (const o of a.observations) if ('facts' in o) walk(o.facts, `${o.probe} probe`)
  for (const f of a.findings) if (f.source === 'question') walk(f.evidence, 'questionnaire answers')
  // The agreements the contract clause audit read (their overall finding names the copy kept and its hash).
  for (const f of a.findings) if (f.source === 'check' && /^contract-[a-z]+$/.test(f.ruleId)) walk(f.evidence, 'contract audit')
  return [...out.values()].sort((x, y) => x.name.localeCompare(y.name))
}

const bars = (rows: readonly {key: string; f: Finding}[], keys: readonly string[]): ChartBar[] =>
  keys.map((key) => {
    const fs = rows.filter((r) => r.key === key).map((r) => r.f)
    return {key, fail: fs.filter((f) => f.status === 'fail').length, warn: fs.filter((f) => f.status === 'warn').length, open: fs.filter((f) => f.status === 'error' || f.status === 'not-assessed').length}
  })

/** Everything the report shows, derived from the assessment alone (pure): the renderer only lays it out. */
export const buildReportModel = (a: Assessment, changes?: ReportChanges, quarter?: QuarterView, evidence?: EvidenceBytes): ReportModel => {
  const citationsByFinding = new Map<string, string[]>()
  const readinessByFinding = new Map<string, string[]>()
  const areaByFinding = new Map<string, string>()
  const controlByFinding = new Map<string, ControlResult>()
  const findingOf = new Map(a.findings.map((f) => [f.id, f]))
  for (const c of a.controls) {
    for (const id of c.findings) {
      // A proposal or draft never stands as the basis of a finding or condition: it is shown as readiness.
      // A practice-policy finding rests on the practice's own threshold, and says so instead of a citation.
      if (c.status === 'readiness') readinessByFinding.set(id, [...(readinessByFinding.get(id) ?? []), c.citation])
      else if (findingOf.get(id)?.basis !== 'practice-policy') citationsByFinding.set(id, [...(citationsByFinding.get(id) ?? []), c.citation])
      if (!areaByFinding.has(id)) areaByFinding.set(id, c.area)
      if (!controlByFinding.has(id) && c.status !== 'readiness') controlByFinding.set(id, c)
    }
  }
  const row = (f: Finding): FindingRow => ({
    id: f.id,
    status: f.status,
    severity: f.severity,
    title: f.status === 'fail' || f.status === 'warn' ? (f.headline ?? f.title) : f.title,
    message: f.message,
    target: f.target ?? (f.source === 'question' ? 'questionnaire' : ''),
    area: areaByFinding.get(f.id) ?? 'other',
    citations: [...new Set(citationsByFinding.get(f.id) ?? [])],
    readiness: [...new Set(readinessByFinding.get(f.id) ?? [])],
    practicePolicy: f.basis === 'practice-policy',
    evidence: evidenceText(f),
    ...(f.rationale ? {rationale: f.rationale} : {}),
    ...(f.remediation ? {remediation: f.remediation} : {}),
    ...('reason' in f ? {reason: f.reason} : {}),
  })
  const judged = a.findings.filter((f) => f.status !== 'not-applicable')
  const problems = judged.filter((f) => f.status !== 'pass' && !(f.severity === 'info' && f.status !== 'fail'))
  const findingById = new Map(a.findings.map((f) => [f.id, f]))

  const conditions = a.verdict.conditions.map((c) => ({...c, citations: [...new Set(citationsByFinding.get(c.findingId) ?? [])]}))
  const groups = new Map<string, {ids: string[]; targets: string[]; first: (typeof conditions)[number]}>()
  // An action that names its own endpoint ("Re-run this check of https://a …") is the same ask on every endpoint:
  // grouped with its target taken out, and shown naming "each place listed".
  const standings = new Map((quarter?.conditions ?? []).map((r) => [r.id, r]))
  const generic = (action: string, target: string | undefined) => (target ? action.replaceAll(target, '\u0001') : action)
  for (const c of conditions) {
    const target = findingById.get(c.findingId)?.target
    // Conditions that stand differently (one endpoint's accepted as a risk, another's overdue) stay apart.
    const f = findingById.get(c.findingId)
    const record = f ? standings.get(conditionKey(f)) : undefined
    const standing = record ? `${record.state}${record.overdue ? ':overdue' : ''}${record.decision ? `:${record.decision.at}` : ''}` : ''
    const key = [c.title, generic(c.action, target), c.owner, c.due, c.severity, standing].join('\u0000')
    const g = groups.get(key) ?? {ids: [], targets: [], first: c}
    g.ids.push(c.id)
    if (target) g.targets.push(target)
    groups.set(key, g)
  }
  const conditionGroups: ConditionGroup[] = [...groups.values()].map(({ids, targets, first}) => ({
    ids,
    title: first.title,
    action: targets.length > 1 ? generic(first.action, targets[0]).replaceAll('\u0001', 'each place listed') : first.action,
    severity: first.severity,
    owner: first.owner,
    due: first.due,
    citations: first.citations,
    targets,
  }))

  // The three biggest risks: proven problems (failures and warnings) before unknowns, then worst severity first
  // (a medium warning outranks a low failure), then failures before warnings; one per root cause (a check
  // failing on two endpoints, or three answers about training, is one risk), titled by what is wrong.
  const status = (id: string) => findingById.get(id)?.status ?? ''
  const proven = (id: string) => (status(id) === 'fail' || status(id) === 'warn' ? 0 : 1)
  const failFirst = (id: string) => (status(id) === 'fail' ? 0 : 1)
  const ranked = [...conditions].sort(
    (x, y) => proven(x.findingId) - proven(y.findingId) || SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity] || failFirst(x.findingId) - failFirst(y.findingId) || x.id.localeCompare(y.id),
  )
  const riskOf = (f: Finding) => f.risk ?? f.ruleId
  const byRisk = new Map<string, (typeof conditions)[number][]>()
  for (const c of ranked) {
    const f = findingById.get(c.findingId)
    if (f) byRisk.set(riskOf(f), [...(byRisk.get(riskOf(f)) ?? []), c])
  }
  const topRisks: RiskItem[] = [...byRisk.entries()].slice(0, 3).map(([risk, cs]) => {
    const c = cs[0]!
    const f = findingById.get(c.findingId)!
    const control = controlByFinding.get(f.id)
    const open = f.status === 'error' || f.status === 'not-assessed'
    const titles = [...new Set(cs.map((x) => x.title))]
    const binding = control?.requirement && f.basis !== 'practice-policy' ? `${control.requirement} (${control.citation}) ` : ''
    return {
      title: open ? `Not known: ${f.title}` : (f.headline ?? f.title),
      risk,
      findings: cs.length,
      related: titles.slice(1),
      severity: f.severity,
      status: f.status,
      why: f.rationale ?? `${binding}${f.basis === 'practice-policy' ? 'Your practice’s policy sets this threshold; no binding rule does. ' : ''}${f.message}`,
      ask: c.action,
      owner: c.owner,
      due: c.due,
      citations: c.citations,
      readiness: [...new Set(readinessByFinding.get(f.id) ?? [])],
      practicePolicy: f.basis === 'practice-policy',
    }
  })

  // "What to ask": every critical and high item first, failed or not assessed, then the rest; one per request.
  const askSeen = new Set<string>()
  const asks: AskItem[] = [...conditions]
    .sort((x, y) => SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity] || (x.kind === y.kind ? 0 : x.kind === 'fix' ? -1 : 1) || x.id.localeCompare(y.id))
    .filter((x) => !askSeen.has(`${x.title}\u0000${x.action}`) && askSeen.add(`${x.title}\u0000${x.action}`))
    .map((x) => ({id: x.id, title: x.title, action: x.action, severity: x.severity, kind: x.kind, owner: x.owner, due: x.due}))

  const rowsWith = (key: (f: Finding) => string) => problems.map((f) => ({key: key(f), f}))
  const bySeverity = bars(rowsWith((f) => f.severity), SEVERITIES.filter((s) => s !== 'info'))
  const areaKeys = [...new Set(problems.map((f) => areaByFinding.get(f.id) ?? 'other'))]
  const byArea = bars(rowsWith((f) => areaByFinding.get(f.id) ?? 'other'), areaKeys).sort((x, y) => y.fail + y.warn + y.open - (x.fail + x.warn + x.open) || x.key.localeCompare(y.key))

  const matrices = a.frameworks.map((fw) => {
    const rows = a.controls.filter((c) => c.frameworkId === fw.id)
    const tally: Partial<Record<ControlStatus, number>> = {}
    for (const r of rows) tally[r.status] = (tally[r.status] ?? 0) + 1
    return {frameworkId: fw.id, title: fw.title, rows, tally}
  })

  const questionFindings = new Map(a.findings.filter((f) => f.source === 'question').map((f) => [f.ruleId, f]))
  const answers: AnswerRow[] = Object.entries(a.questionnaire?.answers ?? {}).map(([id, v]) => {
    const f = questionFindings.get(id)
    return {section: f?.area ?? id.split('.')[0] ?? '', question: f?.title ?? id, answer: show(v), ...(f ? {status: f.status} : {})}
  })

  const findingRows = problems.map(row)
  const merged = new Map<string, FindingRow>()
  for (const f of findingRows) {
    const key = [f.title, f.status, f.severity, f.message, f.evidence, f.reason ?? '', f.remediation ?? '', f.citations.join()].join('\u0000')
    const had = merged.get(key)
    merged.set(key, had ? {...had, target: `${had.target}, ${f.target}`} : f)
  }
  const bySev = (x: FindingRow, y: FindingRow) => SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity]
  const records = new Map((quarter?.conditions ?? []).map((r) => [r.id, r]))
  const riskGroups = groupRisks(ranked, findingById, controlByFinding, records)
  const passedByRule = new Map<string, {title: string; severity: Severity; targets: string[]}>()
  // A passed contract element is shown in the agreements section, row by row, not again among the passed checks.
  // Passed answers are counted (not listed) in the questionnaire section, as assessment.json holds every one.
  for (const f of judged.filter((x) => x.status === 'pass' && x.source !== 'question' && !/^contract-[a-z]+\./.test(x.ruleId))) {
    const g = passedByRule.get(f.ruleId) ?? {title: f.title, severity: f.severity, targets: []}
    g.targets.push(f.target ?? (f.source === 'question' ? 'questionnaire' : ''))
    passedByRule.set(f.ruleId, g)
  }
  const passedGroups: PassedGroup[] = [...passedByRule.values()]
    .map((g) => ({title: g.title, severity: g.severity, count: g.targets.length, where: g.targets.length > 2 ? `${g.targets.length} endpoints` : g.targets.filter(Boolean).join(', ')}))
    .sort((x, y) => SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity] || x.title.localeCompare(y.title))
  return {
    assessment: a,
    sections: SECTION_BUILDERS.map((build) => build(a, evidence)).filter((x): x is ReportSection => x !== undefined),
    findings: findingRows,
    findingGroups: [...merged.values()],
    passed: judged.filter((f) => f.status === 'pass').map(row).sort(bySev),
    conditions,
    conditionGroups,
    topRisks,
    asks,
    missing: a.verdict.missing ?? [],
    counts: {
      pass: judged.filter((f) => f.status === 'pass').length,
      fail: judged.filter((f) => f.status === 'fail').length,
      warn: judged.filter((f) => f.status === 'warn').length,
      open: judged.filter((f) => f.status === 'error' || f.status === 'not-assessed').length,
    },
    bySeverity,
    byArea,
    matrices,
    answers,
    evidence: collectEvidence(a),
    ...(changes ? {changes} : {}),
    riskGroups,
    passedGroups,
    ...(quarter ? {quarter} : {}),
    signature: a.signature ?? {status: 'unsigned', reason: 'not signed'},
  }
}

/** Conditions grouped by cause (rule): a check failing on three endpoints is one risk with three places. */
const groupRisks = (
  ranked: readonly (RemediationItem & {readonly citations: readonly string[]})[],
  findingById: ReadonlyMap<string, Finding>,
  controlByFinding: ReadonlyMap<string, ControlResult>,
  records: ReadonlyMap<string, ConditionRecord>,
): RiskGroup[] => {
  type G = {first: RemediationItem & {citations: readonly string[]}; f: Finding; ids: string[]; targets: string[]; due: string; standing: Set<string>}
  const groups = new Map<string, G>()
  for (const c of ranked) {
    const f = findingById.get(c.findingId)
    if (!f) continue
    // One group per root cause (a check's `risk`), as the summary's headlines are: several answers about training
    // are one risk, not three.
    const key = f.risk ?? f.ruleId
    const g: G = groups.get(key) ?? {first: c, f, ids: [], targets: [], due: c.due, standing: new Set<string>()}
    g.ids.push(c.id)
    if (f.target) g.targets.push(f.target)
    if (c.due < g.due) g.due = c.due
    const r = records.get(conditionKey(f))
    if (r) g.standing.add(r.overdue ? 'overdue' : r.state)
    groups.set(key, g)
  }
  return [...groups.values()].map((g) => {
    const control = controlByFinding.get(g.f.id)
    // Overdue anywhere makes the cause overdue; accepted or waived only when no place of it is still open.
    const standing = g.standing.has('overdue') ? 'overdue' : g.standing.has('open') || g.standing.size === 0 ? undefined : g.standing.has('risk-accepted') ? 'risk-accepted' : 'waived'
    return {
      ruleId: g.f.ruleId,
      // A headline states the problem; a check that could not be run says so rather than claiming either way.
      title: g.f.status === 'error' || g.f.status === 'not-assessed' ? `Not known: ${g.f.title}` : (g.f.headline ?? g.f.title),
      severity: g.first.severity,
      status: g.f.status,
      why: g.f.rationale ?? (control?.requirement ? `${control.requirement} (${control.citation})` : g.f.message),
      ask: g.first.action,
      owner: g.first.owner,
      due: g.due,
      ids: g.ids,
      targets: [...new Set(g.targets)],
      citations: g.first.citations,
      ...(standing ? {standing} : {}),
    }
  })
}
