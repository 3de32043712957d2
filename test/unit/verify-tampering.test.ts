import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {generateSigningKey} from '../../src/keys/generate-key.js'
import {verifyReport, type VerifyResult} from '../../src/verify/verify-report.js'
import {appendJunk, changeTitle, derIndex, editCms, flipByte, garbleSignature, shiftByteRange, signedFixtureReport, swapAttachment, truncate, writeIntoPadding} from '../helpers/pdf-tamper.js'
import {tempDir} from '../helpers/tmp.js'

const dir = tempDir()
const failures = (r: VerifyResult) => r.checks.filter((c) => !c.ok).map((c) => c.failure)
let report: Buffer
let fingerprint: string
const save = (name: string, data: Buffer) => {
  const p = path.join(dir, name)
  writeFileSync(p, data)
  return p
}

beforeAll(async () => {
  ;({report, fingerprint} = await signedFixtureReport())
}, 60_000)

describe('verify names each tampering for what it is', () => {
  it('the untouched report verifies (the control)', async () => {
    const r = await verifyReport({file: save('ok.pdf', report), fingerprint})
    expect(failures(r)).toEqual([])
    expect(r.ok).toBe(true)
  })

  it('an attachment swapped by incremental update: modified after signing, attachment swapped, as a PDF reader extracts it', async () => {
    const r = await verifyReport({file: save('swap.pdf', swapAttachment(report, Buffer.from('{"verdict":"approved","tampered":true}'))), fingerprint})
    expect(r.ok).toBe(false)
    expect(failures(r)).toEqual(['modified-after-signing', 'attachment-swapped'])
    expect(r.revisionsAfterSigning?.[0]?.changes.join(' ')).toMatch(/attachment swapped/)
    expect(r.checks.find((c) => c.id === 'attachment')!.detail).toMatch(/attachment swapped/)
  })

  it('a title changed by incremental update is named', async () => {
    const r = await verifyReport({file: save('title.pdf', changeTitle(report, 'A clean vendor')), fingerprint})
    expect(failures(r)).toContain('modified-after-signing')
    expect(r.revisionsAfterSigning?.[0]?.changes).toContain('title changed to "A clean vendor"')
  })

  it('bytes appended that are not a revision', async () => {
    const r = await verifyReport({file: save('garbage.pdf', appendJunk(report)), fingerprint})
    expect(failures(r)).toEqual(['bytes-appended'])
  })

  it('bytes written into the signature’s zero padding (outside the digest, so the signature still verifies): named, not valid', async () => {
    const r = await verifyReport({file: save('padding.pdf', writeIntoPadding(report)), fingerprint})
    expect(r.ok).toBe(false)
    expect(failures(r)).toEqual(['padding-written'])
    expect(r.checks.find((c) => c.id === 'digest')!.ok).toBe(true)
  })

  it('truncated', async () => {
    const r = await verifyReport({file: save('short.pdf', truncate(report)), fingerprint})
    expect(failures(r)).toContain('truncated')
  })

  it('a ByteRange shifted off /Contents: gap misaligned, not "empty signature"', async () => {
    const t = shiftByteRange(report)
    const r = await verifyReport({file: save('gap.pdf', t), fingerprint})
    expect(failures(r)).toContain('gap-misaligned')
    expect(failures(r)).not.toContain('empty-signature')
  })

  it('an unreadable signature value', async () => {
    const t = garbleSignature(report)
    const r = await verifyReport({file: save('cms.pdf', t), fingerprint})
    expect(failures(r)).toEqual(['unparseable-signature'])
  })

  it('one byte flipped in the signed range: digest mismatch', async () => {
    expect(failures(await verifyReport({file: save('flip.pdf', flipByte(report, 'Acme Imaging AI')), fingerprint}))).toContain('digest-mismatch')
  })

  // The parts of the CMS no signature covers: each edit below leaves the signature maths valid for the same key.
  const ID_DATA = '06092a864886f70d010701'
  it('the CMS outer length raised into the zero padding: not DER, refused although the maths still verify', async () => {
    const t = editCms(report, (cms) => { cms[2] = cms[2]! | 0x10 })
    expect(failures(await verifyReport({file: save('der.pdf', t), fingerprint}))).toEqual(['signature-not-der'])
  })

  it('a time inside the CMS turned into a GeneralizedTime asn1js cannot convert (it throws): unparseable, no exception', async () => {
    // The first UTCTime (17 0d, the certificate's notBefore) retagged GeneralizedTime with a '-' before its Z.
    const t = editCms(report, (cms) => {
      const i = derIndex(cms, '170d')
      cms[i] = 0x18
      cms[i + 2 + 5] = 0x2d
    })
    expect(failures(await verifyReport({file: save('gtime.pdf', t), fingerprint}))).toEqual(['unparseable-signature'])
  })

  it('the content type of the signed data changed (id-data to id-envelopedData): envelope altered', async () => {
    const t = editCms(report, (cms) => { cms[derIndex(cms, ID_DATA) + 10] = 0x03 })
    const r = await verifyReport({file: save('ctype.pdf', t), fingerprint})
    expect(failures(r)).toEqual(['signature-envelope-altered'])
    expect(r.checks.find((c) => c.id === 'signature')!.detail).toMatch(/content type 1\.2\.840\.113549\.1\.7\.3/)
  })

  it('the SignedData version changed: envelope altered', async () => {
    // SignedData ::= SEQUENCE { version INTEGER 1, digestAlgorithms SET …}: the first 02 01 01 after the [0].
    const t = editCms(report, (cms) => { cms[derIndex(cms, '020101') + 2] = 0x03 })
    expect(failures(await verifyReport({file: save('version.pdf', t), fingerprint}))).toEqual(['signature-envelope-altered'])
  })

  it('the digest algorithm parameters changed from NULL to another type: envelope altered', async () => {
    // sha256 AlgorithmIdentifier: OID 2.16.840.1.101.3.4.2.1 followed by NULL (05 00).
    const t = editCms(report, (cms) => { cms[derIndex(cms, '0609608648016503040201' + '0500') + 11] = 0x15 })
    expect(failures(await verifyReport({file: save('null.pdf', t), fingerprint}))).toEqual(['signature-envelope-altered'])
  })

  it('a field of the embedded certificate changed, DER still valid: certificate altered, not merely unknown', async () => {
    // The first UTCTime (notBefore): its year's last digit moved; the CMS signature is checked with the public
    // key, which is untouched, so only the signed SigningCertificateV2 hash can tell.
    const t = editCms(report, (cms) => {
      const at = cms.indexOf(0x17, derIndex(cms, ID_DATA) + 11)
      cms[at + 3] = cms[at + 3] === 0x30 ? 0x31 : 0x30
    })
    const r = await verifyReport({file: save('cert.pdf', t), fingerprint})
    expect(failures(r)).toEqual(['certificate-altered'])
    expect(r.checks.find((c) => c.id === 'certificate')!.detail).toMatch(/certificate altered/)
  })

  it('another signer: unknown signer', async () => {
    expect(failures(await verifyReport({file: save('other.pdf', report), fingerprint: 'AB'.repeat(32)}))).toEqual(['unknown-signer'])
  })

  it('inside a workspace the workspace certificate is trusted by default; outside, a pin is required and the message says where it comes from', async () => {
    const key = await generateSigningKey({organisation: 'Elsewhere'})
    const crt = save('other.crt', Buffer.from(`-----BEGIN CERTIFICATE-----\n${Buffer.from(key.certificate).toString('base64')}\n-----END CERTIFICATE-----\n`))
    const r = await verifyReport({file: save('ws.pdf', report), workspaceCertificate: crt})
    expect(r.trusted).toMatch(/workspace certificate/)
    expect(failures(r)).toEqual(['unknown-signer'])
    await expect(verifyReport({file: save('ws2.pdf', report)})).rejects.toMatchObject({code: 'INVALID_INPUT', suggestions: expect.arrayContaining([expect.stringMatching(/never take it from the report/)])})
  })
})
