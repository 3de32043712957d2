import https from 'node:https'
import type {AddressInfo} from 'node:net'

import {issueCertificate, type IssuedCertificate} from '../net/issue-certificate.js'
import {createDemoDicomweb, type DemoDicomweb} from './demo-dicomweb.js'

/** How the demo vendor behaves; tests switch these to make each check pass or fail against a real server. */
export interface DemoBehaviour {
  readonly hsts: 'long' | 'short' | 'none'
  readonly securityHeaders: boolean
  readonly serverBanner: boolean
}

export const GOOD_BEHAVIOUR: DemoBehaviour = {hsts: 'long', securityHeaders: true, serverBanner: false}

/**
 * For an ageing or restarted demo vendor: keep its CA (so pinned profiles still trust it), choose the leaf's
 * end, listen on the same port again (so its URL, and the ids of its findings, stay the same).
 */
export interface DemoStartOptions {
  readonly ca?: IssuedCertificate
  readonly leafNotAfter?: Date
  readonly port?: number
}

export interface DemoVendor {
  readonly url: string
  readonly port: number
  readonly ca: IssuedCertificate
  readonly caPem: string
  behaviour: DemoBehaviour
  /** The DICOMweb image store under /dicom-web/ (and its REST twin under /api/v1/), with switchable retention. */
  readonly dicomweb: DemoDicomweb
  close(): Promise<void>
}

const HSTS: Readonly<Record<DemoBehaviour['hsts'], string | undefined>> = {
  long: 'max-age=63072000; includeSubDomains',
  short: 'max-age=3600',
  none: undefined,
}

/**
 * A stand-in AI vendor on 127.0.0.1: an HTTPS API with a certificate issued at start by its own throwaway CA.
 * It is a real server (real TLS, real HTTP), so `scanvet demo` and the tests exercise the probes end to end.
 */
export const startDemoVendor = async (behaviour: DemoBehaviour = GOOD_BEHAVIOUR, certs: DemoStartOptions = {}): Promise<DemoVendor> => {
  const ca = certs.ca ?? (await issueCertificate({subject: 'CN=scanvet demo vendor CA, O=Demo Imaging AI', isCa: true, notAfter: new Date(Date.now() + 365 * 86_400_000)}))
  const leaf = await issueCertificate({
    subject: 'CN=localhost, O=Demo Imaging AI',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
    issuer: ca,
    ...(certs.leafNotAfter ? {notAfter: certs.leafNotAfter} : {}),
  })
  const state = {behaviour}
  const dicomweb = createDemoDicomweb()
  const server = https.createServer({key: leaf.keyPem, cert: leaf.certPem + ca.certPem, minVersion: 'TLSv1.2'}, (req, res) => {
    if (dicomweb.handle(req, res)) return
    const b = state.behaviour
    const hsts = HSTS[b.hsts]
    if (hsts) res.setHeader('Strict-Transport-Security', hsts)
    if (b.securityHeaders) {
      res.setHeader('X-Content-Type-Options', 'nosniff')
      res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'")
      res.setHeader('X-Frame-Options', 'DENY')
      res.setHeader('Referrer-Policy', 'no-referrer')
    }
    if (b.serverBanner) res.setHeader('Server', 'nginx/1.18.0 (Ubuntu)')
    if (req.url === '/.well-known/security.txt') {
      // RFC 9116: what the soc2 probe reads beside the SOC 2 report.
      res.setHeader('Content-Type', 'text/plain; charset=utf-8')
      res.end(`Contact: mailto:security@demo-imaging.example\nExpires: ${new Date(Date.now() + 180 * 86_400_000).toISOString()}\nPreferred-Languages: en\n`)
      return
    }
    res.setHeader('Content-Type', 'application/json')
    res.end(JSON.stringify({service: 'Demo Imaging AI', path: req.url}))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(certs.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const vendor: DemoVendor = {
    url: `https://127.0.0.1:${port}`,
    port,
    ca,
    caPem: ca.certPem,
    get behaviour() {
      return state.behaviour
    },
    set behaviour(b: DemoBehaviour) {
      state.behaviour = b
    },
    dicomweb,
    close: () =>
      new Promise<void>((resolve) => {
        dicomweb.close()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  return vendor
}
