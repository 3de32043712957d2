import type {SecureVersion} from 'node:tls'

import type {AcceptedSuite, RunHandshake} from './enumerate-suites.js'

/**
 * Named groups we offer one at a time, with the security each gives in bits (NIST SP 800-57 Part 1 Table 2).
 * Of the finite-field groups only ffdhe2048, the weakest, is offered: the larger ones can only be strong, and
 * each costs the server 20-260 ms of key generation (ffdhe3072 ... ffdhe8192, measured against openssl
 * s_server), more than the rest of the probe together.
 */
export const TLS13_GROUPS: Readonly<Record<string, number>> = {
  'P-256': 128,
  'P-384': 192,
  'P-521': 256,
  X25519: 128,
  X448: 224,
  ffdhe2048: 112,
}

/** Before TLS 1.3 only elliptic curves are negotiated as groups; the weak ones are offered too, on purpose. */
export const TLS12_GROUPS: Readonly<Record<string, number>> = {
  'P-256': 128,
  'P-384': 192,
  'P-521': 256,
  X25519: 128,
  X448: 224,
  secp224r1: 112,
  prime192v1: 96,
  secp160r1: 80,
  sect163k1: 80,
}

/** Below this a group or DH modulus is weak: 128-bit security (P-256, X25519, 3072-bit DH) is the floor we pass. */
export const MIN_GROUP_BITS = 112

export interface KeyExchangeFacts {
  readonly groups: Readonly<Partial<Record<SecureVersion, readonly string[]>>>
  readonly weakGroups: readonly string[]
  /** Whether any accepted suite uses a finite-field (DHE or anonymous DH) exchange. */
  readonly dhe: boolean
  readonly minDhBits?: number
  readonly minEcdhBits?: number
}

const acceptedGroups = async (version: SecureVersion, groups: Readonly<Record<string, number>>, run: RunHandshake, timeoutMs: number): Promise<string[]> => {
  const results = await Promise.all(
    Object.keys(groups).map(async (g) => {
      const r = await run({
        minVersion: version,
        maxVersion: version,
        ecdhCurve: g,
        timeoutMs,
        ...(version === 'TLSv1.3' ? {} : {ciphers: 'ECDHE:AECDH:@SECLEVEL=0'}),
      })
      return r.kind === 'connected' ? g : undefined
    }),
  )
  return results.filter((g): g is string => g !== undefined)
}

/** Which groups the server accepts on TLS 1.3 and 1.2, and the DH sizes its DHE suites use. */
export const probeKeyExchange = async (
  offered: readonly SecureVersion[],
  suites: readonly AcceptedSuite[],
  run: RunHandshake,
  timeoutMs: number,
): Promise<KeyExchangeFacts> => {
  const groups: Partial<Record<SecureVersion, string[]>> = {}
  const weak = new Set<string>()
  await Promise.all(
    (['TLSv1.3', 'TLSv1.2'] as const)
      .filter((v) => offered.includes(v))
      .map(async (v) => {
        const table = v === 'TLSv1.3' ? TLS13_GROUPS : TLS12_GROUPS
        groups[v] = await acceptedGroups(v, table, run, timeoutMs)
        for (const g of groups[v]!) if (table[g]! < MIN_GROUP_BITS) weak.add(g)
      }),
  )
  const dh = suites.filter((s) => s.suite.kx.startsWith('DH') && s.ephemeralKey?.type === 'DH')
  const dhBits = dh.map((s) => s.ephemeralKey!.size).filter((n): n is number => typeof n === 'number')
  const ecdhBits = suites.map((s) => (s.ephemeralKey?.type === 'ECDH' ? s.ephemeralKey.size : undefined)).filter((n): n is number => typeof n === 'number')
  const minDhBits = dhBits.length > 0 ? Math.min(...dhBits) : undefined
  if (minDhBits !== undefined && minDhBits < 2048) weak.add(`DH-${minDhBits}`)
  return {
    groups,
    weakGroups: [...weak].sort(),
    dhe: suites.some((s) => s.suite.kx.startsWith('DH')),
    ...(minDhBits !== undefined ? {minDhBits} : {}),
    ...(ecdhBits.length > 0 ? {minEcdhBits: Math.min(...ecdhBits)} : {}),
  }
}
