import {randomBytes} from 'node:crypto'
import * as asn1js from 'asn1js'

import {httpRequest} from '../net/http.js'
import type {ProxyPolicy} from '../net/proxy.js'

import {OID, pkijs, toArrayBuffer} from './pki.js'

export interface TsaOptions {
  readonly url: string
  readonly timeoutMs: number
  readonly maxResponseBytes: number
  readonly proxy?: ProxyPolicy
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
    const res = await httpRequest(
      {method: 'POST', url: opts.url, headers: {'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply'}, body: Buffer.from(req.toSchema().toBER(false))},
      // RFC 3161 over plain http is the norm (the token is signed); the deadline and the cap still hold.
      {timeoutMs: opts.timeoutMs, maxBytes: opts.maxResponseBytes, maxRedirects: 0, httpsOnly: false, followRedirects: false, ...(opts.proxy ? {proxy: opts.proxy} : {})},
    )
    if (res.kind === 'error') throw new Error(`the time-stamping authority did not answer: ${res.reason}`)
    if (res.status !== 200) throw new Error(`the time-stamping authority answered HTTP ${res.status}`)
    const resp = pkijs.TimeStampResp.fromBER(toArrayBuffer(res.body))
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
