import {mkdtempSync, rmSync, writeFileSync, mkdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {checkDataset, isPseudonym} from '../../src/dicom/deid/check-dataset.js'
import {checkFiles} from '../../src/dicom/deid/check-files.js'
import {deviceRootOf} from '../../src/dicom/deid/uid-roots.js'
import {matchLine, seedsOf} from '../../src/dicom/pixels/text-match.js'
import {parseDicom} from '../../src/dicom/read/parse-dicom.js'
import {textsOf} from '../../src/dicom/read/tags.js'
import {encodeFile, type El, type Layout} from '../helpers/dicom-encode.js'

const dir = mkdtempSync(path.join(tmpdir(), 'scanvet-reader-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

const us = (n: number) => Uint8Array.from([n & 0xff, n >> 8])

// One identified dataset: a Japanese name in ISO 2022 IR 87 (ESC $ B ... ESC ( B), an ID, a birth date, and a
// referenced-study sequence holding another UID.
const ESC = '\x1b'
const jis = (s: string) => s // the JIS X 0208 bytes below are written as latin1 code units
const identified: El[] = [
  {tag: 0x00080005, vr: 'CS', value: '\\ISO 2022 IR 87'},
  {tag: 0x00080016, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.7'},
  {tag: 0x00080018, vr: 'UI', value: '2.25.99887766'},
  {tag: 0x00080060, vr: 'CS', value: 'OT'},
  // "Yamada^Tarou=山田^太郎": 山田 is 3B 33 45 44, 太郎 is 42 40 4F 3A in JIS X 0208.
  {tag: 0x00100010, vr: 'PN', value: `Yamada^Tarou=${ESC}$B${jis('\x3b\x33\x45\x44')}${ESC}(B^${ESC}$B${jis('\x42\x40\x4f\x3a')}${ESC}(B`},
  {tag: 0x00100020, vr: 'LO', value: 'MRN4471203'},
  {tag: 0x00100030, vr: 'DA', value: '19560412'},
  {tag: 0x00081110, vr: 'SQ', value: [[{tag: 0x00081155, vr: 'UI', value: '1.2.840.113619.2.55.3.1234'}]]},
  {tag: 0x00280010, vr: 'US', value: us(2)},
]

const LAYOUTS: Record<string, Layout> = {
  'Part 10 explicit LE': {explicit: true, little: true, preamble: true, meta: true},
  'Part 10 implicit LE': {explicit: false, little: true, preamble: true, meta: true},
  'Part 10 explicit BE': {explicit: true, little: false, preamble: true, meta: true},
  'deflated': {explicit: true, little: true, preamble: true, meta: true, deflate: true},
  'no preamble, "DICM" and meta': {explicit: true, little: true, preamble: false, meta: true},
  'raw dataset, implicit LE': {explicit: false, little: true, preamble: false, meta: false},
  'raw dataset, explicit BE': {explicit: true, little: false, preamble: false, meta: false},
  'meta without transfer syntax (implicit data)': {explicit: false, little: true, preamble: true, meta: true, dropTransferSyntax: true},
  'sequences as UN of undefined length': {explicit: true, little: true, preamble: true, meta: true, unSequences: true},
}

describe('the tolerant reader: one dataset in every layout', () => {
  for (const [name, layout] of Object.entries(LAYOUTS)) {
    it(`${name}: reads the ISO 2022 name, the nested UID, and flags them`, () => {
      const p = parseDicom(encodeFile(identified, layout))
      expect(p.dataset['00100010']?.Value?.[0]).toEqual({Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎'})
      expect(textsOf(p.dataset['00100020']!)).toEqual(['MRN4471203'])
      const seq = p.dataset['00081110']?.Value as Record<string, {Value?: unknown[]}>[]
      expect(seq[0]?.['00081155']?.Value).toEqual(['1.2.840.113619.2.55.3.1234'])
      expect(p.dataset['00280010']?.Value).toEqual([2])
      if (!layout.preamble) expect(p.notes.join(' ')).toMatch(/preamble/)
      if (layout.dropTransferSyntax || !layout.meta) expect(p.notes.join(' ')).toMatch(/inferred/)
      const r = checkDataset('x.dcm', p.dataset, {options: new Set(), safePrivate: [], showValues: true})
      const flagged = new Set(r.findings.filter((f) => f.identifying).map((f) => f.path))
      for (const tag of ['(0010,0010)', '(0010,0020)', '(0010,0030)', '(0008,1110)[0].(0008,1155)']) expect(flagged, tag).toContain(tag)
    })
  }

  it('a file that ends inside an element keeps what was read and says where it ends', () => {
    const full = encodeFile(identified, LAYOUTS['Part 10 explicit LE']!)
    const p = parseDicom(full.subarray(0, full.length - 3))
    expect(p.truncated).toMatch(/ends inside/)
    expect(p.dataset['00100010']).toBeDefined()
  })

  it('text and images that are not DICOM are refused with a reason, never read as clean', () => {
    expect(() => parseDicom(Buffer.from('{"hello": "world", "this": "is not DICOM at all"}'))).toThrow(/not DICOM/)
  })
})

describe('what the run says when there is nothing to check', () => {
  it('a folder without DICOM files is an error naming the skipped files (exit 2), not an all-clear', async () => {
    const d = path.join(dir, 'pngs')
    mkdirSync(d)
    writeFileSync(path.join(d, 'a.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))
    writeFileSync(path.join(d, 'notes.txt'), 'patient list')
    await expect(checkFiles([d], {options: new Set(), safePrivate: [], showValues: false})).rejects.toThrow(/no DICOM files found in .*\(2 other file\(s\) skipped\)/)
  })

  it('a folder with a DICOM file among others checks the DICOM file and counts the rest', async () => {
    const d = path.join(dir, 'mixed')
    mkdirSync(d)
    writeFileSync(path.join(d, 'a.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))
    writeFileSync(path.join(d, 'IM0001'), encodeFile(identified, LAYOUTS['raw dataset, implicit LE']!))
    const r = await checkFiles([d], {options: new Set(), safePrivate: [], showValues: false})
    expect(r.totals.checked).toBe(1)
    expect(r.totals.skipped).toBe(1)
    expect(r.clean).toBe(false)
    expect(r.files[0]?.status === 'checked' && r.files[0].pixels).toEqual({status: 'skipped', reason: 'no pixel data'})
  })
})

// A seeded corpus of de-identified datasets: pseudonym IDs in the forms tools write must give zero findings;
// IDs shaped like record numbers, names or dates, and UIDs under a device maker's root, must be flagged.
const rng = (seed: number) => () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32)
// A hex token that happens to be all digits is shaped like a record number and is flagged by design (the
// practice's --pseudonym-pattern accepts it); tools' tokens have letters, so the generator guarantees one.
const hex = (r: () => number, n: number) => Array.from({length: n}, (_, i) => (i === n >> 1 ? 'abcdef'[Math.floor(r() * 6)] : Math.floor(r() * 16).toString(16))).join('')

const deidentified = (patientId: string, studyUid: string) => {
  const els: El[] = [
    {tag: 0x00080016, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.2'},
    {tag: 0x00080018, vr: 'UI', value: '2.25.4455667788'},
    {tag: 0x00080060, vr: 'CS', value: 'CT'},
    {tag: 0x00100010, vr: 'PN', value: ''},
    {tag: 0x00100020, vr: 'LO', value: patientId},
    {tag: 0x00120062, vr: 'CS', value: 'YES'},
    {tag: 0x00120063, vr: 'LO', value: 'scanvet test corpus'},
    {tag: 0x00120064, vr: 'SQ', value: [[{tag: 0x00080100, vr: 'SH', value: '113100'}, {tag: 0x00080102, vr: 'SH', value: 'DCM'}, {tag: 0x00080104, vr: 'LO', value: 'Basic Application Confidentiality Profile'}]]},
    {tag: 0x0020000d, vr: 'UI', value: studyUid},
  ]
  return parseDicom(encodeFile(els, LAYOUTS['Part 10 explicit LE']!)).dataset
}

describe('pseudonyms and UIDs as Table E.1-1 allows', () => {
  const r = rng(1515)
  const pseudonyms = Array.from({length: 40}, (_, i) => [`ANON-${hex(r, 10)}`, `SUBJ-${String(i + 1).padStart(4, '0')}`, `PSEUDO_${hex(r, 12)}`, `anon${hex(r, 8)}`, `DEID-${hex(r, 16)}`][i % 5]!)
  const identifying = Array.from({length: 40}, (_, i) => [`${Math.floor(1e6 + r() * 9e6)}`, `ANON-${Math.floor(1e6 + r() * 9e7)}`, 'HARTLEY^MARA', '19560412', `MRN${Math.floor(1e5 + r() * 9e5)}`][i % 5]!)

  it('correctly de-identified files with pseudonym IDs: zero findings', () => {
    let findings = 0
    for (const id of pseudonyms) {
      const res = checkDataset('f.dcm', deidentified(id, `2.25.${Math.floor(r() * 1e12)}`), {options: new Set(), safePrivate: [], showValues: true})
      findings += res.findings.length
      if (res.findings.length) console.log(id, res.findings.map((f) => f.message))
    }
    console.log(`pseudonym corpus: ${pseudonyms.length} files, ${findings} findings`)
    expect(findings).toBe(0)
  })

  it('IDs shaped like record numbers, names or dates are still flagged', () => {
    const flagged = identifying.filter((id) => checkDataset('f.dcm', deidentified(id, '2.25.1'), {options: new Set(), safePrivate: [], showValues: true}).identifying > 0)
    console.log(`identifier-shaped IDs: ${flagged.length}/${identifying.length} flagged`)
    expect(flagged.length).toBe(identifying.length)
  })

  it("the practice's pattern is accepted, and only it", () => {
    const pattern = /^STUDY7-\d{5}$/u
    expect(isPseudonym('STUDY7-00042', pattern)).toBe(true)
    expect(isPseudonym('STUDY7-00042')).toBe(false)
    const res = checkDataset('f.dcm', deidentified('ZZ-4471203', '2.25.1'), {options: new Set(), safePrivate: [], showValues: true, pseudonymPattern: /^ZZ-\d{7}$/u})
    expect(res.findings).toEqual([])
  })

  it('a Study Instance UID under a device maker root is flagged without originals; toolkit roots are not', () => {
    expect(deviceRootOf('1.2.840.113619.2.55.3.604688119.868.1234567890.123')?.organisation).toMatch(/GE/)
    expect(deviceRootOf('1.2.276.0.7230010.3.1.2.1234')).toBeUndefined()
    const ge = checkDataset('f.dcm', deidentified('ANON-3f9c0a17d2', '1.2.840.113619.2.55.3.604688119.868.1234567890.123'), {options: new Set(), safePrivate: [], showValues: true})
    expect(ge.findings.filter((f) => f.kind === 'uid' && f.identifying).map((f) => f.path)).toEqual(['(0020,000D)'])
    const kept = checkDataset('f.dcm', deidentified('ANON-3f9c0a17d2', '1.2.840.113619.2.55.3.604688119.868.1234567890.123'), {options: new Set(['retain-uids']), safePrivate: [], showValues: true})
    expect(kept.findings.filter((f) => f.kind === 'uid')).toEqual([])
  })
})

describe('burned-in text matching (OCR output in, findings out; no OCR engine here)', () => {
  const ds = parseDicom(encodeFile(identified, LAYOUTS['Part 10 explicit LE']!)).dataset
  const seeds = seedsOf(ds)
  const line = (s: string) => s.split(' ').map((text, i) => ({text, confidence: 90, bbox: {x0: i * 50, y0: 0, x1: i * 50 + 40, y1: 12}}))
  it.each([['Tarou Yamada'], ['YAMADA, TAROU'], ['ID MRN4471203'], ['DOB 12/04/1956'], ['1956-04-12'], ['Call 555-201-3344'], ['HARTLEY, Mara'], ['Yamda Tarou']])('"%s" is identifying', (s) => {
    expect(matchLine(line(s), seeds).length).toBeGreaterThan(0)
  })
  it.each([['L'], ['R'], ['5 MHz'], ['10 cm'], ['Gain 45%'], ['Depth 12 cm'], ['TRANSVERSE'], ['Left Kidney'], ['FR 30Hz'], ['7.5 MHz 3 cm']])('"%s" is harmless', (s) => {
    expect(matchLine(line(s), seeds)).toEqual([])
  })
})
