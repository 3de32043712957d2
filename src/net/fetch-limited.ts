import type {ProxyPolicy} from './proxy.js'
import {redactUrl} from './redact-url.js'

export {redactUrl} from './redact-url.js'

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
  readonly proxy?: ProxyPolicy
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

/** GET evidence (a SOC 2 report, security.txt, a trust page) whole or not at all, over HTTPS, on the one client. */
export const fetchLimited = async (url: string, opts: FetchLimitedOptions): Promise<FetchLimitedResult> => {
  const shown = redactUrl(url)
  // Loaded on first use: the HTTP client (axios) costs ~50 ms at start-up, and reading a local file needs none of it.
  const {httpRequest} = await import('./http.js')
  const r = await httpRequest(
    {url, ...(opts.headers ? {headers: opts.headers} : {})},
    {
      timeoutMs: opts.timeoutMs,
      maxBytes: opts.maxBytes,
      maxRedirects: opts.maxRedirects,
      overflow: 'error',
      httpsOnly: !opts.allowHttp,
      tls: {verify: true, ...(opts.extraCa?.length ? {ca: opts.extraCa} : {})},
      ...(opts.signal ? {signal: opts.signal} : {}),
      ...(opts.proxy ? {proxy: opts.proxy} : {}),
    },
  )
  if (r.kind === 'error') return {status: 'error', url: shown, reason: r.reason, ...(r.status ? {statusCode: r.status} : {})}
  return {status: 'ok', url: shown, finalUrl: redactUrl(r.url), statusCode: r.status, headers: r.headers, body: r.body, redirects: r.redirects}
}
