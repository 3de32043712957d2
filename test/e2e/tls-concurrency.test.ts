import net from 'node:net'
import tls from 'node:tls'
import {afterAll, describe, expect, it, vi} from 'vitest'

import type {ProbeContext} from '../../src/probes/probe-types.js'
import {tlsProbe} from '../../src/probes/tls/tls-probe.js'
import {DEFAULT_NETWORK} from '../../src/workspace/workspace-types.js'
import {startFixture, type Fixture} from '../helpers/tls-fixture.js'

const fixtures: Fixture[] = []
afterAll(async () => {
  vi.restoreAllMocks()
  await Promise.all(fixtures.map((f) => f.close()))
})

describe('connection bounds from the workspace network settings', () => {
  it('never has more than perEndpointConcurrency connections to one endpoint, nor concurrency in all', async () => {
    fixtures.push(await startFixture({}), await startFixture({}), await startFixture({}))
    // Count sockets from the client's side, open from connect() to their 'close' event: the server sees a
    // closed connection's EOF a poll later, which would count it twice.
    const open = new Map<number, number>()
    const maxPer = new Map<number, number>()
    let total = 0
    let maxTotal = 0
    const track = (port: number, socket: net.Socket) => {
      open.set(port, (open.get(port) ?? 0) + 1)
      maxPer.set(port, Math.max(maxPer.get(port) ?? 0, open.get(port)!))
      maxTotal = Math.max(maxTotal, ++total)
      socket.once('close', () => {
        open.set(port, open.get(port)! - 1)
        total--
      })
      return socket
    }
    // Full handshakes go through tls.connect, the probe's own ClientHellos through net.connect.
    const realTls = tls.connect.bind(tls)
    vi.spyOn(tls, 'connect').mockImplementation(((opts: tls.ConnectionOptions) => track(Number(opts.port), realTls(opts))) as typeof tls.connect)
    const realNet = net.connect.bind(net)
    vi.spyOn(net, 'connect').mockImplementation(((opts: net.NetConnectOpts) => track(Number((opts as net.TcpNetConnectOpts).port), realNet(opts))) as typeof net.connect)

    const ctx: ProbeContext = {
      network: {...DEFAULT_NETWORK, connectTimeoutMs: 3000, concurrency: 4, perEndpointConcurrency: 2},
      now: () => new Date(),
      env: {},
      vendorDir: '/nonexistent',
    }
    const vendor = {id: 'v', name: 'v', service: 's', jurisdictions: ['US' as const], endpoints: fixtures.map((f) => ({url: f.url, role: 'api' as const}))}
    const obs = await tlsProbe.run(vendor, ctx)
    expect(obs.every((o) => o.status === 'ok')).toBe(true)
    for (const f of fixtures) expect(maxPer.get(f.port)).toBe(2)
    expect(maxTotal).toBe(4)
    expect(total).toBe(0)
  })
})
