import {randomBytes} from 'node:crypto'
import net from 'node:net'

import type {TlsTarget} from '../../net/endpoint.js'
import {openTunnel, type ConnectError} from '../../net/tunnel.js'

/** Wire versions. SSLv3 and the legacy suites are reachable only this way: Node's OpenSSL cannot offer them. */
export const WIRE_VERSION: Readonly<Record<string, number>> = {SSLv3: 0x0300, TLSv1: 0x0301, 'TLSv1.1': 0x0302, 'TLSv1.2': 0x0303, 'TLSv1.3': 0x0304}
const VERSION_NAME = new Map(Object.entries(WIRE_VERSION).map(([k, v]) => [v, k]))

/** Named groups (IANA TLS Supported Groups registry). */
export const GROUP_ID: Readonly<Record<string, number>> = {
  sect163k1: 0x0001,
  secp160r1: 0x0010,
  prime192v1: 0x0013,
  secp224r1: 0x0015,
  'P-256': 0x0017,
  'P-384': 0x0018,
  'P-521': 0x0019,
  X25519: 0x001d,
  X448: 0x001e,
  ffdhe2048: 0x0100,
  ffdhe3072: 0x0101,
  ffdhe4096: 0x0102,
  ffdhe6144: 0x0103,
  ffdhe8192: 0x0104,
  // Hybrid post-quantum: ML-KEM-768 (FIPS 203) with X25519 (draft-ietf-tls-ecdhe-mlkem). TLS 1.3 only.
  X25519MLKEM768: 0x11ec,
}
const GROUP_NAME = new Map(Object.entries(GROUP_ID).map(([k, v]) => [v, k]))
const EC_GROUPS = ['X25519', 'P-256', 'P-384', 'P-521', 'X448', 'secp224r1', 'prime192v1', 'secp160r1', 'sect163k1'].map((g) => GROUP_ID[g]!)
const ALL_GROUPS = [...EC_GROUPS, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104]

// Every signature scheme a server might insist on, legacy ones included (we are testing, not trusting).
const SIG_ALGS = [0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b, 0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0203, 0x0201, 0x0202]

const EXT = {serverName: 0x0000, statusRequest: 0x0005, groups: 0x000a, pointFormats: 0x000b, sigAlgs: 0x000d, heartbeat: 0x000f, ems: 0x0017, versions: 0x002b, pskModes: 0x002d, keyShare: 0x0033, reneg: 0xff01} as const

// SHA-256 of "HelloRetryRequest": a ServerHello with this random is a HelloRetryRequest (RFC 8446 §4.1.3).
const HRR_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex')

export interface HelloOptions {
  readonly version: string
  readonly suites: readonly number[]
  /** Groups to list in supported_groups (default: all we know, EC only before TLS 1.3). */
  readonly groups?: readonly number[]
  /** TLS 1.3: the groups that get a key share (default: X25519MLKEM768 and X25519 when listed). */
  readonly shares?: readonly number[]
  /** Offer DEFLATE before null compression (CRIME test). */
  readonly compression?: boolean
  /** Carry the heartbeat extension (RFC 6520, mode peer_allowed_to_send). No heartbeat message is ever sent. */
  readonly heartbeat?: boolean
  /** Append TLS_FALLBACK_SCSV (0x5600, RFC 7507): this hello is a retry at a lower version than the client's best. */
  readonly fallbackScsv?: boolean
  /** Before TLS 1.3, read on to the ServerKeyExchange to learn the DH size or curve. */
  readonly wantKeyExchange?: boolean
  readonly timeoutMs: number
}

export interface KeyExchangeInfo {
  readonly type: 'ECDH' | 'DH'
  readonly name?: string
  readonly bits?: number
}

export type HelloResult =
  | {
      readonly kind: 'accepted'
      readonly version: string
      readonly suite: number
      readonly compression: number
      readonly helloRetry: boolean
      readonly secureRenegotiation: boolean
      readonly extendedMasterSecret: boolean
      /** The server's hello carries the heartbeat extension (visible before TLS 1.3 only). */
      readonly heartbeat: boolean
      /** From a HelloRetryRequest or ServerKeyExchange: the group, or DH with its modulus size. */
      readonly keyExchange?: KeyExchangeInfo
    }
  /** The server answered with an alert, another version than the one asked for, or closed the connection. */
  | {readonly kind: 'refused'; readonly reason: string}
  | {readonly kind: 'network-error'; readonly reason: string; readonly code?: string}

const u8 = (n: number) => Buffer.from([n & 0xff])
const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff])
const u24 = (n: number) => Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff])
const vec16 = (b: Buffer) => Buffer.concat([u16(b.length), b])
const vec8 = (b: Buffer) => Buffer.concat([u8(b.length), b])
const list16 = (ns: readonly number[]) => vec16(Buffer.concat(ns.map(u16)))
const ext = (type: number, body: Buffer) => Buffer.concat([u16(type), vec16(body)])

/** TLS_FALLBACK_SCSV (RFC 7507 §2): a signalling value, not a suite. */
export const FALLBACK_SCSV = 0x5600

const ML_KEM_Q = 3329

/**
 * A well-formed X25519MLKEM768 client share (draft-ietf-tls-ecdhe-mlkem §3: the ML-KEM-768 encapsulation key,
 * 1184 bytes, then the X25519 public value, 32 bytes). The encapsulation key is 768 coefficients below q packed
 * 12 bits each, then a 32-byte seed (FIPS 203 §7.2): random bytes alone would fail the server's modulus check
 * and read as "not supported". Nobody holds the private key; the handshake never goes past the ServerHello.
 */
export const mlkemHybridShare = (): Buffer => {
  const ek = Buffer.alloc(1184)
  const r = randomBytes(768 * 2)
  for (let i = 0; i < 768; i += 2) {
    const a = r.readUInt16BE(i * 2) % ML_KEM_Q
    const b = r.readUInt16BE(i * 2 + 2) % ML_KEM_Q
    const o = (i / 2) * 3
    ek[o] = a & 0xff
    ek[o + 1] = (a >> 8) | ((b & 0x0f) << 4)
    ek[o + 2] = b >> 4
  }
  randomBytes(32).copy(ek, 1152)
  return Buffer.concat([ek, randomBytes(32)])
}

/** A ClientHello offering exactly `opts.suites` at exactly `opts.version`, as a TLS record. */
export const buildClientHello = (target: TlsTarget, opts: HelloOptions): Buffer => {
  const v13 = opts.version === 'TLSv1.3'
  const wire = v13 ? 0x0303 : WIRE_VERSION[opts.version]!
  const groups = opts.groups ?? (v13 ? ALL_GROUPS : EC_GROUPS)
  const exts: Buffer[] = []
  if (target.servername) {
    const name = Buffer.from(target.servername, 'ascii')
    exts.push(ext(EXT.serverName, vec16(Buffer.concat([u8(0), vec16(name)]))))
  }
  if (opts.version !== 'SSLv3') {
    exts.push(ext(EXT.groups, list16(groups)), ext(EXT.pointFormats, vec8(u8(0))), ext(EXT.ems, Buffer.alloc(0)), ext(EXT.reneg, vec8(Buffer.alloc(0))))
    if (opts.version === 'TLSv1.2' || v13) exts.push(ext(EXT.sigAlgs, list16(SIG_ALGS)))
    if (opts.heartbeat) exts.push(ext(EXT.heartbeat, u8(1)))
  }
  if (v13) {
    // One X25519 share when X25519 is listed (any 32 bytes are a valid public value); otherwise none, and a
    // server that supports a listed group answers with a HelloRetryRequest naming it: no key generation needed.
    // The hybrid group gets its own well-formed share first, as browsers send it, so a server that supports it
    // answers a plain ServerHello choosing it.
    const shares = opts.shares ?? groups
    const share = Buffer.concat([
      ...(shares.includes(GROUP_ID.X25519MLKEM768!) ? [u16(GROUP_ID.X25519MLKEM768!), vec16(mlkemHybridShare())] : []),
      ...(shares.includes(GROUP_ID.X25519!) ? [u16(GROUP_ID.X25519!), vec16(randomBytes(32))] : []),
    ])
    exts.push(ext(EXT.versions, vec8(u16(0x0304))), ext(EXT.pskModes, vec8(u8(1))), ext(EXT.keyShare, vec16(share)))
  }
  const body = Buffer.concat([
    u16(wire),
    randomBytes(32),
    vec8(v13 ? randomBytes(32) : Buffer.alloc(0)),
    list16(opts.fallbackScsv ? [...opts.suites, FALLBACK_SCSV] : opts.suites),
    vec8(Buffer.from(opts.compression ? [1, 0] : [0])),
    ...(opts.version === 'SSLv3' ? [] : [vec16(Buffer.concat(exts))]),
  ])
  const handshake = Buffer.concat([u8(1), u24(body.length), body])
  return Buffer.concat([u8(22), u16(opts.version === 'SSLv3' ? 0x0300 : 0x0301), vec16(handshake)])
}

const ALERTS: Readonly<Record<number, string>> = {10: 'unexpected_message', 40: 'handshake_failure', 47: 'illegal_parameter', 50: 'decode_error', 70: 'protocol_version', 71: 'insufficient_security', 80: 'internal_error', 86: 'inappropriate_fallback', 112: 'unrecognized_name'}

interface ServerHello {
  version: number
  suite: number
  compression: number
  helloRetry: boolean
  extensions: Map<number, Buffer>
}

const parseServerHello = (b: Buffer): ServerHello => {
  let p = 0
  const version = b.readUInt16BE(p)
  p += 2
  const random = b.subarray(p, p + 32)
  p += 32
  p += 1 + b[p]!
  const suite = b.readUInt16BE(p)
  p += 2
  const compression = b[p++]!
  const extensions = new Map<number, Buffer>()
  if (p + 2 <= b.length) {
    const end = p + 2 + b.readUInt16BE(p)
    p += 2
    while (p + 4 <= end) {
      const type = b.readUInt16BE(p)
      const len = b.readUInt16BE(p + 2)
      extensions.set(type, b.subarray(p + 4, p + 4 + len))
      p += 4 + len
    }
  }
  const sv = extensions.get(EXT.versions)
  return {version: sv && sv.length >= 2 ? sv.readUInt16BE(0) : version, suite, compression, helloRetry: random.equals(HRR_RANDOM), extensions}
}

/** DH modulus size or named curve from a TLS 1.0-1.2 ServerKeyExchange, given the suite's key exchange. */
const parseServerKeyExchange = (b: Buffer, kx: 'ECDH' | 'DH'): KeyExchangeInfo => {
  if (kx === 'DH') return {type: 'DH', bits: b.readUInt16BE(0) * 8 - leadingZeroBits(b.subarray(2))}
  const group = b[0] === 3 ? b.readUInt16BE(1) : undefined
  return {type: 'ECDH', ...(group !== undefined ? {name: GROUP_NAME.get(group) ?? `0x${group.toString(16)}`} : {})}
}

const leadingZeroBits = (p: Buffer): number => {
  let bits = 0
  for (const byte of p) {
    if (byte === 0) {
      bits += 8
      continue
    }
    return bits + Math.clz32(byte) - 24
  }
  return bits
}

const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (nothing listens on that port)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS did not answer)',
  ECONNRESET: 'the server reset the connection',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
}

const MAX_BYTES = 256 * 1024

/**
 * Send one hand-built ClientHello and read the server's first flight: which version, suite and compression it
 * picks, whether it echoes renegotiation_info and extended_master_secret, and (on request) its key exchange.
 * No key is ever derived, so it costs the client nothing and works for suites and versions OpenSSL 3 dropped.
 * `kxOf` tells which key exchange a chosen suite uses, to know how to read the ServerKeyExchange.
 */
export const sendClientHello = async (target: TlsTarget, opts: HelloOptions, kxOf: (suite: number) => 'ECDH' | 'DH' | undefined = () => undefined): Promise<HelloResult> => {
  if (!target.via) return helloOver(net.connect({host: target.host, port: target.port}), false, target, opts, kxOf)
  // Through the proxy: the same bytes over a CONNECT tunnel, so the vendor, not the proxy, answers them.
  let raw: net.Socket
  try {
    raw = await openTunnel(target.via, target.host, target.port, {timeoutMs: opts.timeoutMs})
  } catch (error) {
    const e = error as ConnectError
    return {kind: 'network-error', code: e.code, reason: e.message}
  }
  return helloOver(raw, true, target, opts, kxOf)
}

const helloOver = (socket: net.Socket, connected: boolean, target: TlsTarget, opts: HelloOptions, kxOf: (suite: number) => 'ECDH' | 'DH' | undefined): Promise<HelloResult> =>
  new Promise((resolve) => {
    let settled = false
    let spoke = false
    const finish = (r: HelloResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      // The slot is released only once the descriptor is closed, like the full handshakes.
      if (socket.destroyed && socket.closed) resolve(r)
      else {
        socket.once('close', () => resolve(r))
        socket.destroy()
      }
    }
    const timer = setTimeout(() => finish({kind: 'network-error', code: 'ETIMEDOUT', reason: `no TLS answer within ${opts.timeoutMs} ms`}), opts.timeoutMs)
    let records = Buffer.alloc(0)
    let handshake = Buffer.alloc(0)
    let hello: ServerHello | undefined
    const brokenReason = (what: string) =>
      hello ? `the server ${what} right after its ServerHello` : `the server ${what} in the middle of its first TLS record`
    const accepted = (keyExchange?: KeyExchangeInfo): HelloResult => ({
      kind: 'accepted',
      version: VERSION_NAME.get(hello!.version) ?? `0x${hello!.version.toString(16)}`,
      suite: hello!.suite,
      compression: hello!.compression,
      helloRetry: hello!.helloRetry,
      secureRenegotiation: hello!.extensions.has(EXT.reneg),
      extendedMasterSecret: hello!.extensions.has(EXT.ems),
      heartbeat: hello!.extensions.has(EXT.heartbeat),
      ...(keyExchange ? {keyExchange} : {}),
    })
    const onHandshakeMessage = (type: number, body: Buffer): boolean => {
      if (!hello) {
        if (type !== 2) {
          finish({kind: 'network-error', reason: `the server sent handshake message ${type} before its ServerHello`})
          return true
        }
        hello = parseServerHello(body)
        if (hello.version !== WIRE_VERSION[opts.version]) {
          finish({kind: 'refused', reason: `the server chose ${VERSION_NAME.get(hello.version) ?? hello.version.toString(16)} instead`})
          return true
        }
        if (hello.helloRetry) {
          const ks = hello.extensions.get(EXT.keyShare)
          const group = ks && ks.length >= 2 ? ks.readUInt16BE(0) : undefined
          finish(accepted(group !== undefined ? {type: group >= 0x0100 && group <= 0x01ff ? 'DH' : 'ECDH', name: GROUP_NAME.get(group) ?? `0x${group.toString(16)}`} : undefined))
          return true
        }
        if (opts.version === 'TLSv1.3') {
          const ks = hello.extensions.get(EXT.keyShare)
          const group = ks && ks.length >= 2 ? ks.readUInt16BE(0) : undefined
          finish(accepted(group !== undefined ? {type: 'ECDH', name: GROUP_NAME.get(group) ?? `0x${group.toString(16)}`} : undefined))
          return true
        }
        const kx = kxOf(hello.suite)
        if (!opts.wantKeyExchange || !kx) {
          finish(accepted())
          return true
        }
        return false
      }
      const kx = kxOf(hello.suite)!
      if (type === 12) {
        finish(accepted(parseServerKeyExchange(body, kx)))
        return true
      }
      if (type === 14) {
        finish(accepted())
        return true
      }
      return false
    }
    socket.on('data', (chunk: Buffer) => {
      spoke = true
      records = Buffer.concat([records, chunk])
      if (records.length > MAX_BYTES) return finish({kind: 'network-error', reason: 'the server sent more than 256 KiB before its key exchange'})
      while (records.length >= 5 && !settled) {
        const type = records[0]!
        const len = records.readUInt16BE(3)
        if (records[1] !== 3 || (type !== 21 && type !== 22)) return finish({kind: 'network-error', code: 'ERR_SSL_WRONG_VERSION_NUMBER', reason: 'the server does not answer with TLS'})
        if (records.length < 5 + len) return
        const payload = records.subarray(5, 5 + len)
        records = records.subarray(5 + len)
        if (type === 21) {
          const desc = payload[1] ?? 0
          return finish({kind: 'refused', reason: `alert ${ALERTS[desc] ?? desc}`})
        }
        handshake = Buffer.concat([handshake, payload])
        while (handshake.length >= 4 && !settled) {
          const mlen = (handshake[1]! << 16) | (handshake[2]! << 8) | handshake[3]!
          if (handshake.length < 4 + mlen) break
          const mtype = handshake[0]!
          const body = handshake.subarray(4, 4 + mlen)
          handshake = handshake.subarray(4 + mlen)
          try {
            if (onHandshakeMessage(mtype, body)) return
          } catch {
            return finish({kind: 'network-error', reason: 'the server sent a malformed handshake message'})
          }
        }
      }
    })
    if (connected) socket.write(buildClientHello(target, opts))
    else socket.once('connect', () => socket.write(buildClientHello(target, opts)))
    socket.once('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? 'ERROR'
      // A reset once the server has started answering is a broken conversation, not a refusal: a server that says
      // no sends an alert. Only a reset before any byte (an old stack dropping a version it does not know) is a no.
      if (spoke && code === 'ECONNRESET') return finish({kind: 'network-error', code: 'EBROKEN', reason: brokenReason('reset the connection')})
      finish({kind: 'network-error', code, reason: NETWORK_WORDS[code] ?? `${code}: ${e.message}`})
    })
    socket.once('end', () =>
      spoke
        ? finish({kind: 'network-error', code: 'EBROKEN', reason: brokenReason('closed the connection')})
        : finish({kind: 'refused', reason: 'the server closed the connection without a ServerHello'}),
    )
    socket.once('close', () => finish({kind: 'network-error', code: 'ECONNRESET', reason: 'the server closed the connection'}))
  })
