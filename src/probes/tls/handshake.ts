import {constants} from 'node:crypto'
import type net from 'node:net'
import tls, {type PeerCertificate, type SecureVersion} from 'node:tls'

import type {TlsTarget} from '../../net/endpoint.js'
import {openTunnel, type ConnectError} from '../../net/tunnel.js'

export interface HandshakeOptions {
  readonly minVersion?: SecureVersion
  readonly maxVersion?: SecureVersion
  readonly ciphers?: string
  readonly ciphersuites?: string
  readonly ecdhCurve?: string
  /** Extra trust anchors (PEM) on top of Node's bundled Mozilla store. */
  readonly ca?: readonly string[]
  readonly timeoutMs: number
  readonly wantCertificate?: boolean
  readonly requestOCSP?: boolean
  /**
   * Session resumption: offer `session` (from an earlier result) and/or no ticket extension (`noTicket`, so a
   * TLS 1.2 server falls back to its session-ID cache); wait up to `ticketWaitMs` after a TLS 1.3 handshake for
   * the server's NewSessionTicket, which comes after the handshake; end a first connection with close_notify,
   * since OpenSSL drops a session from its cache when the connection ends without one.
   */
  readonly resume?: {readonly session?: Buffer; readonly noTicket?: boolean; readonly ticketWaitMs: number}
}

export type HandshakeResult =
  | {
      readonly kind: 'connected'
      readonly protocol: string
      readonly cipher: {readonly name: string; readonly standardName: string; readonly version: string}
      readonly ephemeralKey?: {readonly type?: string; readonly name?: string; readonly size?: number}
      readonly authorized: boolean
      readonly authorizationError?: string
      readonly certificate?: PeerCertificate
      readonly chain?: readonly PeerCertificate[]
      readonly ocspStapled: boolean
      readonly ocspResponse?: Buffer
      /** With `resume`: the session to offer next time (as Node's 'session' event gives it; see session-der.ts), and whether this one was resumed. */
      readonly session?: Buffer
      readonly reused?: boolean
    }
  /** The server answered and said no (an alert, or a version it prefers): the parameters are not offered. */
  | {readonly kind: 'refused'; readonly reason: string}
  /** Our own TLS library cannot offer these parameters: nothing can be concluded about the server. */
  | {readonly kind: 'untestable'; readonly reason: string}
  /** No TLS conversation took place: refused port, unknown name, timeout, reset, or bytes that are not TLS. */
  | {readonly kind: 'network-error'; readonly reason: string; readonly code?: string}

/** At most this long a first resumption connection waits for the server's close after our close_notify. */
const CLOSE_NOTIFY_WAIT_MS = 500

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED'])
const CLIENT_SIDE = new Set([
  'ERR_SSL_NO_CIPHERS_AVAILABLE',
  'ERR_SSL_NO_CIPHER_MATCH',
  'ERR_SSL_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_TLS_INVALID_PROTOCOL_METHOD',
  'ERR_TLS_INVALID_PROTOCOL_VERSION',
  'ERR_INVALID_ARG_VALUE',
])
/** Replies that are not TLS at all: garbage on the wire, or a plain-text service. */
const NOT_TLS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_RECORD_LENGTH_MISMATCH', 'ERR_SSL_HTTP_REQUEST', 'ERR_SSL_UNEXPECTED_RECORD'])

const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (nothing listens on that port)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS did not answer)',
  ECONNRESET: 'the server reset the connection during the handshake',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the server closed the connection while we were writing',
  ECONNABORTED: 'the connection was aborted',
}

export const classifyError = (error: NodeJS.ErrnoException): HandshakeResult => {
  const code = error.code ?? ''
  if (NETWORK_CODES.has(code)) return {kind: 'network-error', code, reason: NETWORK_WORDS[code] ?? code}
  if (CLIENT_SIDE.has(code)) return {kind: 'untestable', reason: `our TLS library cannot offer this (${code})`}
  if (NOT_TLS.has(code)) return {kind: 'network-error', code, reason: `the server does not answer with TLS (${code})`}
  return {kind: 'refused', reason: code ? `${code}: ${error.message.split('\n')[0]}` : error.message.split('\n')[0] ?? 'handshake failed'}
}

/**
 * One TLS handshake with a hard deadline. Never throws and never leaves a socket open: a server that accepts
 * and stays silent, dribbles bytes, or resets is a `network-error` within `timeoutMs`.
 */
export const handshake = (target: TlsTarget, opts: HandshakeOptions): Promise<HandshakeResult> =>
  new Promise((resolve) => {
    let settled = false
    let closeSeen = false
    let socket: tls.TLSSocket | undefined
    let ticketTimer: NodeJS.Timeout | undefined
    let handshakeMs = 0
    const finish = (r: HandshakeResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearTimeout(ticketTimer)
      // Hand the connection slot back only once the socket is really closed, so the configured bounds hold on the wire.
      if (socket && !closeSeen) {
        socket.once('close', () => resolve(r))
        // Only a connection whose session is to be offered back needs the clean end (a reset can discard the
        // close_notify unread): close_notify, then the server's close, or a cut after about a round trip.
        if (opts.resume && !opts.resume.session && r.kind === 'connected') {
          const s = socket
          const cut = setTimeout(() => s.destroy(), Math.min(CLOSE_NOTIFY_WAIT_MS, Math.max(100, 2 * handshakeMs)))
          s.once('close', () => clearTimeout(cut))
          s.end()
        } else socket.destroy()
      } else resolve(r)
    }
    // Set once the handshake is done and a TLS 1.3 ticket is awaited: whatever ends the wait, the handshake stands.
    let handshakeDone: ((session?: Buffer) => void) | undefined
    const timer = setTimeout(
      () => (handshakeDone ? handshakeDone() : finish({kind: 'network-error', code: 'ETIMEDOUT', reason: `no TLS handshake within ${opts.timeoutMs} ms`})),
      opts.timeoutMs,
    )
    let ocspResponse: Buffer | undefined
    if (target.via) {
      // Through the proxy: a CONNECT tunnel first, then the same handshake over it, end to end with the vendor.
      openTunnel(target.via, target.host, target.port, {timeoutMs: opts.timeoutMs}).then(
        (raw) => (settled ? raw.destroy() : start(raw)),
        (e: ConnectError) => finish({kind: 'network-error', code: e.code, reason: e.message}),
      )
    } else start(undefined)
    function start(raw: net.Socket | undefined) {
    try {
      socket = tls.connect({
        ...(raw ? {socket: raw} : {host: target.host, port: target.port}),
        ...(target.servername ? {servername: target.servername} : {}),
        rejectUnauthorized: false,
        ...(opts.minVersion ? {minVersion: opts.minVersion} : {}),
        ...(opts.maxVersion ? {maxVersion: opts.maxVersion} : {}),
        ...(opts.ciphers ? {ciphers: opts.ciphers} : {}),
        ...(opts.ciphersuites !== undefined ? {ciphersuites: opts.ciphersuites} : {}),
        ...(opts.ecdhCurve ? {ecdhCurve: opts.ecdhCurve} : {}),
        ...(opts.ca && opts.ca.length > 0 ? {ca: [...tls.rootCertificates, ...opts.ca]} : {}),
        ...(opts.requestOCSP ? {requestOCSP: true} : {}),
        ...(opts.resume?.session ? {session: opts.resume.session} : {}),
        // Reach servers without RFC 5746 secure renegotiation too; their lack of it is a finding, not a blind spot.
        secureOptions: constants.SSL_OP_LEGACY_SERVER_CONNECT | (opts.resume?.noTicket ? constants.SSL_OP_NO_TICKET : 0),
      })
    } catch (error) {
      finish(classifyError(error as NodeJS.ErrnoException))
      return
    }
    // `socket.closed` turns true a tick before 'close' is emitted; only the event means the descriptor is gone.
    socket.once('close', () => {
      closeSeen = true
    })
    socket.on('OCSPResponse', (resp: Buffer | null) => {
      if (resp && resp.length > 0) ocspResponse = resp
    })
    let session: Buffer | undefined
    // The first ticket is enough (OpenSSL sends two in TLS 1.3, alike but for their identity).
    socket.on('session', (b: Buffer) => (session ??= b))
    const started = performance.now()
    socket.once('secureConnect', () => {
      const s = socket!
      handshakeMs = performance.now() - started
      const cipher = s.getCipher()
      const eph = s.getEphemeralKeyInfo()
      const cert = opts.wantCertificate ? s.getPeerCertificate(true) : undefined
      const r: HandshakeResult = {
        kind: 'connected',
        protocol: s.getProtocol() ?? 'unknown',
        cipher: {name: cipher.name, standardName: cipher.standardName, version: cipher.version},
        ...(eph && typeof eph === 'object' && 'type' in eph ? {ephemeralKey: {type: eph.type, name: (eph as {name?: string}).name, size: eph.size}} : {}),
        authorized: s.authorized,
        ...(s.authorizationError ? {authorizationError: String(s.authorizationError)} : {}),
        ...(cert && Object.keys(cert).length > 0 ? {certificate: cert, chain: chainOf(cert)} : {}),
        ocspStapled: ocspResponse !== undefined,
        ...(ocspResponse ? {ocspResponse} : {}),
        ...(opts.resume ? {reused: s.isSessionReused()} : {}),
      }
      if (!opts.resume) return finish(r)
      handshakeDone = (b) => finish(b ? {...r, session: b} : r)
      // Before TLS 1.3 the ticket, or the session ID, is part of the handshake: the session is known now.
      if (r.protocol !== 'TLSv1.3') return handshakeDone(session ?? s.getSession())
      // A resumption attempt needs no new ticket; a first connection does.
      if (session || opts.resume.session) return handshakeDone(session)
      // A TLS 1.3 ticket follows the server's reading of our Finished, one round trip after this; a server that
      // sends none is waited for twice the handshake's time (at least ticketWaitMs) and read as issuing none.
      ticketTimer = setTimeout(() => handshakeDone!(), Math.max(opts.resume.ticketWaitMs, 2 * handshakeMs))
      s.once('session', (b: Buffer) => handshakeDone!(b))
    })
    socket.once('error', (error) => (handshakeDone ? handshakeDone(session) : finish(classifyError(error as NodeJS.ErrnoException))))
    socket.once('close', () => (handshakeDone ? handshakeDone(session) : finish({kind: 'network-error', code: 'ECONNRESET', reason: 'the server closed the connection before the handshake finished'})))
    }
  })

const chainOf = (leaf: tls.DetailedPeerCertificate): PeerCertificate[] => {
  const out: PeerCertificate[] = []
  let c: tls.DetailedPeerCertificate | undefined = leaf
  while (c && !out.includes(c)) {
    out.push(c)
    c = c.issuerCertificate && c.issuerCertificate !== c ? c.issuerCertificate : undefined
  }
  return out
}
