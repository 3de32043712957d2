import type {Assessment} from '../assessment/assessment-types.js'
import type {Finding} from '../model/finding.js'

export interface EndpointRow {
  readonly url: string
  readonly role: string
  readonly protocol: string
  readonly offered: string
  readonly cipher: string
  readonly certificate: string
  readonly expires: string
  readonly error?: string
}

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
  readonly endpoints: readonly EndpointRow[]
  readonly findings: readonly FindingRow[]
}

const get = (o: unknown, p: string): unknown => p.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o)
const str = (v: unknown, fallback = '—'): string => (v === undefined || v === null || v === '' ? fallback : Array.isArray(v) ? v.join(', ') : String(v))

/** Everything the report shows, derived from the assessment alone (pure): the renderer only lays it out. */
export const buildReportModel = (a: Assessment): ReportModel => {
  const citationsByFinding = new Map<string, string[]>()
  for (const c of a.controls) for (const id of c.findings) citationsByFinding.set(id, [...(citationsByFinding.get(id) ?? []), c.citation])
  const endpoints = a.observations
    .filter((o) => o.probe === 'tls')
    .map((o): EndpointRow => {
      const facts = o.status === 'ok' ? o.facts : o.status === 'error' ? (o.facts ?? {}) : {}
      return {
        url: o.target,
        role: str(get(facts, 'endpoint.role'), a.vendor.endpoints.find((e) => e.url === o.target)?.role ?? '—'),
        protocol: str(get(facts, 'negotiated.protocol')),
        offered: str(get(facts, 'protocols.offered')),
        cipher: str(get(facts, 'negotiated.cipher')),
        certificate: str(get(facts, 'certificate.subject')),
        expires: str(get(facts, 'certificate.validTo')).slice(0, 10),
        ...(o.status === 'error' ? {error: o.reason} : {}),
      }
    })
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
  return {assessment: a, endpoints, findings}
}
