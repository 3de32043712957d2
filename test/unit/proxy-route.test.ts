import http from 'node:http'
import net, {type AddressInfo} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {httpRequest} from '../../src/net/http.js'
import {bypassesProxy, describeProxy, proxyFor} from '../../src/net/proxy.js'

describe('which requests go through the proxy', () => {
  const env = {HTTPS_PROXY: 'http://proxy.example:3128', HTTP_PROXY: 'http://plain-proxy.example:8080'}

  it('takes HTTPS_PROXY for https and HTTP_PROXY for http, lower case too', () => {
    expect(proxyFor('https://api.vendor.example/x', {env})?.url.host).toBe('proxy.example:3128')
    expect(proxyFor('http://api.vendor.example/x', {env})?.url.host).toBe('plain-proxy.example:8080')
    expect(proxyFor('https://a.example/', {env: {https_proxy: 'proxy.example:3128'}})?.url.href).toBe('http://proxy.example:3128/')
    expect(proxyFor('https://a.example/', {env: {}})).toBeUndefined()
    expect(proxyFor('https://a.example/', undefined)).toBeUndefined()
  })

  it('follows NO_PROXY grammar: name and subdomains, leading dot or star, port, and *', () => {
    const u = (s: string) => new URL(s)
    expect(bypassesProxy(u('https://vendor.example/'), ['vendor.example'])).toBe(true)
    expect(bypassesProxy(u('https://api.vendor.example/'), ['vendor.example'])).toBe(true)
    expect(bypassesProxy(u('https://badvendor.example/'), ['vendor.example'])).toBe(false)
    expect(bypassesProxy(u('https://api.vendor.example/'), ['.vendor.example'])).toBe(true)
    expect(bypassesProxy(u('https://api.vendor.example/'), ['*.vendor.example'])).toBe(true)
    expect(bypassesProxy(u('https://api.vendor.example:8443/'), ['api.vendor.example:443'])).toBe(false)
    expect(bypassesProxy(u('https://api.vendor.example/'), ['api.vendor.example:443'])).toBe(true)
    expect(bypassesProxy(u('https://127.0.0.1:9/'), ['127.0.0.1'])).toBe(true)
    expect(bypassesProxy(u('https://[::1]:9/'), ['::1'])).toBe(true)
    expect(bypassesProxy(u('https://anything.example/'), ['*'])).toBe(true)
    expect(bypassesProxy(u('https://anything.example/'), ['', ' '])).toBe(false)
  })

  it('scanvet.yaml overrides the environment and adds its own exceptions', () => {
    const settings = {url: 'http://egress.hospital.example:8080', noProxy: ['pacs.hospital.example']}
    expect(proxyFor('https://api.vendor.example/', {settings, env})?.url.host).toBe('egress.hospital.example:8080')
    expect(proxyFor('https://pacs.hospital.example/', {settings, env})).toBeUndefined()
    expect(proxyFor('https://api.vendor.example/', {settings, env: {...env, NO_PROXY: 'vendor.example'}})).toBeUndefined()
  })

  it('takes credentials from the environment and never shows them', () => {
    const secret = 'pw-' + Math.random().toString(36).slice(2)
    const r = proxyFor('https://a.example/', {env: {HTTPS_PROXY: 'http://proxy.example:3128', SCANVET_PROXY_USER: 'scanner', SCANVET_PROXY_PASSWORD: secret}})
    expect(r?.authorization).toBe(`Basic ${Buffer.from(`scanner:${secret}`).toString('base64')}`)
    expect(describeProxy(r!)).toBe('http://proxy.example:3128')
    expect(r!.url.href).not.toContain(secret)
    const fromUrl = proxyFor('https://a.example/', {env: {HTTPS_PROXY: `http://scanner:${secret}@proxy.example:3128`}})
    expect(fromUrl?.authorization).toContain('Basic ')
    expect(fromUrl!.url.href).not.toContain(secret)
  })

  it('refuses a proxy that is not http(s)', () => {
    expect(() => proxyFor('https://a.example/', {env: {HTTPS_PROXY: 'socks5://127.0.0.1:1080'}})).toThrow(/http:\/\/ or https:\/\//)
  })
})

// A minimal CONNECT proxy written here (the real tinyproxy is in test/interop/proxy-tinyproxy.test.ts): it
// records what it was asked and either tunnels, demands credentials, or says it cannot reach the endpoint.
describe('the HTTP client through a CONNECT proxy', () => {
  let origin: http.Server
  let proxy: net.Server
  let originPort = 0
  let proxyUrl = ''
  const asked: string[] = []
  const auth: (string | undefined)[] = []
  beforeAll(async () => {
    origin = http.createServer((req, res) => res.end(`hello ${req.url}`))
    await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r))
    originPort = (origin.address() as AddressInfo).port
    proxy = net.createServer((sock) => {
      sock.once('data', (buf) => {
        const head = buf.toString('latin1')
        const [line = ''] = head.split('\r\n')
        asked.push(line)
        auth.push(/proxy-authorization: (.*)\r\n/i.exec(head)?.[1])
        const [, target = ''] = line.split(' ')
        const [host, port] = target.split(':')
        if (port === '1') return sock.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
        const up = net.connect({host, port: Number(port)}, () => {
          sock.write('HTTP/1.1 200 Connection established\r\n\r\n')
          sock.pipe(up).pipe(sock)
        })
        up.on('error', () => sock.destroy())
      })
    })
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r))
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    origin.closeAllConnections()
    await new Promise((r) => origin.close(r))
    await new Promise((r) => proxy.close(r))
  })
  const limits = (env: Record<string, string>) => ({timeoutMs: 3000, maxBytes: 10_000, maxRedirects: 2, httpsOnly: false, proxy: {env}})

  it('tunnels through the proxy, with credentials from the environment only', async () => {
    const r = await httpRequest({url: `http://127.0.0.1:${originPort}/x?token=secret`}, limits({HTTP_PROXY: proxyUrl, SCANVET_PROXY_USER: 'u', SCANVET_PROXY_PASSWORD: 'p'}))
    expect(r.kind === 'response' && r.body.toString()).toBe('hello /x?token=secret')
    expect(asked.at(-1)).toBe(`CONNECT 127.0.0.1:${originPort} HTTP/1.1`)
    expect(auth.at(-1)).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`)
  })

  it('goes direct when NO_PROXY names the host', async () => {
    const before = asked.length
    const r = await httpRequest({url: `http://127.0.0.1:${originPort}/direct`}, limits({HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1'}))
    expect(r.kind).toBe('response')
    expect(asked.length).toBe(before)
  })

  it("reports the proxy's 'could not reach' as an error with a reason, never as the endpoint's answer", async () => {
    const r = await httpRequest({url: 'http://127.0.0.1:1/?token=secret'}, limits({HTTP_PROXY: proxyUrl}))
    expect(r).toMatchObject({kind: 'error', code: 'proxy', cause: 'EPROXYUNREACHABLE'})
    expect(r.kind === 'error' && r.reason).not.toContain('secret')
  })

  it('reports a proxy that is not there', async () => {
    const r = await httpRequest({url: `http://127.0.0.1:${originPort}/`}, limits({HTTP_PROXY: 'http://127.0.0.1:1'}))
    expect(r).toMatchObject({kind: 'error', code: 'refused'})
  })
})
