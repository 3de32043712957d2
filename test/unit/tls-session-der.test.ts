import tls from 'node:tls'
import {describe, expect, it} from 'vitest'

import {issueCertificate} from '../../src/net/issue-certificate.js'
import {sessionFields} from '../../src/probes/tls/session-der.js'

/** DER tag-length-value, long-form lengths where needed. */
const tlv = (tag: number, body: Buffer): Buffer => {
  const len = body.length < 0x80 ? Buffer.from([body.length]) : body.length < 0x100 ? Buffer.from([0x81, body.length]) : Buffer.from([0x82, body.length >> 8, body.length & 0xff])
  return Buffer.concat([Buffer.from([tag]), len, body])
}
const int = (n: number) => tlv(0x02, n === 0 ? Buffer.from([0]) : Buffer.from(n.toString(16).padStart(n.toString(16).length + (n.toString(16).length % 2), '0'), 'hex'))
const octets = (b: Buffer) => tlv(0x04, b)
const explicit = (n: number, inner: Buffer) => tlv(0xa0 | n, inner)

/** An SSL_SESSION laid out as ssl/ssl_asn1.c writes it: version, ssl_version, cipher, session_id, master_key, then tagged fields. */
const session = (o: {sessionId?: Buffer; ticket?: Buffer; maxEarlyData?: Buffer; peer?: Buffer}) =>
  tlv(
    0x30,
    Buffer.concat([
      int(1),
      int(0x0304),
      octets(Buffer.from([0x13, 0x02])),
      octets(o.sessionId ?? Buffer.alloc(0)),
      octets(Buffer.alloc(48, 7)),
      explicit(1, int(1_700_000_000)),
      ...(o.peer ? [explicit(3, o.peer)] : []),
      ...(o.ticket ? [explicit(9, int(7200)), explicit(10, octets(o.ticket))] : []),
      ...(o.maxEarlyData ? [explicit(14, int(12345)), explicit(15, o.maxEarlyData)] : []),
    ]),
  )

describe('SSL_SESSION DER fields (ticket, session ID, max_early_data)', () => {
  it('reads [15] max_early_data and [10] tlsext_tick past a long peer certificate', () => {
    const der = session({ticket: Buffer.alloc(208, 1), maxEarlyData: int(16384), peer: tlv(0x30, Buffer.alloc(600, 3))})
    expect(sessionFields(der)).toEqual({ticket: true, sessionId: false, maxEarlyData: 16384})
  })

  it("reads the DER inside the envelope Node 22 and later wrap it in (NUL, magic, NUL, name length, server name)", () => {
    const der = session({ticket: Buffer.alloc(64, 1), maxEarlyData: int(16384)})
    const name = Buffer.from('pacs.example')
    const len = Buffer.alloc(2)
    len.writeUInt16BE(name.length)
    const wrapped = Buffer.concat([Buffer.from('\0nodejs:tls:session:1\0', 'latin1'), len, name, der])
    expect(sessionFields(wrapped)).toEqual({ticket: true, sessionId: false, maxEarlyData: 16384})
    // Another magic, or a name length running past the end, is not a session.
    expect(sessionFields(Buffer.concat([Buffer.from('\0othertool:session:1\0', 'latin1'), len, name, der]))).toBeUndefined()
    expect(sessionFields(Buffer.concat([Buffer.from('\0nodejs:tls:session:1\0', 'latin1'), Buffer.from([0xff, 0xff]), name]))).toBeUndefined()
  })

  it('reads no early data where the field is absent (OpenSSL omits a zero), and a session ID without a ticket', () => {
    expect(sessionFields(session({sessionId: Buffer.alloc(32, 9)}))).toEqual({ticket: false, sessionId: true, maxEarlyData: 0})
    expect(sessionFields(session({ticket: Buffer.alloc(16, 1)}))).toEqual({ticket: true, sessionId: false, maxEarlyData: 0})
  })

  it('gives undefined for bytes that are not a session: truncated, not a SEQUENCE, max_early_data not an INTEGER', () => {
    const der = session({ticket: Buffer.alloc(208, 1), maxEarlyData: int(16384)})
    expect(sessionFields(der.subarray(0, der.length - 3))).toBeUndefined()
    expect(sessionFields(Buffer.concat([Buffer.from([0x31]), der.subarray(1)]))).toBeUndefined()
    expect(sessionFields(session({maxEarlyData: octets(Buffer.from([0x40, 0]))}))).toBeUndefined()
    expect(sessionFields(Buffer.alloc(0))).toBeUndefined()
  })

  it("reads a real TLS 1.3 session from Node's OpenSSL: a ticket, and no early data (Node's server cannot allow it)", async () => {
    const leaf = await issueCertificate({subject: 'CN=localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1']})
    const server = tls.createServer({key: leaf.keyPem, cert: leaf.certPem, minVersion: 'TLSv1.3'}, (s) => s.on('error', () => {}))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const port = (server.address() as {port: number}).port
      const der = await new Promise<Buffer>((resolve, reject) => {
        const c = tls.connect({host: '127.0.0.1', port, rejectUnauthorized: false})
        c.once('session', (b: Buffer) => {
          c.destroy()
          resolve(b)
        })
        c.once('error', reject)
        setTimeout(() => reject(new Error('no session ticket within 5 s')), 5000).unref()
      })
      expect(sessionFields(der)).toMatchObject({ticket: true, maxEarlyData: 0})
    } finally {
      await new Promise((r) => server.close(r))
    }
  })
})
