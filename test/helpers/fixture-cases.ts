import {CLEAN_CIPHERS, type FixtureSpec} from './tls-fixture.js'

const DAY = 86_400_000
/** The responder a stapling fixture's leaf names (nothing listens there: the server staples, no one fetches). */
export const FIXTURE_OCSP_URL = 'http://ocsp.fixture.invalid/'

export interface FixtureCase {
  readonly name: string
  readonly spec: FixtureSpec
  /** Every check that fails or warns on this server (info included), sorted: the one defect, nothing else. */
  readonly adverse: string[]
  readonly role?: 'api' | 'portal'
}

// Each server differs from the clean one in one property; that defect, and nothing else, must come out adverse.
// The Mozilla profile verdict (info) is adverse where the defect also takes the server out of `intermediate`.
export const FIXTURE_CASES: readonly FixtureCase[] = [
  {name: 'clean server (Mozilla intermediate, ECDSA P-256)', spec: {}, adverse: []},
  {name: 'clean portal', spec: {}, adverse: [], role: 'portal'},
  {name: 'clean server stapling for a leaf that names a responder', spec: {leaf: {ocspUrl: FIXTURE_OCSP_URL}}, adverse: []},
  {name: 'clean server with an intermediate CA sent', spec: {intermediate: 'sent'}, adverse: []},
  {name: 'TLS 1.3 only (Mozilla modern)', spec: {minVersion: 'TLSv1.3', leaf: {notAfter: new Date(Date.now() + 80 * DAY)}}, adverse: ['tls-protocol-old-clients']},
  {
    name: 'TLS 1.2 with weak ciphers (NULL, anonymous)',
    spec: {ciphers: `${CLEAN_CIPHERS}:ECDHE-ECDSA-NULL-SHA:AECDH-AES128-SHA:@SECLEVEL=0`},
    adverse: ['tls-ciphers-aead', 'tls-ciphers-no-weak', 'tls-mozilla-profile'],
  },
  // TLS 1.0 needs a CBC suite, and OpenSSL then accepts it on TLS 1.2 as well: the AEAD warning is real.
  {name: 'TLS 1.0 enabled', spec: {minVersion: 'TLSv1', ciphers: `${CLEAN_CIPHERS}:ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0`}, adverse: ['tls-ciphers-aead', 'tls-mozilla-profile', 'tls-protocols-legacy-disabled']},
  {name: 'TLS 1.2 CBC only', spec: {maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384'}, adverse: ['tls-ciphers-aead', 'tls-mozilla-profile', 'tls-protocol-tls13-supported']},
  {name: 'static RSA key exchange', spec: {leaf: {key: {type: 'rsa', bits: 2048}}, ciphers: `${CLEAN_CIPHERS}:AES128-GCM-SHA256`}, adverse: ['tls-ciphers-forward-secrecy', 'tls-mozilla-profile']},
  {name: 'expired certificate', spec: {leaf: {notBefore: new Date(Date.now() - 300 * DAY), notAfter: new Date(Date.now() - 10 * DAY)}}, adverse: ['tls-cert-not-expired']},
  {name: 'certificate expiring within the margin', spec: {leaf: {notAfter: new Date(Date.now() + 10 * DAY)}}, adverse: ['tls-cert-expiry-margin']},
  {name: 'wrong hostname', spec: {leaf: {dnsNames: ['images.other-vendor.example'], ipAddresses: []}}, adverse: ['tls-cert-hostname']},
  {name: 'self-signed certificate', spec: {selfSigned: true}, adverse: ['tls-cert-self-signed']},
  {name: 'missing intermediate', spec: {intermediate: 'missing'}, adverse: ['tls-cert-chain-complete']},
  {name: 'RSA-1024 key', spec: {leaf: {key: {type: 'rsa', bits: 1024}}, ciphers: `${CLEAN_CIPHERS}:@SECLEVEL=0`}, adverse: ['tls-cert-key-strength', 'tls-mozilla-profile']},
  {name: 'SHA-1-signed certificate', spec: {leaf: {hash: 'SHA-1'}, ciphers: `${CLEAN_CIPHERS}:@SECLEVEL=0`}, adverse: ['tls-cert-signature-algorithm', 'tls-mozilla-profile']},
  {name: 'leaf names an OCSP responder, no staple', spec: {leaf: {ocspUrl: FIXTURE_OCSP_URL}, staple: false}, adverse: ['tls-ocsp-stapling']},
  {name: 'no OCSP responder named, no staple', spec: {staple: false}, adverse: []},
  {name: 'no HSTS', spec: {hsts: null}, adverse: ['http-hsts']},
  {name: 'short HSTS', spec: {hsts: 'max-age=3600'}, adverse: ['http-hsts']},
  {name: 'plain HTTP served', spec: {plainHttp: 'serve'}, adverse: ['http-redirect-to-https']},
  {name: 'API without browser headers (nosniff only)', spec: {securityHeaders: 'nosniff-only'}, adverse: []},
  {name: 'portal without browser headers', spec: {securityHeaders: 'nosniff-only'}, adverse: ['http-security-headers'], role: 'portal'},
  // Scored the way MDN's HTTP Observatory scores: a clean login page, and one defect each it costs points for.
  {name: 'clean portal login page (same-origin scripts, Secure HttpOnly SameSite session cookie)', spec: {html: '<script src="/app.js" integrity="sha384-abc"></script>', headers: {'set-cookie': 'session=1; Secure; HttpOnly; SameSite=Strict'}}, adverse: [], role: 'portal'},
  {name: 'portal session cookie readable by scripts (no HttpOnly)', spec: {headers: {'set-cookie': 'session=1; Secure; SameSite=Lax'}}, adverse: ['http-security-headers'], role: 'portal'},
  {name: "portal CSP allowing 'unsafe-inline' scripts", spec: {headers: {'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'"}}, adverse: ['http-security-headers'], role: 'portal'},
  {name: 'portal loading a script from another site without SRI over http', spec: {html: '<script src="http://cdn.example/lib.js"></script>'}, adverse: ['http-security-headers'], role: 'portal'},
  {name: 'portal answering any origin with credentials (CORS)', spec: {headers: {'access-control-allow-origin': 'https://scanvet-probe.invalid', 'access-control-allow-credentials': 'true'}}, adverse: ['http-security-headers'], role: 'portal'},
  {name: 'no X-Content-Type-Options', spec: {securityHeaders: false}, adverse: ['http-content-type-options']},
  {name: 'server banner with version', spec: {banner: 'nginx/1.18.0 (Ubuntu)'}, adverse: ['http-server-banner']},
]
