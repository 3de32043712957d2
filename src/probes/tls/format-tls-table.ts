import type {Finding} from '../../model/finding.js'
import type {Observation} from '../../model/observation.js'
import {fitTable, wrapText} from '../../util/text-columns.js'
import type {EndpointOutcome, ProbeTlsResult} from './probe-tls-targets.js'

/** The terminal width the human output keeps to. */
export const OUTPUT_WIDTH = 80

const get = (o: unknown, p: string): unknown =>
  p.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o)

const indent = (text: string, by: number, width = OUTPUT_WIDTH): string[] => wrapText(text, width - by).map((l) => `${' '.repeat(by)}${l}`)

const tlsCells = (o: Observation | undefined): string[] => {
  if (!o || o.status !== 'ok') return ['', '', '', '']
  const byVersion = (get(o.facts, 'ciphers.byVersion') ?? {}) as Record<string, unknown[]>
  return [
    ((get(o.facts, 'protocols.offered') as string[] | undefined) ?? []).join(' '),
    Object.entries(byVersion)
      .map(([v, s]) => `${v.replace('TLSv', '')}:${s.length}`)
      .join(' '),
    String((get(o.facts, 'ciphers.weak') as unknown[] | undefined)?.length ?? '?'),
    String(get(o.facts, 'certificate.validTo') ?? '').slice(0, 10),
  ]
}

/** Columns: ENDPOINT, STATUS, VERSIONS, SUITES, WEAK, EXPIRES. Headers, a date, "plain HTTP" are never cut. */
const MIN_WIDTHS = [24, 6, 10, 6, 4, 10]

const ORDER: Readonly<Record<Finding['status'], number>> = {fail: 0, warn: 1, 'not-assessed': 2, error: 3, 'not-applicable': 4, pass: 5}

/**
 * The human output of `scanvet probe tls`, within 80 columns: one row per endpoint (an error row says why it
 * could not be probed), then, endpoint by endpoint, every finding that is neither a pass nor not applicable.
 * The checks of an endpoint that could not be reached at all are counted, not listed one by one.
 */
export const formatTlsTable = (r: ProbeTlsResult): string => {
  const obsOf = (e: EndpointOutcome, probe: 'tls' | 'http') => r.observations.find((o) => o.target === e.url && o.probe === probe)
  const header = ['ENDPOINT', 'STATUS', 'VERSIONS', 'SUITES', 'WEAK', 'EXPIRES']
  const rows = r.endpoints.map((e) => {
    const tls = e.kind === 'plain-http' ? undefined : obsOf(e, 'tls')
    const cells = e.kind === 'plain-http' ? ['plain HTTP', '', '', ''] : tlsCells(tls)
    return [e.url, e.status === 'probed' ? 'ok' : 'error', ...cells]
  })
  const [head, ...body] = fitTable([header, ...rows], OUTPUT_WIDTH, {minWidths: MIN_WIDTHS, shrinkLast: [0]})
  const lines = [head!]
  r.endpoints.forEach((e, i) => {
    lines.push(body[i]!)
    // Why an endpoint, or one half of it, could not be probed.
    const problems =
      e.status === 'error'
        ? [e.reason]
        : r.observations.flatMap((o) => (o.target === e.url && o.status === 'error' ? [`${o.probe.toUpperCase()}: ${o.reason}`] : []))
    for (const p of problems) lines.push(...indent(p, 2))
  })
  const unreachable = new Set(r.endpoints.filter((e) => e.status === 'error').map((e) => e.url))
  const listed = r.findings
    .filter((f) => f.status !== 'pass' && f.status !== 'not-applicable' && !unreachable.has(f.target ?? ''))
    .sort((a, b) => ORDER[a.status] - ORDER[b.status])
  lines.push('')
  if (listed.length === 0) lines.push(unreachable.size === r.endpoints.length ? 'No endpoint could be probed.' : 'Every check that could be run passes.')
  for (const e of r.endpoints) {
    const mine = listed.filter((f) => f.target === e.url)
    if (mine.length === 0) continue
    lines.push(...indent(e.url, 0))
    for (const f of mine) lines.push(`  ${f.ruleId}  ${f.status}  ${f.severity}`, ...indent(f.message, 4))
  }
  const count = (s: Finding['status']) => r.findings.filter((f) => f.status === s).length
  const notChecked = count('error') + count('not-assessed')
  const na = count('not-applicable')
  const summary = [
    `${count('pass')} of ${r.findings.length} checks pass`,
    ...(notChecked > 0 ? [`${notChecked} could not be checked`] : []),
    ...(na > 0 ? [`${na} not applicable`] : []),
  ].join(', ')
  const probed = r.endpoints.length - unreachable.size
  lines.push('', ...indent(`${summary}; ${probed} of ${r.endpoints.length} endpoint${r.endpoints.length === 1 ? '' : 's'} probed.`, 0))
  return lines.join('\n')
}
