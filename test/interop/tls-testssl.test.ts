import {execFile} from 'node:child_process'
import {promises as fs} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {issueCertificate, type IssuedCertificate} from '../../src/net/issue-certificate.js'
import {FALLBACK_SCSV} from '../../src/probes/tls/client-hello.js'
import {HostileServers} from '../helpers/hostile-servers.js'
import {startOpensslServer, type OpensslServer} from '../helpers/openssl-server.js'
import {probeEndpoints} from '../helpers/probe-fixture.js'
import {dropSuite, scriptedFront} from '../helpers/tls-scripted-server.js'
import {fixtureCa} from '../helpers/tls-fixture.js'

/**
 * Item 4 of issue 13, second opinion: scanvet's downgrade and heartbeat verdicts against testssl.sh's JSON
 * (`fallback_SCSV` and `heartbleed` ids, from `-p -Z -H`) on Debian's `openssl s_server`, and on a scripted front
 * that takes the SCSV out of every ClientHello (OpenSSL cannot be told to ignore it). testssl.sh has no
 * X25519MLKEM768 test in Debian's version: not compared.
 */
const run = promisify(execFile)
interface TestsslItem {
  readonly id: string
  readonly severity: string
  readonly finding: string
}

const testssl = async (port: number, dir: string): Promise<Record<string, TestsslItem>> => {
  const out = path.join(dir, `testssl-${port}.json`)
  await run('testssl', ['--jsonfile', out, '--quiet', '--warnings', 'off', '--color', '0', '-p', '-Z', '-H', `127.0.0.1:${port}`], {timeout: 100_000, maxBuffer: 8 * 1024 * 1024}).catch(
    (e: {code?: number}) => {
      // testssl.sh exits non-zero when it finds something; the JSON is what counts.
      if (typeof e.code !== 'number') throw e
    },
  )
  const items = JSON.parse(await fs.readFile(out, 'utf8')) as TestsslItem[]
  return Object.fromEntries(items.map((i) => [i.id, i]))
}

let ca: IssuedCertificate
let leaf: IssuedCertificate
let dir: string
const hostile = new HostileServers()
const servers: OpensslServer[] = []
beforeAll(async () => {
  ca = await fixtureCa()
  leaf = await issueCertificate({subject: 'CN=localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], issuer: ca, key: {type: 'rsa', bits: 2048}})
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'scanvet-testssl-'))
})
afterAll(async () => {
  await hostile.closeAll()
  await Promise.all(servers.map((s) => s.close()))
  await fs.rm(dir, {recursive: true, force: true})
})

const LEGACY_OK = ['-min_protocol', 'TLSv1', '-cipher', 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:@SECLEVEL=0']
// testssl.sh judges only a fallback below TLS 1.2 ("no protocol below TLS 1.2 offered", OK); scanvet also tries
// 1.3 → 1.2, and both call that server safe. Behind the front testssl.sh's full handshake cannot finish (the edited
// hello breaks the transcript hash), so it reports its check failed: only scanvet's hello-level test can see it.
const CASES: readonly {name: string; args: readonly string[]; front?: boolean; ours: string; testssl: string; finding: RegExp}[] = [
  {name: 'TLS 1.2 + 1.3 (openssl)', args: ['-min_protocol', 'TLSv1.2'], ours: 'pass', testssl: 'OK', finding: /no protocol below TLS 1\.2/},
  {name: 'TLS 1.0 to 1.3 (openssl)', args: LEGACY_OK, ours: 'pass', testssl: 'OK', finding: /^supported/},
  {name: 'TLS 1.2 only (openssl)', args: ['-tls1_2'], ours: 'not-applicable', testssl: 'OK', finding: /no protocol below TLS 1\.2/},
  {name: 'TLS 1.0 to 1.3 behind a front that drops the SCSV (scripted)', args: LEGACY_OK, front: true, ours: 'fail', testssl: 'WARN', finding: /Check failed/},
]

describe('TLS_FALLBACK_SCSV and heartbeat: scanvet agrees with testssl.sh', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const server = await startOpensslServer(leaf, ca.certPem, c.args)
    servers.push(server)
    const port = c.front ? await scriptedFront(hostile, server.port, {clientHello: dropSuite(FALLBACK_SCSV)}) : server.port
    const r = await probeEndpoints([{url: `dicom-tls://127.0.0.1:${port}`, role: 'dicom-tls', caPem: ca.certPem}])
    const o = r.observations[0]!
    expect(o.status, o.status === 'error' ? o.reason : '').toBe('ok')
    const status = (id: string) => r.findings.find((f) => f.ruleId === id)?.status
    const theirs = await testssl(port, dir)
    const fallback = theirs.fallback_SCSV!
    console.log(`${c.name}: scanvet tls-fallback-scsv ${status('tls-fallback-scsv')}; testssl fallback_SCSV ${fallback.severity} "${fallback.finding}"; heartbleed "${theirs.heartbleed?.finding}"`)
    expect(status('tls-fallback-scsv')).toBe(c.ours)
    expect(fallback.severity, fallback.finding).toBe(c.testssl)
    expect(fallback.finding).toMatch(c.finding)
    // Neither tool sees heartbeat on OpenSSL 3 (removed in 3.0).
    expect(status('tls-heartbeat-disabled')).toBe('pass')
    expect(theirs.heartbleed?.finding).toMatch(/no heartbeat extension/)
  }, 120_000)
})
