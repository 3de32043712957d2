import {httpRequest} from '../../net/http.js'
import type {ProxyPolicy} from '../../net/proxy.js'

/** Limits every retention request runs under; from the workspace's network settings. */
export interface CallLimits {
  readonly timeoutMs: number
  readonly maxResponseBytes: number
  readonly maxRedirects: number
  readonly ca?: readonly string[]
  readonly signal?: AbortSignal
  readonly proxy?: ProxyPolicy
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

/**
 * One retention exchange (STOW, QIDO, WADO, DELETE or a REST flow's step) on the one HTTP client. The vendor's
 * DICOMweb server may be plain http inside a lab, so http:// is allowed here; the TLS probe judges the transport.
 */
export const call = async (req: CallRequest, limits: CallLimits): Promise<CallResult> => {
  const r = await httpRequest(req, {
    timeoutMs: limits.timeoutMs,
    maxBytes: limits.maxResponseBytes,
    maxRedirects: limits.maxRedirects,
    overflow: 'truncate',
    httpsOnly: false,
    tls: {verify: true, ...(limits.ca?.length ? {ca: limits.ca} : {})},
    ...(limits.signal ? {signal: limits.signal} : {}),
    ...(limits.proxy ? {proxy: limits.proxy} : {}),
  })
  if (r.kind === 'error') return {kind: 'network-error', reason: r.detail, url: req.url, ms: r.ms}
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v
  return {kind: 'response', status: r.status, headers, body: r.body, truncated: r.truncated, url: r.url, redirects: r.redirects.length, ms: r.ms}
}

