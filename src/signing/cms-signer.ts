import {webcrypto} from 'node:crypto'
import * as asn1js from 'asn1js'
import {Signer} from '@signpdf/utils'

import {keyAlgorithmOf, OID, pkijs, sha256, toArrayBuffer} from './pki.js'

/** Asks an RFC 3161 time-stamping authority to stamp a digest; returns the DER TimeStampToken (a CMS ContentInfo). */
export type TimestampClient = (sha256Digest: Buffer) => Promise<Buffer>

export interface SigningKey {
  readonly privateKey: Uint8Array
  readonly certificates: readonly Uint8Array[]
}

/**
 * SigningCertificateV2 (RFC 5035) naming the signer's certificate by SHA-256 hash and issuer/serial: the
 * attribute that makes the CMS a PAdES baseline signature rather than a bare PKCS#7 one.
 */
const signingCertificateV2 = async (cert: pkijs.Certificate, der: Uint8Array): Promise<asn1js.Sequence> =>
  new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [
              // hashAlgorithm omitted: SHA-256 is its DEFAULT, and DER leaves defaults out.
              new asn1js.OctetString({valueHex: toArrayBuffer(await sha256(der))}),
              new asn1js.Sequence({
                value: [
                  new asn1js.Sequence({value: [new asn1js.Constructed({idBlock: {tagClass: 3, tagNumber: 4}, value: [cert.issuer.toSchema()]})]}),
                  cert.serialNumber,
                ],
              }),
            ],
          }),
        ],
      }),
    ],
  })

/**
 * A @signpdf Signer on pkijs and WebCrypto: CMS SignedData, detached, with contentType, messageDigest and
 * signing-certificate-v2 signed attributes (no signingTime: PAdES takes the time from the signature
 * dictionary's /M), ECDSA P-256 or RSA, the certificate chain included, and an RFC 3161 token as an unsigned
 * attribute when a time-stamping client is given. node-forge's P12Signer cannot do ECDSA or PAdES attributes.
 */
export class CmsSigner extends Signer {
  /** Whether the last signature carries a timestamp token, for the assessment record. */
  timestamped = false

  constructor(
    private readonly key: SigningKey,
    private readonly tsa?: TimestampClient,
  ) {
    super()
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const [leafDer, ...chainDer] = this.key.certificates
    const cert = pkijs.Certificate.fromBER(toArrayBuffer(leafDer!))
    const chain = chainDer.map((d) => pkijs.Certificate.fromBER(toArrayBuffer(d)))
    const alg = keyAlgorithmOf(cert)
    const privateKey = await webcrypto.subtle.importKey('pkcs8', toArrayBuffer(this.key.privateKey), alg, false, ['sign'])
    const digest = await sha256(pdfBuffer)
    const signed = new pkijs.SignedData({
      version: 1,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({eContentType: OID.data}),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({issuer: cert.issuer, serialNumber: cert.serialNumber}),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({type: OID.contentType, values: [new asn1js.ObjectIdentifier({value: OID.data})]}),
              new pkijs.Attribute({type: OID.messageDigest, values: [new asn1js.OctetString({valueHex: toArrayBuffer(digest)})]}),
              new pkijs.Attribute({type: OID.signingCertificateV2, values: [await signingCertificateV2(cert, leafDer!)]}),
            ],
          }),
        }),
      ],
      certificates: [cert, ...chain],
    })
    await signed.sign(privateKey as never, 0, 'SHA-256')
    this.timestamped = false
    if (this.tsa) {
      const signatureValue = Buffer.from(signed.signerInfos[0]!.signature.valueBlock.valueHexView)
      const token = await this.tsa(await sha256(signatureValue))
      const asn = asn1js.fromBER(toArrayBuffer(token))
      if (asn.offset === -1) throw new Error('the time-stamping authority returned a token that is not DER')
      signed.signerInfos[0]!.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
        type: 1,
        attributes: [new pkijs.Attribute({type: OID.timeStampToken, values: [asn.result]})],
      })
      this.timestamped = true
    }
    const info = new pkijs.ContentInfo({contentType: OID.signedData, content: signed.toSchema(true)})
    return Buffer.from(info.toSchema().toBER(false))
  }
}
