import {suitesFor} from './cipher-catalogue.js'
import {GROUP_ID} from './client-hello.js'
import type {AcceptedSuite, RunHello} from './enumerate-suites.js'

/**
 * Named groups offered one at a time, with the security each gives in bits (NIST SP 800-57 Part 1 Table 2;
 * RFC 7919 for ffdhe). Before TLS 1.3 only elliptic curves are negotiated as groups; weak ones are offered on
 * purpose. In TLS 1.3 a group without a key share draws a HelloRetryRequest naming it, so even ffdhe8192 costs
 * the server no key generation.
 */
export const TLS13_GROUPS: Readonly<Record<string, number>> = {
  X25519: 128,
  'P-256': 128,
  'P-384': 192,
  'P-521': 256,
  X448: 224,
  ffdhe2048: 112,
  ffdhe3072: 128,
  ffdhe4096: 152,
  ffdhe6144: 176,
  ffdhe8192: 200,
}

export const TLS12_GROUPS: Readonly<Record<string, number>> = {
  X25519: 128,
  'P-256': 128,
  'P-384': 192,
  'P-521': 256,
  X448: 224,
  secp224r1: 112,
  prime192v1: 96,
  secp160r1: 80,
  sect163k1: 80,
}

/** Below this a group or DH modulus is weak (NIST SP 800-52 Rev. 2: at least 112-bit security). */
export const MIN_GROUP_BITS = 112
export const MIN_DH_BITS = 2048

export interface KeyExchangeFacts {
  readonly groups: Readonly<Record<string, readonly string[]>>
  readonly weakGroups: readonly string[]
  /** Whether any accepted suite uses a finite-field (DHE or anonymous DH) exchange. */
  readonly dhe: boolean
  readonly minDhBits?: number
  /** Set when a group probe broke off (timeout, reset): the lists above may be short. */
  readonly problem?: string
}

/** Which groups the server accepts on TLS 1.3 and 1.2, and the DH sizes its DHE suites use. */
export const probeKeyExchange = async (
  offered: readonly string[],
  suites: readonly AcceptedSuite[],
  hello: RunHello,
  timeoutMs: number,
): Promise<KeyExchangeFacts> => {
  const groups: Record<string, string[]> = {}
  const weak = new Set<string>()
  const problems: string[] = []
  const ecdhe12 = suitesFor('TLSv1.2')
    .filter((s) => s.kx.startsWith('ECDH'))
    .map((s) => Number(s.id))
  await Promise.all(
    (['TLSv1.3', 'TLSv1.2'] as const)
      .filter((v) => offered.includes(v))
      .map(async (v) => {
        const table = v === 'TLSv1.3' ? TLS13_GROUPS : TLS12_GROUPS
        const suites13 = suitesFor('TLSv1.3').map((s) => Number(s.id))
        const results = await Promise.all(
          Object.keys(table).map(async (g) => {
            const r = await hello({version: v, suites: v === 'TLSv1.3' ? suites13 : ecdhe12, groups: [GROUP_ID[g]!], timeoutMs})
            if (r.kind === 'network-error') problems.push(`${v} ${g}: ${r.reason}`)
            return r.kind === 'accepted' ? g : undefined
          }),
        )
        groups[v] = results.filter((g): g is string => g !== undefined)
        for (const g of groups[v]!) if (table[g]! < MIN_GROUP_BITS) weak.add(g)
      }),
  )
  const dhBits = suites.map((s) => (s.keyExchange?.type === 'DH' ? s.keyExchange.bits : undefined)).filter((n): n is number => typeof n === 'number')
  const minDhBits = dhBits.length > 0 ? Math.min(...dhBits) : undefined
  if (minDhBits !== undefined && minDhBits < MIN_DH_BITS) weak.add(`DH-${minDhBits}`)
  // A curve seen in a ServerKeyExchange counts as accepted even if the one-group test missed it.
  for (const s of suites) {
    const name = s.keyExchange?.type === 'ECDH' ? s.keyExchange.name : undefined
    if (name && TLS12_GROUPS[name] !== undefined && TLS12_GROUPS[name]! < MIN_GROUP_BITS) weak.add(name)
  }
  return {
    groups,
    weakGroups: [...weak].sort(),
    dhe: suites.some((s) => s.suite.kx.startsWith('DH')),
    ...(minDhBits !== undefined ? {minDhBits} : {}),
    ...(problems.length > 0 ? {problem: problems.sort()[0]} : {}),
  }
}
