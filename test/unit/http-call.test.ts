import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {call} from '../../src/probes/retention/http-call.js'

// Two real plain-HTTP servers on 127.0.0.1 (two origins) that misbehave in the ways the limits are for.
const seen: Record<string, string | undefined> = {}
let a: http.Server
let b: http.Server
let A = ''
let B = ''
const listen = (s: http.Server) => new Promise<string>((r) => s.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)))

beforeAll(async () => {
  b = http.createServer((req, res) => {
    seen[`b${req.url}`] = req.headers.authorization
    res.end('other origin')
  })
  a = http.createServer((req, res) => {
    seen[`a${req.url}`] = req.headers.authorization
    if (req.url === '/loop') {
      res.writeHead(302, {Location: '/loop'})
      return res.end()
    }
    if (req.url === '/same') {
      res.writeHead(302, {Location: '/ok'})
      return res.end()
    }
    if (req.url === '/away') {
      res.writeHead(307, {Location: `${B}/landed`})
      return res.end()
    }
    if (req.url === '/big') {
      res.writeHead(200)
      return res.end(Buffer.alloc(10_000, 65))
    }
    if (req.url === '/trickle') {
      res.writeHead(200)
      const t = setInterval(() => res.write('x'), 50)
      res.on('close', () => clearInterval(t))
      return
    }
    res.end('fine')
  })
  B = await listen(b)
  A = await listen(a)
})
afterAll(async () => {
  for (const s of [a, b]) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
})

const limits = {timeoutMs: 1000, maxResponseBytes: 1000, maxRedirects: 3}

describe('the retention HTTP exchange limits', () => {
  it('stops a redirect loop at the redirect limit', async () => {
    const r = await call({method: 'GET', url: `${A}/loop`}, limits)
    expect(r).toMatchObject({kind: 'network-error', reason: 'more than 3 redirects'})
  })

  it('follows a same-origin redirect with credentials, and drops them when the redirect leaves the origin', async () => {
    const same = await call({method: 'GET', url: `${A}/same`, headers: {Authorization: 'Bearer keep-me'}}, limits)
    expect(same).toMatchObject({kind: 'response', status: 200, redirects: 1})
    expect(seen['a/ok']).toBe('Bearer keep-me')
    const away = await call({method: 'GET', url: `${A}/away`, headers: {Authorization: 'Bearer not-for-b'}}, limits)
    expect(away).toMatchObject({kind: 'response', status: 200, redirects: 1})
    expect(seen['b/landed']).toBeUndefined()
  })

  it('does not follow redirects for a POST or DELETE: the status is the answer', async () => {
    const r = await call({method: 'DELETE', url: `${A}/same`}, limits)
    expect(r).toMatchObject({kind: 'response', status: 302})
  })

  it('cuts a body at the size limit and says so', async () => {
    const r = await call({method: 'GET', url: `${A}/big`}, limits)
    expect(r.kind === 'response' && [r.body.length, r.truncated]).toEqual([1000, true])
  })

  it('gives a server that trickles bytes one deadline for the whole exchange', async () => {
    const t0 = Date.now()
    const r = await call({method: 'GET', url: `${A}/trickle`}, {...limits, maxResponseBytes: 1_000_000, timeoutMs: 400})
    expect(Date.now() - t0).toBeLessThan(1000)
    expect(r).toMatchObject({kind: 'network-error', reason: 'no complete answer within 400 ms'})
  })

  it('reports a refused connection and a bad URL as reasons, never a throw', async () => {
    const closed = http.createServer()
    const url = await listen(closed)
    await new Promise((r) => closed.close(r))
    expect(await call({method: 'GET', url}, limits)).toMatchObject({kind: 'network-error', reason: 'connection refused'})
    expect(await call({method: 'GET', url: 'ftp://127.0.0.1/x'}, limits)).toMatchObject({kind: 'network-error', reason: 'unsupported URL scheme ftp:'})
  })
})
