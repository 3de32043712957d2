import {MOZILLA_CONFIGURATIONS, MOZILLA_GUIDELINES_VERSION, type MozillaConfiguration} from './data/mozilla-guidelines-6.0.js'

export type MozillaProfileName = 'modern' | 'intermediate' | 'neither'

export interface MozillaProfileFacts {
  readonly guidelines: string
  /** The strictest configuration every observed setting fits: modern, else intermediate, else neither. */
  readonly profile: MozillaProfileName
  /** Why the endpoint is not `modern` (empty when it is). */
  readonly notModern: readonly string[]
  /** Why the endpoint is not `intermediate` (empty when it is). */
  readonly notIntermediate: readonly string[]
}

/** What the profile judge reads: the TLS probe's own facts, nothing from the network. */
export interface ProfileInput {
  readonly offered: readonly string[]
  /** IANA suite names per version; undefined when enumeration was incomplete. */
  readonly suites?: Readonly<Record<string, readonly string[]>>
  readonly groups?: Readonly<Record<string, readonly string[]>>
  readonly weakGroups?: readonly string[]
  readonly minDhBits?: number
  readonly certificate?: {
    readonly keyType: string
    readonly curve?: string
    readonly keyBits?: number
    readonly signatureAlgorithm: string
    readonly lifetimeDays: number
  }
}

// Mozilla names curves the OpenSSL way; the probe names groups the TLS way.
const GROUP_NAMES: Readonly<Record<string, string>> = {prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521'}
const groupName = (g: string): string => GROUP_NAMES[g] ?? g
const CERT_TYPES: Readonly<Record<string, string>> = {ec: 'ecdsa', rsa: 'rsa', 'rsa-pss': 'rsa'}

const outside = (have: readonly string[], allowed: readonly string[]): string[] => have.filter((h) => !allowed.includes(h))

/** Reasons one configuration is not met; empty when it is. Pure. OCSP stapling and HSTS are judged elsewhere. */
export const missesConfiguration = (input: ProfileInput, c: MozillaConfiguration): string[] => {
  const why: string[] = []
  const versions = outside(input.offered, c.tls_versions)
  if (versions.length > 0) why.push(`accepts ${versions.join(', ')} (allowed: ${c.tls_versions.join(', ')})`)
  if (!input.offered.some((v) => c.tls_versions.includes(v))) why.push(`accepts none of ${c.tls_versions.join(', ')}`)
  if (!input.suites) why.push('the cipher suites could not all be enumerated')
  else {
    const s12 = outside(input.suites['TLSv1.2'] ?? [], c.ciphers.iana)
    if (c.tls_versions.includes('TLSv1.2') && s12.length > 0) why.push(`TLS 1.2 suites outside the list: ${s12.join(', ')}`)
    const s13 = outside(input.suites['TLSv1.3'] ?? [], c.ciphersuites)
    if (s13.length > 0) why.push(`TLS 1.3 suites outside the list: ${s13.join(', ')}`)
  }
  if (!input.groups || !input.weakGroups) why.push('the key-exchange groups could not all be tested')
  else {
    if (input.weakGroups.length > 0) why.push(`weak key exchange: ${input.weakGroups.join(', ')}`)
    const all = [...new Set(Object.values(input.groups).flat())]
    const recommended = c.tls_curves.map(groupName)
    if (all.length > 0 && !all.some((g) => recommended.includes(g))) why.push(`none of the recommended groups (${recommended.join(', ')}) is accepted`)
  }
  if (input.minDhBits !== undefined && (c.dh_param_size === null || input.minDhBits < c.dh_param_size)) {
    why.push(c.dh_param_size === null ? 'uses finite-field DHE' : `DHE with ${input.minDhBits}-bit parameters (minimum ${c.dh_param_size})`)
  }
  const cert = input.certificate
  if (!cert) why.push('the certificate was not observed')
  else {
    const type = CERT_TYPES[cert.keyType] ?? cert.keyType
    if (!c.certificate_types.includes(type)) why.push(`a ${type} certificate (allowed: ${c.certificate_types.join(', ')})`)
    else if (type === 'ecdsa' && cert.curve && !c.certificate_curves.includes(cert.curve)) why.push(`certificate curve ${cert.curve} (allowed: ${c.certificate_curves.join(', ')})`)
    else if (type === 'rsa' && c.rsa_key_size !== null && (cert.keyBits ?? 0) < c.rsa_key_size) why.push(`RSA key of ${cert.keyBits} bits (minimum ${c.rsa_key_size})`)
    if (!c.certificate_signatures.includes(cert.signatureAlgorithm)) why.push(`certificate signed with ${cert.signatureAlgorithm} (allowed: ${c.certificate_signatures.join(', ')})`)
    if (cert.lifetimeDays > c.maximum_certificate_lifespan) why.push(`certificate lifetime ${cert.lifetimeDays} days (maximum ${c.maximum_certificate_lifespan})`)
  }
  return why
}

/** The named Mozilla profile an endpoint meets, and why it misses the stricter ones. */
export const mozillaProfile = (input: ProfileInput): MozillaProfileFacts => {
  const notModern = missesConfiguration(input, MOZILLA_CONFIGURATIONS.modern)
  const notIntermediate = missesConfiguration(input, MOZILLA_CONFIGURATIONS.intermediate)
  const profile: MozillaProfileName = notModern.length === 0 ? 'modern' : notIntermediate.length === 0 ? 'intermediate' : 'neither'
  return {guidelines: MOZILLA_GUIDELINES_VERSION, profile, notModern, notIntermediate}
}
