import type {Assessment} from '../../assessment/assessment-types.js'
import type {ReportSection} from '../../report/report-section.js'

const get = (o: unknown, p: string): unknown =>
  p.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o)
const str = (v: unknown): string => (v === undefined || v === null || v === '' ? '—' : Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : String(v))

/** Per endpoint: what was negotiated, which versions are accepted, and the certificate. */
export const tlsReportSection = (a: Assessment): ReportSection | undefined => {
  const obs = a.observations.filter((o) => o.probe === 'tls')
  if (obs.length === 0) return undefined
  return {
    id: 'tls',
    title: 'Connections to the vendor (encryption in transit)',
    intro: 'How each of the vendor’s endpoints protects images and credentials on their way to it.',
    tables: [
      {
        columns: [
          {header: 'Endpoint', width: 0.24},
          {header: 'TLS negotiated', width: 0.12},
          {header: 'Versions accepted', width: 0.16},
          {header: 'Cipher suite', width: 0.2},
          {header: 'Certificate', width: 0.16},
          {header: 'Expires', width: 0.12},
        ],
        rows: obs.map((o) => {
          const f = o.status === 'ok' ? o.facts : {}
          return [
            `${o.target} (${str(get(f, 'endpoint.role'))})`,
            o.status === 'error' ? `error: ${o.reason}` : str(get(f, 'negotiated.protocol')),
            str(get(f, 'protocols.offered')),
            str(get(f, 'negotiated.cipher')),
            str(get(f, 'certificate.subject')),
            str(get(f, 'certificate.validTo')).slice(0, 10),
          ]
        }),
      },
    ],
    notes: ['Not tested by scanvet’s TLS library: SSL 3.0 and SSL 2.0 (shown as “not tested”, never as passed).'],
  }
}
