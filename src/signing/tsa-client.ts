import {randomBytes} from 'node:crypto'
import * as asn1js from 'asn1js'
import axios from 'axios'

import {OID, pkijs, toArrayBuffer} from './pki.js'

export interface TsaOptions {
  readonly url: string
  readonly timeoutMs: number
  readonly maxResponseBytes: number
}

/**
 * An RFC 3161 client: POST a TimeStampReq for the SHA-256 digest, check the reply is granted, that its
 * imprint is the digest we sent and its nonce ours, and return the TimeStampToken.
 */
export const rfc3161Client =
  (opts: TsaOptions) =>
  async (digest: Buffer): Promise<Buffer> => {
    const nonce = randomBytes(8)
    nonce[0]! &= 0x7f
    const req = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({algorithmId: OID.sha256}),
        hashedMessage: new asn1js.OctetString({valueHex: toArrayBuffer(digest)}),
      }),
      nonce: new asn1js.Integer({valueHex: toArrayBuffer(nonce)}),
      certReq: true,
    })
    const res = await axios.post<ArrayBuffer>(opts.url, Buffer.from(req.toSchema().toBER(false)), {
      headers: {'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply'},
      responseType: 'arraybuffer',
      timeout: opts.timeoutMs,
      maxContentLength: opts.maxResponseBytes,
      maxRedirects: 0,
      validateStatus: (s) => s === 200,
    })
    const resp = pkijs.TimeStampResp.fromBER(res.data)
    const status = resp.status.status
    if (status !== 0 && status !== 1) throw new Error(`the time-stamping authority refused (status ${status}${resp.status.statusStrings?.length ? `: ${resp.status.statusStrings.map((s) => s.valueBlock.value).join('; ')}` : ''})`)
    if (!resp.timeStampToken) throw new Error('the time-stamping authority returned no token')
    const signed = new pkijs.SignedData({schema: resp.timeStampToken.content})
    const content = signed.encapContentInfo.eContent
    if (!content) throw new Error('the timestamp token has no content')
    const tstInfo = pkijs.TSTInfo.fromBER(content.getValue())
    if (!Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView).equals(digest)) throw new Error('the timestamp is for a different digest')
    if (!tstInfo.nonce || tstInfo.nonce.toBigInt() !== BigInt(`0x${nonce.toString('hex')}`)) {
      throw new Error('the timestamp nonce does not match the request')
    }
    return Buffer.from(resp.timeStampToken.toSchema().toBER(false))
  }
