import {createRequire} from 'node:module'
import type {Readable} from 'node:stream'

import type {AxiosError, AxiosStatic} from 'axios'

// axios's one-file CommonJS build, not its ESM entry (~60 modules): loading it costs half as much (~125 ms less
// on every `probe tls` run, which is otherwise as long as the TLS probe of a local endpoint). Same code, same API.
const axios = createRequire(import.meta.url)('axios') as AxiosStatic

import {agentFor, type TlsPolicy} from './agent.js'
import {proxyFor, type ProxyPolicy} from './proxy.js'
import {redactUrl} from './redact-url.js'

export {redactUrl} from './redact-url.js'

export interface HttpRequest {
  readonly method?: string
  readonly url: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: Uint8Array
}

/** The rules every exchange scanvet makes runs under. */
export interface HttpLimits {
  /** A hard deadline over the whole exchange (connect, redirects, body), not an idle timeout a slow drip dodges. */
  readonly timeoutMs: number
  readonly maxBytes: number
  readonly maxRedirects: number
  /** Past maxBytes: `error` (evidence must be whole) or `truncate` (the start is enough, e.g. headers). */
  readonly overflow?: 'error' | 'truncate'
  /** Refuse http:// (also after a redirect). Default true. */
  readonly httpsOnly?: boolean
  /** Follow redirects (GET and HEAD only; other methods return the 3xx). Default true. */
  readonly followRedirects?: boolean
  readonly tls?: TlsPolicy
  readonly signal?: AbortSignal
  readonly proxy?: ProxyPolicy
}

export type HttpErrorCode =
  | 'timeout'
  | 'cancelled'
  | 'invalid-url'
  | 'insecure-url'
  | 'too-many-redirects'
  | 'redirect-without-location'
  | 'too-large'
  | 'refused'
  | 'reset'
  | 'dns'
  | 'tls'
  | 'certificate'
  | 'not-http'
  | 'proxy'
  | 'other'

export type HttpResult =
  | {
      readonly kind: 'response'
      readonly status: number
      readonly headers: ResponseHeaders
      readonly body: Buffer
      /** The body was cut at maxBytes (overflow: 'truncate'). */
      readonly truncated: boolean
      /** Bytes the server sent, counted up to the point reading stopped. */
      readonly bytes: number
      /** The URL that answered, as given (callers redact before showing it). */
      readonly url: string
      /** Each redirect's target, query string hidden. */
      readonly redirects: readonly string[]
      readonly ms: number
    }
  | {
      readonly kind: 'error'
      readonly code: HttpErrorCode
      /** Plain words, led by the URL (query hidden); never a credential. */
      readonly reason: string
      /** The same words without the URL, for callers that name the request themselves. */
      readonly detail: string
      /** The lower-level code (ECONNREFUSED, CERT_HAS_EXPIRED…), when there is one. */
      readonly cause?: string
      readonly url: string
      readonly status?: number
      readonly ms: number
    }

/** Response headers as Node gives them: lower-case names, set-cookie and friends as arrays. */
export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>

/** The response stream axios hands over with decompression off: Node's message, headers included. */
type RawResponse = Readable & {readonly headers: Record<string, string | string[] | undefined>}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

const DEFAULT_HEADERS = {'user-agent': 'scanvet', accept: '*/*', 'accept-encoding': 'identity'}

interface Classified {
  readonly code: HttpErrorCode
  readonly reason: string
}

const classify = (e: NodeJS.ErrnoException): Classified => {
  const code = e.code ?? ''
  const first = (e.message ?? '').split('\n')[0] ?? ''
  if (code === 'ECONNREFUSED') return {code: 'refused', reason: 'connection refused'}
  if (code === 'ECONNRESET' || code === 'EPIPE') return {code: 'reset', reason: 'the connection was reset'}
  if (code === 'ENOTFOUND') return {code: 'dns', reason: 'the host name does not resolve'}
  if (code === 'EAI_AGAIN') return {code: 'dns', reason: 'the host name could not be resolved'}
  if (code === 'EPROTO' || code.startsWith('ERR_SSL')) return {code: 'tls', reason: `TLS protocol error (${first})`}
  if (/CERT|SELF_SIGNED|UNABLE_TO|ALTNAME/.test(code)) return {code: 'certificate', reason: `the certificate is not trusted (${code})`}
  if (code.startsWith('HPE_') || code === 'ERR_BAD_RESPONSE') return {code: 'not-http', reason: code === 'HPE_INVALID_CONSTANT' ? 'the answer is not HTTP' : `the answer is not valid HTTP (${code})`}
  if (code === 'EPROXY' || code === 'EPROXYAUTH' || code === 'EPROXYUNREACHABLE') return {code: 'proxy', reason: first}
  if (code === 'ETIMEDOUT') return {code: 'timeout', reason: first}
  return {code: 'other', reason: code ? `${code}: ${first}` : first}
}

/** The original error under axios's wrapper: its code is what says what went wrong. */
const rootCause = (e: unknown): NodeJS.ErrnoException => {
  const ax = e as AxiosError & {cause?: NodeJS.ErrnoException}
  if (ax.cause && typeof ax.cause === 'object' && 'code' in ax.cause && ax.cause.code) return ax.cause
  return ax as NodeJS.ErrnoException
}

type Hop =
  | {readonly kind: 'redirect'; readonly status: number; readonly location?: string; readonly headers: ResponseHeaders}
  | {readonly kind: 'response'; readonly status: number; readonly headers: ResponseHeaders; readonly body: Buffer; readonly truncated: boolean; readonly bytes: number}

class Overflow extends Error {}

const readBody = (res: RawResponse, limits: HttpLimits, signal: AbortSignal): Promise<{body: Buffer; truncated: boolean; bytes: number}> =>
  new Promise((resolve, reject) => {
    const declared = Number(res.headers['content-length'])
    if ((limits.overflow ?? 'error') === 'error' && Number.isFinite(declared) && declared > limits.maxBytes) {
      res.destroy()
      reject(new Overflow(`the response is ${declared} bytes, over the ${limits.maxBytes}-byte limit`))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      signal.removeEventListener('abort', onAbort)
      fn()
    }
    const onAbort = () => settle(() => (res.destroy(), reject(signal.reason ?? new Error('aborted'))))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, {once: true})
    res.on('data', (c: Buffer) => {
      if (settled) return
      if (size + c.length > limits.maxBytes) {
        if ((limits.overflow ?? 'error') === 'error') {
          settle(() => (res.destroy(), reject(new Overflow(`the response ran over the ${limits.maxBytes}-byte limit`))))
          return
        }
        chunks.push(c.subarray(0, limits.maxBytes - size))
        const bytes = size + c.length
        size = limits.maxBytes
        settle(() => (res.destroy(), resolve({body: Buffer.concat(chunks), truncated: true, bytes})))
        return
      }
      chunks.push(c)
      size += c.length
    })
    res.on('end', () => settle(() => resolve({body: Buffer.concat(chunks), truncated: false, bytes: size})))
    res.on('error', (e) => settle(() => reject(e)))
    res.on('aborted', () => settle(() => reject(Object.assign(new Error('the connection broke while reading the answer'), {code: 'ECONNRESET'}))))
  })

/** A 5xx the proxy made itself (it could not reach the endpoint), told apart from one the endpoint sent. */
const proxyMade = (status: number, headers: ResponseHeaders): boolean =>
  status >= 500 && (headers['x-squid-error'] !== undefined || /tinyproxy|squid/i.test(String(headers.server ?? '')))

const oneHop = async (req: HttpRequest, url: URL, limits: HttpLimits, signal: AbortSignal, relay = false): Promise<Hop> => {
  const route = proxyFor(url, limits.proxy)
  const tlsPolicy = limits.tls ?? {verify: true}
  const agent = agentFor(url, tlsPolicy, route, {timeoutMs: limits.timeoutMs, signal}, relay)
  try {
    const res = await axios.request<RawResponse>({
      url: url.href,
      method: req.method ?? 'GET',
      headers: {...DEFAULT_HEADERS, ...req.headers},
      ...(req.body ? {data: Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength)} : {}),
      responseType: 'stream',
      decompress: false,
      maxRedirects: 0,
      maxBodyLength: Number.POSITIVE_INFINITY,
      // -1: the raw response stream, which readBody caps itself (axios would wrap it in a generator otherwise).
      maxContentLength: -1,
      validateStatus: () => true,
      // Proxies are ours to choose (network.proxy, NO_PROXY), not axios's own reading of the environment.
      proxy: false,
      httpAgent: agent,
      httpsAgent: agent,
      signal,
    })
    const stream = res.data
    const headers = stream.headers
    const status = res.status
    if (relay && proxyMade(status, headers)) {
      stream.resume()
      throw Object.assign(new Error(`the proxy could not reach ${url.host} (HTTP ${status})`), {code: 'EPROXYUNREACHABLE'})
    }
    if (REDIRECTS.has(status)) {
      stream.resume()
      const location = Array.isArray(headers.location) ? headers.location[0] : headers.location
      return {kind: 'redirect', status, headers, ...(location ? {location} : {})}
    }
    const body = await readBody(stream, limits, signal)
    return {kind: 'response', status, headers, ...body}
  } catch (error) {
    // Squid refuses CONNECT to non-TLS ports by default: plain http then goes the way proxies relay it.
    const root = rootCause(error) as NodeJS.ErrnoException & {status?: number}
    if (route && !relay && url.protocol === 'http:' && root.code === 'EPROXY' && root.status === 403) return oneHop(req, url, limits, signal, true)
    throw error
  } finally {
    agent.destroy()
  }
}

/**
 * One HTTP exchange under scanvet's rules. Never throws: a refused connection, a reset, a hang, a bad
 * certificate, a body over the cap or a redirect to plain http comes back as an `error` with a plain reason.
 * Authorization is dropped when a redirect leaves the origin; query strings appear in no reason.
 */
export const httpRequest = async (req: HttpRequest, limits: HttpLimits): Promise<HttpResult> => {
  const t0 = performance.now()
  const ms = () => Math.round(performance.now() - t0)
  const deadline = AbortSignal.timeout(limits.timeoutMs)
  const signal = limits.signal ? AbortSignal.any([deadline, limits.signal]) : deadline
  const httpsOnly = limits.httpsOnly ?? true
  const redirects: string[] = []
  let current: URL
  try {
    current = new URL(req.url)
  } catch {
    return {kind: 'error', code: 'invalid-url', reason: 'not a valid URL', detail: 'not a valid URL', url: req.url, ms: ms()}
  }
  let headers = {...req.headers}
  for (;;) {
    const shown = redactUrl(current.href)
    if (current.protocol !== 'https:' && current.protocol !== 'http:') {
      return {kind: 'error', code: 'invalid-url', reason: `${shown}: unsupported URL scheme ${current.protocol}`, detail: `unsupported URL scheme ${current.protocol}`, url: current.href, ms: ms()}
    }
    if (httpsOnly && current.protocol !== 'https:') {
      return {kind: 'error', code: 'insecure-url', reason: `${shown} is not an https:// URL; scanvet fetches evidence only over HTTPS`, detail: 'not an https:// URL; scanvet fetches evidence only over HTTPS', url: current.href, ms: ms()}
    }
    let hop: Hop
    try {
      hop = await oneHop({...req, headers, url: current.href}, current, limits, signal)
    } catch (error) {
      const base = {url: current.href, ms: ms()}
      if (error instanceof Overflow) return {kind: 'error', code: 'too-large', reason: `${shown}: ${error.message}`, detail: `${error.message}`, ...base}
      if (deadline.aborted) return {kind: 'error', code: 'timeout', reason: `${shown}: no complete answer within ${limits.timeoutMs} ms`, detail: `no complete answer within ${limits.timeoutMs} ms`, ...base}
      if (limits.signal?.aborted) return {kind: 'error', code: 'cancelled', reason: `${shown}: cancelled`, detail: `cancelled`, ...base}
      const root = rootCause(error)
      const c = classify(root)
      return {kind: 'error', code: c.code, reason: `${shown}: ${c.reason}`, detail: `${c.reason}`, ...(root.code ? {cause: root.code} : {}), ...base}
    }
    if (hop.kind === 'response') {
      return {kind: 'response', status: hop.status, headers: hop.headers, body: hop.body, truncated: hop.truncated, bytes: hop.bytes, url: current.href, redirects, ms: ms()}
    }
    const method = (req.method ?? 'GET').toUpperCase()
    if (limits.followRedirects === false || (method !== 'GET' && method !== 'HEAD')) {
      return {kind: 'response', status: hop.status, headers: hop.headers, body: Buffer.alloc(0), truncated: false, bytes: 0, url: current.href, redirects, ms: ms()}
    }
    if (!hop.location) return {kind: 'error', code: 'redirect-without-location', status: hop.status, reason: `${shown}: redirect ${hop.status} without a Location header`, detail: `redirect ${hop.status} without a Location header`, url: current.href, ms: ms()}
    if (redirects.length >= limits.maxRedirects) return {kind: 'error', code: 'too-many-redirects', status: hop.status, reason: `${shown}: more than ${limits.maxRedirects} redirects`, detail: `more than ${limits.maxRedirects} redirects`, url: current.href, ms: ms()}
    let next: URL
    try {
      next = new URL(hop.location, current)
    } catch {
      return {kind: 'error', code: 'invalid-url', status: hop.status, reason: `${shown}: redirect to an invalid URL`, detail: `redirect to an invalid URL`, url: current.href, ms: ms()}
    }
    if (next.origin !== current.origin) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization' && k.toLowerCase() !== 'cookie'))
    redirects.push(redactUrl(next.href))
    current = next
  }
}
