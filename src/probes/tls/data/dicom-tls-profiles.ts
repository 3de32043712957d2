/**
 * The two current (not retired) DICOM secure transport connection profiles of PS3.15 Annex B that a DICOM TLS
 * server is held to, as data: the "BCP 195 RFC 8996 TLS Profile" and the stricter "Modified BCP 195 RFC 8996 TLS
 * Profile". Facts taken from PS3.15 (as amended by CP 2311, which made the Camellia-GCM suites optional) and
 * RFC 9325 (BCP 195) with RFC 8996, cross-read against DCMTK 3.6.8's implementation of the same profiles
 * (dcmtls/libsrc/tlsciphr.cc and tlslayer.cc, OFFIS), whose `storescp +pg / +pm` the interop test runs as real
 * servers. Written for scanvet on 2026-12-06; the older BCP 195, Non-downgrading and Extended profiles are retired
 * in PS3.15 and are not judged.
 */
export interface DicomTlsProfile {
  readonly name: string
  /** Versions a server may accept; RFC 8996 retires everything below TLS 1.2. */
  readonly versions: readonly string[]
  /** TLS 1.2 suites: every accepted one must be in the list (`only`), or the list is what the profile recommends. */
  readonly tls12: {readonly only: boolean; readonly suites: readonly string[]}
  /** TLS 1.3 suites allowed; undefined means any TLS 1.3 suite (all are AEAD). */
  readonly tls13?: readonly string[]
  readonly minRsaBits: number
  readonly minEcBits: number
  /** Certificate signature hashes accepted (RFC 9325 §4.2.1: SHA-256 or better). */
  readonly signatureHashes: readonly string[]
}

const RFC9325_RECOMMENDED = [
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
] as const

export const DICOM_TLS_PROFILES: {readonly modified: DicomTlsProfile; readonly bcp195: DicomTlsProfile} = {
  modified: {
    name: 'Modified BCP 195 RFC 8996 TLS Profile',
    versions: ['TLSv1.2', 'TLSv1.3'],
    tls12: {
      only: true,
      suites: [
        ...RFC9325_RECOMMENDED,
        'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
        'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
        'TLS_ECDHE_ECDSA_WITH_AES_128_CCM',
        'TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8',
        'TLS_ECDHE_ECDSA_WITH_AES_256_CCM',
        'TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8',
        'TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256',
        'TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256',
        'TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384',
        'TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384',
      ],
    },
    tls13: ['TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_GCM_SHA256', 'TLS_AES_128_CCM_SHA256', 'TLS_AES_128_CCM_8_SHA256'],
    minRsaBits: 2048,
    minEcBits: 256,
    signatureHashes: ['SHA-256', 'SHA-384', 'SHA-512', 'none'],
  },
  bcp195: {
    name: 'BCP 195 RFC 8996 TLS Profile',
    versions: ['TLSv1.2', 'TLSv1.3'],
    // RFC 9325 §4.2: the four suites are RECOMMENDED; others are allowed unless forbidden below.
    tls12: {only: false, suites: [...RFC9325_RECOMMENDED]},
    minRsaBits: 2048,
    minEcBits: 224,
    signatureHashes: ['SHA-256', 'SHA-384', 'SHA-512', 'none'],
  },
}
