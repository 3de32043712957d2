import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'

import type {IssuedCertificate} from '../../src/net/issue-certificate.js'

const toPkijs = (c: IssuedCertificate): pkijs.Certificate => pkijs.Certificate.fromBER(new Uint8Array(c.cert.rawData))

/** A real, CA-signed OCSP response (RFC 6960) saying `leaf` is good, for servers that staple it. */
export const goodOcspResponse = async (leaf: IssuedCertificate, issuer: IssuedCertificate): Promise<Buffer> => {
  const certID = new pkijs.CertID()
  await certID.createForCertificate(toPkijs(leaf), {hashAlgorithm: 'SHA-1', issuerCertificate: toPkijs(issuer)})
  const now = new Date()
  const basic = new pkijs.BasicOCSPResponse()
  basic.tbsResponseData.responderID = toPkijs(issuer).subject
  basic.tbsResponseData.producedAt = now
  basic.tbsResponseData.responses.push(
    new pkijs.SingleResponse({
      certID,
      // good: [0] IMPLICIT NULL
      certStatus: new asn1js.Primitive({idBlock: {tagClass: 3, tagNumber: 0}}),
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + 7 * 86_400_000),
    }),
  )
  await basic.sign(issuer.keys.privateKey, 'SHA-256')
  const resp = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({value: 0}),
    responseBytes: new pkijs.ResponseBytes({responseType: '1.3.6.1.5.5.7.48.1.1', response: new asn1js.OctetString({valueHex: basic.toSchema().toBER(false)})}),
  })
  return Buffer.from(resp.toSchema().toBER(false))
}
