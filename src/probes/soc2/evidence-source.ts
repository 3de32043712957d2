import {createHash} from 'node:crypto'
import {promises as fs} from 'node:fs'
import path from 'node:path'

import {fetchLimited, redactUrl} from '../../net/fetch-limited.js'
import {proxyPolicy, type ProxyPolicy} from '../../net/proxy.js'
import type {EvidenceKind} from '../../schemas/common.js'
import type {VendorEvidence} from '../../workspace/workspace-types.js'
import type {ProbeContext} from '../probe-types.js'

export type SourceKind = EvidenceKind | 'security-txt' | 'trust-page'

/** A document scanvet read, hashed, and will keep in the round's evidence/ folder. */
export interface LoadedDocument {
  readonly kind: SourceKind
  /** The path (relative to the vendor folder) or URL (query hidden) it came from. */
  readonly source: string
  readonly sha256: string
  readonly size: number
  readonly bytes: Buffer
  /** Its name inside the round's evidence/ folder. */
  readonly file: string
  readonly contentType?: string
  readonly statusCode?: number
}

export type DocumentResult = {readonly status: 'ok'; readonly doc: LoadedDocument} | {readonly status: 'error'; readonly kind: SourceKind; readonly source: string; readonly reason: string}

const extensionOf = (bytes: Buffer, hint: string): string => {
  if (bytes.subarray(0, 1024).includes('%PDF-')) return '.pdf'
  const ext = path.extname(hint.split('?')[0] ?? '').toLowerCase()
  return /^\.[a-z0-9]{1,5}$/.test(ext) ? ext : '.bin'
}

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex')

const loaded = (kind: SourceKind, source: string, bytes: Buffer, extra: {contentType?: string; statusCode?: number; ext?: string} = {}): LoadedDocument => {
  const hash = sha256(bytes)
  return {
    kind,
    source,
    sha256: hash,
    size: bytes.length,
    bytes,
    file: `${kind}-${hash.slice(0, 12)}${extra.ext ?? extensionOf(bytes, source)}`,
    ...(extra.contentType ? {contentType: extra.contentType} : {}),
    ...(extra.statusCode ? {statusCode: extra.statusCode} : {}),
  }
}

export interface SourceLimits {
  readonly maxBytes: number
  readonly timeoutMs: number
  readonly maxRedirects: number
  /** CAs trusted on top of the system roots (the vendor's pinned CAs). */
  readonly extraCa: readonly string[]
  readonly proxy?: ProxyPolicy
}

export const sourceLimits = (ctx: ProbeContext, extraCa: readonly string[]): SourceLimits => ({
  maxBytes: ctx.network.maxResponseBytes,
  timeoutMs: ctx.network.requestTimeoutMs,
  maxRedirects: ctx.network.maxRedirects,
  extraCa,
  proxy: proxyPolicy(ctx),
})

/** Read a local file, refusing one over the size limit before reading a byte of it. */
export const readEvidenceFile = async (kind: SourceKind, rel: string, vendorDir: string, maxBytes: number): Promise<DocumentResult> => {
  const file = path.resolve(vendorDir, rel)
  try {
    const st = await fs.stat(file)
    if (!st.isFile()) return {status: 'error', kind, source: rel, reason: `${rel} is not a file`}
    if (st.size > maxBytes) return {status: 'error', kind, source: rel, reason: `${rel} is ${st.size} bytes, over the ${maxBytes}-byte limit for documents`}
    return {status: 'ok', doc: loaded(kind, rel, await fs.readFile(file))}
  } catch (error) {
    const code = (error as {code?: string}).code
    return {status: 'error', kind, source: rel, reason: code === 'ENOENT' ? `${rel} does not exist (paths are relative to the vendor folder)` : `${rel} cannot be read (${code ?? 'error'})`}
  }
}

/** GET a URL within the limits; anything but 200 is an error with the status. */
export const fetchEvidence = async (kind: SourceKind, url: string, limits: SourceLimits, signal?: AbortSignal, ext?: string): Promise<DocumentResult> => {
  const r = await fetchLimited(url, {timeoutMs: limits.timeoutMs, maxBytes: limits.maxBytes, maxRedirects: limits.maxRedirects, extraCa: limits.extraCa, ...(limits.proxy ? {proxy: limits.proxy} : {}), ...(signal ? {signal} : {})})
  const source = redactUrl(url)
  if (r.status === 'error') return {status: 'error', kind, source, reason: r.reason}
  if (r.statusCode !== 200) {
    const hint = r.statusCode === 401 || r.statusCode === 403 ? ' (the page needs a login: download the document and give its path instead)' : ''
    return {status: 'error', kind, source, reason: `HTTP ${r.statusCode} from ${r.finalUrl}${hint}`}
  }
  const contentType = typeof r.headers['content-type'] === 'string' ? r.headers['content-type'] : undefined
  return {status: 'ok', doc: loaded(kind, source, r.body, {statusCode: r.statusCode, ...(contentType ? {contentType} : {}), ...(ext ? {ext} : {})})}
}

/** A profile evidence entry, from its file or its URL. */
export const loadEvidence = (e: VendorEvidence, vendorDir: string, limits: SourceLimits, signal?: AbortSignal): Promise<DocumentResult> =>
  e.path ? readEvidenceFile(e.kind, e.path, vendorDir, limits.maxBytes) : fetchEvidence(e.kind, e.url!, limits, signal)
