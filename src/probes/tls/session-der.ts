/**
 * The two fields of a client-side session the probe reads, from the bytes Node's 'session' event hands over:
 * OpenSSL's i2d_SSL_SESSION, a DER SEQUENCE laid out in ssl/ssl_asn1.c (SSL_SESSION_ASN1). Fields are
 * context-tagged and EXPLICIT: [10] tlsext_tick (OCTET STRING, the ticket the server issued) and [15]
 * max_early_data (INTEGER, from the NewSessionTicket's early_data extension; omitted when zero). A walker of
 * tag-length-value items is all that needs: no ASN.1 library. The session ID is the second untagged OCTET
 * STRING (after the cipher).
 */
export interface SessionFields {
  /** The server issued a session ticket (RFC 5077 before TLS 1.3, NewSessionTicket in TLS 1.3). */
  readonly ticket: boolean
  /** The server named the session with an ID it may keep in its cache (TLS 1.2 and earlier). */
  readonly sessionId: boolean
  /** How many bytes of 0-RTT data the ticket lets a client send; 0 when the server allows none. */
  readonly maxEarlyData: number
}

interface Item {
  readonly tag: number
  readonly body: Buffer
  readonly end: number
}

/** One DER item at `p`: single-byte tags only (SSL_SESSION uses tags below 31). */
const item = (b: Buffer, p: number): Item => {
  const tag = b[p]!
  let len = b[p + 1]!
  let q = p + 2
  if (len & 0x80) {
    const n = len & 0x7f
    if (n === 0 || n > 4) throw new RangeError('unsupported DER length')
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + b[q + i]!
    q += n
  }
  if (q + len > b.length) throw new RangeError('DER item runs past the end')
  return {tag, body: b.subarray(q, q + len), end: q + len}
}

const CONTEXT = 0xa0 // context-specific, constructed: [n] EXPLICIT is 0xa0 | n

// Node 22 and later wrap the DER (lib/_tls_wrap.js): NUL, "nodejs:tls:session:1", NUL, a 16-bit big-endian
// length, the server name it was made for, then the DER. Node 20 hands the DER over bare.
const NODE_ENVELOPE = Buffer.from('\0nodejs:tls:session:', 'latin1')

/** The SSL_SESSION DER inside what Node's 'session' event gives, or undefined when it is neither form. */
export const sessionDer = (session: Buffer): Buffer | undefined => {
  if (session[0] === 0x30) return session
  if (!session.subarray(0, NODE_ENVELOPE.length).equals(NODE_ENVELOPE)) return undefined
  const nul = session.indexOf(0, NODE_ENVELOPE.length)
  if (nul < 0 || nul + 3 > session.length) return undefined
  const start = nul + 3 + session.readUInt16BE(nul + 1)
  return start < session.length && session[start] === 0x30 ? session.subarray(start) : undefined
}

/** The fields of an SSL_SESSION (bare DER, or in Node's envelope), or undefined if the bytes are not one. */
export const sessionFields = (session: Buffer): SessionFields | undefined => {
  try {
    const der = sessionDer(session)
    if (!der) return undefined
    const seq = item(der, 0)
    if (seq.tag !== 0x30) return undefined
    let ticket = false
    let maxEarlyData = 0
    let sessionId = false
    let octets = 0
    for (let p = 0; p < seq.body.length; ) {
      const field = item(seq.body, p)
      p = field.end
      if (field.tag === 0x04 && ++octets === 2) sessionId = field.body.length > 0
      if (field.tag === (CONTEXT | 10)) ticket = item(field.body, 0).body.length > 0
      if (field.tag === (CONTEXT | 15)) {
        const n = item(field.body, 0)
        if (n.tag !== 0x02) return undefined
        maxEarlyData = n.body.reduce((a, x) => a * 256 + x, 0)
      }
    }
    return {ticket, sessionId, maxEarlyData}
  } catch {
    return undefined
  }
}
