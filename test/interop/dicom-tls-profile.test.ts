import {spawn, type ChildProcess} from 'node:child_process'
import {promises as fs} from 'node:fs'
import net, {type AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {issueCertificate, type IssuedCertificate} from '../../src/net/issue-certificate.js'
import {startOpensslServer, type OpensslServer} from '../helpers/openssl-server.js'
import {probeEndpoints, type ProbeRun} from '../helpers/probe-fixture.js'
import {fixtureCa} from '../helpers/tls-fixture.js'

/**
 * The DICOM secure transport profile verdict against real DICOM TLS servers: DCMTK's `storescp` (the OFFIS
 * toolkit, whose author wrote these profiles into DCMTK) in each security profile Debian's build offers, and one
 * `openssl s_server` set up exactly as the Modified BCP 195 RFC 8996 profile allows. What each server accepts
 * comes from its configuration, so the expected verdict is known before scanvet looks.
 */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port
      s.close(() => resolve(port))
    })
  })

const waitForPort = async (port: number, deadline: number): Promise<void> => {
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => (c.destroy(), resolve(true)))
      c.once('error', () => resolve(false))
    })
    if (open) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`storescp did not listen on ${port}`)
}

interface Storescp {
  readonly url: string
  close(): Promise<void>
}

/** storescp with TLS in one of its security profiles; --fork so the probe's parallel handshakes are each answered. */
const startStorescp = async (cert: IssuedCertificate, profileFlag: string): Promise<Storescp> => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'scanvet-storescp-'))
  await fs.writeFile(path.join(dir, 'cert.pem'), cert.certPem)
  await fs.writeFile(path.join(dir, 'key.pem'), cert.keyPem)
  const port = await freePort()
  const child: ChildProcess = spawn('storescp', ['--fork', '+tls', path.join(dir, 'key.pem'), path.join(dir, 'cert.pem'), '-ic', profileFlag, '-od', dir, String(port)], {stdio: 'ignore', detached: false})
  await waitForPort(port, Date.now() + 10_000)
  return {
    url: `dicom-tls://127.0.0.1:${port}`,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
        child.kill('SIGTERM')
        await exited
      }
      await fs.rm(dir, {recursive: true, force: true})
    },
  }
}

const dicomTls = (run: ProbeRun) => (run.observations.find((o) => o.probe === 'tls') as {facts?: Record<string, unknown>}).facts!.dicomTls as {profile: string; notModified: string[]; notBcp195: string[]}
const finding = (run: ProbeRun, id: string) => run.findings.find((f) => f.ruleId === id)

describe('DICOM PS3.15 Annex B profile verdict on real DICOM TLS servers', () => {
  let ca: IssuedCertificate
  let rsa: IssuedCertificate
  const servers: {close(): Promise<void>}[] = []

  beforeAll(async () => {
    ca = await fixtureCa()
    rsa = await issueCertificate({subject: 'CN=127.0.0.1', key: {type: 'rsa', bits: 2048}, issuer: ca, ipAddresses: ['127.0.0.1'], dnsNames: ['localhost']})
  }, 60_000)
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()))
  })

  const probe = async (url: string) => probeEndpoints([{url, role: 'dicom-tls', caPem: ca.certPem}])
  /** storescp in one of its profiles, probed: the run and its DICOM profile verdict. */
  const probeStorescp = async (profileFlag: string) => {
    const s = await startStorescp(rsa, profileFlag)
    servers.push(s)
    const run = await probe(s.url)
    return {run, v: dicomTls(run)}
  }

  it('storescp, Non-downgrading BCP 195 profile (TLS 1.2 ECDHE/DHE AES-GCM and TLS 1.3): BCP 195 RFC 8996, not Modified because of DHE', async () => {
    const {run, v} = await probeStorescp('+py')
    expect(v.profile).toBe('bcp195-rfc8996')
    expect(v.notModified).toHaveLength(1)
    expect(v.notModified[0]).toMatch(/^TLS 1\.2 suites outside the profile's list: /)
    expect(v.notModified[0]!.replace(/^.*: /, '').split(', ').sort()).toEqual(['TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384'])
    expect(finding(run, 'tls-dicom-profile')?.status).toBe('pass')
  }, 120_000)

  it('storescp, retired BCP 195 profile (adds TLS_RSA_WITH_AES_128_CBC_SHA for old peers): neither profile, the SHA-1 suite named', async () => {
    const {run, v} = await probeStorescp('+px')
    expect(v.profile).toBe('neither')
    expect(v.notBcp195.join('; ')).toMatch(/forbids .*TLS_RSA_WITH_AES_128_CBC_SHA\b/)
    expect(finding(run, 'tls-dicom-profile')?.status).toBe('fail')
  }, 120_000)

  it('openssl s_server with only what the Modified profile allows: Modified BCP 195 RFC 8996', async () => {
    const s: OpensslServer = await startOpensslServer(rsa, '', [
      '-no_tls1', '-no_tls1_1', '-no_comp',
      '-cipher', 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305',
      '-ciphersuites', 'TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256',
    ])
    servers.push(s)
    const run = await probe(`dicom-tls://127.0.0.1:${s.port}`)
    const v = dicomTls(run)
    expect(v).toMatchObject({profile: 'modified-bcp195-rfc8996', notModified: [], notBcp195: []})
    expect(finding(run, 'tls-dicom-profile')?.status).toBe('pass')
  }, 120_000)

  it('a DICOM TLS endpoint that cannot be reached: the profile could not be checked (never "not applicable")', async () => {
    const run = await probe('dicom-tls://127.0.0.1:1')
    expect(finding(run, 'tls-dicom-profile')?.status).toBe('error')
  }, 60_000)

  it('an https:// endpoint is not judged against the DICOM profiles', async () => {
    const s: OpensslServer = await startOpensslServer(rsa, '', ['-no_tls1', '-no_tls1_1'])
    servers.push(s)
    const run = await probe(`https://127.0.0.1:${s.port}/`)
    expect((run.observations.find((o) => o.probe === 'tls') as {facts?: Record<string, unknown>}).facts!.dicomTls).toBeUndefined()
    expect(finding(run, 'tls-dicom-profile')?.status).toBe('not-applicable')
  }, 120_000)
})
