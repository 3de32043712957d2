import {beforeAll, describe, expect, it} from 'vitest'

import type {Observation} from '../../src/model/observation.js'
import {issueCertificate, type IssuedCertificate} from '../../src/net/issue-certificate.js'
import {runCli} from '../helpers/cli.js'
import {FIXTURE_CASES} from '../helpers/fixture-cases.js'
import {startOpensslServer} from '../helpers/openssl-server.js'
import {sslscan} from '../helpers/sslscan.js'
import {fixtureCa, startFixture} from '../helpers/tls-fixture.js'

const DAY = 86_400_000

interface ScanvetView {
  readonly protocols: string[]
  readonly suites: string[]
  readonly adverse: string[]
}

/** scanvet as a user runs it: the built CLI, ad hoc, JSON out. */
const scanvet = async (port: number): Promise<ScanvetView> => {
  const r = await runCli(['probe', 'tls', '--url', `https://127.0.0.1:${port}/`, '--json'])
  expect(r.code, r.stderr).toBe(0)
  const out = JSON.parse(r.stdout) as {observations: Observation[]; findings: {ruleId: string; status: string}[]}
  const o = out.observations[0]!
  expect(o.status, o.status === 'error' ? o.reason : '').toBe('ok')
  const facts = (o as unknown as {facts: {protocols: {offered: string[]}; ciphers: {complete: boolean; byVersion: Record<string, {id: string}[]>}}}).facts
  expect(facts.ciphers.complete).toBe(true)
  return {
    protocols: facts.protocols.offered,
    suites: Object.entries(facts.ciphers.byVersion)
      .flatMap(([v, suites]) => suites.map((s) => `${v} ${s.id}`))
      .sort(),
    adverse: out.findings.filter((f) => f.status === 'fail' || f.status === 'warn').map((f) => f.ruleId),
  }
}

const agree = async (port: number): Promise<ScanvetView> => {
  const [ours, theirs] = [await scanvet(port), await sslscan('127.0.0.1', port)]
  expect(ours.protocols).toEqual(theirs.protocols)
  expect(ours.suites).toEqual(theirs.suites)
  expect(ours.suites.length).toBeGreaterThan(0)
  return ours
}

let ca: IssuedCertificate
const leaves: Record<string, IssuedCertificate> = {}
beforeAll(async () => {
  ca = await fixtureCa()
  const base = {subject: 'CN=localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], issuer: ca}
  leaves.rsa = await issueCertificate({...base, key: {type: 'rsa', bits: 2048}})
  leaves.ec = await issueCertificate(base)
  leaves.expired = await issueCertificate({...base, key: {type: 'rsa', bits: 2048}, notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 5 * DAY)})
  leaves.wrongName = await issueCertificate({...base, key: {type: 'rsa', bits: 2048}, dnsNames: ['pacs.other.example'], ipAddresses: []})
  leaves.selfSigned = await issueCertificate({subject: 'CN=localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], key: {type: 'rsa', bits: 2048}})
  leaves.rsa1024 = await issueCertificate({...base, key: {type: 'rsa', bits: 1024}})
  leaves.sha1 = await issueCertificate({...base, key: {type: 'rsa', bits: 2048}, hash: 'SHA-1'})
})

// Debian's openssl.cnf raises the default security level to 2; the legacy fixtures lower it on purpose.
const OPENSSL_FIXTURES: readonly {name: string; leaf: string; args: string[]; defect?: string}[] = [
  {name: 'openssl defaults (RSA)', leaf: 'rsa', args: []},
  {name: 'openssl defaults (ECDSA)', leaf: 'ec', args: []},
  {name: 'every suite OpenSSL has, TLS 1.0 and up', leaf: 'rsa', args: ['-min_protocol', 'TLSv1', '-cipher', 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'], defect: 'tls-ciphers-no-weak'},
  {name: 'TLS 1.3 only, all five TLS 1.3 suites', leaf: 'rsa', args: ['-tls1_3', '-ciphersuites', 'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256'], defect: 'tls-protocol-old-clients'},
  {name: 'TLS 1.2 with weak ciphers', leaf: 'rsa', args: ['-tls1_2', '-cipher', 'NULL-SHA256:AECDH-AES128-SHA:ADH-AES256-GCM-SHA384:AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0'], defect: 'tls-ciphers-no-weak'},
  {name: 'TLS 1.0 enabled', leaf: 'rsa', args: ['-min_protocol', 'TLSv1', '-cipher', 'DEFAULT:@SECLEVEL=0'], defect: 'tls-protocols-legacy-disabled'},
  {name: 'expired certificate', leaf: 'expired', args: [], defect: 'tls-cert-not-expired'},
  {name: 'wrong hostname', leaf: 'wrongName', args: [], defect: 'tls-cert-hostname'},
  {name: 'self-signed', leaf: 'selfSigned', args: [], defect: 'tls-cert-self-signed'},
  {name: 'RSA-1024', leaf: 'rsa1024', args: ['-cipher', 'DEFAULT:@SECLEVEL=0'], defect: 'tls-cert-key-strength'},
  {name: 'SHA-1-signed certificate', leaf: 'sha1', args: ['-cipher', 'DEFAULT:@SECLEVEL=0'], defect: 'tls-cert-signature-algorithm'},
]

// Every server is stopped in its own test's finally block.
describe('scanvet agrees with sslscan on openssl s_server fixtures', () => {
  it.each(OPENSSL_FIXTURES.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const leaf = leaves[f.leaf]!
    const server = await startOpensslServer(leaf, f.leaf === 'selfSigned' ? '' : ca.certPem, f.args)
    try {
      const ours = await agree(server.port)
      if (f.defect) expect(ours.adverse).toContain(f.defect)
    } finally {
      await server.close()
    }
  })
})

describe('scanvet agrees with sslscan on the Node fixture servers', () => {
  it.each(FIXTURE_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const server = await startFixture(c.spec)
    try {
      await agree(server.port)
    } finally {
      await server.close()
    }
  })
})
