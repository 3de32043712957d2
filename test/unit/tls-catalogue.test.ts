import {describe, expect, it} from 'vitest'

import {loadBundledChecks} from '../../src/checks/load-bundled-checks.js'
import {loadChecks} from '../../src/checks/load-checks.js'
import {CATALOGUE, suitesFor} from '../../src/probes/tls/cipher-catalogue.js'

const by = (name: string) => CATALOGUE.find((s) => s.openssl === name)

describe('cipher catalogue', () => {
  it('holds the 160 suites OpenSSL 3.0 can offer and the 29 legacy ones it dropped, with unique code points', () => {
    expect(CATALOGUE).toHaveLength(189)
    const ids = CATALOGUE.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(suitesFor('SSLv3').map((s) => s.openssl)).toEqual(expect.arrayContaining(['DES-CBC3-SHA', 'RC4-SHA', 'EXP-RC4-MD5', 'IDEA-CBC-SHA']))
  })

  it('grades suites: forward secrecy, AEAD, weak reasons', () => {
    expect(by('ECDHE-RSA-AES128-GCM-SHA256')).toMatchObject({forwardSecrecy: true, aead: true, grade: 'recommended', weak: []})
    expect(by('TLS_AES_128_GCM_SHA256')).toMatchObject({forwardSecrecy: true, aead: true, grade: 'recommended'})
    expect(by('AES128-GCM-SHA256')).toMatchObject({forwardSecrecy: false, aead: true, grade: 'legacy'})
    expect(by('ECDHE-RSA-AES128-SHA')).toMatchObject({forwardSecrecy: true, aead: false, cbc: true, grade: 'legacy'})
    expect(by('NULL-SHA256')!.weak).toContain('no encryption (NULL)')
    expect(by('ADH-AES128-GCM-SHA256')!.weak).toContain('anonymous (server not authenticated)')
    expect(by('DES-CBC3-SHA')!.weak).toContain('3DES (64-bit block, SWEET32)')
    expect(by('RC4-MD5')!.weak).toEqual(expect.arrayContaining(['RC4', 'MD5 MAC']))
    expect(by('EXP-RC4-MD5')!.weak).toEqual(expect.arrayContaining(['EXPORT-grade', '40-bit key']))
  })

  it('offers each version only the suites it can carry, never PSK or SRP', () => {
    expect(suitesFor('TLSv1.3').map((s) => s.iana)).toHaveLength(5)
    expect(suitesFor('TLSv1').every((s) => s.since === 'SSLv3' || s.since === 'TLSv1')).toBe(true)
    expect(suitesFor('TLSv1.2').some((s) => s.since === 'TLSv1.3')).toBe(false)
    expect(suitesFor('TLSv1.2').some((s) => s.needsCredentials)).toBe(false)
  })
})

describe('bundled checks fast path', () => {
  it('returns exactly what the validating loader does', async () => {
    const strip = (cs: {file: string}[]) => cs.map(({file: _file, ...c}) => c)
    const all = await loadChecks()
    for (const family of ['tls', 'http'] as const) {
      expect(strip(await loadBundledChecks(family))).toEqual(strip(all.filter((c) => c.probe === family)))
    }
  })
})

describe('DICOM TLS targets', () => {
  it('default to port 2762 and carry SNI for names, not for IP literals', async () => {
    const {tlsTargetOf} = await import('../../src/net/endpoint.js')
    expect(tlsTargetOf('dicom-tls://pacs.vendor.example')).toEqual({host: 'pacs.vendor.example', port: 2762, servername: 'pacs.vendor.example', label: 'pacs.vendor.example:2762'})
    expect(tlsTargetOf('dicom-tls://10.1.2.3:11112')).toEqual({host: '10.1.2.3', port: 11112, label: '10.1.2.3:11112'})
  })
})
