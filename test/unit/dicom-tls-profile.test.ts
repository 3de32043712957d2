import {describe, expect, it} from 'vitest'

import {dicomTlsProfile, type DicomProfileInput} from '../../src/probes/tls/dicom-tls-profile.js'

/**
 * A generated corpus of DICOM TLS endpoints: a Modified-profile server, changed by one to three settings drawn
 * (seeded) from a list where each change declares which profiles it breaks. The expected verdict is derived
 * from those declarations, never from the judge.
 */
const s = (name: string, bits = 128) => ({name, bits})
const BASE: DicomProfileInput = {
  offered: ['TLSv1.2', 'TLSv1.3'],
  suites: {
    'TLSv1.2': [s('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'), s('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 256)],
    'TLSv1.3': [s('TLS_AES_128_GCM_SHA256'), s('TLS_AES_256_GCM_SHA384', 256), s('TLS_CHACHA20_POLY1305_SHA256', 256)],
  },
  weakGroups: [],
  compressionAccepted: false,
  secureRenegotiation: true,
  certificate: {keyType: 'rsa', keyBits: 2048, signatureHash: 'SHA-256'},
}

interface Change {
  readonly name: string
  readonly apply: (i: DicomProfileInput) => DicomProfileInput
  readonly breaksModified: boolean
  readonly breaksBcp195: boolean
}

// A TLS 1.2 suite added to a TLS 1.3-only server comes with TLS 1.2 and one recommended suite, so that each
// change's declared effect holds whatever it is combined with.
const add12 = (i: DicomProfileInput, x: {name: string; bits: number}): DicomProfileInput => {
  if (!i.suites) return i
  const had = i.suites['TLSv1.2']
  return {
    ...i,
    offered: had ? i.offered : ['TLSv1.2', ...i.offered],
    suites: {...i.suites, 'TLSv1.2': [...(had ?? [s('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256')]), x]},
  }
}
const cert = (i: DicomProfileInput, c: Partial<NonNullable<DicomProfileInput['certificate']>>): DicomProfileInput =>
  i.certificate ? {...i, certificate: {...i.certificate, ...c}} : i

const CHANGES: readonly Change[] = [
  {name: 'accepts TLS 1.1', apply: (i) => ({...i, offered: ['TLSv1.1', ...i.offered]}), breaksModified: true, breaksBcp195: true},
  {name: 'accepts TLS 1.0', apply: (i) => ({...i, offered: ['TLSv1', ...i.offered]}), breaksModified: true, breaksBcp195: true},
  {name: 'adds a DHE AEAD suite', apply: (i) => add12(i, s('TLS_DHE_RSA_WITH_AES_128_GCM_SHA256')), breaksModified: true, breaksBcp195: false},
  {name: 'adds a SHA-256 CBC suite', apply: (i) => add12(i, s('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256')), breaksModified: true, breaksBcp195: false},
  {name: 'adds static RSA GCM', apply: (i) => add12(i, s('TLS_RSA_WITH_AES_256_GCM_SHA384', 256)), breaksModified: true, breaksBcp195: false},
  {name: 'adds a SHA-1 MAC suite', apply: (i) => add12(i, s('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA')), breaksModified: true, breaksBcp195: true},
  {name: 'adds a NULL suite', apply: (i) => add12(i, s('TLS_RSA_WITH_NULL_SHA256', 0)), breaksModified: true, breaksBcp195: true},
  {name: 'adds ChaCha20 for TLS 1.2', apply: (i) => add12(i, s('TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 256)), breaksModified: false, breaksBcp195: false},
  {name: 'adds AES-CCM-8 for TLS 1.3', apply: (i) => (i.suites ? {...i, suites: {...i.suites, 'TLSv1.3': [...(i.suites['TLSv1.3'] ?? []), s('TLS_AES_128_CCM_8_SHA256')]}} : i), breaksModified: false, breaksBcp195: false},
  {name: 'RSA 1024', apply: (i) => cert(i, {keyType: 'rsa', keyBits: 1024}), breaksModified: true, breaksBcp195: true},
  {name: 'SHA-1 signed certificate', apply: (i) => cert(i, {signatureHash: 'SHA-1'}), breaksModified: true, breaksBcp195: true},
  {name: 'compression on', apply: (i) => ({...i, compressionAccepted: true}), breaksModified: true, breaksBcp195: true},
  {name: 'no RFC 5746', apply: (i) => ({...i, secureRenegotiation: false}), breaksModified: true, breaksBcp195: true},
  {name: 'a weak group', apply: (i) => ({...i, weakGroups: [...(i.weakGroups ?? []), 'secp192r1']}), breaksModified: true, breaksBcp195: true},
  {name: 'DHE-1024', apply: (i) => ({...i, minDhBits: 1024}), breaksModified: true, breaksBcp195: true},
  {name: 'groups not all tested', apply: ({weakGroups: _w, ...rest}) => rest, breaksModified: true, breaksBcp195: true},
  {name: 'enumeration incomplete', apply: ({suites: _s, ...rest}) => rest, breaksModified: true, breaksBcp195: true},
  {name: 'certificate not observed', apply: ({certificate: _c, ...rest}) => rest, breaksModified: true, breaksBcp195: true},
]

/** Replacements of the whole base that declare their own verdict. */
const BASES: readonly {name: string; input: DicomProfileInput; modified: boolean; bcp195: boolean}[] = [
  {name: 'Modified-profile RSA server', input: BASE, modified: true, bcp195: true},
  {name: 'RSA 4096 server', input: {...BASE, certificate: {keyType: 'rsa', keyBits: 4096, signatureHash: 'SHA-384'}}, modified: true, bcp195: true},
  {name: 'TLS 1.3 only', input: {...BASE, offered: ['TLSv1.3'], suites: {'TLSv1.3': BASE.suites!['TLSv1.3']!}}, modified: true, bcp195: true},
  {name: 'ECDSA P-256 server', input: {...BASE, suites: {...BASE.suites!, 'TLSv1.2': [s('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256')]}, certificate: {keyType: 'ec', keyBits: 256, signatureHash: 'SHA-256'}}, modified: true, bcp195: true},
  {name: 'ECDSA P-224 server', input: {...BASE, certificate: {keyType: 'ec', keyBits: 224, signatureHash: 'SHA-256'}}, modified: false, bcp195: true},
  {name: 'DHE-only TLS 1.2', input: {...BASE, suites: {...BASE.suites!, 'TLSv1.2': [s('TLS_DHE_RSA_WITH_AES_128_GCM_SHA256')]}}, modified: false, bcp195: false},
]

const rng = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000)

describe('DICOM PS3.15 Annex B profile verdict (generated corpus)', () => {
  const random = rng(20261206)
  const cases = Array.from({length: 400}, () => {
    const base = BASES[Math.floor(random() * BASES.length)]!
    const n = Math.floor(random() * 4)
    const picked = [...new Set(Array.from({length: n}, () => CHANGES[Math.floor(random() * CHANGES.length)]!))]
    const input = picked.reduce((i, c) => c.apply(i), base.input)
    const modified = base.modified && picked.every((c) => !c.breaksModified)
    const bcp195 = base.bcp195 && picked.every((c) => !c.breaksBcp195)
    return {name: [base.name, ...picked.map((c) => c.name)].join(' + '), input, expected: modified ? 'modified-bcp195-rfc8996' : bcp195 ? 'bcp195-rfc8996' : 'neither'}
  })

  it('names the expected profile on every generated endpoint, with a reason for every miss', () => {
    const wrong = cases.filter((c) => dicomTlsProfile(c.input).profile !== c.expected).map((c) => `${c.name}: ${dicomTlsProfile(c.input).profile}, expected ${c.expected}`)
    expect(wrong).toEqual([])
    for (const c of cases) {
      const p = dicomTlsProfile(c.input)
      expect(p.notModified.length === 0).toBe(p.profile === 'modified-bcp195-rfc8996')
      expect(p.notBcp195.length === 0).toBe(p.profile !== 'neither')
    }
    // The corpus reaches all three verdicts in quantity.
    const count = (v: string) => cases.filter((c) => c.expected === v).length
    expect(Math.min(count('modified-bcp195-rfc8996'), count('bcp195-rfc8996'), count('neither'))).toBeGreaterThan(30)
  })

  it('a TLS 1.2 server whose compression or renegotiation answer was not observed meets neither profile (never a default pass); TLS 1.3 only has neither to observe', () => {
    const {compressionAccepted: _c, ...noCompression} = BASE
    expect(dicomTlsProfile(noCompression)).toMatchObject({profile: 'neither', notBcp195: ['TLS compression could not be tested']})
    const {secureRenegotiation: _r, ...noReneg} = BASE
    expect(dicomTlsProfile(noReneg).notBcp195).toEqual(['secure renegotiation could not be tested'])
    const {compressionAccepted: _c2, secureRenegotiation: _r2, ...only13} = {...BASE, offered: ['TLSv1.3'], suites: {'TLSv1.3': BASE.suites!['TLSv1.3']!}}
    expect(dicomTlsProfile(only13).profile).toBe('modified-bcp195-rfc8996')
  })

  it('says why in words a reviewer can check', () => {
    const p = dicomTlsProfile(CHANGES[0]!.apply(CHANGES[5]!.apply(BASE)))
    expect(p.notBcp195.join('; ')).toMatch(/accepts TLSv1\.1 .*RFC 8996/)
    expect(p.notBcp195.join('; ')).toMatch(/TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA\b/)
    expect(dicomTlsProfile(CHANGES[2]!.apply(BASE)).notModified).toEqual(["TLS 1.2 suites outside the profile's list: TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"])
  })
})
