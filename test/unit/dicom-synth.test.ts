import os from 'node:os'
import dcmjs from 'dcmjs'
import dicomParser from 'dicom-parser'
import {describe, expect, it} from 'vitest'

import {MODALITIES, TEMPLATES} from '../../src/dicom/modalities.js'
import {phantomPixels} from '../../src/dicom/pixels.js'
import {CANARY_PATIENT_NAME, COMMON_ATTRIBUTES, TOKEN_TEMPLATES, synthesizeStudy} from '../../src/dicom/synthesize.js'
import {IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME, type RandomSource} from '../../src/dicom/uid.js'
import {expectedElements, leafValues, readElements} from '../helpers/dicom-walk.js'

const CLOCK = () => new Date('2026-03-04T05:06:07Z')
/** A counter-based byte source: the same sequence every time, so two runs must produce identical bytes. */
const seeded = (): RandomSource => {
  let k = 1
  return (n) => Uint8Array.from({length: n}, () => (k = (k * 1103515245 + 12345) & 0xff))
}

/** Every leaf value a template can contribute, as strings (sequence items flattened). */
const flatten = (v: unknown): string[] => {
  if (v === undefined || v === null) return []
  if (Array.isArray(v)) return v.flatMap(flatten)
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).flatMap(flatten)
  return [String(v)]
}

describe.each(MODALITIES.map((m) => [m]))('synthetic %s study', (modality) => {
  const study = synthesizeStudy({modality, now: CLOCK})
  const t = TEMPLATES[modality]

  it('has the template’s instance count, a fresh 2.25 study UID, the canary token and the canary patient name', () => {
    expect(study.instances).toHaveLength(t.instances)
    expect(study.canary.studyInstanceUid).toMatch(/^2\.25\.[1-9]\d{0,38}$/)
    expect(study.canary.studyInstanceUid.length).toBeLessThanOrEqual(64)
    expect(study.canary.token).toMatch(/^SCANVET-CANARY-[0-9A-F]{16}$/)
    expect(study.canary.patientName).toBe('SCANVET^CANARY')
    expect(new Set(study.canary.sopInstanceUids).size).toBe(t.instances)
    const other = synthesizeStudy({modality, now: CLOCK})
    expect(other.canary.studyInstanceUid).not.toBe(study.canary.studyInstanceUid)
    expect(other.canary.token).not.toBe(study.canary.token)
  })

  it('reads back identically with dicom-parser (every element, sequences and pixels included)', () => {
    for (const inst of study.instances) {
      const ds = dicomParser.parseDicom(inst.bytes)
      expect(ds.string('x00020010')).toBe('1.2.840.10008.1.2.1')
      expect(ds.string('x00020002')).toBe(t.sopClassUid)
      expect(ds.string('x00020003')).toBe(inst.sopInstanceUid)
      expect(ds.string('x00020012')).toBe(IMPLEMENTATION_CLASS_UID)
      const written = dcmjs.data.DicomMetaDictionary.denaturalizeDataset({...inst.dataset}) as Record<string, {vr: string; Value?: unknown[]}>
      const read = readElements(ds)
      expect(Object.keys(read).sort()).toEqual(Object.keys(written).map((k) => k.toUpperCase()).sort())
      expect(read).toEqual(expectedElements(written))
      expect(ds.string('x00100010')).toBe(CANARY_PATIENT_NAME)
      expect(ds.string('x0020000d')).toBe(study.canary.studyInstanceUid)
      expect(ds.string('x00081030')).toContain(study.canary.token)
      expect(ds.string('x00204000')).toContain(study.canary.token)
    }
  })

  it('takes every attribute value from the generator: its templates, its UIDs and token, its clock', () => {
    const c = study.canary
    const allowed = new Set<string>([
      ...flatten(COMMON_ATTRIBUTES),
      ...study.instances.flatMap((_, i) => flatten(t.attributes(i))),
      ...Object.values(TOKEN_TEMPLATES).map((x) => x.replace('{token}', c.token)),
      t.sopClassUid, modality, c.studyInstanceUid, c.seriesInstanceUid, ...c.sopInstanceUids, c.token, CANARY_PATIENT_NAME,
      String(t.rows), String(t.columns), String(t.bitsStored), String(t.bitsStored - 1),
      ...study.instances.map((x) => String(x.instanceNumber)),
      '20260304', '050607',
    ])
    const frameOfReference = 'FrameOfReferenceUID' in t.attributes(0)
    for (const inst of study.instances) {
      const values = leafValues(readElements(dicomParser.parseDicom(inst.bytes)))
      for (const {tag, value} of values) {
        if (frameOfReference && tag === '00200052') {
          expect(value).toMatch(/^2\.25\.\d+$/)
          continue
        }
        expect(allowed.has(value), `${tag} = ${value}`).toBe(true)
      }
      // Pixels are the generated phantom, byte for byte.
      const px = readElements(dicomParser.parseDicom(inst.bytes))['7FE00010'] as Uint8Array
      expect(Buffer.from(px).equals(Buffer.from(phantomPixels(t.rows, t.columns, inst.instanceNumber - 1, t.bitsStored)))).toBe(true)
    }
  })

  it('carries nothing about the machine or user that made it', () => {
    const host = os.hostname()
    const user = os.userInfo().username
    for (const inst of study.instances) {
      const text = Buffer.from(inst.bytes).toString('latin1')
      for (const s of [host, user, os.homedir(), process.cwd()].filter((x) => x.length >= 4)) expect(text).not.toContain(s)
      expect(text).toContain(IMPLEMENTATION_VERSION_NAME)
    }
  })

  it('is a pure function of its random source and clock: the same inputs give the same bytes', () => {
    const a = synthesizeStudy({modality, now: CLOCK, random: seeded()})
    const b = synthesizeStudy({modality, now: CLOCK, random: seeded()})
    expect(a.instances.map((x) => x.sha256)).toEqual(b.instances.map((x) => x.sha256))
  })
})
