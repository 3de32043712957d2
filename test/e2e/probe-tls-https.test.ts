import {promises as fs} from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import tls from 'node:tls'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {ProbeTlsCommandResult} from '../../src/commands/probe/tls.js'
import {startDemoVendor, type DemoVendor} from '../../src/demo/demo-vendor.js'
import {runCli} from '../helpers/cli.js'
import {issueCertificate} from '../../src/net/issue-certificate.js'
import {CLEAN_CIPHERS, fixtureCa, startFixture, type Fixture} from '../helpers/tls-fixture.js'
import {tempDir} from '../helpers/tmp.js'

// Item 5 of issue 13: `probe tls` is the whole encryption-in-transit probe. Every HTTP check has a server here
// that passes it and one that fails it: clean passes all four; noHsts fails http-hsts; bare (no security headers,
// a versioned Server banner, content over plain HTTP) fails the other three; the demo vendor sends a short HSTS.
let clean: Fixture
let noHsts: Fixture
let bare: Fixture
let demo: DemoVendor
let legacy: Fixture
/** TLS done right, but no HTTP answer ever: the HTTPS request times out. */
let silent: {url: string; close(): Promise<void>}
let closedA: string
let closedB: string
const dir = tempDir()
const ca = path.join(dir, 'ca.pem')

const startSilent = async (): Promise<typeof silent> => {
  const ca = await fixtureCa()
  const leaf = await issueCertificate({subject: 'CN=localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], issuer: ca})
  const sockets = new Set<net.Socket>()
  const server = tls.createServer({key: leaf.keyPem, cert: leaf.certPem + ca.certPem, minVersion: 'TLSv1.2', ciphers: CLEAN_CIPHERS}, (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `https://127.0.0.1:${(server.address() as net.AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

beforeAll(async () => {
  ;[clean, noHsts, bare, demo, legacy, silent] = await Promise.all([
    startFixture({}),
    startFixture({hsts: null}),
    startFixture({securityHeaders: false, banner: 'nginx/1.18.0 (Ubuntu)', plainHttp: 'serve'}),
    startDemoVendor({hsts: 'short', securityHeaders: true, serverBanner: false}),
    startFixture({minVersion: 'TLSv1', ciphers: `${CLEAN_CIPHERS}:ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:@SECLEVEL=0`}),
    startSilent(),
  ])
  // The fixtures share one CA; the demo vendor has its own.
  await fs.writeFile(ca, clean.caPem + demo.caPem)
  // Privileged ports nothing listens on: a port released by the kernel could be taken by a test running beside this one.
  closedA = 'https://127.0.0.1:1/'
  closedB = 'https://127.0.0.1:2/'
})
afterAll(async () => {
  await Promise.all([clean.close(), noHsts.close(), bare.close(), demo.close(), legacy.close(), silent.close()])
})

const probe = async (urls: readonly string[], extra: readonly string[] = []) => {
  const r = await runCli(['probe', 'tls', ...urls.flatMap((u) => ['--url', u]), '--ca', ca, '--timeout', '3000', ...extra])
  return r
}

const json = async (urls: readonly string[]) => {
  const r = await probe(urls, ['--json'])
  return {code: r.code, stderr: r.stderr, out: JSON.parse(r.stdout) as ProbeTlsCommandResult}
}

const statusOf = (out: ProbeTlsCommandResult, url: string, ruleId: string) => out.findings.find((f) => f.target === url && f.ruleId === ruleId)?.status
const adverse = (out: ProbeTlsCommandResult, url: string, prefix = '') =>
  out.findings
    .filter((f) => f.target === url && f.ruleId.startsWith(prefix) && (f.status === 'fail' || f.status === 'warn'))
    .map((f) => f.ruleId)
    .sort()

describe('scanvet probe tls: the HTTPS half', () => {
  it('runs the HTTP checks on every https:// endpoint: HSTS, redirect, headers, banner, each passing and failing', async () => {
    // The clean and bare servers are given as portals (opened in a browser): judged on every security header.
    const {code, stderr, out} = await json([`portal=${clean.url}`, noHsts.url, `portal=${bare.url}`, demo.url])
    expect(code, stderr).toBe(0)
    expect(out.endpoints.every((e) => e.status === 'probed')).toBe(true)
    expect(out.observations.filter((o) => o.probe === 'http').map((o) => o.target)).toEqual([clean.url, noHsts.url, bare.url, demo.url])
    // The clean server: HSTS and headers reported, as passes, and nothing adverse in either half.
    for (const rule of ['http-hsts', 'http-security-headers', 'http-content-type-options', 'http-server-banner', 'http-redirect-to-https']) expect(statusOf(out, clean.url, rule), rule).toBe('pass')
    expect(out.findings.find((f) => f.target === clean.url && f.ruleId === 'http-hsts')?.message).toContain('63072000 seconds with includeSubDomains')
    expect(adverse(out, clean.url)).toEqual([])
    // One defect each.
    expect(adverse(out, noHsts.url)).toEqual(['http-hsts'])
    expect(out.findings.find((f) => f.target === noHsts.url && f.ruleId === 'http-hsts')?.message).toContain('header: none')
    expect(adverse(out, bare.url)).toEqual(['http-content-type-options', 'http-security-headers', 'http-server-banner'])
    // An API endpoint is not judged on browser headers.
    expect(statusOf(out, noHsts.url, 'http-security-headers')).toBe('not-applicable')
    // The demo vendor (Node's default TLS settings) is judged on its HTTPS half here.
    expect(adverse(out, demo.url, 'http-')).toEqual(['http-hsts'])
    expect(out.findings.find((f) => f.target === demo.url && f.ruleId === 'http-hsts')?.message).toContain('max-age=3600')
  })

  it('gives an http:// URL the redirect check alone: a redirect to https passes, content over plain HTTP fails', async () => {
    const {code, stderr, out} = await json([clean.plainHttpUrl, bare.plainHttpUrl])
    expect(code, stderr).toBe(0)
    expect(out.endpoints.map((e) => [e.url, e.kind, e.status])).toEqual([
      [clean.plainHttpUrl, 'plain-http', 'probed'],
      [bare.plainHttpUrl, 'plain-http', 'probed'],
    ])
    expect(out.observations.every((o) => o.probe === 'http')).toBe(true)
    expect(out.findings.map((f) => [f.target, f.ruleId, f.status])).toEqual([
      [clean.plainHttpUrl, 'http-redirect-to-https', 'pass'],
      [bare.plainHttpUrl, 'http-redirect-to-https', 'fail'],
    ])
    expect(out.findings[0]!.evidence?.['redirect.outcome']).toBe('redirect-https')
    expect(out.findings[1]!.evidence?.['redirect.outcome']).toBe('served')
  })

  it('keeps going past a bad URL: it gets an error row, the others are probed', async () => {
    const {code, stderr, out} = await json([closedA, clean.url, 'ftp://files.vendor.example/', noHsts.url])
    expect(code, stderr).toBe(0)
    expect(out.endpoints.map((e) => [e.url, e.status])).toEqual([
      [closedA, 'error'],
      [clean.url, 'probed'],
      ['ftp://files.vendor.example/', 'error'],
      [noHsts.url, 'probed'],
    ])
    expect(out.endpoints[0]!.reason).toContain('connection refused')
    expect(out.endpoints[2]!.reason).toContain('not an https://, http://, dicom-tls:// or tls:// URL')
    // The unreachable endpoint's checks say "could not be checked" (or do not apply); only the plain-HTTP
    // redirect, which is tried on its own address (port 80), is judged on what that address did.
    const unreachable = out.findings.filter((f) => f.target === closedA && f.ruleId !== 'http-redirect-to-https')
    expect(unreachable.length).toBeGreaterThan(10)
    expect(unreachable.filter((f) => f.status !== 'error' && f.status !== 'not-applicable').map((f) => `${f.ruleId} ${f.status}`)).toEqual([])
    expect(adverse(out, noHsts.url)).toEqual(['http-hsts'])

    const human = await probe([closedA, clean.url, 'ftp://files.vendor.example/'])
    expect(human.code, human.stderr).toBe(0)
    expect(human.stdout).toMatch(new RegExp(`${closedA.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s+error`))
    expect(human.stdout).toContain('connection refused')
    expect(human.stdout).toContain('ftp://files.vendor.example/: not an https://')
    expect(human.stdout.replace(/\s+/g, ' ')).toContain('1 of 3 endpoints probed')
    // One error row for the unreachable endpoint, not twenty "could not be checked" lines.
    expect(human.stdout).not.toContain('Could not be checked')
  })

  it('reports an HTTPS request that never gets an answer as an HTTP error, never as "no HSTS"; TLS is still judged', async () => {
    const {code, stderr, out} = await json([silent.url])
    expect(code, stderr).toBe(0)
    expect(out.endpoints.map((e) => e.status)).toEqual(['probed'])
    expect(out.observations.map((o) => `${o.probe} ${o.status}`)).toEqual(['tls ok', 'http error'])
    const http = out.findings.filter((f) => f.ruleId.startsWith('http-'))
    // The security-headers check does not apply to an API endpoint; the redirect is judged on the plain-HTTP
    // address, which answered for itself; every check of the HTTPS answer could not be checked.
    expect(http.filter((f) => f.ruleId !== 'http-security-headers' && f.ruleId !== 'http-redirect-to-https').map((f) => f.status)).toEqual(['error', 'error', 'error'])
    expect(statusOf(out, silent.url, 'http-redirect-to-https')).not.toBe('error')
    expect(http[0]!.message).toContain('no complete HTTP answer within 3000 ms')
    expect(statusOf(out, silent.url, 'tls-ciphers-no-weak')).toBe('pass')
    const human = await probe([silent.url])
    expect(human.stdout).toMatch(/^ {2}HTTP: .*no complete HTTP answer/m)
  })

  it('answers a URL given where the vendor id goes with "use --url", exit 2, no stack trace', async () => {
    const r = await runCli(['probe', 'tls', clean.url], {cwd: dir})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('is a URL, not a vendor id')
    expect(r.stderr).toContain(`scanvet probe tls --url ${clean.url}`)
    expect(r.stderr).not.toContain('no vendor')
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('exits 1 when no endpoint could be probed, with the error rows still printed', async () => {
    const {code, out} = await json([closedA, closedB])
    expect(code).toBe(1)
    expect(out.endpoints.map((e) => e.status)).toEqual(['error', 'error'])
    const human = await probe([closedA, closedB])
    expect(human.code).toBe(1)
    expect(human.stdout).toContain('No endpoint could be probed.')
    expect(human.stdout.replace(/\s+/g, ' ')).toContain('0 of 2 endpoints probed')
  })

  it('keeps the human output within 80 columns, long URLs, legacy rows and long findings included', async () => {
    const long = `${clean.url.replace('127.0.0.1', 'localhost')}api/v1/studies/very/long/path/for/the/vendor/endpoint?tenant=radiology`
    const r = await probe([long, legacy.url, `portal=${bare.url}`, bare.plainHttpUrl, closedA, 'not a url at all'])
    expect(r.code, r.stderr).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines.filter((l) => l.length > 80), r.stdout).toEqual([])
    expect(r.stdout).toMatch(/ENDPOINT\s+STATUS\s+VERSIONS\s+SUITES/)
    expect(r.stdout).toMatch(/http-security-headers\s+fail\s+low/)
    expect(r.stdout).toMatch(/http-redirect-to-https\s+fail\s+medium/)
    expect(r.stdout).toContain('plain HTTP')
    // The legacy server's four versions wrap inside their column rather than push the table past 80.
    expect(r.stdout).toMatch(/tls-protocols\S*\s+fail/)
  })
})
