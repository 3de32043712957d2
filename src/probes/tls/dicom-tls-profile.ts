import {DICOM_TLS_PROFILES, type DicomTlsProfile} from './data/dicom-tls-profiles.js'

export type DicomTlsProfileName = 'modified-bcp195-rfc8996' | 'bcp195-rfc8996' | 'neither'

export interface DicomTlsProfileFacts {
  readonly standard: 'DICOM PS3.15 Annex B'
  /** The strictest profile every observed setting fits. */
  readonly profile: DicomTlsProfileName
  readonly profileName: string
  /** Why the endpoint misses the Modified profile, and the BCP 195 RFC 8996 one (empty when met). */
  readonly notModified: readonly string[]
  readonly notBcp195: readonly string[]
}

export interface DicomProfileInput {
  readonly offered: readonly string[]
  /** Accepted suites per version with their size; undefined when the enumeration was cut short. */
  readonly suites?: Readonly<Record<string, readonly {readonly name: string; readonly bits: number}[]>>
  /** Groups the key-exchange probe graded weak, and the smallest DHE group; absent when not all were tested. */
  readonly weakGroups?: readonly string[]
  readonly minDhBits?: number
  /** Undefined when not observed; only TLS 1.2 and below have them. */
  readonly compressionAccepted?: boolean
  readonly secureRenegotiation?: boolean
  readonly certificate?: {readonly keyType: string; readonly keyBits?: number; readonly signatureHash: string}
}

/** Reasons a profile is not met, from the probe's own facts; empty when it is. Pure. */
export const missesDicomProfile = (input: DicomProfileInput, p: DicomTlsProfile): string[] => {
  const why: string[] = []
  const extra = input.offered.filter((v) => !p.versions.includes(v))
  if (extra.length > 0) why.push(`accepts ${extra.join(', ')} (RFC 8996 allows ${p.versions.join(', ')} only)`)
  if (!input.offered.some((v) => p.versions.includes(v))) why.push(`accepts none of ${p.versions.join(', ')}`)
  if (!input.suites) why.push('the cipher suites could not all be enumerated')
  else {
    const s12 = input.suites['TLSv1.2'] ?? []
    // Forbidden in both profiles whatever their lists say: NULL, a SHA-1 MAC (DCMTK refuses them too), under 128 bits.
    const forbidden = s12.filter((s) => /_WITH_NULL_/.test(s.name) || /_SHA$/.test(s.name) || s.bits < 128)
    if (forbidden.length > 0) why.push(`TLS 1.2 suites RFC 9325 forbids (NULL, SHA-1 MAC or under 128 bits): ${forbidden.map((s) => s.name).join(', ')}`)
    if (p.tls12.only) {
      const outside = s12.filter((s) => !p.tls12.suites.includes(s.name) && !forbidden.includes(s))
      if (outside.length > 0) why.push(`TLS 1.2 suites outside the profile's list: ${outside.map((s) => s.name).join(', ')}`)
    } else if (s12.length > 0 && !s12.some((s) => p.tls12.suites.includes(s.name))) {
      why.push(`none of the suites RFC 9325 recommends for TLS 1.2 (${p.tls12.suites.join(', ')}) is accepted`)
    }
    const s13 = (input.suites['TLSv1.3'] ?? []).filter((s) => p.tls13 && !p.tls13.includes(s.name))
    if (s13.length > 0) why.push(`TLS 1.3 suites outside the profile's list: ${s13.map((s) => s.name).join(', ')}`)
  }
  if (!input.weakGroups) why.push('the key-exchange groups could not all be tested')
  else if (input.weakGroups.length > 0) why.push(`weak key exchange: ${input.weakGroups.join(', ')}`)
  // RFC 9325 §4.1: finite-field DHE only with groups of 2048 bits or more.
  if (input.minDhBits !== undefined && input.minDhBits < 2048) why.push(`DHE with ${input.minDhBits}-bit parameters (RFC 9325: at least 2048)`)
  // RFC 9325 §3.3 and §3.5: compression MUST be off, RFC 5746 MUST be supported (TLS 1.2 and below only; a
  // server offering one of those whose answer was not observed does not meet the profile by default).
  const upTo12 = input.offered.some((v) => v !== 'TLSv1.3')
  if (input.compressionAccepted) why.push('accepts TLS compression (RFC 9325 §3.3)')
  else if (upTo12 && input.compressionAccepted === undefined) why.push('TLS compression could not be tested')
  if (input.secureRenegotiation === false) why.push('does not support secure renegotiation, RFC 5746 (RFC 9325 §3.5)')
  else if (upTo12 && input.secureRenegotiation === undefined) why.push('secure renegotiation could not be tested')
  const cert = input.certificate
  if (!cert) why.push('the certificate was not observed')
  else {
    if (cert.keyType.startsWith('rsa') && (cert.keyBits ?? 0) < p.minRsaBits) why.push(`RSA key of ${cert.keyBits} bits (minimum ${p.minRsaBits})`)
    if (cert.keyType === 'ec' && (cert.keyBits ?? 0) < p.minEcBits) why.push(`ECDSA key of ${cert.keyBits ?? 'unknown'} bits (minimum ${p.minEcBits})`)
    if (!p.signatureHashes.includes(cert.signatureHash)) why.push(`certificate signed with ${cert.signatureHash} (SHA-256 or better required)`)
  }
  return why
}

/** The DICOM secure transport profile a `dicom-tls://` endpoint meets, and why it misses the stricter ones. */
export const dicomTlsProfile = (input: DicomProfileInput): DicomTlsProfileFacts => {
  const notModified = missesDicomProfile(input, DICOM_TLS_PROFILES.modified)
  const notBcp195 = missesDicomProfile(input, DICOM_TLS_PROFILES.bcp195)
  const profile: DicomTlsProfileName = notModified.length === 0 ? 'modified-bcp195-rfc8996' : notBcp195.length === 0 ? 'bcp195-rfc8996' : 'neither'
  const profileName = profile === 'modified-bcp195-rfc8996' ? DICOM_TLS_PROFILES.modified.name : profile === 'bcp195-rfc8996' ? DICOM_TLS_PROFILES.bcp195.name : 'neither profile'
  return {standard: 'DICOM PS3.15 Annex B', profile, profileName, notModified, notBcp195}
}
