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
    }
  /** The server answered and said no (an alert, or a version it prefers): the parameters are not offered. */
  | {readonly kind: 'refused'; readonly reason: string}
  /** Our own TLS library cannot offer these parameters: nothing can be concluded about the server. */
  | {readonly kind: 'untestable'; readonly reason: string}
  /** No TLS conversation took place: refused port, unknown name, timeout, reset, or bytes that are not TLS. */
  | {readonly kind: 'network-error'; readonly reason: string; readonly code?: string}

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
    const finish = (r: HandshakeResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      // Hand the connection slot back only once the socket is really closed, so the configured bounds hold on the wire.
      if (socket && !closeSeen) {
        socket.once('close', () => resolve(r))
        socket.destroy()
      } else resolve(r)
    }
    const timer = setTimeout(
      () => finish({kind: 'network-error', code: 'ETIMEDOUT', reason: `no TLS handshake within ${opts.timeoutMs} ms`}),
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
        // Reach servers without RFC 5746 secure renegotiation too; their lack of it is a finding, not a blind spot.
        secureOptions: constants.SSL_OP_LEGACY_SERVER_CONNECT,
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
    socket.once('secureConnect', () => {
      const s = socket!
      const cipher = s.getCipher()
      const eph = s.getEphemeralKeyInfo()
      const cert = opts.wantCertificate ? s.getPeerCertificate(true) : undefined
      finish({
        kind: 'connected',
        protocol: s.getProtocol() ?? 'unknown',
        cipher: {name: cipher.name, standardName: cipher.standardName, version: cipher.version},
        ...(eph && typeof eph === 'object' && 'type' in eph ? {ephemeralKey: {type: eph.type, name: (eph as {name?: string}).name, size: eph.size}} : {}),
        authorized: s.authorized,
        ...(s.authorizationError ? {authorizationError: String(s.authorizationError)} : {}),
        ...(cert && Object.keys(cert).length > 0 ? {certificate: cert, chain: chainOf(cert)} : {}),
        ocspStapled: ocspResponse !== undefined,
        ...(ocspResponse ? {ocspResponse} : {}),
      })
    })
    socket.once('error', (error) => finish(classifyError(error as NodeJS.ErrnoException)))
    socket.once('close', () => finish({kind: 'network-error', code: 'ECONNRESET', reason: 'the server closed the connection before the handshake finished'}))
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
