import type {HelloResult} from './client-hello.js'
import type {HandshakeResult} from './handshake.js'

/** Why an endpoint could not be probed, in the few classes a reader can act on. */
export type FailureClass = 'timeout' | 'reset' | 'not-tls' | 'refused' | 'dns' | 'unreachable' | 'handshake-failed'

export interface EndpointFailure {
  readonly class: FailureClass
  readonly reason: string
  readonly code?: string
}

const CLASS_OF: Readonly<Record<string, FailureClass>> = {
  ETIMEDOUT: 'timeout',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  EBROKEN: 'reset',
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ERR_SSL_WRONG_VERSION_NUMBER: 'not-tls',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'not-tls',
  ERR_SSL_RECORD_LENGTH_MISMATCH: 'not-tls',
  ERR_SSL_HTTP_REQUEST: 'not-tls',
  ERR_SSL_UNEXPECTED_RECORD: 'not-tls',
}

export const failureClassOf = (code: string | undefined): FailureClass => (code && CLASS_OF[code]) || 'handshake-failed'

/**
 * The endpoint-level failure when no full handshake completed. The baseline handshake decides; a ClientHello
 * that got further than it (the server answered a ServerHello, then broke off) sharpens the reason.
 */
export const unreachable = (baseline: HandshakeResult, hellos: readonly HelloResult[]): EndpointFailure => {
  const broken = hellos.find((r): r is Extract<HelloResult, {kind: 'network-error'}> => r.kind === 'network-error' && r.code === 'EBROKEN')
  if (baseline.kind === 'network-error') {
    const cls = failureClassOf(baseline.code)
    if (broken && (cls === 'reset' || cls === 'handshake-failed')) return {class: 'reset', code: 'EBROKEN', reason: `${broken.reason}; no handshake completes`}
    // Our ClientHellos drew a ServerHello, the full handshake was cut off: the server breaks after speaking.
    const spoke = hellos.find((r) => r.kind === 'accepted')
    if (spoke && cls === 'reset') return {class: 'reset', code: 'EBROKEN', reason: `the server answers with a ServerHello (${spoke.version}), then ${baseline.reason.replace(/^the server /, '')}; no handshake completes`}
    return {class: cls, ...(baseline.code ? {code: baseline.code} : {}), reason: baseline.reason}
  }
  if (broken) return {class: 'reset', code: 'EBROKEN', reason: `${broken.reason}; no handshake completes`}
  const reason = baseline.kind === 'connected' ? 'the handshake completed' : `no TLS version could be negotiated (${baseline.reason})`
  return {class: 'handshake-failed', reason}
}
