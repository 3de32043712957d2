import {describe, expect, it} from 'vitest'

import {buildClientHello, FALLBACK_SCSV, GROUP_ID, mlkemHybridShare} from '../../src/probes/tls/client-hello.js'

const target = {host: '127.0.0.1', port: 443, label: '127.0.0.1:443'}

/** The parts of a ClientHello record these tests read. */
const parse = (record: Buffer) => {
  const body = record.subarray(9)
  let p = 34
  p += 1 + body[p]!
  const suitesLen = body.readUInt16BE(p)
  const suites = Array.from({length: suitesLen / 2}, (_, i) => body.readUInt16BE(p + 2 + i * 2))
  p += 2 + suitesLen
  p += 1 + body[p]!
  const exts = new Map<number, Buffer>()
  const end = p + 2 + body.readUInt16BE(p)
  for (let q = p + 2; q < end; q += 4 + body.readUInt16BE(q + 2)) exts.set(body.readUInt16BE(q), body.subarray(q + 4, q + 4 + body.readUInt16BE(q + 2)))
  expect(end).toBe(body.length)
  expect(record.readUInt16BE(3)).toBe(record.length - 5)
  return {version: body.readUInt16BE(0), suites, exts}
}

describe('ClientHello extras', () => {
  it('puts TLS_FALLBACK_SCSV (0x5600) last among the suites only when asked', () => {
    const plain = parse(buildClientHello(target, {version: 'TLSv1.2', suites: [0xc02b, 0xc02f], timeoutMs: 1}))
    const fallback = parse(buildClientHello(target, {version: 'TLSv1.2', suites: [0xc02b, 0xc02f], fallbackScsv: true, timeoutMs: 1}))
    expect(plain.suites).toEqual([0xc02b, 0xc02f])
    expect(fallback.suites).toEqual([0xc02b, 0xc02f, FALLBACK_SCSV])
    expect(fallback.version).toBe(0x0303)
    // A fallback hello below TLS 1.3 carries no supported_versions: the record says TLS 1.2 and means it.
    expect(fallback.exts.has(0x002b)).toBe(false)
  })

  it('carries the heartbeat extension (type 15, mode 1 peer_allowed_to_send) only when asked', () => {
    expect(parse(buildClientHello(target, {version: 'TLSv1.2', suites: [0xc02b], timeoutMs: 1})).exts.has(15)).toBe(false)
    expect(parse(buildClientHello(target, {version: 'TLSv1.2', suites: [0xc02b], heartbeat: true, timeoutMs: 1})).exts.get(15)).toEqual(Buffer.from([1]))
  })

  it('sends a 1216-byte X25519MLKEM768 share before the X25519 one, as browsers do', () => {
    const groups = [GROUP_ID.X25519MLKEM768!, GROUP_ID.X25519!, GROUP_ID['P-256']!]
    const h = parse(buildClientHello(target, {version: 'TLSv1.3', suites: [0x1301], groups, timeoutMs: 1}))
    expect(h.exts.get(0x000a)).toEqual(Buffer.from([0x00, 0x06, 0x11, 0xec, 0x00, 0x1d, 0x00, 0x17]))
    const ks = h.exts.get(0x0033)!
    expect(ks.readUInt16BE(0)).toBe(ks.length - 2)
    expect([ks.readUInt16BE(2), ks.readUInt16BE(4)]).toEqual([0x11ec, 1216])
    expect([ks.readUInt16BE(6 + 1216), ks.readUInt16BE(8 + 1216)]).toEqual([0x001d, 32])
    expect(ks.length).toBe(2 + 4 + 1216 + 4 + 32)
    // The default TLS 1.3 hello is unchanged: one X25519 share, no hybrid group.
    const plain = parse(buildClientHello(target, {version: 'TLSv1.3', suites: [0x1301], timeoutMs: 1}))
    expect(plain.exts.get(0x0033)!.length).toBe(2 + 4 + 32)
  })

  it('makes an ML-KEM-768 encapsulation key that passes the FIPS 203 modulus check (every coefficient below q)', () => {
    for (let n = 0; n < 20; n++) {
      const share = mlkemHybridShare()
      expect(share.length).toBe(1184 + 32)
      for (let i = 0; i < 1152; i += 3) {
        const a = share[i]! | ((share[i + 1]! & 0x0f) << 8)
        const b = (share[i + 1]! >> 4) | (share[i + 2]! << 4)
        expect(a < 3329 && b < 3329).toBe(true)
      }
    }
  })
})
