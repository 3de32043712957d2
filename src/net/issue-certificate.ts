// @peculiar/x509 2.x looks up its algorithm providers through tsyringe, which needs the Reflect metadata API first.
import 'reflect-metadata'
import {webcrypto} from 'node:crypto'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as never)

export type KeySpec = {readonly type: 'ec'; readonly curve?: 'P-256' | 'P-384'} | {readonly type: 'rsa'; readonly bits: number}

export interface IssuedCertificate {
  readonly certPem: string
  readonly keyPem: string
  readonly cert: x509.X509Certificate
  readonly keys: webcrypto.CryptoKeyPair
}

export interface CertificateRequest {
  readonly subject: string
  readonly key?: KeySpec
  readonly hash?: 'SHA-1' | 'SHA-256' | 'SHA-384'
  readonly notBefore?: Date
  readonly notAfter?: Date
  readonly dnsNames?: readonly string[]
  readonly ipAddresses?: readonly string[]
  readonly isCa?: boolean
  /** Sign with this CA; self-signed when absent. */
  readonly issuer?: IssuedCertificate
  readonly extendedKeyUsages?: readonly string[]
  /** An OCSP responder to name in Authority Information Access (test servers that can staple). */
  readonly ocspUrl?: string
  /** A report-signing certificate: digital signature + non-repudiation, no extended key usage. */
  readonly purpose?: 'document-signing'
}

const algorithmOf = (key: KeySpec, hash: string) =>
  key.type === 'ec'
    ? {name: 'ECDSA', namedCurve: key.curve ?? 'P-256', hash}
    : {name: 'RSASSA-PKCS1-v1_5', modulusLength: key.bits, publicExponent: new Uint8Array([1, 0, 1]), hash}

const pem = (label: string, der: ArrayBuffer): string =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`

let serial = 1

/**
 * Issue an X.509 certificate in process (no openssl binary needed), for the demo vendor and for test servers
 * that must differ in one property: expiry, hostname, key size, signature hash, trust.
 */
export const issueCertificate = async (req: CertificateRequest): Promise<IssuedCertificate> => {
  const key = req.key ?? {type: 'ec'}
  const hash = req.hash ?? 'SHA-256'
  const alg = algorithmOf(key, hash)
  const keys = (await webcrypto.subtle.generateKey(alg as webcrypto.EcKeyGenParams, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair
  const now = Date.now()
  const notBefore = req.notBefore ?? new Date(now - 3_600_000)
  const notAfter = req.notAfter ?? new Date(now + 90 * 86_400_000)
  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(Boolean(req.isCa), undefined, true)]
  if (req.isCa) extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true))
  else if (req.purpose === 'document-signing') extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true))
  else extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true))
  const names = [...(req.dnsNames ?? []).map((value) => ({type: 'dns' as const, value})), ...(req.ipAddresses ?? []).map((value) => ({type: 'ip' as const, value}))]
  if (names.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(names))
  if (!req.isCa && req.purpose !== 'document-signing') extensions.push(new x509.ExtendedKeyUsageExtension([...(req.extendedKeyUsages ?? ['1.3.6.1.5.5.7.3.1'])]))
  if (req.ocspUrl) extensions.push(new x509.AuthorityInfoAccessExtension({ocsp: [new x509.GeneralName('url', req.ocspUrl)]}))
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey))
  const serialNumber = `${(serial++).toString(16).padStart(2, '0')}${Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex')}`
  // The issuer's key decides the signature algorithm; the request decides its hash (SHA-1 for a weak fixture).
  const signingAlgorithm = req.issuer ? {name: req.issuer.keys.privateKey.algorithm.name, hash} : alg
  const cert = req.issuer
    ? await x509.X509CertificateGenerator.create({
        serialNumber,
        subject: req.subject,
        issuer: req.issuer.cert.subject,
        notBefore,
        notAfter,
        publicKey: keys.publicKey,
        signingKey: req.issuer.keys.privateKey,
        signingAlgorithm,
        extensions,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({serialNumber, name: req.subject, notBefore, notAfter, keys, signingAlgorithm: alg, extensions})
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)
  return {certPem: cert.toString('pem') + '\n', keyPem: pem('PRIVATE KEY', pkcs8), cert, keys}
}
