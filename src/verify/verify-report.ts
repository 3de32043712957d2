import {promises as fs} from 'node:fs'
import * as asn1js from 'asn1js'

import {ScanvetError} from '../errors.js'
import {derFromPem} from '../keys/certificate-info.js'
import {certFingerprint, normaliseFingerprint, OID, pkijs, sha256, toArrayBuffer} from '../signing/pki.js'
import {embeddedFiles, findSignatures} from './pdf-parts.js'
import {analyseTail, type RevisionChange} from './revisions.js'
import {readerView} from './attachment.js'
import {checkCmsIntegrity} from './cms-integrity.js'

export const VERIFY_CHECKS = ['signature-present', 'whole-file', 'digest', 'signature', 'certificate', 'attachment'] as const
export type VerifyCheckId = (typeof VERIFY_CHECKS)[number]

/** What a failed check failed on, one name per kind of tampering. */
export type VerifyFailure =
  | 'no-signature'
  | 'several-signatures'
  | 'empty-signature'
  | 'truncated'
  | 'gap-misaligned'
  | 'modified-after-signing'
  | 'bytes-appended'
  | 'padding-written'
  | 'unparseable-signature'
  | 'digest-mismatch'
  | 'bad-signature'
  | 'signature-not-der'
  | 'signature-envelope-altered'
  | 'certificate-altered'
  | 'unknown-signer'
  | 'no-attachment'
  | 'attachment-swapped'
  | 'attachment-mismatch'

export interface VerifyCheck {
  readonly id: VerifyCheckId
  readonly ok: boolean
  readonly detail: string
  readonly failure?: VerifyFailure
}

export interface VerifyResult {
  readonly file: string
  /** True when every check passed: the one outcome key of every --json result (`history` and `verify` alike). */
  readonly ok: boolean
  readonly checks: readonly VerifyCheck[]
  readonly signer?: {readonly subject: string; readonly fingerprint: string}
  readonly signingTime?: string
  readonly timestamped?: boolean
  readonly assessmentSha256?: string
  /** The incremental updates after the signed revision, each with what it changed. */
  readonly revisionsAfterSigning?: readonly RevisionChange[]
  /** Whom the certificate check trusted when neither --trust nor --fingerprint was given. */
  readonly trusted?: string
}

export interface VerifyOptions {
  readonly file: string
  /** Certificate files (PEM or DER): the signer's own certificate, or a CA it must chain to. */
  readonly trust?: readonly string[]
  /** SHA-256 fingerprint of the signer's certificate, as `scanvet keys show` prints it. */
  readonly fingerprint?: string
  readonly now?: Date
  /** The workspace's keys/signing.crt: trusted by default inside a workspace. */
  readonly workspaceCertificate?: string
}

const readAll = async (file: string): Promise<Buffer> => {
  try {
    return await fs.readFile(file)
  } catch (error) {
    throw new ScanvetError('UNREADABLE_FILE', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}

const readCertificates = async (files: readonly string[]): Promise<pkijs.Certificate[]> => {
  const out: pkijs.Certificate[] = []
  for (const f of files) {
    const data = await readAll(f)
    const pems = data.toString('latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [data]
    for (const p of pems) {
      try {
        out.push(pkijs.Certificate.fromBER(toArrayBuffer(derFromPem(typeof p === 'string' ? p : Buffer.from(p)))))
      } catch {
        throw new ScanvetError('INVALID_INPUT', `${f} is not a certificate (PEM or DER)`)
      }
    }
  }
  return out
}

const subjectOf = (c: pkijs.Certificate): string => c.subject.typesAndValues.map((tv) => String(tv.value.valueBlock.value)).join(', ')

/**
 * Everything procurement needs to trust a report: one signature whose byte range is the whole file, the
 * document digest matching the signed messageDigest, a valid signature by a certificate that is the pinned one
 * or chains to a trusted one, and an attached assessment.json whose SHA-256 is the one printed in the report.
 */
export const verifyReport = async (opts: VerifyOptions): Promise<VerifyResult> => {
  const byDefault = !opts.trust?.length && !opts.fingerprint ? opts.workspaceCertificate : undefined
  if (!opts.trust?.length && !opts.fingerprint && !byDefault) {
    throw new ScanvetError('INVALID_INPUT', 'outside a workspace, say whom to trust: --fingerprint SHA256 or --trust CERT.pem', [
      'Ask the practice for its fingerprint (they print it with `scanvet keys show`); never take it from the report itself: a fingerprint printed inside the document it vouches for proves nothing.',
      'scanvet verify report.pdf --fingerprint AB:CD:…',
    ])
  }
  if (opts.fingerprint && normaliseFingerprint(opts.fingerprint).length !== 64) throw new ScanvetError('INVALID_INPUT', `--fingerprint must be a SHA-256 fingerprint (64 hex digits)`)
  const trustFiles = opts.trust?.length ? opts.trust : byDefault ? [byDefault] : []
  const trusted = trustFiles.length ? await readCertificates(trustFiles) : []
  const pdf = await readAll(opts.file)
  if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new ScanvetError('INVALID_INPUT', `${opts.file} is not a PDF`)
  const checks: VerifyCheck[] = []
  const add = (id: VerifyCheckId, ok: boolean, detail: string, failure?: VerifyFailure) => checks.push({id, ok, detail, ...(ok || !failure ? {} : {failure})})
  let revisionsAfterSigning: readonly RevisionChange[] | undefined
  const done = (extra: Partial<VerifyResult> = {}): VerifyResult => ({
    file: opts.file,
    ok: checks.length === VERIFY_CHECKS.length && checks.every((c) => c.ok),
    checks,
    ...(revisionsAfterSigning ? {revisionsAfterSigning} : {}),
    ...(byDefault ? {trusted: `the workspace certificate ${byDefault}`} : {}),
    ...extra,
  })

  const sigs = findSignatures(pdf)
  if (sigs.length !== 1) {
    add('signature-present', false, sigs.length === 0 ? 'the file has no signature' : `the file has ${sigs.length} signatures; a scanvet report has exactly one`, sigs.length === 0 ? 'no-signature' : 'several-signatures')
    return done()
  }
  const sig = sigs[0]!
  const [a, b, c, d] = sig.byteRange
  const aligned = a === 0 && sig.contents !== undefined && b === sig.contents.start && c === sig.contents.end
  // An empty signature is only named when the gap is where /Contents is; otherwise the gap is the fault.
  add('signature-present', sig.cms.length > 0 || !aligned, sig.cms.length > 0 || !aligned ? 'one signature' : 'the signature is empty', 'empty-signature')
  if (c + d > pdf.length || a + b > pdf.length) {
    add('whole-file', false, `truncated: the signature covers ${c + d} bytes but the file has only ${pdf.length}`, 'truncated')
  } else if (!aligned) {
    add(
      'whole-file',
      false,
      sig.contents
        ? `gap misaligned: the signed byte range leaves out bytes ${a + b}–${c} but the signature value (/Contents) is at ${sig.contents.start}–${sig.contents.end}`
        : 'gap misaligned: the signature dictionary has no /Contents for its byte range to leave out',
      'gap-misaligned',
    )
  } else {
    const tail = analyseTail(pdf, c + d)
    // The reserved space after the signature value is outside the digest: bytes written there after signing
    // leave the signature valid, so they are named here (a signer pads with zeros).
    if (tail.kind === 'none' && sig.paddingWritten > 0) {
      add('whole-file', false, `${sig.paddingWritten} byte(s) written into the space reserved for the signature after signing: the signature still verifies, but this is not the file that was signed`, 'padding-written')
    } else if (tail.kind === 'none') add('whole-file', true, `the signature covers all ${pdf.length} bytes but its own value`)
    else if (tail.kind === 'garbage') add('whole-file', false, `${tail.bytes} bytes appended after signing that are not a PDF revision`, 'bytes-appended')
    else {
      revisionsAfterSigning = tail.revisions
      const what = tail.revisions.map((r) => `revision ${r.index}: ${r.changes.join(', ')}`).join('; ')
      add('whole-file', false, `modified after signing: ${tail.revisions.length} incremental update${tail.revisions.length === 1 ? '' : 's'} (${what})`, 'modified-after-signing')
    }
  }

  let signed: pkijs.SignedData
  let signer: pkijs.SignerInfo
  // One parse of the signature value serves pkijs and the integrity checks. asn1js throws on some malformed
  // values (a GeneralizedTime it cannot convert), so the parse is inside the try.
  let parsed: ReturnType<typeof asn1js.fromBER>
  try {
    parsed = asn1js.fromBER(toArrayBuffer(sig.cms))
    if (parsed.offset === -1) throw new Error(parsed.result.error || 'not BER')
    const info = new pkijs.ContentInfo({schema: parsed.result})
    if (info.contentType !== OID.signedData) throw new Error('not SignedData')
    signed = new pkijs.SignedData({schema: info.content})
    signer = signed.signerInfos[0]!
    if (!signer) throw new Error('no signer')
  } catch (error) {
    add('digest', false, `unparseable signature: the signature value cannot be read (${(error as Error).message})`, 'unparseable-signature')
    return done()
  }
  const digest = await sha256(sig.signedBytes)
  const md = signer.signedAttrs?.attributes.find((x) => x.type === OID.messageDigest)?.values[0] as asn1js.OctetString | undefined
  const digestOk = md !== undefined && Buffer.from(md.valueBlock.valueHexView).equals(digest)
  add('digest', digestOk, digestOk ? 'the document digest matches the signed one' : 'digest mismatch: the signed bytes were changed after signing', 'digest-mismatch')

  const certs = (signed.certificates ?? []).filter((x): x is pkijs.Certificate => x instanceof pkijs.Certificate)
  const sid = signer.sid as pkijs.IssuerAndSerialNumber
  const cert = certs.find((x) => x.issuer.isEqual(sid.issuer) && x.serialNumber.isEqual(sid.serialNumber))
  let sigOk = false
  try {
    sigOk = cert !== undefined && (await signed.verify({signer: 0, data: toArrayBuffer(sig.signedBytes), checkChain: false}))
  } catch {
    sigOk = false
  }
  const certDer = cert ? new Uint8Array(cert.toSchema().toBER(false)) : undefined
  const integrity = await checkCmsIntegrity(sig.cms, signed, signer, cert, certDer, parsed)
  if (sigOk && !integrity.ok && integrity.failure !== 'certificate-altered') add('signature', false, integrity.detail, integrity.failure)
  else add('signature', sigOk, sigOk ? 'the signature value is valid for its certificate' : cert ? 'the signature value does not verify' : 'the signer certificate is missing', 'bad-signature')
  if (!cert || !certDer) return done()
  const fingerprint = await certFingerprint(certDer)
  const signingTimeRaw = /\/M\s*\(D:(\d{14})/.exec(pdf.toString('latin1', 0, Math.min(pdf.length, b)))?.[1]
  const signingTime = signingTimeRaw ? `${signingTimeRaw.slice(0, 4)}-${signingTimeRaw.slice(4, 6)}-${signingTimeRaw.slice(6, 8)}T${signingTimeRaw.slice(8, 10)}:${signingTimeRaw.slice(10, 12)}:${signingTimeRaw.slice(12, 14)}Z` : undefined

  const certReasons: string[] = []
  let certOk = true
  if (opts.fingerprint) {
    const pinned = normaliseFingerprint(opts.fingerprint) === normaliseFingerprint(fingerprint)
    certOk &&= pinned
    certReasons.push(pinned ? 'the certificate is the pinned one' : `the certificate is not the pinned one (it is ${fingerprint})`)
  }
  if (trusted.length > 0) {
    const direct = trusted.some((t) => Buffer.from(t.toSchema().toBER(false)).equals(certDer))
    let chained = false
    let why = ''
    if (!direct) {
      const engine = new pkijs.CertificateChainValidationEngine({trustedCerts: trusted, certs: [cert, ...certs.filter((x) => x !== cert)], checkDate: signingTime ? new Date(signingTime) : (opts.now ?? new Date())})
      const r = await engine.verify()
      chained = r.result
      why = r.resultMessage
    }
    certOk &&= direct || chained
    certReasons.push(direct ? 'the certificate is the trusted one' : chained ? 'the certificate chains to a trusted certificate' : `the certificate does not chain to a trusted certificate${why ? ` (${why})` : ''}`)
  }
  if (!integrity.ok && integrity.failure === 'certificate-altered') add('certificate', false, integrity.detail, 'certificate-altered')
  else add('certificate', certOk, certOk ? certReasons.join('; ') : `unknown signer: ${certReasons.join('; ')}`, 'unknown-signer')

  const timestamped = signer.unsignedAttrs?.attributes.some((x) => x.type === OID.timeStampToken) ?? false
  const extra = {signer: {subject: subjectOf(cert), fingerprint}, ...(signingTime ? {signingTime} : {}), timestamped}
  // Bytes changed under the signature: nothing in the file can be trusted, what is attached included, so it is
  // not read (a PDF reader's pass is most of verify's time, and its answer would vouch for nothing).
  if (!digestOk) {
    add('attachment', false, 'not checked: the signed bytes were changed, so the attached assessment.json cannot be trusted either')
    return done(extra)
  }
  // The attachment a PDF reader extracts: the last revision's (pdfjs resolves the xref chain as qpdf does).
  const view = await readerView(pdf, 'assessment.json')
  const json = view.attachment ?? (revisionsAfterSigning ? undefined : embeddedFiles(pdf).get('assessment.json'))
  if (!json) {
    add('attachment', false, 'no assessment.json is attached', 'no-attachment')
    return done(extra)
  }
  const jsonHash = (await sha256(json)).toString('hex')
  const signedJson = revisionsAfterSigning ? ((await readerView(pdf.subarray(0, c + d), 'assessment.json', false)).attachment ?? embeddedFiles(pdf.subarray(0, c + d)).get('assessment.json')) : json
  if (signedJson && !signedJson.equals(json)) {
    add('attachment', false, `attachment swapped: a later revision replaces the signed assessment.json (SHA-256 ${(await sha256(signedJson)).toString('hex')}) with another (${jsonHash})`, 'attachment-swapped')
    return done({...extra, assessmentSha256: jsonHash})
  }
  const printed = view.printedHash
  const attOk = printed === jsonHash
  add('attachment', attOk, attOk ? `assessment.json is attached and its SHA-256 is the printed one (${jsonHash})` : printed ? `the attached assessment.json (SHA-256 ${jsonHash}) is not the one printed (${printed})` : 'the report prints no SHA-256 of assessment.json', 'attachment-mismatch')
  return done({...extra, assessmentSha256: jsonHash})
}
