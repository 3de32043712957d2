import type {Assessment} from '../assessment/assessment-types.js'
import type {Finding} from '../model/finding.js'
import type {ReportSection} from './report-section.js'
import {SECTION_BUILDERS} from './sections.js'

export interface FindingRow {
  readonly status: Finding['status']
  readonly severity: Finding['severity']
  readonly title: string
  readonly message: string
  readonly target: string
  readonly citations: readonly string[]
  readonly remediation?: string
}

export interface ReportModel {
  readonly assessment: Assessment
  readonly sections: readonly ReportSection[]
  readonly findings: readonly FindingRow[]
}


/** Everything the report shows, derived from the assessment alone (pure): the renderer only lays it out. */
export const buildReportModel = (a: Assessment): ReportModel => {
  const citationsByFinding = new Map<string, string[]>()
  for (const c of a.controls) for (const id of c.findings) citationsByFinding.set(id, [...(citationsByFinding.get(id) ?? []), c.citation])
  const sections = SECTION_BUILDERS.map((build) => build(a)).filter((x): x is ReportSection => x !== undefined)
  const findings = a.findings
    .filter((f) => f.status !== 'not-applicable')
    .map((f): FindingRow => ({
      status: f.status,
      severity: f.severity,
      title: f.title,
      message: f.message,
      target: f.target ?? (f.source === 'question' ? 'questionnaire' : ''),
      citations: [...new Set(citationsByFinding.get(f.id) ?? [])],
      ...(f.remediation ? {remediation: f.remediation} : {}),
    }))
  return {assessment: a, sections, findings}
}
