import {LEGACY_SUITES, OFFERABLE_SUITES, type CatalogueRow} from './data/cipher-catalogue-data.js'

/** How a suite is judged: recommended (forward secret and AEAD), legacy (sound but not both), weak. */
export type SuiteGrade = 'recommended' | 'legacy' | 'weak'

export interface CipherSuite {
  /** IANA code point, e.g. "0xC02F". */
  readonly id: string
  readonly iana: string
  readonly openssl: string
  /** The lowest protocol version that can carry it, as OpenSSL lists it (SSLv3, TLSv1, TLSv1.2, TLSv1.3). */
  readonly since: string
  readonly kx: string
  readonly au: string
  readonly enc: string
  readonly mac: string
  readonly bits: number
  readonly forwardSecrecy: boolean
  readonly aead: boolean
  readonly cbc: boolean
  readonly weak: readonly string[]
  readonly grade: SuiteGrade
  /** PSK and SRP suites need credentials only the vendor's own clients hold: not enumerated. */
  readonly needsCredentials: boolean
}

const bitsOf = (enc: string): number => Number(/\((\d+)\)/.exec(enc)?.[1] ?? 0)

/** Why a suite is weak, in plain words; empty when it is not. */
const weaknesses = (r: CatalogueRow): string[] => {
  const [, openssl, , , kx, au, enc, mac] = r
  const out: string[] = []
  if (enc.startsWith('None')) out.push('no encryption (NULL)')
  if (au === 'None') out.push('anonymous (server not authenticated)')
  if (openssl.startsWith('EXP') || kx.includes('(512)')) out.push('EXPORT-grade')
  if (enc.startsWith('RC4')) out.push('RC4')
  if (enc.startsWith('3DES')) out.push('3DES (64-bit block, SWEET32)')
  if (enc.startsWith('DES(')) out.push('single DES')
  if (enc.startsWith('IDEA') || enc.startsWith('RC2')) out.push('64-bit block cipher')
  if (mac === 'MD5') out.push('MD5 MAC')
  const bits = bitsOf(enc)
  if (!enc.startsWith('None') && bits > 0 && bits < 112) out.push(`${bits}-bit key`)
  return out
}

const toSuite = (r: CatalogueRow): CipherSuite => {
  const [id, openssl, iana, since, kx, au, enc, mac] = r
  const weak = weaknesses(r)
  // TLS 1.3 suites always use an ephemeral (EC)DHE exchange ("Kx=any"); before 1.3 only DHE/ECDHE kinds do.
  const forwardSecrecy = kx === 'any' || /^(ECDH|DH|ECDHEPSK|DHEPSK)(\(|$)/.test(kx)
  const aead = mac === 'AEAD'
  const cbc = !aead && !enc.startsWith('None') && !enc.startsWith('RC4')
  return {
    id,
    iana,
    openssl,
    since,
    kx,
    au,
    enc,
    mac,
    bits: bitsOf(enc),
    forwardSecrecy,
    aead,
    cbc,
    weak,
    grade: weak.length > 0 ? 'weak' : forwardSecrecy && aead ? 'recommended' : 'legacy',
    needsCredentials: /PSK|SRP/.test(kx),
  }
}

/**
 * Every suite scanvet enumerates: what OpenSSL 3 offers plus the legacy suites it dropped. Enumeration uses
 * scanvet's own ClientHello (client-hello.ts), which can name any code point.
 */
export const CATALOGUE: readonly CipherSuite[] = [...OFFERABLE_SUITES, ...LEGACY_SUITES].map(toSuite)

const BY_OPENSSL = new Map(CATALOGUE.map((s) => [s.openssl, s]))
const BY_ID = new Map(CATALOGUE.map((s) => [Number(s.id), s]))
export const suiteByOpensslName = (name: string): CipherSuite | undefined => BY_OPENSSL.get(name)
export const suiteById = (id: number): CipherSuite | undefined => BY_ID.get(id)

/** How a suite's key is agreed, to read the ServerKeyExchange: finite-field DH, elliptic-curve DH, or neither. */
export const keyExchangeOf = (s: CipherSuite): 'ECDH' | 'DH' | undefined =>
  s.kx.startsWith('ECDH') ? 'ECDH' : s.kx.startsWith('DH') ? 'DH' : undefined

const VERSION_RANK: Readonly<Record<string, number>> = {SSLv3: 0, TLSv1: 1, 'TLSv1.1': 2, 'TLSv1.2': 3, 'TLSv1.3': 4}

/** The catalogue suites a ClientHello of exactly this version can carry (TLS 1.3 has its own five; SSLv3 only SSLv3 ones). */
export const suitesFor = (version: string): CipherSuite[] => {
  const rank = VERSION_RANK[version] ?? 3
  return CATALOGUE.filter((s) => !s.needsCredentials && (rank === 4 ? s.since === 'TLSv1.3' : s.since !== 'TLSv1.3' && (VERSION_RANK[s.since] ?? 3) <= rank))
}
