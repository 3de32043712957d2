import * as asn1js from 'asn1js'

import {OID, pkijs, sha256} from '../signing/pki.js'

/**
 * The parts of a CMS that its signature does not cover, checked for what a verifier that only runs the
 * signature maths would let through. The signed attributes are covered; the SignedData envelope (version,
 * digest algorithms, content type), the certificate set and the DER framing of the signature value are not,
 * and pkijs reads all of them leniently: an altered length byte inside the embedded certificate is parsed
 * past, and its fingerprint then comes from pkijs's re-encoding, which is the original one. So a report whose
 * signature bytes were edited could still verify, and show a certificate that is not the one in the file.
 */
export type CmsIntegrity =
  | {readonly ok: true}
  | {readonly ok: false; readonly failure: 'signature-not-der' | 'signature-envelope-altered' | 'certificate-altered'; readonly detail: string}

const hex = (b: ArrayBuffer | Uint8Array): Buffer => Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b))

type Parsed = ReturnType<typeof asn1js.fromBER>

const parse = (raw: Uint8Array): Parsed => asn1js.fromBER(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength) as ArrayBuffer)

/** True when the bytes are exactly their own DER re-encoding (lengths minimal, nothing parsed past). */
const isStrictDer = (raw: Uint8Array, asn: Parsed = parse(raw)): boolean => {
  if (asn.offset === -1 || asn.offset !== raw.byteLength) return false
  return hex(asn.result.toBER(false)).equals(hex(raw))
}

/** The SHA-256 the signed SigningCertificateV2 attribute names for the signer certificate, if it has one. */
const signedCertificateHash = (signer: pkijs.SignerInfo): Buffer | undefined => {
  const attr = signer.signedAttrs?.attributes.find((x) => x.type === OID.signingCertificateV2)
  const v = attr?.values[0] as asn1js.Sequence | undefined
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 … }; ESSCertIDv2 ::= SEQUENCE {
  // hashAlgorithm DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }
  const first = (v?.valueBlock.value[0] as asn1js.Sequence | undefined)?.valueBlock.value[0] as asn1js.Sequence | undefined
  const parts = first?.valueBlock.value ?? []
  const hash = parts.find((p): p is asn1js.OctetString => p instanceof asn1js.OctetString)
  // A hash algorithm other than the default SHA-256 is not something scanvet's signer writes.
  if (!hash || parts[0] instanceof asn1js.Sequence) return undefined
  return hex(hash.valueBlock.valueHexView)
}

/**
 * ContentInfo ::= SEQUENCE { contentType, [0] EXPLICIT content }: exactly two parts, one inside [0]. A length
 * byte raised into the zero padding of /Contents makes the padding part of the CMS, and zero bytes parse as
 * empty elements that re-encode identically, so the round-trip alone does not see it.
 */
const isSingleContentInfo = (asn: Parsed): boolean => {
  const outer = asn.result
  if (!(outer instanceof asn1js.Sequence) || outer.valueBlock.value.length !== 2) return false
  const wrapped = outer.valueBlock.value[1] as asn1js.Constructed
  return wrapped.idBlock.tagClass === 3 && wrapped.idBlock.tagNumber === 0 && wrapped.valueBlock.value?.length === 1
}

/** RFC 5754 §2: SHA-2 AlgorithmIdentifiers carry absent parameters or exactly NULL; nothing else is SHA-256. */
const digestParamsOk = (a: pkijs.AlgorithmIdentifier): boolean => a.algorithmParams === undefined || (a.algorithmParams instanceof asn1js.Null && a.algorithmParams.idBlock.tagClass === 1 && a.algorithmParams.idBlock.tagNumber === 5)

/** `parsed` is the caller's own parse of `cms` (read once, not mutated by pkijs), so the bytes are parsed once. */
export const checkCmsIntegrity = async (cms: Uint8Array, signed: pkijs.SignedData, signer: pkijs.SignerInfo, cert: pkijs.Certificate | undefined, certDer: Uint8Array | undefined, parsed: Parsed = parse(cms)): Promise<CmsIntegrity> => {
  if (!isStrictDer(cms, parsed) || !isSingleContentInfo(parsed)) return {ok: false, failure: 'signature-not-der', detail: 'the signature value is not in DER form: bytes inside it were changed after signing'}
  const sigAlg = signer.signatureAlgorithm.algorithmId
  // ECDSA's value is itself DER (SEQUENCE of r and s); a re-framed one still converts to the same r and s.
  if (sigAlg.startsWith('1.2.840.10045.4.') && !isStrictDer(new Uint8Array(signer.signature.valueBlock.valueHexView))) {
    return {ok: false, failure: 'signature-not-der', detail: 'the ECDSA signature value is not in DER form: bytes inside it were changed after signing'}
  }
  const contentType = (signer.signedAttrs?.attributes.find((x) => x.type === OID.contentType)?.values[0] as asn1js.ObjectIdentifier | undefined)?.valueBlock.toString()
  const digestAlg = signer.digestAlgorithm.algorithmId
  const envelope: string[] = []
  // RFC 5652 §5.1: version 1 when every certificate is X.509 and the content is id-data.
  if (signed.version !== 1) envelope.push(`SignedData version ${signed.version} (a signature of id-data with X.509 certificates is version 1)`)
  if (!signed.digestAlgorithms.some((a) => a.algorithmId === digestAlg)) envelope.push(`the digest algorithms do not list the signer's (${digestAlg})`)
  if (signed.encapContentInfo.eContentType !== OID.data) envelope.push(`content type ${signed.encapContentInfo.eContentType} (a PDF signature is id-data)`)
  else if (contentType !== undefined && contentType !== signed.encapContentInfo.eContentType) envelope.push('the content type differs from the signed one')
  if (![signer.digestAlgorithm, ...signed.digestAlgorithms].every(digestParamsOk)) envelope.push('a digest algorithm carries parameters other than NULL')
  // RFC 5758 §3.2: ecdsa-with-SHA256 has no parameters.
  if (sigAlg.startsWith('1.2.840.10045.4.') && signer.signatureAlgorithm.algorithmParams !== undefined && !(signer.signatureAlgorithm.algorithmParams instanceof asn1js.Null && signer.signatureAlgorithm.algorithmParams.idBlock.tagNumber === 5 && signer.signatureAlgorithm.algorithmParams.idBlock.tagClass === 1)) envelope.push('the signature algorithm carries parameters')
  if (signer.version !== 1) envelope.push(`SignerInfo version ${signer.version} (an issuer-and-serial signer is version 1)`)
  if (envelope.length) return {ok: false, failure: 'signature-envelope-altered', detail: `the signature's envelope was changed after signing: ${envelope.join('; ')}`}
  const named = signedCertificateHash(signer)
  if (named && cert && certDer) {
    const actual = await sha256(certDer)
    if (!actual.equals(named)) return {ok: false, failure: 'certificate-altered', detail: `certificate altered: the embedded certificate's SHA-256 (${actual.toString('hex')}) is not the one the signature names (${named.toString('hex')})`}
  }
  return {ok: true}
}
