import net from 'node:net'
import type {AddressInfo} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {HostileServers} from '../helpers/hostile-servers.js'
import {probeEndpoints} from '../helpers/probe-fixture.js'
import {startFixture, type Fixture} from '../helpers/tls-fixture.js'

const TIMEOUT_MS = 1500

/** Raw TCP servers that misbehave in one way each; every socket is tracked so afterAll can end them. */
const servers: net.Server[] = []
const sockets = new Set<net.Socket>()
const timers = new Set<NodeJS.Timeout>()

const hostile = async (onConnection: (s: net.Socket) => void): Promise<number> => {
  const server = net.createServer((s) => {
    sockets.add(s)
    s.on('error', () => {})
    s.on('close', () => sockets.delete(s))
    onConnection(s)
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

let ports: Record<string, number>
let good: Fixture
const more = new HostileServers()

beforeAll(async () => {
  good = await startFixture({})
  // A privileged port nothing listens on: a port released by the kernel could be taken by a test running beside this one.
  const closedPort = 1
  ports = {
    silent: await hostile(() => {}),
    garbage: await hostile((s) => s.once('data', () => s.write(Buffer.from('\x00\xffthis is not TLS at all\r\n'.repeat(20), 'binary')))),
    // Reads the ClientHello, answers with half a TLS record header, then resets.
    reset: await hostile((s) => s.once('data', () => {
      s.write(Buffer.from([0x16, 0x03, 0x03]))
      s.resetAndDestroy()
    })),
    // A plausible handshake record header, then one byte every 200 ms: never complete, never silent.
    dribble: await hostile((s) => {
      s.once('data', () => {
        s.write(Buffer.from([0x16, 0x03, 0x03, 0x40, 0x00]))
        const t = setInterval(() => (s.destroyed ? clearInterval(t) : s.write(Buffer.from([0x02]))), 200)
        timers.add(t)
      })
    }),
    closed: closedPort,
    ssh: await more.sshBanner(),
    // A real TLS server's ServerHello, then a reset: the bug of issue 13 (it was reported healthy).
    afterHello: await more.resetAfterServerHello(good.port),
  }
})

afterAll(async () => {
  for (const t of timers) clearInterval(t)
  for (const s of sockets) s.destroy()
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))))
  await more.closeAll()
  await good.close()
})

describe('hostile endpoints', () => {
  it('each ends in an error observation with a reason within the timeout, and the audit completes', async () => {
    const endpoints = [
      ...Object.entries(ports).map(([name, port]) => ({url: `https://127.0.0.1:${port}/${name}`, role: 'api' as const, plainHttpUrl: `http://127.0.0.1:${ports.closed}/`})),
      {url: 'https://vendor-does-not-exist.invalid/', role: 'api' as const, plainHttpUrl: `http://127.0.0.1:${ports.closed}/`},
      {url: good.url, role: 'api' as const, plainHttpUrl: good.plainHttpUrl, caPem: good.caPem},
    ]
    const t0 = Date.now()
    const r = await probeEndpoints(endpoints, {connectTimeoutMs: TIMEOUT_MS, requestTimeoutMs: TIMEOUT_MS})
    const elapsed = Date.now() - t0
    // Everything runs concurrently: the whole audit is bounded by a few timeouts, not their sum.
    expect(elapsed).toBeLessThan(TIMEOUT_MS * 4)

    const reasons: Record<string, string> = {}
    for (const e of endpoints.slice(0, -1)) {
      for (const probe of ['tls', 'http'] as const) {
        const o = r.observations.find((x) => x.target === e.url && x.probe === probe)
        expect(o, `${probe} observation for ${e.url}`).toBeDefined()
        expect(o!.status, `${probe} ${e.url}`).toBe('error')
        expect(o!.durationMs).toBeLessThan(TIMEOUT_MS + 1000)
        if (o!.status === 'error') {
          expect(o!.reason.length).toBeGreaterThan(10)
          reasons[`${probe} ${new URL(e.url).pathname.slice(1) || 'invalid'}`] = o!.reason
        }
      }
      // Every check on the endpoint is an `error` finding carrying the reason, never a pass, except the redirect
      // check (the plain-HTTP answer was observed on its own; here nothing listens: not served) and the browser
      // headers, which an api endpoint is never judged on.
      const findings = r.findings.filter((f) => f.target === e.url)
      expect(findings.length).toBeGreaterThan(0)
      expect(findings.filter((f) => f.status !== 'error').map((f) => `${f.ruleId} ${f.status}`)).toEqual(['tls-dicom-profile not-applicable', 'http-redirect-to-https pass', 'http-security-headers not-applicable'])
      const tlsObs = r.observations.find((x) => x.target === e.url && x.probe === 'tls') as {facts?: {error?: {class: string}}}
      expect(['timeout', 'reset', 'not-tls', 'refused', 'dns']).toContain(tlsObs.facts?.error?.class)
    }
    if (process.env.SHOW_REASONS) console.log(reasons)
    expect(reasons['tls silent']).toMatch(/within 1500 ms/)
    expect(reasons['tls dribble']).toMatch(/within 1500 ms/)
    expect(reasons['tls closed']).toMatch(/refused/)
    expect(reasons['tls invalid']).toMatch(/resolve/)
    expect(reasons['tls garbage']).toMatch(/not answer with TLS|closed|reset/)
    expect(reasons['tls reset']).toMatch(/reset|closed/)
    expect(reasons['tls ssh']).toMatch(/not answer with TLS/)
    expect(reasons['tls afterHello']).toMatch(/ServerHello .*reset|ServerHello .*closed/)
    // The good endpoint in the same run is unaffected.
    expect(r.observations.filter((o) => o.target === good.url).every((o) => o.status === 'ok')).toBe(true)
  })
})
