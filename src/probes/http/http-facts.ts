/** The HSTS header as facts (RFC 6797); an absent header is max-age 0 so the checks can judge it. */
export const hstsFacts = (value: string | undefined) => {
  if (!value) return {present: false, header: 'none', maxAge: 0, includeSubDomains: false, preload: false}
  const parts = value.split(';').map((p) => p.trim().toLowerCase())
  const maxAge = Number(/^max-age\s*=\s*"?(\d+)"?$/.exec(parts.find((p) => p.startsWith('max-age')) ?? '')?.[1] ?? 0)
  return {present: true, header: value, maxAge, includeSubDomains: parts.includes('includesubdomains'), preload: parts.includes('preload')}
}

const header = (h: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined => {
  const v = h[name]
  return Array.isArray(v) ? v.join(', ') : v
}

/** Security headers an API or portal holding patient images should send, in the names the report shows. */
export const securityHeaderFacts = (h: Readonly<Record<string, string | string[] | undefined>>) => {
  const csp = header(h, 'content-security-policy')
  const present = {
    'X-Content-Type-Options': header(h, 'x-content-type-options')?.toLowerCase() === 'nosniff',
    'Content-Security-Policy': Boolean(csp),
    // Framing is controlled by X-Frame-Options or by CSP frame-ancestors.
    'X-Frame-Options': Boolean(header(h, 'x-frame-options')) || /frame-ancestors/i.test(csp ?? ''),
    'Referrer-Policy': Boolean(header(h, 'referrer-policy')),
  }
  const missing = Object.entries(present).filter(([, ok]) => !ok).map(([k]) => k)
  // What only a page opened in a browser needs (a JSON API or DICOMweb is never rendered, framed or navigated from).
  return {...present, missing, browserMissing: missing.filter((k) => k !== 'X-Content-Type-Options')}
}

/** Server / X-Powered-By headers that name software with a version let attackers pick known exploits. */
export const bannerFacts = (h: Readonly<Record<string, string | string[] | undefined>>) => {
  const shown = ['server', 'x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version']
    .map((n) => [n, header(h, n)] as const)
    .filter((e): e is readonly [string, string] => Boolean(e[1]))
  const disclosing = shown.filter(([, v]) => /\d+\.\d+/.test(v)).map(([n, v]) => `${n}: ${v}`)
  return {headers: shown.map(([n, v]) => `${n}: ${v}`), disclosesVersion: disclosing.length > 0, disclosing}
}
