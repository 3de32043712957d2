import http from 'node:http'
import https from 'node:https'
import type {AddressInfo} from 'node:net'
import type {SecureVersion} from 'node:tls'

import {issueCertificate, type CertificateRequest, type IssuedCertificate} from '../../src/net/issue-certificate.js'
import {goodOcspResponse} from './ocsp-response.js'

/** One property away from the clean server: that is what each fixture changes. */
export interface FixtureSpec {
  readonly leaf?: Partial<CertificateRequest>
  readonly selfSigned?: boolean
  readonly minVersion?: SecureVersion
  readonly maxVersion?: SecureVersion
  readonly ciphers?: string
  readonly staple?: boolean
  readonly hsts?: string | null
  /** true: nosniff, CSP with frame-ancestors, Referrer-Policy; 'nosniff-only': what an API sends; false: none. */
  readonly securityHeaders?: boolean | 'nosniff-only'
  /** The leaf is issued by an intermediate CA; 'missing': the server sends the leaf alone. */
  readonly intermediate?: 'sent' | 'missing'
  readonly banner?: string
  /** What plain HTTP does: redirect to the HTTPS port on the same host, or serve a page. */
  readonly plainHttp?: 'redirect' | 'serve'
  /** Headers set (or replaced) on every HTTPS response after the ones above, e.g. a portal's cookies. */
  readonly headers?: Readonly<Record<string, string | string[]>>
  /** An HTML page instead of the JSON answer (a portal's login page). */
  readonly html?: string
}

export interface Fixture {
  readonly url: string
  readonly plainHttpUrl: string
  readonly port: number
  readonly caPem: string
  close(): Promise<void>
}


/** ECDHE + AEAD only, ECDSA and RSA certificates alike: the clean server's TLS 1.2 list. */
export const CLEAN_CIPHERS = 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384'

let caPromise: Promise<IssuedCertificate> | undefined
/** One throwaway CA for all fixtures of a test file (key generation is the slow part). */
export const fixtureCa = (): Promise<IssuedCertificate> =>
  (caPromise ??= issueCertificate({subject: 'CN=scanvet test CA', isCa: true, notAfter: new Date(Date.now() + 3650 * 86_400_000)}))

let intermediatePromise: Promise<IssuedCertificate> | undefined
/** An intermediate CA under the fixture CA: a leaf it issues needs it sent to verify. */
export const fixtureIntermediate = async (): Promise<IssuedCertificate> =>
  (intermediatePromise ??= fixtureCa().then((root) => issueCertificate({subject: 'CN=scanvet test intermediate CA', isCa: true, issuer: root, notAfter: new Date(Date.now() + 1825 * 86_400_000)})))

const listen = (server: http.Server): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })

const close = (server: http.Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })

/**
 * A real HTTPS server on 127.0.0.1 configured like a careful vendor (TLS 1.2 + 1.3, ECDHE + AEAD, CA-signed
 * P-256 certificate for 127.0.0.1 and localhost, a stapled OCSP response, HSTS, security headers, no banner,
 * plain HTTP redirected), except for what `spec` changes. Plus the plain-HTTP listener for the redirect check.
 */
export const startFixture = async (spec: FixtureSpec = {}): Promise<Fixture> => {
  const root = await fixtureCa()
  const ca = spec.intermediate ? await fixtureIntermediate() : root
  const leaf = await issueCertificate({
    subject: 'CN=localhost, O=Fixture Imaging AI',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
    notAfter: new Date(Date.now() + 200 * 86_400_000),
    ...(spec.selfSigned ? {} : {issuer: ca}),
    ...spec.leaf,
  })
  const ocsp = spec.staple === false ? undefined : await goodOcspResponse(leaf, spec.selfSigned ? leaf : ca)
  const server = https.createServer(
    {
      key: leaf.keyPem,
      cert: spec.selfSigned || spec.intermediate === 'missing' ? leaf.certPem : leaf.certPem + ca.certPem,
      minVersion: spec.minVersion ?? 'TLSv1.2',
      ...(spec.maxVersion ? {maxVersion: spec.maxVersion} : {}),
      ciphers: spec.ciphers ?? CLEAN_CIPHERS,
    },
    (_req, res) => {
      const hsts = spec.hsts === undefined ? 'max-age=63072000; includeSubDomains' : spec.hsts
      if (hsts) res.setHeader('Strict-Transport-Security', hsts)
      if (spec.securityHeaders !== false) res.setHeader('X-Content-Type-Options', 'nosniff')
      if (spec.securityHeaders === undefined || spec.securityHeaders === true) {
        res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'")
        res.setHeader('Referrer-Policy', 'no-referrer')
      }
      if (spec.banner) res.setHeader('Server', spec.banner)
      for (const [k, v] of Object.entries(spec.headers ?? {})) res.setHeader(k, v)
      res.setHeader('Content-Type', spec.html !== undefined ? 'text/html; charset=utf-8' : 'application/json')
      res.end(spec.html ?? '{"ok":true}')
    },
  )
  if (ocsp) server.on('OCSPRequest', (_cert: Buffer, _issuer: Buffer, cb: (err: Error | null, resp?: Buffer) => void) => cb(null, ocsp))
  const port = await listen(server)
  const plain = http.createServer((req, res) => {
    if (spec.plainHttp === 'serve') {
      res.end('hello over plain http')
      return
    }
    res.writeHead(301, {Location: `https://127.0.0.1:${port}${req.url ?? '/'}`})
    res.end()
  })
  const plainPort = await listen(plain)
  return {
    url: `https://127.0.0.1:${port}/`,
    plainHttpUrl: `http://127.0.0.1:${plainPort}/`,
    port,
    caPem: root.certPem,
    close: async () => {
      await Promise.all([close(server), close(plain)])
    },
  }
}
