import {suitesFor} from './cipher-catalogue.js'
import {GROUP_ID, type HelloResult} from './client-hello.js'
import type {RunHello} from './enumerate-suites.js'

/**
 * The tests testssl.sh and sslyze run besides versions and suites, each one ClientHello that stops at the
 * ServerHello: downgrade protection (TLS_FALLBACK_SCSV), the heartbeat extension, the hybrid post-quantum group.
 * Every result is a fact, or a reason it could not be observed (a timeout or a broken connection says nothing).
 */
export type Extra<T> = {readonly kind: 'observed'; readonly facts: T} | {readonly kind: 'unobserved'; readonly reason: string}

const ids = (v: string) => suitesFor(v).map((s) => Number(s.id))
const unobserved = (what: string, r: Extract<HelloResult, {kind: 'network-error'}>): Extra<never> => ({kind: 'unobserved', reason: `${what} (${r.reason})`})

/** Versions a downgrade can go to, newest first (SSL 3.0 has no extensions but does carry the SCSV). */
const ORDER = ['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1', 'SSLv3']

export interface FallbackFacts {
  /** Two or more versions offered: a downgrade is possible, so the protection matters. */
  readonly applicable: boolean
  readonly best?: string
  readonly retriedAt?: string
  /** The server completed its hello at the lower version although the SCSV said it is a fallback. */
  readonly accepted?: boolean
  /** What it answered: `inappropriate_fallback` (RFC 7507), another alert, or the version it accepted. */
  readonly answer?: string
}

/**
 * RFC 7507: a ClientHello at the version just below the server's best, carrying TLS_FALLBACK_SCSV. A server that
 * implements it answers the alert inappropriate_fallback (86); one that completes the hello can be pushed down a
 * version by anyone who drops its first answers (POODLE's way to SSL 3.0).
 */
export const probeFallbackScsv = async (offered: readonly string[], hello: RunHello, timeoutMs: number): Promise<Extra<FallbackFacts>> => {
  const versions = ORDER.filter((v) => offered.includes(v))
  if (versions.length < 2) return {kind: 'observed', facts: {applicable: false}}
  const [best, lower] = versions as [string, string]
  const r = await hello({version: lower, suites: ids(lower), fallbackScsv: true, timeoutMs})
  if (r.kind === 'network-error') return unobserved(`the ${lower} hello with TLS_FALLBACK_SCSV broke off`, r)
  const base = {applicable: true, best, retriedAt: lower}
  if (r.kind === 'accepted') return {kind: 'observed', facts: {...base, accepted: true, answer: `accepted ${r.version}`}}
  return {kind: 'observed', facts: {...base, accepted: false, answer: r.reason.replace(/^alert /, '')}}
}

export interface HeartbeatFacts {
  readonly offered: boolean
  readonly testedAt: string
}

/**
 * RFC 6520: offered if the ServerHello to a normal hello carrying the heartbeat extension echoes it. Never a
 * heartbeat message. The extension rides on another hello (the compression one); this reads its answer.
 */
export const heartbeatFacts = (version: string, r: HelloResult): Extra<HeartbeatFacts> => {
  if (r.kind === 'network-error') return unobserved(`the ${version} hello with the heartbeat extension broke off`, r)
  // A refusal of a hello the server accepted without the extension: it does not take heartbeat.
  return {kind: 'observed', facts: {offered: r.kind === 'accepted' && r.heartbeat, testedAt: version}}
}

export interface PostQuantumFacts {
  readonly offered: boolean
  /** The server dropped the browser-like hello without a word or an alert, though it speaks TLS 1.3. */
  readonly brokeOff: boolean
  /** In words, for the report: what the hello drew. */
  readonly result: string
}

/** The groups Chrome and Firefox offer since 2024: the hybrid group first, then X25519, P-256, P-384. */
const BROWSER_GROUPS = ['X25519MLKEM768', 'X25519', 'P-256', 'P-384'].map((g) => GROUP_ID[g]!)

/**
 * draft-ietf-tls-ecdhe-mlkem: a TLS 1.3 hello with the groups current browsers list, X25519MLKEM768 (0x11EC)
 * first with a well-formed 1216-byte share, then classical groups. A server that has the group and uses it
 * answers a ServerHello naming it: that is what protects traffic recorded today. One without it asks for X25519
 * (or P-256) in a HelloRetryRequest: not offered, and nothing wrong. One that drops this hello without an alert, although it speaks TLS 1.3,
 * cannot take what browsers send (a hello of about 1.7 KB): the one adverse outcome, and only info.
 */
export const probePostQuantum = async (offered: readonly string[], hello: RunHello, timeoutMs: number): Promise<Extra<PostQuantumFacts>> => {
  if (!offered.includes('TLSv1.3')) return {kind: 'observed', facts: {offered: false, brokeOff: false, result: 'not tested: TLS 1.3 is not offered, and the hybrid groups exist only in TLS 1.3'}}
  // Only the hybrid share: a server without the group answers a HelloRetryRequest for X25519, which costs it no
  // certificate or signature (a share for X25519 would draw its whole first flight).
  const r = await hello({version: 'TLSv1.3', suites: ids('TLSv1.3'), groups: BROWSER_GROUPS, shares: [GROUP_ID.X25519MLKEM768!], timeoutMs})
  // The server already completed a TLS 1.3 hello: dropping this one before any byte is about this hello.
  const silent = (r.kind === 'network-error' && r.code === 'ECONNRESET') || (r.kind === 'refused' && r.reason.startsWith('the server closed'))
  if (silent) return {kind: 'observed', facts: {offered: false, brokeOff: true, result: r.reason}}
  if (r.kind === 'network-error') return unobserved('the TLS 1.3 hello offering X25519MLKEM768 broke off', r)
  if (r.kind === 'accepted' && r.keyExchange?.name === 'X25519MLKEM768') {
    return {kind: 'observed', facts: {offered: true, brokeOff: false, result: r.helloRetry ? 'accepted after a HelloRetryRequest' : 'accepted'}}
  }
  const result = r.kind === 'refused' ? `not offered: ${r.reason}` : `not offered: the server chose ${r.keyExchange?.name ?? 'another group'}${r.helloRetry ? ' (HelloRetryRequest)' : ''}`
  return {kind: 'observed', facts: {offered: false, brokeOff: false, result}}
}
