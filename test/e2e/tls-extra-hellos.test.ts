import {afterAll, describe, expect, it} from 'vitest'

import type {Finding} from '../../src/model/finding.js'
import {FALLBACK_SCSV} from '../../src/probes/tls/client-hello.js'
import {HostileServers} from '../helpers/hostile-servers.js'
import {probeEndpoints, type ProbeRun} from '../helpers/probe-fixture.js'
import {addExtension, answerGroup, dropSuite, groupsOf, scriptedFront} from '../helpers/tls-scripted-server.js'
import {startFixture, type Fixture} from '../helpers/tls-fixture.js'

/**
 * Item 4 of issue 13: downgrade protection, heartbeat, the hybrid post-quantum group, through the whole probe
 * and the checks. The clean Node server (OpenSSL 3.0) plays itself; what OpenSSL 3.0 cannot do (ignore the SCSV,
 * offer heartbeat, speak X25519MLKEM768) is played by a scripted front editing one hello on its way to it.
 */
const EXTRA = ['tls-fallback-scsv', 'tls-heartbeat-disabled', 'tls-pq-hybrid-group', 'tls-session-resumption', 'tls-early-data']
// The fixture servers run in this Node: from OpenSSL 3.5 (Node 22 and 24 ship it) they accept X25519MLKEM768
// themselves, so the real server plays the hybrid group and the scripted stand-ins for it are not needed.
const [major, minor] = process.versions.openssl.split('.').map(Number) as [number, number]
const NATIVE_PQ = major > 3 || (major === 3 && minor >= 5)
const hostile = new HostileServers()
const fixtures: Fixture[] = []
afterAll(async () => {
  await hostile.closeAll()
  await Promise.all(fixtures.map((f) => f.close()))
})

const fixture = async (spec: Parameters<typeof startFixture>[0] = {}) => {
  const f = await startFixture(spec)
  fixtures.push(f)
  return f
}
const probe = (f: Fixture, port = f.port): Promise<ProbeRun> => probeEndpoints([{url: `https://127.0.0.1:${port}/`, role: 'api', plainHttpUrl: f.plainHttpUrl, caPem: f.caPem}])
const statuses = (r: ProbeRun) => Object.fromEntries(r.findings.filter((x: Finding) => EXTRA.includes(x.ruleId)).map((x) => [x.ruleId, x.status]))
const factsOf = (r: ProbeRun) => (r.observations.find((o) => o.probe === 'tls') as unknown as {facts: Record<string, unknown>}).facts

describe('extra TLS tests against real and scripted servers', () => {
  it('a clean server (TLS 1.2 + 1.3): alerts inappropriate_fallback, no heartbeat, no hybrid group (a note, not adverse)', async () => {
    const f = await fixture()
    const r = await probe(f)
    expect(factsOf(r)).toMatchObject({
      fallbackScsv: {applicable: true, best: 'TLSv1.3', retriedAt: 'TLSv1.2', accepted: false, answer: 'inappropriate_fallback'},
      heartbeat: {offered: false, testedAt: 'TLSv1.2'},
      postQuantum: NATIVE_PQ ? {offered: true, brokeOff: false, result: 'accepted'} : {offered: false, brokeOff: false},
      // Node's server issues tickets (1.3 and 1.2) and keeps no session-ID cache unless the application does.
      resumption: {resumed: true, tls13: {offered: true, ticketIssued: true}, tls12: {ticket: true, sessionId: false}, mechanisms: 'TLS 1.3 session ticket (PSK), TLS 1.2 session ticket'},
      earlyData: {accepted: false, basis: 'its TLS 1.3 session ticket carries no early_data extension'},
    })
    expect(statuses(r)).toEqual({
      'tls-fallback-scsv': 'pass',
      'tls-heartbeat-disabled': 'pass',
      'tls-pq-hybrid-group': NATIVE_PQ ? 'pass' : 'not-applicable',
      'tls-session-resumption': 'pass',
      'tls-early-data': 'pass',
    })
    expect(r.adverse).toEqual([])
    if (!NATIVE_PQ) expect(r.findings.find((x) => x.ruleId === 'tls-pq-hybrid-group')!.message).toMatch(/Readiness note, not a defect: .*not offered: the server chose X25519 \(HelloRetryRequest\)\)/)
  })

  it('a TLS 1.3-only server: one version, so no fallback; no heartbeat to look for', async () => {
    const r = await probe(await fixture({minVersion: 'TLSv1.3'}))
    expect(statuses(r)).toEqual({
      'tls-fallback-scsv': 'not-applicable',
      'tls-heartbeat-disabled': 'not-applicable',
      'tls-pq-hybrid-group': NATIVE_PQ ? 'pass' : 'not-applicable',
      'tls-session-resumption': 'pass',
      'tls-early-data': 'pass',
    })
    expect(factsOf(r).fallbackScsv).toEqual({applicable: false})
    expect(factsOf(r).resumption).toEqual({resumed: true, tls13: {offered: true, ticketIssued: true}, mechanisms: 'TLS 1.3 session ticket (PSK)'})
  })

  it('a server that ignores TLS_FALLBACK_SCSV (scripted: the SCSV is taken out of the hello) fails the downgrade check, and only it', async () => {
    const f = await fixture()
    const r = await probe(f, await scriptedFront(hostile, f.port, {clientHello: dropSuite(FALLBACK_SCSV)}))
    expect(factsOf(r).fallbackScsv).toMatchObject({accepted: true, answer: 'accepted TLSv1.2'})
    expect(r.adverse).toEqual(['tls-fallback-scsv'])
    expect(r.findings.find((x) => x.ruleId === 'tls-fallback-scsv')!.severity).toBe('medium')
  })

  it('a server offering heartbeat (scripted: OpenSSL 3 removed it) fails the heartbeat check, and only it', async () => {
    const f = await fixture()
    const r = await probe(f, await scriptedFront(hostile, f.port, {serverHello12: addExtension(15, Buffer.from([1]))}))
    expect(factsOf(r).heartbeat).toEqual({offered: true, testedAt: 'TLSv1.2'})
    // Node's own TLS 1.2 handshakes through the front are not edited: they complete and resume.
    expect(factsOf(r).resumption).toMatchObject({resumed: true, tls12: {ticket: true, sessionId: false}})
    expect(r.adverse).toEqual(['tls-heartbeat-disabled'])
  })

  it.skipIf(NATIVE_PQ)('a server accepting X25519MLKEM768 (scripted: Debian has OpenSSL 3.0; with 3.5 the clean server above plays it) passes the readiness check', async () => {
    const f = await fixture()
    const r = await probe(f, await scriptedFront(hostile, f.port, {clientHello: answerGroup(0x11ec, 1088 + 32)}))
    expect(factsOf(r).postQuantum).toEqual({offered: true, brokeOff: false, result: 'accepted'})
    expect(statuses(r)['tls-pq-hybrid-group']).toBe('pass')
    expect(r.adverse).toEqual([])
  })

  // With OpenSSL 3.5, Node's own handshake (the certificate read) offers the hybrid group too, so a front that drops
  // every hello naming it drops that handshake as well: the drop can only be staged where the client lacks it.
  it.skipIf(NATIVE_PQ)('a server that drops the browser-like hybrid hello without an alert gets an info finding, nothing above info', async () => {
    const f = await fixture()
    const silentOnPq = (body: Buffer) => (groupsOf(body).includes(0x11ec) ? {reply: Buffer.alloc(0)} : body)
    const r = await probe(f, await scriptedFront(hostile, f.port, {clientHello: silentOnPq}))
    expect(factsOf(r).postQuantum).toMatchObject({offered: false, brokeOff: true})
    expect(r.adverse).toEqual(['tls-pq-hybrid-group'])
    expect(r.findings.find((x) => x.ruleId === 'tls-pq-hybrid-group')!.severity).toBe('info')
  })
})
