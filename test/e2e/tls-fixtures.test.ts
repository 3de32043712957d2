import {afterAll, describe, expect, it} from 'vitest'

import {FIXTURE_CASES as CASES} from '../helpers/fixture-cases.js'
import {CLEAN_CIPHERS, startFixture, type Fixture, type FixtureSpec} from '../helpers/tls-fixture.js'
import {probeEndpoints, type ProbeRun} from '../helpers/probe-fixture.js'

const HIPAA_OR_GDPR = /45 CFR 164\.312|GDPR Art\. 32/

const started: Fixture[] = []
afterAll(async () => {
  await Promise.all(started.map((f) => f.close()))
})

const probe = async (spec: FixtureSpec, role: 'api' | 'portal' | 'dicom-tls' = 'api'): Promise<ProbeRun> => {
  const f = await startFixture(spec)
  started.push(f)
  const url = role !== 'dicom-tls' ? f.url : `dicom-tls://127.0.0.1:${f.port}`
  try {
    return await probeEndpoints([{url, role, plainHttpUrl: f.plainHttpUrl, caPem: f.caPem}])
  } finally {
    await f.close()
  }
}

describe('fixture servers: each defect is the right failing check', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const r = await probe(c.spec, c.role)
    for (const o of r.observations) expect(o.status, o.status === 'error' ? o.reason : '').toBe('ok')
    expect(r.adverse).toEqual(c.adverse)
    // Info findings (Mozilla profile, old clients, stapling) are notes, not grounds to cite the law.
    for (const f of r.findings.filter((x) => c.adverse.includes(x.ruleId) && x.severity !== 'info')) {
      expect(f.references?.some((ref) => HIPAA_OR_GDPR.test(ref)), `${f.ruleId} cites HIPAA or GDPR`).toBe(true)
      expect(f.references?.some((ref) => ref.startsWith('NIST SP 800-52') || ref.startsWith('RFC 6797') || ref.startsWith('OWASP') || ref.startsWith('NIST SP 800-44') || ref.startsWith('OMB M-15-13'))).toBe(true)
      expect(f.remediation).toMatch(/^Ask the vendor/)
    }
    // Compression and renegotiation are tested up to TLS 1.2 and do not apply to a TLS 1.3-only server.
    const only13 = c.spec.minVersion === 'TLSv1.3'
    for (const id of ['tls-compression-disabled', 'tls-secure-renegotiation']) {
      expect(r.findings.find((f) => f.ruleId === id)?.status).toBe(only13 ? 'not-applicable' : 'pass')
    }
    expect(r.findings.filter((f) => f.status === 'not-assessed' || f.status === 'error')).toEqual([])
  })
})

describe('what the probe enumerates on the clean server', () => {
  it('lists exactly the suites the server was configured with, per version, and the groups', async () => {
    const r = await probe({})
    const tls = r.observations.find((o) => o.probe === 'tls')!
    expect(tls.status).toBe('ok')
    const facts = (tls as {facts: Record<string, any>}).facts
    expect(facts.protocols.offered).toEqual(['TLSv1.2', 'TLSv1.3'])
    expect(facts.protocols.notOffered).toEqual(['SSLv3', 'TLSv1', 'TLSv1.1'])
    // The certificate is ECDSA, so of CLEAN_CIPHERS only the ECDSA suites can be used.
    expect(facts.ciphers.byVersion['TLSv1.2'].map((s: {openssl: string}) => s.openssl).sort()).toEqual(
      ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305'].sort(),
    )
    expect(facts.ciphers.byVersion['TLSv1.3'].map((s: {name: string}) => s.name).sort()).toEqual(
      ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'].sort(),
    )
    expect(facts.ciphers.byVersion['TLSv1.2'].every((s: {grade: string}) => s.grade === 'recommended')).toBe(true)
    expect(facts.kx.groups['TLSv1.3']).toContain('X25519')
    expect(facts.ocsp).toMatchObject({stapled: true, status: 'good'})
    expect(facts.renegotiation).toEqual({secure: true})
    expect(facts.certificate).toMatchObject({trusted: true, chainVerifies: true, missingIntermediate: false, hostnameMatches: true, keyType: 'ec', keyBits: 256, signatureHash: 'SHA-256'})
    expect(facts.mozilla).toMatchObject({guidelines: '6.0', profile: 'intermediate', notIntermediate: []})
    expect(facts.compression).toEqual({accepted: false})
    expect(facts.extendedMasterSecret).toBe(true)
    // The server keeps OpenSSL's default groups, and those changed: OpenSSL 3.5 (Node 22.20+ and 24) no longer offers
    // ffdhe4096/6144/8192 by default; 3.0 (Node 20) does.
    const [major, minor] = process.versions.openssl.split('.').map(Number) as [number, number]
    const bigFfdhe = major > 3 || (major === 3 && minor >= 5) ? [] : ['ffdhe4096', 'ffdhe6144', 'ffdhe8192']
    expect(facts.kx.groups['TLSv1.3']).toEqual(['X25519', 'P-256', 'P-384', 'P-521', 'X448', 'ffdhe2048', 'ffdhe3072', ...bigFfdhe])
  })

  it('grades NULL and anonymous suites as weak', async () => {
    const r = await probe({ciphers: `${CLEAN_CIPHERS}:ECDHE-ECDSA-NULL-SHA:AECDH-AES128-SHA:@SECLEVEL=0`})
    const facts = (r.observations.find((o) => o.probe === 'tls') as {facts: Record<string, any>}).facts
    const weak = facts.ciphers.byVersion['TLSv1.2'].filter((s: {grade: string}) => s.grade === 'weak').map((s: {openssl: string}) => s.openssl)
    expect(weak.sort()).toEqual(['AECDH-AES128-SHA', 'ECDHE-ECDSA-NULL-SHA'])
  })
})

describe('DICOM TLS endpoints', () => {
  it('get the TLS checks (and no HTTP checks) on the default dicom-tls port scheme', async () => {
    const r = await probe({}, 'dicom-tls')
    expect(r.observations.map((o) => o.probe)).toEqual(['tls'])
    const tlsFindings = r.findings.filter((f) => f.ruleId.startsWith('tls-'))
    expect(tlsFindings.length).toBe(26)
    expect(r.adverse).toEqual([])
  })
})
