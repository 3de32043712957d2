import {CLEAN_CIPHERS, type FixtureSpec} from './tls-fixture.js'

const DAY = 86_400_000
// Each server differs from the clean one in one property; that defect, and nothing else, must come out adverse.
export const FIXTURE_CASES: readonly {name: string; spec: FixtureSpec; adverse: string[]}[] = [
  {name: 'clean server', spec: {}, adverse: []},
  {name: 'TLS 1.3 only', spec: {minVersion: 'TLSv1.3'}, adverse: ['tls-protocol-tls12-supported']},
  {
    name: 'TLS 1.2 with weak ciphers (NULL, anonymous)',
    spec: {ciphers: `${CLEAN_CIPHERS}:ECDHE-ECDSA-NULL-SHA:AECDH-AES128-SHA:@SECLEVEL=0`},
    adverse: ['tls-ciphers-aead', 'tls-ciphers-no-weak'],
  },
  // TLS 1.0 needs a CBC suite, and OpenSSL then accepts it on TLS 1.2 as well: the AEAD warning is real.
  {name: 'TLS 1.0 enabled', spec: {minVersion: 'TLSv1', ciphers: `${CLEAN_CIPHERS}:ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0`}, adverse: ['tls-ciphers-aead', 'tls-protocols-legacy-disabled']},
  {name: 'static RSA key exchange', spec: {leaf: {key: {type: 'rsa', bits: 2048}}, ciphers: `${CLEAN_CIPHERS}:AES128-GCM-SHA256`}, adverse: ['tls-ciphers-forward-secrecy']},
  {name: 'expired certificate', spec: {leaf: {notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 10 * DAY)}}, adverse: ['tls-cert-not-expired']},
  {name: 'wrong hostname', spec: {leaf: {dnsNames: ['images.other-vendor.example'], ipAddresses: []}}, adverse: ['tls-cert-hostname']},
  {name: 'self-signed certificate', spec: {selfSigned: true}, adverse: ['tls-cert-trusted']},
  {name: 'RSA-1024 key', spec: {leaf: {key: {type: 'rsa', bits: 1024}}, ciphers: `${CLEAN_CIPHERS}:@SECLEVEL=0`}, adverse: ['tls-cert-key-strength']},
  {name: 'SHA-1-signed certificate', spec: {leaf: {hash: 'SHA-1'}, ciphers: `${CLEAN_CIPHERS}:@SECLEVEL=0`}, adverse: ['tls-cert-signature-algorithm']},
  {name: 'no OCSP staple', spec: {staple: false}, adverse: ['tls-ocsp-stapling']},
  {name: 'no HSTS', spec: {hsts: null}, adverse: ['http-hsts']},
  {name: 'short HSTS', spec: {hsts: 'max-age=3600'}, adverse: ['http-hsts']},
  {name: 'plain HTTP served', spec: {plainHttp: 'serve'}, adverse: ['http-redirect-to-https']},
  {name: 'security headers missing', spec: {securityHeaders: false}, adverse: ['http-security-headers']},
  {name: 'server banner with version', spec: {banner: 'nginx/1.18.0 (Ubuntu)'}, adverse: ['http-server-banner']},
]

