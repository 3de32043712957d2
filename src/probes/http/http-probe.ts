import {proxyPolicy} from '../../net/proxy.js'
import {promises as fs} from 'node:fs'
import path from 'node:path'

import type {Observation} from '../../model/observation.js'
import {limiter} from '../../util/pool.js'
import type {VendorEndpoint} from '../../workspace/workspace-types.js'
import type {Probe, ProbeContext} from '../probe-types.js'
import {fetchOnce} from './fetch-once.js'
import {bannerFacts, hstsFacts, securityHeaderFacts} from './http-facts.js'
import {observatoryScore} from './observatory.js'

/** Sent on a portal's request so that an Access-Control-Allow-Origin reflecting any origin shows (as Observatory does). */
const PROBE_ORIGIN = 'https://scanvet-probe.invalid'

/** Where plain HTTP for an endpoint is tried: the profile's plainHttpUrl, else http://host/ on port 80. */
export const plainHttpUrlOf = (endpoint: VendorEndpoint): string => {
  if (endpoint.plainHttpUrl) return endpoint.plainHttpUrl
  const u = new URL(endpoint.url)
  return `http://${u.host.replace(/:\d+$/, '')}${u.pathname}${u.search}`
}

/** What plain HTTP does: refuse, redirect to https on the same host, redirect elsewhere, or serve content. */
export const redirectFacts = async (endpoint: VendorEndpoint, ctx: ProbeContext) => {
  const url = plainHttpUrlOf(endpoint)
  const r = await fetchOnce(url, {timeoutMs: ctx.network.connectTimeoutMs, maxBytes: 64 * 1024, proxy: proxyPolicy(ctx)})
  if (r.kind === 'error') {
    // Not listening (refused, or silently dropped) means nothing is ever sent in clear text: as good as a redirect.
    // Behind a proxy, a port nothing listens on comes back as the proxy's 'could not reach'.
    const closed = r.code === 'ECONNREFUSED' || r.code === 'ETIMEDOUT' || r.code === 'EPROXYUNREACHABLE'
    return {url, outcome: closed ? 'not-served' : 'error', detail: r.reason}
  }
  const location = typeof r.headers.location === 'string' ? r.headers.location : undefined
  if (r.status >= 300 && r.status < 400 && location) {
    const to = new URL(location, url)
    const sameHost = to.hostname === new URL(endpoint.url).hostname
    const outcome = to.protocol !== 'https:' ? 'redirect-plain' : sameHost ? 'redirect-https' : 'redirect-https-other-host'
    return {url, outcome, status: r.status, location: to.href}
  }
  return {url, outcome: 'served', status: r.status}
}

const probeEndpoint = async (endpoint: VendorEndpoint, ctx: ProbeContext): Promise<Observation> => {
  const started = ctx.now()
  const t0 = performance.now()
  const base = {probe: 'http' as const, target: endpoint.url, startedAt: started.toISOString()}
  const ms = () => Math.round(performance.now() - t0)
  let ca: string[] = []
  if (endpoint.caBundle) {
    try {
      ca = [await fs.readFile(path.resolve(ctx.vendorDir, endpoint.caBundle), 'utf8')]
    } catch {
      return {...base, durationMs: ms(), status: 'error', reason: `the CA bundle ${endpoint.caBundle} named in the profile cannot be read`}
    }
  }
  const portal = endpoint.role === 'portal'
  const [main, redirect] = await Promise.all([
    fetchOnce(endpoint.url, {
      timeoutMs: ctx.network.requestTimeoutMs,
      maxBytes: ctx.network.maxResponseBytes,
      ca,
      proxy: proxyPolicy(ctx),
      ...(portal ? {headers: {origin: PROBE_ORIGIN}} : {}),
    }),
    redirectFacts(endpoint, ctx),
  ])
  if (main.kind === 'error') {
    // An HTTPS request that fails is an HTTP error (never "no HSTS"); the plain-HTTP answer is still a fact.
    const reason = `${endpoint.url}: ${main.reason}`
    return {
      ...base,
      durationMs: ms(),
      status: 'error',
      reason,
      facts: {endpoint: {url: endpoint.url, role: endpoint.role}, https: {error: {class: httpFailureClass(main.code), reason: main.reason}}, redirect, unobserved: {}},
    }
  }
  const sec = securityHeaderFacts(main.headers)
  return {
    ...base,
    durationMs: ms(),
    status: 'ok',
    facts: {
      endpoint: {url: endpoint.url, role: endpoint.role},
      response: {status: main.status, bytes: main.bytes},
      hsts: hstsFacts(typeof main.headers['strict-transport-security'] === 'string' ? main.headers['strict-transport-security'] : undefined),
      securityHeaders: sec,
      banner: bannerFacts(main.headers),
      redirect,
      // A page people open in a browser is scored the way MDN's HTTP Observatory scores it.
      ...(portal
        ? {
            observatory: observatoryScore({
              url: endpoint.url,
              headers: main.headers,
              body: main.body.toString('utf8'),
              bodyTruncated: main.truncated,
              ...(redirect.outcome !== 'error' ? {redirectOutcome: redirect.outcome} : {}),
              originSent: PROBE_ORIGIN,
            }),
          }
        : {}),
    },
  }
}

const httpFailureClass = (code: string | undefined): string =>
  code === 'ETIMEDOUT' ? 'timeout' : code === 'ECONNRESET' ? 'reset' : code === 'ECONNREFUSED' ? 'refused' : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'dns' : code === 'EPROTO' ? 'not-tls' : code === 'HPE_INVALID_CONSTANT' ? 'not-http' : 'failed'

/** HTTPS endpoints only: DICOM TLS speaks DICOM, not HTTP, and gets the TLS checks alone. */
const isHttps = (e: VendorEndpoint): boolean => e.url.startsWith('https:')

export const httpProbe: Probe = {
  family: 'http',
  description: 'HSTS, plain-HTTP redirect, security headers and server banner of every HTTPS endpoint',
  async run(vendor, ctx) {
    const limit = limiter(ctx.network.concurrency)
    return Promise.all(vendor.endpoints.filter(isHttps).map((e) => limit(() => probeEndpoint(e, ctx))))
  },
}
