import {httpRequest} from '../../net/http.js'
import type {ProxyPolicy} from '../../net/proxy.js'

export interface FetchOnceOptions {
  /** Hard deadline for the whole exchange: a server that dribbles bytes cannot hold us past it. */
  readonly timeoutMs: number
  readonly maxBytes: number
  readonly ca?: readonly string[]
  readonly headers?: Readonly<Record<string, string>>
  readonly proxy?: ProxyPolicy
}

export type FetchOnceResult =
  | {
      readonly kind: 'response'
      readonly status: number
      readonly headers: Readonly<Record<string, string | string[] | undefined>>
      readonly bytes: number
      /** The body up to maxBytes, and whether it was cut there. */
      readonly body: Buffer
      readonly truncated: boolean
    }
  | {readonly kind: 'error'; readonly reason: string; readonly code?: string}

const WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (nothing listens on that port)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved',
  ECONNRESET: 'the server reset the connection',
  EPROTO: 'the server does not answer with TLS',
  HPE_INVALID_CONSTANT: 'the server does not answer with HTTP',
}

/**
 * One GET, no redirects followed, with a hard deadline and a response-size cap, on the one HTTP client.
 * Certificates are not verified here: the TLS probe judges them, and this probe must still see the headers of a
 * badly set-up server. A body larger than the cap is cut off, not read into memory: headers are what we came for.
 */
export const fetchOnce = async (url: string, opts: FetchOnceOptions): Promise<FetchOnceResult> => {
  const r = await httpRequest(
    {url, headers: {'user-agent': 'scanvet (vendor security assessment)', ...opts.headers}},
    {
      timeoutMs: opts.timeoutMs,
      maxBytes: opts.maxBytes,
      maxRedirects: 0,
      overflow: 'truncate',
      httpsOnly: false,
      followRedirects: false,
      tls: {verify: false, ...(opts.ca?.length ? {ca: opts.ca} : {})},
      ...(opts.proxy ? {proxy: opts.proxy} : {}),
    },
  )
  if (r.kind === 'response') return {kind: 'response', status: r.status, headers: r.headers, bytes: r.bytes, body: r.body, truncated: r.truncated}
  if (r.code === 'timeout') return {kind: 'error', code: 'ETIMEDOUT', reason: `no complete HTTP answer within ${opts.timeoutMs} ms`}
  return {kind: 'error', ...(r.cause ? {code: r.cause} : {}), reason: (r.cause && WORDS[r.cause]) ?? r.detail}
}
