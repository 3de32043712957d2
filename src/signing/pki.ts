import {webcrypto} from 'node:crypto'
import * as pkijs from 'pkijs'

/** pkijs on Node's WebCrypto, set once for every module that signs, verifies or reads PKCS#12. */
const engine = new pkijs.CryptoEngine({name: 'node', crypto: webcrypto as never})
pkijs.setEngine('node', engine)

export {pkijs}
export const pkiCrypto = engine

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecPublicKey: '1.2.840.10045.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  keyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  friendlyName: '1.2.840.113549.1.9.20',
} as const

export const toArrayBuffer = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer

export const sha256 = async (data: Uint8Array | ArrayBuffer): Promise<Buffer> =>
  Buffer.from(await webcrypto.subtle.digest('SHA-256', data instanceof Uint8Array ? toArrayBuffer(data) : data))

/** The key algorithm a certificate's public key needs, for importing the matching private key. */
export const keyAlgorithmOf = (cert: pkijs.Certificate): {name: 'ECDSA'; namedCurve: 'P-256' | 'P-384'} | {name: 'RSASSA-PKCS1-v1_5'; hash: 'SHA-256'} => {
  const oid = cert.subjectPublicKeyInfo.algorithm.algorithmId
  if (oid === OID.rsaEncryption) return {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'}
  if (oid === OID.ecPublicKey) {
    const curve = (cert.subjectPublicKeyInfo.algorithm.algorithmParams as {valueBlock?: {toString(): string}} | undefined)?.valueBlock?.toString()
    return {name: 'ECDSA', namedCurve: curve === '1.3.132.0.34' ? 'P-384' : 'P-256'}
  }
  throw new Error(`unsupported key algorithm ${oid}: use ECDSA P-256 or RSA`)
}

export const certFingerprint = async (der: Uint8Array): Promise<string> => formatFingerprint((await sha256(der)).toString('hex'))

/** AA:BB:… upper case, the form `openssl x509 -fingerprint -sha256` prints. */
export const formatFingerprint = (hex: string): string => hex.toUpperCase().match(/.{2}/g)!.join(':')

export const normaliseFingerprint = (s: string): string => s.replace(/^sha256[:=]?/i, '').replace(/[^0-9a-f]/gi, '').toLowerCase()
