import {X509Certificate} from 'node:crypto'
import net from 'node:net'
import type {PeerCertificate} from 'node:tls'

import type {TlsTarget} from '../../net/endpoint.js'

export interface CertificateFacts {
  readonly subject: string
  readonly issuer: string
  readonly subjectAltNames: readonly string[]
  readonly serialNumber: string
  readonly validFrom: string
  readonly validTo: string
  readonly daysLeft: number
  readonly expired: boolean
  readonly notYetValid: boolean
  readonly lifetimeDays: number
  readonly keyType: string
  readonly keyBits?: number
  readonly curve?: string
  readonly signatureAlgorithm: string
  readonly signatureHash: string
  readonly selfSigned: boolean
  /** True only when the chain verified with no error at all (dates and host name included). */
  readonly trusted: boolean
  readonly trustError?: string
  readonly hostnameMatches: boolean
  readonly sha256: string
  readonly chainLength: number
  /** Only the leaf arrived and it is not self-signed: its issuer was neither sent nor found among the trust anchors. */
  readonly missingIntermediate: boolean
  /** The OCSP responder the leaf names (Authority Information Access, id-ad-ocsp), when it names one. */
  readonly ocspResponder?: string
}

const DAY_MS = 86_400_000

// OIDs of certificate signature algorithms (RFC 3279, 4055, 5758, 8410) and the hash each uses.
const SIG_ALGS: Readonly<Record<string, {name: string; hash: string}>> = {
  '1.2.840.113549.1.1.4': {name: 'md5WithRSAEncryption', hash: 'MD5'},
  '1.2.840.113549.1.1.5': {name: 'sha1WithRSAEncryption', hash: 'SHA-1'},
  '1.2.840.113549.1.1.11': {name: 'sha256WithRSAEncryption', hash: 'SHA-256'},
  '1.2.840.113549.1.1.12': {name: 'sha384WithRSAEncryption', hash: 'SHA-384'},
  '1.2.840.113549.1.1.13': {name: 'sha512WithRSAEncryption', hash: 'SHA-512'},
  '1.2.840.113549.1.1.10': {name: 'rsassaPss', hash: 'SHA-256'},
  '1.2.840.10045.4.1': {name: 'ecdsa-with-SHA1', hash: 'SHA-1'},
  '1.2.840.10045.4.3.2': {name: 'ecdsa-with-SHA256', hash: 'SHA-256'},
  '1.2.840.10045.4.3.3': {name: 'ecdsa-with-SHA384', hash: 'SHA-384'},
  '1.2.840.10045.4.3.4': {name: 'ecdsa-with-SHA512', hash: 'SHA-512'},
  '1.3.101.112': {name: 'Ed25519', hash: 'none'},
  '1.3.101.113': {name: 'Ed448', hash: 'none'},
}

/**
 * The signatureAlgorithm OID of a DER certificate. Node 20's X509Certificate does not expose it, so read it
 * from the outer Certificate SEQUENCE: tbsCertificate, then signatureAlgorithm's first element.
 */
export const signatureAlgorithmOid = (der: Buffer): string | undefined => {
  let pos = 0
  const readLen = (): number => {
    const first = der[pos++]!
    if (first < 0x80) return first
    let len = 0
    for (let i = 0; i < (first & 0x7f); i++) len = (len << 8) | der[pos++]!
    return len
  }
  if (der[pos++] !== 0x30) return undefined
  readLen()
  if (der[pos++] !== 0x30) return undefined
  // Not `pos += readLen()`: that reads pos before readLen advances it past the length bytes.
  const tbsLength = readLen()
  pos += tbsLength // skip tbsCertificate
  if (der[pos++] !== 0x30) return undefined
  readLen()
  if (der[pos++] !== 0x06) return undefined
  const oidLen = readLen()
  const bytes = der.subarray(pos, pos + oidLen)
  const parts: number[] = [Math.floor(bytes[0]! / 40), bytes[0]! % 40]
  let v = 0
  for (const b of bytes.subarray(1)) {
    v = (v << 7) | (b & 0x7f)
    if ((b & 0x80) === 0) {
      parts.push(v)
      v = 0
    }
  }
  return parts.join('.')
}

const dn = (s: string): string => s.split('\n').filter(Boolean).join(', ')

export const certificateFacts = (
  peer: PeerCertificate,
  chainLength: number,
  trust: {authorized: boolean; authorizationError?: string},
  target: TlsTarget,
  now: Date,
): CertificateFacts => {
  const x = new X509Certificate(peer.raw)
  const validTo = new Date(x.validTo)
  const validFrom = new Date(x.validFrom)
  const details = x.publicKey.asymmetricKeyDetails ?? {}
  const oid = signatureAlgorithmOid(peer.raw)
  const sig = (oid && SIG_ALGS[oid]) || {name: oid ?? 'unknown', hash: 'unknown'}
  const selfSigned = x.subject === x.issuer && x.verify(x.publicKey)
  const ocspResponder = /OCSP - URI:(\S+)/.exec(x.infoAccess ?? '')?.[1]
  const hostnameMatches = net.isIP(target.host) ? x.checkIP(target.host) !== undefined : x.checkHost(target.host) !== undefined
  return {
    subject: dn(x.subject),
    issuer: dn(x.issuer),
    subjectAltNames: (x.subjectAltName ?? '').split(', ').filter(Boolean),
    serialNumber: x.serialNumber,
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor((validTo.getTime() - now.getTime()) / DAY_MS),
    expired: validTo.getTime() < now.getTime(),
    notYetValid: validFrom.getTime() > now.getTime(),
    lifetimeDays: Math.round((validTo.getTime() - validFrom.getTime()) / DAY_MS),
    keyType: x.publicKey.asymmetricKeyType ?? 'unknown',
    ...(details.modulusLength ? {keyBits: details.modulusLength} : {}),
    ...(details.namedCurve ? {curve: details.namedCurve, keyBits: curveBits(details.namedCurve)} : {}),
    signatureAlgorithm: sig.name,
    signatureHash: sig.hash,
    selfSigned,
    trusted: trust.authorized && !trust.authorizationError,
    ...(trust.authorizationError ? {trustError: trust.authorizationError} : {}),
    hostnameMatches,
    sha256: x.fingerprint256.replaceAll(':', '').toLowerCase(),
    chainLength,
    missingIntermediate: chainLength === 1 && !selfSigned,
    ...(ocspResponder ? {ocspResponder} : {}),
  }
}

const curveBits = (curve: string): number | undefined =>
  ({prime256v1: 256, secp384r1: 384, secp521r1: 521, 'P-256': 256, 'P-384': 384, 'P-521': 521})[curve]
