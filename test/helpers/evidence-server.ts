import https from 'node:https'
import type {AddressInfo} from 'node:net'

import {issueCertificate} from '../../src/net/issue-certificate.js'

export interface Route {
  readonly status?: number
  readonly type?: string
  readonly body?: string | Buffer
  readonly headers?: Readonly<Record<string, string>>
  /** Accept the request and never answer (a hung vendor). */
  readonly hang?: boolean
}

export interface EvidenceServer {
  readonly origin: string
  readonly caPem: string
  readonly routes: Map<string, Route>
  close(): Promise<void>
}

/** A real HTTPS server on 127.0.0.1 (throwaway CA) serving a vendor's trust portal, security.txt and documents. */
export const startEvidenceServer = async (): Promise<EvidenceServer> => {
  const ca = await issueCertificate({subject: 'CN=scanvet test trust-portal CA', isCa: true, notAfter: new Date(Date.now() + 30 * 86_400_000)})
  const leaf = await issueCertificate({subject: 'CN=localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], issuer: ca})
  const routes = new Map<string, Route>()
  const server = https.createServer({key: leaf.keyPem, cert: leaf.certPem + ca.certPem}, (req, res) => {
    const route = routes.get((req.url ?? '/').split('?')[0]!)
    if (!route) {
      res.writeHead(404, {'content-type': 'text/plain'}).end('not found')
      return
    }
    if (route.hang) return
    res.writeHead(route.status ?? 200, {'content-type': route.type ?? 'application/octet-stream', ...route.headers})
    res.end(route.body ?? '')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as AddressInfo).port
  return {
    origin: `https://127.0.0.1:${port}`,
    caPem: ca.certPem,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
