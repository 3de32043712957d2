import {generateSigningKey} from '../../src/keys/generate-key.js'
import {produceReport} from '../../src/report/produce-report.js'
import {fixtureAssessment} from './assessment-fixture.js'

/** A signed report of the fixture assessment (a fresh key) and its signer's fingerprint: what tamperings start from. */
export const signedFixtureReport = async (): Promise<{report: Buffer; fingerprint: string}> => {
  const key = await generateSigningKey({organisation: 'Riverside Imaging'})
  const out = await produceReport(await fixtureAssessment({bad: true}), {key: {privateKey: key.privateKey, certificates: [key.certificate]}})
  return {report: out.files['report.pdf'], fingerprint: out.assessment.signature!.status === 'signed' ? out.assessment.signature!.fingerprint : ''}
}

/*
 * Tamperings of a signed report, as an attacker or a careless PDF editor makes them. Shared by the unit test of
 * `verify` and the interop test that shows the same files to poppler (pdfsig, pdfdetach) and qpdf.
 */

/** An incremental update as a PDF editor writes one: new definitions of objects, an xref section, a trailer with /Prev. */
export const incrementalUpdate = (pdf: Buffer, objects: ReadonlyArray<{num: number; body: Buffer}>): Buffer => {
  const text = pdf.toString('latin1')
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1])
  const trailer = text.slice(text.lastIndexOf('trailer'))
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)![1])
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer)![1]
  const info = /\/Info\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1]
  const parts: Buffer[] = [pdf, Buffer.from('\n')]
  let offset = pdf.length + 1
  const offsets: Array<[number, number]> = []
  for (const o of objects) {
    const chunk = Buffer.concat([Buffer.from(`${o.num} 0 obj\n`), o.body, Buffer.from('\nendobj\n')])
    offsets.push([o.num, offset])
    parts.push(chunk)
    offset += chunk.length
  }
  const xref = ['xref', '0 1', '0000000000 65535 f ', ...offsets.flatMap(([n, off]) => [`${n} 1`, `${String(off).padStart(10, '0')} 00000 n `])].join('\n')
  parts.push(Buffer.from(`${xref}\ntrailer\n<< /Size ${size} /Root ${root}${info ? ` /Info ${info}` : ''} /Prev ${prev} >>\nstartxref\n${offset}\n%%EOF\n`))
  return Buffer.concat(parts)
}

const embeddedStreamNum = (pdf: Buffer): number => Number(/(\d+) 0 obj\s*<<[^>]*\/Type\s*\/EmbeddedFile\b/.exec(pdf.toString('latin1'))![1])

/** assessment.json replaced by a new revision of its embedded-file stream. */
export const swapAttachment = (pdf: Buffer, json: Buffer): Buffer => {
  const body = Buffer.concat([Buffer.from(`<< /Type /EmbeddedFile /Length ${json.length} >>\nstream\n`), json, Buffer.from('\nendstream')])
  return incrementalUpdate(pdf, [{num: embeddedStreamNum(pdf), body}])
}

/** The document title rewritten by an incremental update of the /Info dictionary. */
export const changeTitle = (pdf: Buffer, title: string): Buffer => {
  const info = /\/Info\s+(\d+)\s+0\s+R/.exec(pdf.toString('latin1'))
  if (!info) throw new Error('the report has no /Info dictionary')
  return incrementalUpdate(pdf, [{num: Number(info[1]), body: Buffer.from(`<< /Title (${title}) /Producer (x) >>`)}])
}

export const appendJunk = (pdf: Buffer): Buffer => Buffer.concat([pdf, Buffer.from('\n% appended junk\n')])

export const truncate = (pdf: Buffer, bytes = 40): Buffer => pdf.subarray(0, pdf.length - bytes)

/** The ByteRange moved two bytes so its gap no longer lines up with /Contents (same length, so offsets hold). */
export const shiftByteRange = (pdf: Buffer): Buffer => {
  const text = pdf.toString('latin1')
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text)!
  const [a, b, c, d] = [1, 2, 3, 4].map((i) => Number(m[i]))
  const shifted = `/ByteRange [${a} ${b! + 2} ${c! + 2} ${d! - 2}]`.padEnd(m[0].length, ' ')
  return Buffer.concat([pdf.subarray(0, m.index), Buffer.from(shifted, 'latin1'), pdf.subarray(m.index + m[0].length)])
}

/** The first hex digits of the CMS signature overwritten: the signature value no longer parses. */
export const garbleSignature = (pdf: Buffer): Buffer => {
  const text = pdf.toString('latin1')
  const from = text.indexOf('/ByteRange') - 2000
  const m = /\/Contents\s*<([0-9A-Fa-f]+)>/.exec(text.slice(from))!
  const at = text.indexOf(m[1]!, from)
  const t = Buffer.from(pdf)
  t.write('DEADBEEF'.repeat(4), at, 'latin1')
  return t
}

/** One bit flipped in a byte the signature covers (the first occurrence of `near`). */
export const flipByte = (pdf: Buffer, near: string): Buffer => {
  const t = Buffer.from(pdf)
  const at = t.indexOf(near)
  if (at < 0) throw new Error(`'${near}' is not in the report`)
  t[at] = t[at]! ^ 1
  return t
}

/** Bytes written into the zero padding after the CMS inside /Contents: outside the digest, so the signature still verifies. */
export const writeIntoPadding = (pdf: Buffer, message = 'CAFEBABE'): Buffer => {
  const text = pdf.toString('latin1')
  const from = text.indexOf('/ByteRange') - 2000
  const m = /\/Contents\s*<([0-9A-Fa-f]+)>/.exec(text.slice(from))!
  const hexStart = text.indexOf(m[1]!, from)
  const end = hexStart + m[1]!.length
  const t = Buffer.from(pdf)
  // Near the end of the hex string, well past the DER.
  t.write(message, end - message.length - 16, 'latin1')
  return t
}

/**
 * The CMS inside /Contents edited in place (same length, the rest of the file untouched): the signed bytes and the
 * signed attributes stay intact, so what the edit reaches is only what no signature covers.
 */
export const editCms = (pdf: Buffer, edit: (cms: Buffer) => void): Buffer => {
  const text = pdf.toString('latin1')
  const from = text.indexOf('/ByteRange') - 2000
  const m = /\/Contents\s*<([0-9A-Fa-f]+)>/.exec(text.slice(from))!
  const at = text.indexOf(m[1]!, from)
  const cms = Buffer.from(m[1]!, 'hex')
  edit(cms)
  const t = Buffer.from(pdf)
  t.write(cms.toString('hex'), at, 'latin1')
  return t
}

/** Where `needle` (DER bytes) first occurs in the CMS; throws when the fixture does not hold it. */
export const derIndex = (cms: Buffer, needle: string): number => {
  const i = cms.indexOf(Buffer.from(needle, 'hex'))
  if (i < 0) throw new Error(`${needle} is not in the CMS`)
  return i
}
