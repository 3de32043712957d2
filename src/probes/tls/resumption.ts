import type {Extra} from './extra-hellos.js'
import type {HandshakeOptions, HandshakeResult} from './handshake.js'
import {sessionFields, type SessionFields} from './session-der.js'

/**
 * Session resumption (testssl.sh's "Session Resumption: Tickets / ID") and TLS 1.3 early data, from full Node
 * handshakes: one to obtain a session, one offering it back (`isSessionReused()` says whether the server took
 * it). TLS 1.3 resumes with a PSK from a ticket; TLS 1.2 with a ticket (RFC 5077) or with a session ID from the
 * server's cache, tried apart by leaving the ticket extension out. Whether the server accepts 0-RTT is read from
 * its TLS 1.3 ticket (max_early_data of the session, RFC 8446 §4.6.1): Node cannot send early data, and no
 * early data is ever sent.
 */
export type RunHandshake = (opts: HandshakeOptions) => Promise<HandshakeResult>

export interface ResumptionFacts {
  /** Some session was resumed. Absent when none was and some version could not be tried: then it is unknown. */
  readonly resumed?: boolean
  /** TLS 1.3: `offered` = a ticket was issued and taken back (PSK). */
  readonly tls13?: {readonly offered: boolean; readonly ticketIssued: boolean} | {readonly problem: string}
  readonly tls12?: {readonly ticket: boolean; readonly sessionId: boolean} | {readonly problem: string}
  /** In words, for the report: how it resumes, or what was tried. */
  readonly mechanisms: string
}

export interface EarlyDataFacts {
  readonly accepted: boolean
  /** max_early_data of the server's ticket, in bytes. */
  readonly maxSize?: number
  /** What the verdict rests on, in words. */
  readonly basis: string
}

/** The shortest wait for a TLS 1.3 ticket after the handshake (it comes one round trip later). */
const TICKET_WAIT_MS = 250

type Attempt = {readonly kind: 'tried'; readonly fields?: SessionFields; readonly reused: boolean} | {readonly kind: 'failed'; readonly reason: string}

/** A full handshake at `version`, then one offering its session back. */
const attempt = async (run: RunHandshake, base: HandshakeOptions, version: 'TLSv1.2' | 'TLSv1.3', noTicket: boolean): Promise<Attempt> => {
  const at = {...base, minVersion: version, maxVersion: version} as const
  const first = await run({...at, resume: {noTicket, ticketWaitMs: TICKET_WAIT_MS}})
  if (first.kind !== 'connected') return {kind: 'failed', reason: `a full ${version} handshake failed: ${first.reason}`}
  const fields = first.session ? sessionFields(first.session) : undefined
  // Nothing to offer back: no ticket, and (before 1.3) no session ID for a cache to find.
  if (!fields || (!fields.ticket && (version === 'TLSv1.3' || !fields.sessionId))) return {kind: 'tried', ...(fields ? {fields} : {}), reused: false}
  const second = await run({...at, resume: {session: first.session, noTicket, ticketWaitMs: TICKET_WAIT_MS}})
  if (second.kind !== 'connected') return {kind: 'failed', reason: `the ${version} handshake offering the session back failed: ${second.reason}`}
  return {kind: 'tried', fields, reused: second.reused === true}
}

const tls12 = async (run: RunHandshake, base: HandshakeOptions): Promise<ResumptionFacts['tls12']> => {
  const withTicket = await attempt(run, base, 'TLSv1.2', false)
  if (withTicket.kind === 'failed') return {problem: withTicket.reason}
  // No ticket issued although the client offered the extension: that resumption went by session ID already.
  if (!withTicket.fields?.ticket) return {ticket: false, sessionId: withTicket.reused}
  const byId = await attempt(run, base, 'TLSv1.2', true)
  if (byId.kind === 'failed') return {problem: byId.reason}
  return {ticket: withTicket.reused, sessionId: byId.reused}
}

export interface ResumptionResult {
  readonly resumption?: Extra<ResumptionFacts>
  readonly earlyData?: Extra<EarlyDataFacts>
}

/** Resumption on TLS 1.3 and 1.2 where offered (the two chains in parallel), and early data from the 1.3 ticket. */
export const probeResumption = async (offered: readonly string[], run: RunHandshake, base: HandshakeOptions): Promise<ResumptionResult> => {
  const has13 = offered.includes('TLSv1.3')
  const has12 = offered.includes('TLSv1.2')
  if (!has13 && !has12) return {}
  const [t13, t12] = await Promise.all([has13 ? attempt(run, base, 'TLSv1.3', false) : undefined, has12 ? tls12(run, base) : undefined])
  const tls13Facts = t13 && (t13.kind === 'failed' ? {problem: t13.reason} : {offered: t13.reused, ticketIssued: t13.fields?.ticket === true})
  const ways = [
    tls13Facts && 'offered' in tls13Facts && tls13Facts.offered && 'TLS 1.3 session ticket (PSK)',
    t12 && 'ticket' in t12 && t12.ticket && 'TLS 1.2 session ticket',
    t12 && 'sessionId' in t12 && t12.sessionId && 'TLS 1.2 session ID',
  ].filter((w): w is string => typeof w === 'string')
  const problems = [tls13Facts, t12].flatMap((p) => (p && 'problem' in p ? [p.problem] : []))
  const tried = [has13 && 'TLS 1.3 session tickets', has12 && 'TLS 1.2 session tickets and session IDs'].filter(Boolean).join(', ')
  // One resumption decides "resumes"; "does not" needs every offered version tried to the end.
  const resumption: Extra<ResumptionFacts> =
    ways.length === 0 && problems.length > 0
      ? {kind: 'unobserved', reason: `session resumption could not be tried (${problems.join('; ')})`}
      : {
          kind: 'observed',
          facts: {
            resumed: ways.length > 0,
            ...(tls13Facts ? {tls13: tls13Facts} : {}),
            ...(t12 ? {tls12: t12} : {}),
            mechanisms: ways.length > 0 ? ways.join(', ') : `tried ${tried}`,
          },
        }
  return {resumption, ...(t13 ? {earlyData: earlyDataOf(t13)} : {})}
}

const earlyDataOf = (t13: Attempt): Extra<EarlyDataFacts> => {
  if (t13.kind === 'failed') return {kind: 'unobserved', reason: `early data could not be looked for (${t13.reason})`}
  if (!t13.fields?.ticket) {
    return {kind: 'observed', facts: {accepted: false, basis: 'the server issued no TLS 1.3 session ticket, and early data needs one'}}
  }
  const max = t13.fields.maxEarlyData
  if (max === 0) return {kind: 'observed', facts: {accepted: false, basis: 'its TLS 1.3 session ticket carries no early_data extension'}}
  return {kind: 'observed', facts: {accepted: true, maxSize: max, basis: `its TLS 1.3 session ticket allows ${max} bytes of early data`}}
}
