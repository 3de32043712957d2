export interface OcspFacts {
  readonly stapled: boolean
  /** good / revoked / unknown from the stapled response; "unparsable" when the bytes are not an OCSP response. */
  readonly status: 'good' | 'revoked' | 'unknown' | 'unparsable' | 'none'
  readonly thisUpdate?: string
  readonly nextUpdate?: string
}

const CERT_STATUS = ['good', 'revoked', 'unknown'] as const

/**
 * Read a stapled OCSP response (RFC 6960): the responder's verdict on the first certificate it covers.
 * The ASN.1 libraries load only when a staple arrived: they cost ~0.1 s of start-up otherwise.
 */
export const ocspFacts = async (der: Buffer | undefined): Promise<OcspFacts> => {
  if (!der) return {stapled: false, status: 'none'}
  try {
    const [asn1js, pkijs] = await Promise.all([import('asn1js'), import('pkijs')])
    const asn = asn1js.fromBER(new Uint8Array(der))
    if (asn.offset === -1) return {stapled: true, status: 'unparsable'}
    const resp = new pkijs.OCSPResponse({schema: asn.result})
    if (resp.responseStatus.valueBlock.valueDec !== 0 || !resp.responseBytes) return {stapled: true, status: 'unparsable'}
    const basic = new pkijs.BasicOCSPResponse({schema: asn1js.fromBER(resp.responseBytes.response.valueBlock.valueHexView).result})
    const single = basic.tbsResponseData.responses[0]
    if (!single) return {stapled: true, status: 'unparsable'}
    const tag = (single.certStatus as {idBlock?: {tagNumber?: number}}).idBlock?.tagNumber ?? 2
    return {
      stapled: true,
      status: CERT_STATUS[tag] ?? 'unknown',
      thisUpdate: single.thisUpdate.toISOString(),
      ...(single.nextUpdate ? {nextUpdate: single.nextUpdate.toISOString()} : {}),
    }
  } catch {
    return {stapled: true, status: 'unparsable'}
  }
}
