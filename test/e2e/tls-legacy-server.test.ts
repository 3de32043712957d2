import net from 'node:net'
import type {AddressInfo} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {probeEndpoints} from '../helpers/probe-fixture.js'

/**
 * A scripted 2010-era server: SSL 3.0 and TLS 1.0 only, RC4 and 3DES suites, DEFLATE compression, no RFC 5746.
 * No TLS library installed here can still be configured like that (OpenSSL 3 has none of it), so this one
 * answers ClientHellos by hand: a ServerHello, or an alert. It is a stand-in for what cannot run here, and it
 * checks that scanvet's own ClientHello finds what OpenSSL-based scanning would miss.
 */
const SUITES = [0x0005, 0x000a] // TLS_RSA_WITH_RC4_128_SHA, TLS_RSA_WITH_3DES_EDE_CBC_SHA
const VERSIONS = [0x0300, 0x0301]

const respond = (hello: Buffer): Buffer => {
  // record(5) handshake type(1) length(3) client_version(2) random(32) session_id
  let p = 9
  const version = hello.readUInt16BE(p)
  p += 34
  p += 1 + hello[p]!
  const n = hello.readUInt16BE(p) / 2
  const offered = Array.from({length: n}, (_, i) => hello.readUInt16BE(p + 2 + i * 2))
  p += 2 + n * 2
  const compression = [...hello.subarray(p + 1, p + 1 + hello[p]!)]
  const alert = (desc: number) => Buffer.from([21, 3, 1, 0, 2, 2, desc])
  if (!VERSIONS.includes(version)) return alert(70)
  const suite = offered.find((s) => SUITES.includes(s))
  if (suite === undefined) return alert(40)
  const body = Buffer.concat([Buffer.from([version >> 8, version & 0xff]), Buffer.alloc(32, 7), Buffer.from([0, suite >> 8, suite & 0xff, compression.includes(1) ? 1 : 0])])
  const hs = Buffer.concat([Buffer.from([2, 0, 0, body.length]), body])
  return Buffer.concat([Buffer.from([22, version >> 8, version & 0xff, 0, hs.length]), hs])
}

let server: net.Server
let port: number
const sockets = new Set<net.Socket>()

beforeAll(async () => {
  server = net.createServer((s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => {})
    s.once('data', (d) => s.end(respond(d)))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  for (const s of sockets) s.destroy()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe('a server with SSL 3.0, RC4, 3DES and TLS compression', () => {
  it('is seen for what it is, and each defect fails its check', async () => {
    const r = await probeEndpoints([{url: `dicom-tls://127.0.0.1:${port}`, role: 'dicom-tls'}], {connectTimeoutMs: 2000})
    const o = r.observations[0]!
    expect(o.status).toBe('ok')
    const facts = (o as {facts: Record<string, any>}).facts
    expect(facts.protocols.offered).toEqual(['SSLv3', 'TLSv1'])
    expect(facts.protocols.legacyOffered).toEqual(['SSLv3', 'TLSv1'])
    expect(facts.ciphers.byVersion.SSLv3.map((s: {name: string}) => s.name)).toEqual(['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_RSA_WITH_RC4_128_SHA'])
    expect(facts.compression).toEqual({accepted: true})
    expect(facts.renegotiation).toEqual({secure: false})
    const failed = r.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId)
    expect(failed).toEqual(
      expect.arrayContaining([
        'tls-protocols-legacy-disabled',
        'tls-protocol-tls12-supported',
        'tls-ciphers-no-weak',
        'tls-ciphers-forward-secrecy',
        'tls-compression-disabled',
        'tls-secure-renegotiation',
        // A 2010 stack predates RFC 7507: the SSL 3.0 retry marked as a fallback is accepted.
        'tls-fallback-scsv',
      ]),
    )
    // No normal handshake is possible, so the certificate could not be read: not tested, never passed.
    expect(r.findings.find((f) => f.ruleId === 'tls-cert-trusted')?.status).toBe('not-assessed')
  })
})
