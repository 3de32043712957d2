import http from 'node:http'
import https from 'node:https'
import tls from 'node:tls'

export interface FetchLimitedOptions {
  /** Deadline for the whole exchange, redirects and body included (not an idle timeout a slow drip can dodge). */
  readonly timeoutMs: number
  readonly maxBytes: number
  readonly maxRedirects: number
  /** Extra CA certificates (PEM) trusted on top of the system roots. */
  readonly extraCa?: readonly string[]
  readonly headers?: Readonly<Record<string, string>>
  /** Plain http:// is refused unless allowed (also after a redirect). */
  readonly allowHttp?: boolean
  readonly signal?: AbortSignal
}

export type FetchLimitedResult =
  | {
      readonly status: 'ok'
      readonly url: string
      readonly finalUrl: string
      readonly statusCode: number
      readonly headers: Readonly<Record<string, string | string[] | undefined>>
      readonly body: Buffer
      readonly redirects: readonly string[]
    }
  | {readonly status: 'error'; readonly url: string; readonly reason: string; readonly statusCode?: number}

/** A URL as reports may show it: a query string can carry a pre-signed token, so it is hidden. */
export const redactUrl = (url: string): string => {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}${u.search ? '?[query hidden]' : ''}`
  } catch {
    return '[invalid URL]'
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

interface Hop {
  readonly kind: 'response' | 'redirect'
  readonly statusCode: number
  readonly headers: http.IncomingHttpHeaders
  readonly body?: Buffer
  readonly location?: string
}

const oneRequest = (url: URL, opts: FetchLimitedOptions, ca: string[] | undefined, signal: AbortSignal): Promise<Hop> =>
  new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http
    const req = mod.request(
      url,
      {method: 'GET', headers: {'user-agent': 'scanvet', accept: '*/*', ...opts.headers}, signal, ...(url.protocol === 'https:' && ca ? {ca} : {}), agent: false},
      (res) => {
        const statusCode = res.statusCode ?? 0
        if (REDIRECTS.has(statusCode)) {
          res.resume()
          resolve({kind: 'redirect', statusCode, headers: res.headers, ...(res.headers.location ? {location: res.headers.location} : {})})
          return
        }
        const declared = Number(res.headers['content-length'])
        if (Number.isFinite(declared) && declared > opts.maxBytes) {
          res.destroy()
          reject(new Error(`the response is ${declared} bytes, over the ${opts.maxBytes}-byte limit`))
          return
        }
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          size += c.length
          if (size > opts.maxBytes) {
            res.destroy()
            reject(new Error(`the response ran over the ${opts.maxBytes}-byte limit`))
            return
          }
          chunks.push(c)
        })
        res.on('end', () => resolve({kind: 'response', statusCode, headers: res.headers, body: Buffer.concat(chunks)}))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end()
  })

/**
 * GET a URL with a total deadline, a size limit and a redirect limit. Never throws: every failure is an
 * `error` result with a plain reason (the query string, which may hold a token, is never echoed).
 */
export const fetchLimited = async (url: string, opts: FetchLimitedOptions): Promise<FetchLimitedResult> => {
  const shown = redactUrl(url)
  const deadline = AbortSignal.timeout(opts.timeoutMs)
  const signal = opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline
  const ca = opts.extraCa && opts.extraCa.length > 0 ? [...tls.rootCertificates, ...opts.extraCa] : undefined
  const redirects: string[] = []
  let current: URL
  try {
    current = new URL(url)
  } catch {
    return {status: 'error', url: shown, reason: 'not a valid URL'}
  }
  for (;;) {
    if (current.protocol !== 'https:' && !(opts.allowHttp && current.protocol === 'http:')) {
      return {status: 'error', url: shown, reason: `${redactUrl(current.href)} is not an https:// URL; scanvet fetches evidence only over HTTPS`}
    }
    let hop: Hop
    try {
      hop = await oneRequest(current, opts, ca, signal)
    } catch (error) {
      const e = error as Error & {code?: string}
      const reason = deadline.aborted
        ? `no complete answer within ${opts.timeoutMs} ms`
        : opts.signal?.aborted
          ? 'cancelled'
          : e.code && e.code !== 'ABORT_ERR'
            ? `${e.code}: ${e.message}`
            : e.message
      return {status: 'error', url: shown, reason: `${redactUrl(current.href)}: ${reason}`}
    }
    if (hop.kind === 'redirect') {
      if (!hop.location) return {status: 'error', url: shown, statusCode: hop.statusCode, reason: `redirect ${hop.statusCode} without a Location header`}
      if (redirects.length >= opts.maxRedirects) return {status: 'error', url: shown, statusCode: hop.statusCode, reason: `more than ${opts.maxRedirects} redirects`}
      const next = new URL(hop.location, current)
      redirects.push(redactUrl(next.href))
      current = next
      continue
    }
    return {status: 'ok', url: shown, finalUrl: redactUrl(current.href), statusCode: hop.statusCode, headers: hop.headers, body: hop.body ?? Buffer.alloc(0), redirects}
  }
}
