import type {Assessment, SignatureRecord} from '../assessment/assessment-types.js'
import type {ControlResult, ControlStatus} from '../controls/framework-types.js'
import type {RemediationItem} from '../controls/verdict.js'
import {SEVERITY_RANK, type Finding} from '../model/finding.js'
import {SEVERITIES, type Severity} from '../schemas/common.js'
import type {ReportSection} from './report-section.js'
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
  readonly evidence: string
  readonly rationale?: string
  readonly remediation?: string
  readonly reason?: string
}

export interface RiskItem {
  readonly title: string
  readonly severity: Severity
  readonly status: Finding['status']
  readonly why: string
  readonly ask: string
  readonly owner: RemediationItem['owner']
  readonly due: string
  readonly citations: readonly string[]
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
  readonly counts: {readonly pass: number; readonly fail: number; readonly warn: number; readonly open: number}
  readonly bySeverity: readonly ChartBar[]
  readonly byArea: readonly ChartBar[]
  readonly matrices: readonly ControlMatrix[]
  readonly answers: readonly AnswerRow[]
  readonly evidence: readonly EvidenceFile[]
  readonly changes?: ReportChanges
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
  return [...out.values()].sort((x, y) => x.name.localeCompare(y.name))
}

const bars = (rows: readonly {key: string; f: Finding}[], keys: readonly string[]): ChartBar[] =>
  keys.map((key) => {
    const fs = rows.filter((r) => r.key === key).map((r) => r.f)
    return {key, fail: fs.filter((f) => f.status === 'fail').length, warn: fs.filter((f) => f.status === 'warn').length, open: fs.filter((f) => f.status === 'error' || f.status === 'not-assessed').length}
  })

/** Everything the report shows, derived from the assessment alone (pure): the renderer only lays it out. */
export const buildReportModel = (a: Assessment, changes?: ReportChanges): ReportModel => {
  const citationsByFinding = new Map<string, string[]>()
  const areaByFinding = new Map<string, string>()
  const controlByFinding = new Map<string, ControlResult>()
  for (const c of a.controls) {
    for (const id of c.findings) {
      citationsByFinding.set(id, [...(citationsByFinding.get(id) ?? []), c.citation])
      if (!areaByFinding.has(id)) areaByFinding.set(id, c.area)
      if (!controlByFinding.has(id) && c.status !== 'readiness') controlByFinding.set(id, c)
    }
  }
  const row = (f: Finding): FindingRow => ({
    id: f.id,
    status: f.status,
    severity: f.severity,
    title: f.title,
    message: f.message,
    target: f.target ?? (f.source === 'question' ? 'questionnaire' : ''),
    area: areaByFinding.get(f.id) ?? 'other',
    citations: [...new Set(citationsByFinding.get(f.id) ?? [])],
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
  for (const c of conditions) {
    const key = [c.title, c.action, c.owner, c.due, c.severity].join('\u0000')
    const g = groups.get(key) ?? {ids: [], targets: [], first: c}
    g.ids.push(c.id)
    const target = findingById.get(c.findingId)?.target
    if (target) g.targets.push(target)
    groups.set(key, g)
  }
  const conditionGroups: ConditionGroup[] = [...groups.values()].map(({ids, targets, first}) => ({
    ids,
    title: first.title,
    action: first.action,
    severity: first.severity,
    owner: first.owner,
    due: first.due,
    citations: first.citations,
    targets,
  }))

  // The three biggest risks: proven problems (failures and warnings) before unknowns, then worst severity first
  // (a medium warning outranks a low failure), then failures before warnings; one per rule (a check failing on
  // two endpoints is one risk).
  const seen = new Set<string>()
  const topRisks: RiskItem[] = []
  const status = (id: string) => findingById.get(id)?.status ?? ''
  const proven = (id: string) => (status(id) === 'fail' || status(id) === 'warn' ? 0 : 1)
  const failFirst = (id: string) => (status(id) === 'fail' ? 0 : 1)
  const ranked = [...conditions].sort(
    (x, y) => proven(x.findingId) - proven(y.findingId) || SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity] || failFirst(x.findingId) - failFirst(y.findingId),
  )
  for (const c of ranked) {
    const f = findingById.get(c.findingId)
    if (!f || seen.has(f.ruleId) || topRisks.length >= 3) continue
    seen.add(f.ruleId)
    const control = controlByFinding.get(f.id)
    topRisks.push({
      title: f.title,
      severity: f.severity,
      status: f.status,
      why: f.rationale ?? (control?.requirement ? `${control.requirement} (${control.citation}) ${f.message}` : f.message),
      ask: c.action,
      owner: c.owner,
      due: c.due,
      citations: c.citations,
    })
  }

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
  return {
    assessment: a,
    sections: SECTION_BUILDERS.map((build) => build(a)).filter((x): x is ReportSection => x !== undefined),
    findings: findingRows,
    findingGroups: [...merged.values()],
    passed: judged.filter((f) => f.status === 'pass').map(row).sort(bySev),
    conditions,
    conditionGroups,
    topRisks,
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
    signature: a.signature ?? {status: 'unsigned', reason: 'not signed'},
  }
}
