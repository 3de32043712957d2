import type {Assessment} from '../../assessment/assessment-types.js'
import type {Observation} from '../../model/observation.js'
import type {ReportSection, ReportTable} from '../../report/report-section.js'

const get = (o: unknown, p: string): unknown =>
  p.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o)
const str = (v: unknown): string => (v === undefined || v === null || v === '' ? '—' : Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : String(v))

interface SuiteRow {
  readonly name: string
  readonly grade: string
  readonly bits: number
  readonly forwardSecrecy: boolean
  readonly aead: boolean
  readonly weak?: readonly string[]
  readonly kx?: string
}

const GRADE_WORDS: Readonly<Record<string, string>> = {recommended: 'good', legacy: 'acceptable (older)', weak: 'WEAK'}

const factsOf = (o: Observation): Record<string, unknown> => (o.status === 'ok' ? o.facts : {})

const suiteCounts = (f: Record<string, unknown>): string => {
  const byVersion = (get(f, 'ciphers.byVersion') ?? {}) as Record<string, SuiteRow[]>
  const all = Object.values(byVersion).flat()
  if (all.length === 0) return get(f, 'ciphers.complete') === false ? `incomplete: ${str(get(f, 'ciphers.problem'))}` : '—'
  const n = (g: string) => all.filter((s) => s.grade === g).length
  return `${all.length}: ${n('recommended')} good, ${n('legacy')} older, ${n('weak')} weak`
}

const certificate = (f: Record<string, unknown>): string => {
  const c = get(f, 'certificate') as Record<string, unknown> | undefined
  if (!c) return '—'
  return [
    str(c.subject),
    `${str(c.keyType)} ${str(c.keyBits)} bits, ${str(c.signatureAlgorithm)}`,
    `valid to ${str(c.validTo).slice(0, 10)} (${str(c.daysLeft)} days)`,
    c.trusted ? 'trusted' : `NOT trusted (${str(c.trustError)})`,
    c.hostnameMatches ? 'name matches' : 'NAME MISMATCH',
  ].join('; ')
}

// Version keys contain dots ("TLSv1.3"), so they are read directly rather than through a dotted path.
const groupsOf = (f: Record<string, unknown>): readonly string[] | undefined => {
  const g = get(f, 'kx.groups') as Record<string, string[]> | undefined
  return g?.['TLSv1.3'] ?? g?.['TLSv1.2']
}

/** Groups in few words: a run of finite-field groups reads "ffdhe2048–8192" (RFC 7919 names them by size). */
const compactGroups = (groups: readonly string[] | undefined): string => {
  if (!groups || groups.length === 0) return str(groups)
  const ff = groups.filter((g) => /^ffdhe\d+$/.test(g))
  const sizes = ff.map((g) => Number(g.slice(5))).sort((a, b) => a - b)
  const rest = groups.filter((g) => !ff.includes(g))
  return [...rest, ...(ff.length > 2 ? [`ffdhe${sizes[0]}–${sizes.at(-1)}`] : ff)].join(', ')
}

/** HTTPS behaviour per endpoint: HSTS, the plain-HTTP answer, missing headers, banner. */
const httpTable = (obs: readonly Observation[]): ReportTable => ({
  columns: [
    {header: 'Endpoint', width: 0.24},
    {header: 'HSTS', width: 0.22},
    {header: 'Plain HTTP', width: 0.18},
    {header: 'Missing security headers', width: 0.2},
    {header: 'Server banner', width: 0.16},
  ],
  rows: obs.map((o) => {
    if (o.status !== 'ok') return [o.target, `error: ${o.status === 'error' ? o.reason : o.reason}`, '', '', '']
    const f = o.facts
    return [o.target, str(get(f, 'hsts.header')), str(get(f, 'redirect.outcome')), str(get(f, 'securityHeaders.missing')), str(get(f, 'banner.headers'))]
  }),
})

/** One row per endpoint: versions, suites by grade, key exchange, certificate, OCSP. */
const summaryTable = (obs: readonly Observation[]): ReportTable => ({
  columns: [
    {header: 'Endpoint', width: 0.2},
    {header: 'Versions accepted', width: 0.14},
    {header: 'Cipher suites', width: 0.14},
    {header: 'Key exchange', width: 0.16},
    {header: 'Certificate', width: 0.26},
    {header: 'OCSP staple', width: 0.1},
  ],
  rows: obs.map((o) => {
    const f = factsOf(o)
    if (o.status !== 'ok') return [`${o.target}`, `error: ${o.status === 'error' ? o.reason : o.reason}`, '', '', '', '']
    return [
      `${o.target} (${str(get(f, 'endpoint.role'))})`,
      str(get(f, 'protocols.offered')),
      suiteCounts(f),
      `${compactGroups(groupsOf(f))}${get(f, 'postQuantum.offered') === true ? ', X25519MLKEM768 (post-quantum)' : ''}${get(f, 'kx.minDhBits') ? `; DH ${str(get(f, 'kx.minDhBits'))} bits` : ''}`,
      certificate(f),
      str(get(f, 'ocsp.status')),
    ]
  }),
})

/** Every accepted suite, graded, per endpoint and version: what sslscan or testssl would list. */
const suitesTable = (obs: readonly Observation[]): ReportTable => ({
  appendix: true,
  columns: [
    {header: 'Endpoint', width: 0.2},
    {header: 'Version', width: 0.09},
    {header: 'Cipher suite (IANA name)', width: 0.37},
    {header: 'Grade', width: 0.12},
    {header: 'Why', width: 0.22},
  ],
  rows: obs.flatMap((o) => {
    const byVersion = (get(factsOf(o), 'ciphers.byVersion') ?? {}) as Record<string, SuiteRow[]>
    return Object.entries(byVersion).flatMap(([version, suites]) =>
      suites.map((s) => [
        o.target,
        version,
        s.name,
        GRADE_WORDS[s.grade] ?? s.grade,
        s.weak?.join(', ') ?? [s.forwardSecrecy ? '' : 'no forward secrecy', s.aead ? '' : 'CBC mode'].filter(Boolean).join(', '),
      ]),
    )
  }),
})

/** The TLS and HTTP findings that fail or warn, with the provisions they evidence and what to ask for. */
const failuresTable = (a: Assessment): ReportTable | undefined => {
  const bad = a.findings.filter((f) => (f.ruleId.startsWith('tls-') || f.ruleId.startsWith('http-')) && (f.status === 'fail' || f.status === 'warn'))
  if (bad.length === 0) return undefined
  const grouped = new Map<string, {f: (typeof bad)[number]; targets: string[]}>()
  for (const f of bad) {
    const key = [f.ruleId, f.status, f.message, f.remediation ?? ''].join('\u0000')
    const g = grouped.get(key) ?? {f, targets: []}
    g.targets.push(f.target ?? '')
    grouped.set(key, g)
  }
  return {
    columns: [
      {header: 'Finding', width: 0.28},
      {header: 'Endpoint', width: 0.16},
      {header: 'Requirement', width: 0.22},
      {header: 'Ask the vendor', width: 0.34},
    ],
    // One row per finding however many endpoints share it word for word (as the suites appendix does).
    rows: [...grouped.values()].map(({f, targets}) => [`${f.status === 'fail' ? 'FAIL' : 'WARN'} (${f.severity}): ${f.message}`, targets.length > 2 ? `all ${targets.length}: ${targets.join(', ')}` : targets.join(', '), str(f.references), f.remediation ?? '']),
  }
}

/** Readiness, not a defect: how many endpoints already offer the hybrid post-quantum group. */
const postQuantumNote = (obs: readonly Observation[]): string => {
  const tested = obs.filter((o) => o.status === 'ok' && typeof get(o.facts, 'postQuantum.offered') === 'boolean' && get(o.facts, 'protocols.tls13') === true)
  const offered = tested.filter((o) => get(factsOf(o), 'postQuantum.offered') === true).length
  return `Post-quantum readiness (a note, not a defect): ${offered} of ${tested.length} TLS 1.3 endpoint${tested.length === 1 ? '' : 's'} accept${tested.length === 1 ? 's' : ''} X25519MLKEM768 (ML-KEM-768, FIPS 203). Traffic recorded today could be decrypted by a future quantum computer; images kept for decades are worth asking the vendor about.`
}

/** Per endpoint: protocols, every suite graded, certificate facts, and each failing check with its citations. */
export const tlsReportSection = (a: Assessment): ReportSection | undefined => {
  const obs = a.observations.filter((o) => o.probe === 'tls')
  if (obs.length === 0) return undefined
  const http = a.observations.filter((o) => o.probe === 'http')
  const failures = failuresTable(a)
  const suites = suitesTable(obs)
  return {
    id: 'tls',
    title: 'Connections to the vendor (encryption in transit)',
    intro:
      'How each of the vendor’s endpoints protects images and credentials on their way to it, judged against HIPAA 45 CFR 164.312(e)(1) and (e)(2)(ii), NIST SP 800-52 Rev. 2 and GDPR Art. 32(1)(a). Every protocol version and every cipher suite was tried one by one; “good” suites have forward secrecy and authenticated encryption.',
    tables: [summaryTable(obs), ...(http.length > 0 ? [httpTable(http)] : []), ...(failures ? [failures] : []), ...(suites.rows.length > 0 ? [suites] : [])],
    notes: [
      'Versions, cipher suites (189, including the RC4, 3DES, DES, EXPORT, IDEA and SEED suites current TLS libraries dropped), key-exchange groups, TLS compression, secure renegotiation, downgrade protection (TLS_FALLBACK_SCSV), the heartbeat extension and the post-quantum group X25519MLKEM768 were tested with scanvet’s own ClientHello, one at a time. Session resumption (TLS 1.3 tickets, TLS 1.2 tickets and session IDs) was tried with real connections, and whether TLS 1.3 early data (0-RTT) is accepted was read from the server’s session ticket; no early data was sent.',
      postQuantumNote(obs),
      'Not tested, and never counted as passed: SSL 2.0; PSK and SRP suites, which need credentials; Heartbleed itself (no heartbeat message is sent), ROBOT and other attacks that need crafted or intrusive messages. A fact scanvet could not observe shows as “not tested”.',
    ],
  }
}
