import http from 'node:http'
import https from 'node:https'

/** Limits every retention request runs under; from the workspace's network settings. */
export interface CallLimits {
  readonly timeoutMs: number
  readonly maxResponseBytes: number
  readonly maxRedirects: number
  readonly ca?: readonly string[]
  readonly signal?: AbortSignal
}

export interface CallRequest {
  readonly method: string
  readonly url: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: Uint8Array
}

export type CallResult =
  | {
      readonly kind: 'response'
      readonly status: number
      readonly headers: Readonly<Record<string, string>>
      readonly body: Buffer
      /** The body was cut at maxResponseBytes. */
      readonly truncated: boolean
      readonly url: string
      readonly redirects: number
      readonly ms: number
    }
  | {readonly kind: 'network-error'; readonly reason: string; readonly url: string; readonly ms: number}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

const once = (req: CallRequest, limits: CallLimits, deadline: number): Promise<CallResult | {redirect: string; status: number}> =>
  new Promise((resolve) => {
    const t0 = performance.now()
    const left = Math.max(1, deadline - Date.now())
    let settled = false
    let timer: NodeJS.Timeout | undefined
    let onAbort: (() => void) | undefined
    const finish = (r: CallResult | {redirect: string; status: number}) => {
      if (settled) return
      settled = true
      if (timer) clearTimeout(timer)
      if (onAbort) limits.signal?.removeEventListener('abort', onAbort)
      resolve(r)
    }
    const fail = (reason: string) => finish({kind: 'network-error', reason, url: req.url, ms: Math.round(performance.now() - t0)})
    let u: URL
    try {
      u = new URL(req.url)
    } catch {
      fail(`not a valid URL: ${req.url}`)
      return
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') {
      fail(`unsupported URL scheme ${u.protocol}`)
      return
    }
    const mod = u.protocol === 'https:' ? https : http
    const headers: Record<string, string> = {...req.headers}
    if (req.body) headers['Content-Length'] = String(req.body.byteLength)
    const r = mod.request(u, {
      method: req.method,
      headers,
      agent: false,
      ...(u.protocol === 'https:' && limits.ca && limits.ca.length > 0 ? {ca: [...limits.ca]} : {}),
    })
    // One deadline for the whole exchange: a server that trickles bytes cannot hold the probe past it.
    timer = setTimeout(() => {
      r.destroy()
      fail(`no complete answer within ${limits.timeoutMs} ms`)
    }, left)
    onAbort = () => {
      r.destroy()
      fail('cancelled')
    }
    if (limits.signal?.aborted) onAbort()
    else limits.signal?.addEventListener('abort', onAbort, {once: true})
    r.on('error', (e: NodeJS.ErrnoException) => fail(describeError(e)))
    r.on('response', (res) => {
      const status = res.statusCode ?? 0
      const location = res.headers.location
      if (REDIRECTS.has(status) && location) {
        res.resume()
        finish({redirect: new URL(location, u).toString(), status})
        return
      }
      const chunks: Buffer[] = []
      let size = 0
      let truncated = false
      res.on('data', (c: Buffer) => {
        if (truncated) return
        if (size + c.length > limits.maxResponseBytes) {
          chunks.push(c.subarray(0, limits.maxResponseBytes - size))
          size = limits.maxResponseBytes
          truncated = true
          done()
          res.destroy()
          return
        }
        chunks.push(c)
        size += c.length
      })
      const done = () => {
        const hs: Record<string, string> = {}
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) hs[k] = Array.isArray(v) ? v.join(', ') : v
        finish({kind: 'response', status, headers: hs, body: Buffer.concat(chunks), truncated, url: req.url, redirects: 0, ms: Math.round(performance.now() - t0)})
      }
      res.on('end', done)
      res.on('error', (e: NodeJS.ErrnoException) => fail(`the connection broke while reading the answer (${describeError(e)})`))
      res.on('aborted', () => fail('the connection broke while reading the answer'))
    })
    r.end(req.body ? Buffer.from(req.body) : undefined)
  })

/**
 * One HTTP exchange under a total deadline, a response-size cap and a redirect limit. Never throws: a refused
 * connection, a reset, a hang or a bad certificate comes back as `network-error` with a reason.
 * Redirects are followed for GET/HEAD only, and credentials are dropped when a redirect leaves the origin.
 */
export const call = async (req: CallRequest, limits: CallLimits): Promise<CallResult> => {
  const deadline = Date.now() + limits.timeoutMs
  const t0 = performance.now()
  let current = req
  for (let redirects = 0; ; redirects++) {
    const r = await once(current, limits, deadline)
    if (!('redirect' in r)) return r.kind === 'response' ? {...r, redirects, url: current.url, ms: Math.round(performance.now() - t0)} : r
    const follow = current.method === 'GET' || current.method === 'HEAD'
    if (!follow) {
      return {kind: 'response', status: r.status, headers: {location: r.redirect}, body: Buffer.alloc(0), truncated: false, url: current.url, redirects, ms: Math.round(performance.now() - t0)}
    }
    if (redirects >= limits.maxRedirects) {
      return {kind: 'network-error', reason: `more than ${limits.maxRedirects} redirects`, url: req.url, ms: Math.round(performance.now() - t0)}
    }
    const sameOrigin = new URL(r.redirect).origin === new URL(current.url).origin
    const headers = Object.fromEntries(Object.entries(current.headers ?? {}).filter(([k]) => sameOrigin || k.toLowerCase() !== 'authorization'))
    current = {method: current.method, url: r.redirect, headers}
  }
}

const describeError = (e: NodeJS.ErrnoException): string => {
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused'
    case 'ECONNRESET':
      return 'the connection was reset'
    case 'ENOTFOUND':
      return 'host not found'
    case 'EPROTO':
      return `TLS protocol error (${e.message})`
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_STATUS':
    case 'HPE_INVALID_HEADER_TOKEN':
      return 'the answer is not HTTP'
    default:
      if (e.code?.startsWith('HPE_')) return `the answer is not valid HTTP (${e.code})`
      if (e.code && /CERT|SELF_SIGNED|UNABLE_TO/.test(e.code)) return `the certificate is not trusted (${e.code})`
      return e.code ? `${e.code}: ${e.message}` : e.message
  }
}
