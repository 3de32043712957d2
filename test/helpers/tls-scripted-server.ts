import {randomBytes} from 'node:crypto'
import net from 'node:net'

import type {HostileServers} from './hostile-servers.js'

/**
 * Scripted TLS, for what Debian's OpenSSL 3 cannot play: a server that offers heartbeat (removed in OpenSSL 3.0),
 * one without TLS_FALLBACK_SCSV (always on in OpenSSL), one with X25519MLKEM768 (OpenSSL 3.5, Debian has 3.0),
 * one with TLS compression (Debian builds without zlib), one without secure renegotiation (always sent).
 * A front on 127.0.0.1 passes the conversation to a real TLS server and edits one message on the way: the
 * ClientHello (drop a suite, or answer it with a canned ServerHello), or a TLS 1.0-1.2 ServerHello (add or drop
 * an extension, pick DEFLATE). An edited TLS 1.2 handshake could not finish, but scanvet's ClientHellos stop at
 * the ServerHello; TLS 1.3 ServerHellos, and those answering Node's own handshakes, pass untouched, so the
 * normal handshakes (certificate, HTTP, resumption) still complete.
 */
export interface Script {
  /** Rewrite the ClientHello body (handshake message without its header), or answer it with `reply` bytes and close. */
  readonly clientHello?: (body: Buffer) => Buffer | {readonly reply: Buffer}
  /** Rewrite a TLS 1.0-1.2 ServerHello body, knowing the ClientHello body it answers. */
  readonly serverHello12?: (body: Buffer, clientHello: Buffer) => Buffer
}

const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff])
const handshakeRecord = (type: number, body: Buffer, recordVersion = 0x0303) =>
  Buffer.concat([Buffer.from([22]), u16(recordVersion), u16(body.length + 4), Buffer.from([type, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff]), body])

/** Offsets of a hello body: after version and random, the session id; then (ClientHello) suites. */
interface HelloParts {
  readonly sessionId: Buffer
  readonly suitesAt?: number
  readonly extensions: Map<number, Buffer>
  readonly extensionsAt: number
}

const parseHello = (body: Buffer, client: boolean): HelloParts => {
  let p = 34
  const sessionId = body.subarray(p + 1, p + 1 + body[p]!)
  p += 1 + body[p]!
  let suitesAt: number | undefined
  if (client) {
    suitesAt = p
    p += 2 + body.readUInt16BE(p)
    p += 1 + body[p]!
  } else p += 3
  const extensions = new Map<number, Buffer>()
  const extensionsAt = p
  if (p + 2 <= body.length) {
    const end = p + 2 + body.readUInt16BE(p)
    for (let q = p + 2; q + 4 <= end; q += 4 + body.readUInt16BE(q + 2)) extensions.set(body.readUInt16BE(q), body.subarray(q + 4, q + 4 + body.readUInt16BE(q + 2)))
  }
  return {sessionId, ...(suitesAt !== undefined ? {suitesAt} : {}), extensions, extensionsAt}
}

/** A ClientHello without one suite (what a server that ignores the SCSV sees). */
export const dropSuite = (suite: number) => (body: Buffer): Buffer => {
  const {suitesAt} = parseHello(body, true)
  const len = body.readUInt16BE(suitesAt!)
  const suites: number[] = []
  for (let i = 0; i < len; i += 2) suites.push(body.readUInt16BE(suitesAt! + 2 + i))
  const kept = suites.filter((s) => s !== suite)
  return Buffer.concat([body.subarray(0, suitesAt!), u16(kept.length * 2), ...kept.map(u16), body.subarray(suitesAt! + 2 + len)])
}

/** A ServerHello with one more extension (heartbeat: type 15, mode peer_allowed_to_send). */
export const addExtension = (type: number, data: Buffer) => (body: Buffer): Buffer => {
  const {extensionsAt} = parseHello(body, false)
  const extra = Buffer.concat([u16(type), u16(data.length), data])
  const old = extensionsAt + 2 <= body.length ? body.subarray(extensionsAt + 2, extensionsAt + 2 + body.readUInt16BE(extensionsAt)) : Buffer.alloc(0)
  return Buffer.concat([body.subarray(0, extensionsAt), u16(old.length + extra.length), old, extra])
}

/** The suites and compression methods a ClientHello offers. */
const offersOf = (body: Buffer): {suites: number[]; compression: number[]} => {
  const at = parseHello(body, true).suitesAt!
  const len = body.readUInt16BE(at)
  const c = at + 2 + len
  return {suites: Array.from({length: len / 2}, (_, i) => body.readUInt16BE(at + 2 + i * 2)), compression: [...body.subarray(c + 1, c + 1 + body[c]!)]}
}

/**
 * A ServerHello choosing DEFLATE (method 1) where the client offers it, as OpenSSL 1.0 built with zlib did
 * (CRIME). Only that byte changes. Node's clients offer null compression alone, so their handshakes (certificate,
 * HTTP, resumption) pass untouched and complete; the compression hello stops at the ServerHello.
 */
export const chooseDeflate = (body: Buffer, clientHello: Buffer): Buffer => {
  if (!offersOf(clientHello).compression.includes(1)) return body
  const out = Buffer.from(body)
  out[34 + 1 + body[34]! + 2] = 1
  return out
}

/** TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3): how OpenSSL's clients ask for secure renegotiation. */
const RENEGOTIATION_SCSV = 0x00ff
/** encrypt_then_mac (RFC 7366): every OpenSSL client sends it unless told not to. */
const ENCRYPT_THEN_MAC = 0x0016

/**
 * A ServerHello without renegotiation_info (0xff01), the extensions length made to match: a pre-2010 server
 * (no RFC 5746), as scanvet's hellos see it. (Node's own handshakes are never edited: see `scriptedFront`. A real
 * such server ignores both the SCSV and the extension.)
 */
export const dropRenegotiationInfo = (body: Buffer): Buffer => {
  const {extensionsAt, extensions} = parseHello(body, false)
  if (!extensions.has(0xff01)) return body
  const kept = [...extensions].filter(([t]) => t !== 0xff01).map(([t, d]) => Buffer.concat([u16(t), u16(d.length), d]))
  const exts = Buffer.concat(kept)
  return Buffer.concat([body.subarray(0, extensionsAt), u16(exts.length), exts])
}

/** The groups a ClientHello lists in supported_groups. */
export const groupsOf = (body: Buffer): number[] => {
  const g = parseHello(body, true).extensions.get(0x000a)
  return g ? Array.from({length: (g.length - 2) / 2}, (_, i) => g.readUInt16BE(2 + i * 2)) : []
}

/** Answers a TLS 1.3 ClientHello that lists `group` with a ServerHello choosing it (share of `shareLength` bytes). */
export const answerGroup = (group: number, shareLength: number) => (body: Buffer): Buffer | {reply: Buffer} => {
  const {sessionId} = parseHello(body, true)
  if (!groupsOf(body).includes(group)) return body
  const share = Buffer.concat([u16(group), u16(shareLength), randomBytes(shareLength)])
  const exts = Buffer.concat([u16(0x002b), u16(2), u16(0x0304), u16(0x0033), u16(share.length), share])
  const hello = Buffer.concat([u16(0x0303), randomBytes(32), Buffer.from([sessionId.length]), sessionId, u16(0x1301), Buffer.from([0]), u16(exts.length), exts])
  return {reply: handshakeRecord(2, hello)}
}

/** Reads the first TLS record of a stream in full; the rest passes as it comes. */
const firstRecord = (onRecord: (record: Buffer) => void, rest: (d: Buffer) => void) => {
  let buf = Buffer.alloc(0)
  let done = false
  return (d: Buffer) => {
    if (done) return rest(d)
    buf = Buffer.concat([buf, d])
    if (buf.length < 5 || buf.length < 5 + buf.readUInt16BE(3)) return
    done = true
    const len = buf.readUInt16BE(3)
    onRecord(buf.subarray(0, 5 + len))
    if (buf.length > 5 + len) rest(buf.subarray(5 + len))
  }
}

/** Edit the first handshake message of a record (the hello), keeping whatever follows it in the record. */
const editRecord = (record: Buffer, edit: (body: Buffer) => Buffer): Buffer => {
  if (record[0] !== 22 || record[5] === undefined) return record
  const len = (record[6]! << 16) | (record[7]! << 8) | record[8]!
  const body = edit(record.subarray(9, 9 + len))
  const tail = record.subarray(9 + len)
  const msg = Buffer.concat([Buffer.from([record[5]!, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff]), body, tail])
  return Buffer.concat([record.subarray(0, 3), u16(msg.length), msg])
}

/** A front on `hostile`'s tracked sockets (closeAll stops it) before the real TLS server on `upstreamPort`. */
export const scriptedFront = (hostile: HostileServers, upstreamPort: number, script: Script): Promise<number> =>
  hostile.raw((client) => {
    const up = net.connect({host: '127.0.0.1', port: upstreamPort})
    up.on('error', () => client.destroy())
    client.on('close', () => up.destroy())
    up.on('close', () => client.destroy())
    let clientHello: Buffer = Buffer.alloc(0)
    client.on(
      'data',
      firstRecord(
        (record) => {
          let reply: Buffer | undefined
          const edited = editRecord(record, (body) => {
            clientHello = body
            const r = script.clientHello ? script.clientHello(body) : body
            if (Buffer.isBuffer(r)) return r
            reply = r.reply
            return body
          })
          if (reply) {
            up.destroy()
            client.end(reply)
          } else up.write(edited)
        },
        (d) => up.write(d),
      ),
    )
    up.on(
      'data',
      firstRecord(
        (record) => {
          const isHello = record[0] === 22 && record[5] === 2
          const tls13 = isHello && parseHello(record.subarray(9), false).extensions.has(0x002b)
          // An edited ServerHello breaks the transcript of a full handshake, so the ones answering OpenSSL's
          // clients (Node's handshakes: certificate, HTTP, resumption) pass untouched; scanvet's own hellos stop at
          // the ServerHello and get the edit. OpenSSL's hellos carry encrypt_then_mac (0x0016), which scanvet's
          // never do, and OpenSSL 3.0's the renegotiation SCSV too (3.5, in Node 22 and 24, sends the extension).
          const openssl = clientHello.length > 0 && (offersOf(clientHello).suites.includes(RENEGOTIATION_SCSV) || parseHello(clientHello, true).extensions.has(ENCRYPT_THEN_MAC))
          client.write(isHello && !tls13 && !openssl && script.serverHello12 ? editRecord(record, (b) => script.serverHello12!(b, clientHello)) : record)
        },
        (d) => client.write(d),
      ),
    )
  })
