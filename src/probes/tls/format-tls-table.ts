import type {ProbeTlsResult} from './probe-tls-targets.js'

const get = (o: unknown, p: string): unknown =>
  p.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o)

const table = (rows: readonly (readonly string[])[]): string => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')
}

/** The human output of `scanvet probe tls`: one line per endpoint, then every finding that is not a pass. */
export const formatTlsTable = (r: ProbeTlsResult): string => {
  const rows: string[][] = [['ENDPOINT', 'STATUS', 'VERSIONS', 'SUITES', 'WEAK', 'CERTIFICATE', 'EXPIRES']]
  for (const o of r.observations) {
    if (o.status !== 'ok') {
      rows.push([o.target, 'error', o.status === 'error' ? o.reason : o.reason, '', '', '', ''])
      continue
    }
    const f = o.facts
    const byVersion = (get(f, 'ciphers.byVersion') ?? {}) as Record<string, unknown[]>
    rows.push([
      o.target,
      'ok',
      ((get(f, 'protocols.offered') as string[] | undefined) ?? []).join(' '),
      Object.entries(byVersion)
        .map(([v, s]) => `${v.replace('TLSv', '')}:${s.length}`)
        .join(' '),
      String((get(f, 'ciphers.weak') as unknown[] | undefined)?.length ?? '?'),
      String(get(f, 'certificate.subject') ?? '—'),
      String(get(f, 'certificate.validTo') ?? '—').slice(0, 10),
    ])
  }
  const adverse = r.findings.filter((f) => f.status !== 'pass')
  const lines = [table(rows), '']
  if (adverse.length === 0) lines.push('All TLS checks pass.')
  else {
    lines.push(
      table([
        ['CHECK', 'RESULT', 'SEVERITY', 'ENDPOINT', 'DETAIL'],
        ...adverse.map((f) => [f.ruleId, f.status, f.severity, f.target ?? '', f.message]),
      ]),
    )
  }
  const passed = r.findings.length - adverse.length
  lines.push('', `${passed} of ${r.findings.length} checks pass.`)
  return lines.join('\n')
}
