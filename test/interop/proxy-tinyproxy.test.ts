import {spawn, type ChildProcess} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import net, {type AddressInfo} from 'node:net'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

// Debian's tinyproxy, started here on 127.0.0.1 with its own config and log: the egress proxy a hospital network
// puts between scanvet and the vendor. The demo vendor's probes run once directly and once through it.
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const {port} = s.address() as AddressInfo
      s.close(() => resolve(port))
    })
  })

let proxy: ChildProcess
let proxyUrl = ''
let log = ''
const dir = tempDir()

beforeAll(async () => {
  const port = await freePort()
  log = path.join(dir, 'tinyproxy.log')
  const conf = path.join(dir, 'tinyproxy.conf')
  // No ConnectPort line: CONNECT to any port (the demo vendor's servers listen on ephemeral ones).
  writeFileSync(conf, [`Port ${port}`, 'Listen 127.0.0.1', 'Timeout 30', 'Allow 127.0.0.1', `LogFile "${log}"`, 'LogLevel Connect', 'MaxClients 100', 'DisableViaHeader Yes', ''].join('\n'))
  proxy = spawn('tinyproxy', ['-d', '-c', conf], {stdio: 'ignore'})
  proxyUrl = `http://127.0.0.1:${port}`
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((r) => net.connect(port, '127.0.0.1').on('connect', function (this: net.Socket) { this.destroy(); r(true) }).on('error', () => r(false)))
    if (up) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('tinyproxy did not start')
}, 15_000)

afterAll(() => {
  proxy?.kill('SIGTERM')
})

interface Found {
  readonly ruleId: string
  readonly status: string
}
const findingsOf = (file: string): string[] =>
  ((JSON.parse(readFileSync(file, 'utf8')) as {findings: Found[]}).findings.map((f) => `${f.ruleId}=${f.status}`)).sort()

const demo = async (name: string, env: Record<string, string>) => {
  const r = await runCli(['demo', '--dir', path.join(dir, name), '--json'], {timeoutMs: 120_000, env})
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as {assessment: string; decision: string}
}

describe('probes through an HTTP proxy (tinyproxy)', () => {
  it('the demo vendor audited through the proxy gives the same findings as directly, and the proxy saw the CONNECTs', async () => {
    const direct = await demo('direct', {HTTPS_PROXY: '', HTTP_PROXY: '', NO_PROXY: ''})
    const before = readFileSync(log, 'utf8').split('\n').filter((l) => /CONNECT/.test(l) && /Request \(file descriptor/.test(l)).length
    const proxied = await demo('proxied', {HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl, NO_PROXY: ''})
    expect(findingsOf(proxied.assessment)).toEqual(findingsOf(direct.assessment))
    expect(proxied.decision).toBe(direct.decision)
    const requests = readFileSync(log, 'utf8').split('\n').filter((l) => /Request \(file descriptor \d+\): CONNECT 127\.0\.0\.1:\d+/.test(l))
    // The TLS probe's handshakes (one per version, suite and group) are tunnelled too: dozens of CONNECTs, not a few.
    expect(requests.length - before).toBeGreaterThan(20)
    // Every probe family reached the vendor through the tunnel: the HTTPS endpoint, the DICOMweb server.
    expect(new Set(requests.map((l) => /CONNECT (127\.0\.0\.1:\d+)/.exec(l)?.[1])).size).toBeGreaterThanOrEqual(2)
  }, 240_000)

  it('NO_PROXY keeps the vendor off the proxy', async () => {
    const count = () => readFileSync(log, 'utf8').split('\n').filter((l) => /Request \(file descriptor \d+\): CONNECT/.test(l)).length
    const before = count()
    await demo('bypass', {HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1,localhost'})
    const lines = readFileSync(log, 'utf8').split('\n').filter((l) => /Request \(file descriptor \d+\): CONNECT/.test(l))
    expect(lines.slice(before), 'requests that went through the proxy').toEqual([])
    expect(count()).toBe(before)
  }, 120_000)
})
