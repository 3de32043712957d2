import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {checkDataset} from '../../src/dicom/deid/check-dataset.js'
import type {CheckSettings, DeidFinding} from '../../src/dicom/deid/deid-check-types.js'
import type {DeidOption} from '../../src/dicom/deid/deid-options.js'
import {HIDING_PLACES, makeControlFile, makePlantedFile, type HidingPlace} from '../../src/dicom/deid/planted-study.js'
import {readPart10} from '../../src/dicom/read/dicom-file.js'
import {readWithDicomParser} from '../helpers/dicom-read.js'
import {tempDir} from '../helpers/tmp.js'

const settings = (options: DeidOption[] = []): CheckSettings => ({options: new Set(options), safePrivate: [], showValues: true})
const check = (bytes: Uint8Array, options: DeidOption[] = []) => checkDataset('t.dcm', readPart10(bytes).dataset, settings(options))
const at = (findings: readonly DeidFinding[], p: string) => findings.filter((f) => f.path === p && f.identifying)

describe('every planted identifier is found with its tag path', () => {
  const dir = tempDir()

  describe.each(HIDING_PLACES.map((p) => [p] as const))('%s', (place: HidingPlace) => {
    for (const ts of ['explicit', 'implicit'] as const) {
      it(`${ts} VR little endian`, () => {
        const f = makePlantedFile({places: [place], transferSyntax: ts})
        const file = path.join(dir, `${place}-${ts}.dcm`)
        writeFileSync(file, f.bytes)
        // The generator really wrote the identifiers: an independent parser reads them back.
        const independent = readWithDicomParser(file)
        expect(independent.at('x00100010')).toBe('Doe^John^Quincy')

        const r = check(f.bytes)
        const mine = f.planted.filter((p) => p.place === place)
        expect(mine.length).toBeGreaterThan(0)
        for (const p of mine) {
          const hits = at(r.findings, p.path)
          expect(hits, `${place}: nothing reported at ${p.path}`).not.toHaveLength(0)
          // Where the planted thing is a value (not a whole sequence), the value itself is what is reported.
          if (!/photo reference/.test(p.value) && p.place !== 'burned-in') {
            expect(hits.map((h) => h.value).join('|')).toContain(p.value)
          }
        }
        expect(r.identifying).toBeGreaterThanOrEqual(mine.length)
      })
    }
  })

  it('ages over 89 are a Safe Harbor problem even where the option keeps patient characteristics', () => {
    const r = check(makePlantedFile({places: ['age-over-89']}).bytes, ['retain-patient-characteristics'])
    expect(at(r.findings, '(0010,1010)').map((f) => f.kind)).toEqual(['safe-harbor'])
  })

  it('full dates kept under Retain Full Dates are a Safe Harbor problem', () => {
    const r = check(makePlantedFile({places: ['dates']}).bytes, ['retain-full-dates'])
    for (const p of ['(0008,0020)', '(0008,0021)', '(0008,002A)']) {
      expect(at(r.findings, p).map((f) => f.kind), p).toEqual(['safe-harbor'])
    }
  })

  it('free text in descriptions is scanned for names, record numbers, e-mail and URLs when descriptors are cleaned, not removed', () => {
    const r = check(makePlantedFile({places: ['descriptions']}).bytes, ['clean-descriptors'])
    const kinds = (p: string) => at(r.findings, p).map((f) => `${f.kind}:${f.match}`)
    expect(kinds('(0008,1030)')).toEqual(['free-text:name'])
    expect(kinds('(0008,103E)')).toEqual(['free-text:known-id'])
    expect(kinds('(0020,4000)')).toEqual(['free-text:email'])
  })

  it('a burned-in flag, or none on an ultrasound image, means quarantine', () => {
    const dx = check(makePlantedFile({places: ['burned-in']}).bytes)
    expect(dx.quarantine).toBe(true)
    const us = check(makePlantedFile({modality: 'US'}).bytes)
    expect(us.quarantine).toBe(true)
    expect(us.findings.find((f) => f.kind === 'burned-in')?.message).toMatch(/absent on a US image/)
    const dxPlain = check(makePlantedFile({}).bytes)
    expect(dxPlain.quarantine).toBe(false)
  })

  it('values are masked unless asked for', () => {
    const r = checkDataset('t.dcm', readPart10(makePlantedFile({}).bytes).dataset, {...settings(), showValues: false})
    const name = r.findings.find((f) => f.path === '(0010,0010)')!
    expect(name.value).toBeUndefined()
    expect(name.message).not.toContain('Doe^John')
  })

  it('reports nothing at all on a correctly de-identified control file', () => {
    const r = check(makeControlFile())
    expect(r.findings).toEqual([])
    expect(r.identifying).toBe(0)
    expect(r.claimsBasic).toBe(true)
  })

  it('a method claim the data contradicts is reported', () => {
    // Claims Basic only, but keeps the age (allowed only under Retain Patient Characteristics).
    const bytes = makePlantedFile({places: ['age-over-89']}).bytes
    const ds = readPart10(bytes).dataset
    ds['00120062'] = {vr: 'CS', Value: ['YES']}
    ds['00120064'] = {vr: 'SQ', Value: [{'00080100': {vr: 'SH', Value: ['113100']}, '00080102': {vr: 'SH', Value: ['DCM']}}]}
    const r = checkDataset('t.dcm', ds, settings(['retain-patient-characteristics']))
    expect(r.findings.some((f) => f.kind === 'method' && /claims Basic Application Confidentiality Profile, but \d+ attribute/.test(f.message))).toBe(true)
    expect(r.findings.some((f) => f.kind === 'marker' && /says YES, but/.test(f.message))).toBe(true)
  })
})

describe('results a vendor returns', () => {
  it('a structured report with a name and record number in nested text is caught by the text scan', () => {
    const ds = readPart10(makeControlFile('sr')).dataset
    ds['00100010'] = {vr: 'PN', Value: [{Alphabetic: 'Roe^Jane'}]} // planted at the top as well, so the name is known
    ds['0040A730'] = {
      vr: 'SQ',
      Value: [{'0040A040': {vr: 'CS', Value: ['CONTAINER']}, '0040A730': {vr: 'SQ', Value: [{'0040A040': {vr: 'CS', Value: ['TEXT']}, '0040A160': {vr: 'UT', Value: ['Findings for Jane Roe, MRN 4471123: no nodule.']}}]}}],
    }
    const r = checkDataset('sr.dcm', ds, settings())
    const hit = r.findings.find((f) => f.path === '(0040,A730)[0].(0040,A730)[0].(0040,A160)')
    expect(hit?.kind).toBe('free-text')
    expect(hit?.identifying).toBe(true)
    expect(hit?.message).toMatch(/a name from the header, a record number/)
  })
})

describe('UIDs against the originals', () => {
  it('an original UID left in the dataset, in a nested reference or in the file meta is reported', () => {
    const original = makePlantedFile({study: 'uids', sourceInstanceUid: '2.25.1234'})
    const parsed = readPart10(original.bytes)
    const originals = {uids: new Set([original.sopInstanceUid, original.studyInstanceUid, '2.25.1234']), dates: new Set<string>(), names: [], ids: [], plainHashes: new Set<string>()}
    const r = checkDataset('u.dcm', parsed.dataset, {...settings(), originals}, parsed.meta)
    const uidPaths = r.findings.filter((f) => f.kind === 'uid').map((f) => f.path).sort()
    expect(uidPaths).toEqual(['(0002,0003)', '(0008,0018)', '(0008,2112)[0].(0008,1155)', '(0020,000D)'])
  })
})
