import {certFingerprint, pkijs, toArrayBuffer} from '../signing/pki.js'

export interface KeyInfo {
  readonly file: string
  readonly subject: string
  readonly issuer: string
  readonly selfSigned: boolean
  readonly algorithm: string
  readonly notBefore: string
  readonly notAfter: string
  /** SHA-256 of the certificate (DER), AA:BB:… — what procurement pins with `scanvet verify --fingerprint`. */
  readonly fingerprint: string
  readonly chainLength: number
}

const dn = (name: pkijs.RelativeDistinguishedNames): string => {
  const short: Record<string, string> = {'2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST'}
  return name.typesAndValues.map((tv) => `${short[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value)}`).join(', ')
}

export const describeCertificate = async (der: Uint8Array, file: string, chainLength: number): Promise<KeyInfo> => {
  const cert = pkijs.Certificate.fromBER(toArrayBuffer(der))
  const alg = cert.subjectPublicKeyInfo.algorithm.algorithmId
  const bits = alg === '1.2.840.113549.1.1.1' ? ` ${(cert.subjectPublicKeyInfo.parsedKey as pkijs.RSAPublicKey | undefined)?.modulus.valueBlock.valueHexView.length ?? 0}` : ''
  return {
    file,
    subject: dn(cert.subject),
    issuer: dn(cert.issuer),
    selfSigned: dn(cert.subject) === dn(cert.issuer),
    algorithm: alg === '1.2.840.10045.2.1' ? 'ECDSA P-256' : alg === '1.2.840.113549.1.1.1' ? `RSA-${Number(bits.trim()) * 8}` : alg,
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    fingerprint: await certFingerprint(der),
    chainLength,
  }
}

/** A certificate file in PEM or DER. */
export const derFromPem = (text: string | Buffer): Uint8Array => {
  const s = Buffer.isBuffer(text) ? text.toString('latin1') : text
  const m = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(s)
  if (m) return new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'))
  return new Uint8Array(Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1'))
}
