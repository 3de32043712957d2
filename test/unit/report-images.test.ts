// The pieces of the report's deid thumbnail without OCR: the PNG writer (opaque RGB only, for PDF/A), the
// boxed and masked thumbnail, the per-round pixel bound (files past it are "to review", never passed), and
// the section's refusal to draw a picture whose bytes do not match the hash the assessment names.
import {createHash} from 'node:crypto'
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {inflateSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'

import type {Assessment} from '../../src/assessment/assessment-types.js'
import {checkFiles} from '../../src/dicom/deid/check-files.js'
import type {CheckedFile} from '../../src/dicom/deid/deid-check-types.js'
import {boundReason, withPixelChecker} from '../../src/dicom/pixels/check-pixels.js'
import {thumbnailImage, thumbnailPng} from '../../src/dicom/pixels/thumbnail.js'
import {deidReportSection} from '../../src/probes/deid/deid-report-section.js'
import {summariseSamples} from '../../src/probes/deid/sample-summary.js'
import {encodePng} from '../../src/util/png-encode.js'
import {burnedInCorpus} from '../helpers/dicom-burned-in-corpus.js'
import {tempDir} from '../helpers/tmp.js'

/** Decode what encodePng writes (filter 0 rows): IHDR fields and the RGB bytes. */
const readPng = (png: Uint8Array) => {
  const b = Buffer.from(png)
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  const chunks: {type: string; data: Buffer}[] = []
  for (let o = 8; o < b.length; ) {
    const len = b.readUInt32BE(o)
    chunks.push({type: b.toString('ascii', o + 4, o + 8), data: b.subarray(o + 8, o + 8 + len)})
    o += 12 + len
  }
  const ihdr = chunks.find((c) => c.type === 'IHDR')!.data
  const width = ihdr.readUInt32BE(0)
  const height = ihdr.readUInt32BE(4)
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)))
  const rgb = new Uint8Array(width * height * 3)
  for (let y = 0; y < height; y++) rgb.set(raw.subarray(y * (width * 3 + 1) + 1, (y + 1) * (width * 3 + 1)), y * width * 3)
  return {width, height, bitDepth: ihdr[8], colourType: ihdr[9], types: chunks.map((c) => c.type), rgb}
}

describe('the thumbnail PNG', () => {
  it('encodePng writes 8-bit RGB without alpha or transparency chunks, pixel for pixel', () => {
    const rgb = Uint8Array.from({length: 5 * 3 * 3}, (_, i) => (i * 37) % 256)
    const p = readPng(encodePng({width: 5, height: 3, rgb}))
    expect([p.width, p.height, p.bitDepth, p.colourType]).toEqual([5, 3, 8, 2])
    expect(p.types).toEqual(['IHDR', 'IDAT', 'IEND'])
    expect(Buffer.from(p.rgb).equals(Buffer.from(rgb))).toBe(true)
  })

  it('masks each box (padded) and outlines it in red; with values shown the text stays', () => {
    const img = {width: 100, height: 50, data: new Uint8Array(100 * 50).fill(200)}
    // "Text": bright pixels inside the box.
    for (let y = 10; y < 20; y++) for (let x = 20; x < 60; x++) img.data[y * 100 + x] = 255
    const box = {frame: 1, x: 20, y: 10, width: 40, height: 10, kind: 'name'}
    const t = thumbnailImage(img, [box])
    const at = (im: {width: number; rgb: Uint8Array}, x: number, y: number) => [...im.rgb.subarray((y * im.width + x) * 3, (y * im.width + x) * 3 + 3)]
    expect([t.width, t.height]).toEqual([100, 50])
    expect(at(t, 40, 15)).toEqual([32, 32, 32])
    expect(at(t, 17, 15)).toEqual([220, 20, 40])
    expect(at(t, 90, 40)).toEqual([200, 200, 200])
    expect(at(thumbnailImage(img, [box], {showValues: true}), 40, 15)).toEqual([255, 255, 255])
    // Large frames shrink to the thumbnail size, never grow.
    const big = readPng(thumbnailPng({width: 1280, height: 960, data: new Uint8Array(1280 * 960)}, [], {maxSide: 320}))
    expect([big.width, big.height, big.colourType]).toEqual([320, 240, 2])
  })
})

describe('the per-round pixel bound', () => {
  it('files past the bound are skipped with the bound as the reason and counted as to be reviewed', async () => {
    const dir = tempDir('scanvet-bound-')
    const corpus = burnedInCorpus(15, 30, 8)
    mkdirSync(path.join(dir, 's'))
    for (const c of [corpus[5]!, corpus[32]!]) writeFileSync(path.join(dir, 's', `${c.name}.dcm`), c.bytes)
    const opts = {maxFiles: 0, maxMs: 90_000}
    // maxFiles 0: no file is read, so no OCR engine is ever started.
    const r = await withPixelChecker('auto', false, (pixels) => checkFiles([path.join(dir, 's')], {options: new Set(), safePrivate: [], showValues: false, ...(pixels ? {pixels} : {})}), opts)
    for (const f of r.files as CheckedFile[]) expect(f.pixels).toEqual({status: 'skipped', reason: boundReason(opts)})
    expect(r.clean).toBe(false)
    const s = summariseSamples(r)
    expect(s.pixels).toEqual({checked: 0, notDecoded: 0, bounded: 2, withText: 0})
    expect(s.toReview).toBe(2)
    expect(s.burnedInExamples.join('\n')).toMatch(/control-32.*the bound was reached/)
  })
})

describe('the deid section draws thumbnails from the evidence bytes', () => {
  const png = encodePng({width: 2, height: 2, rgb: new Uint8Array(12).fill(90)})
  const sha256 = createHash('sha256').update(png).digest('hex')
  const a = {
    observations: [
      {
        probe: 'deid',
        target: 'de-identification samples',
        startedAt: '2026-03-02T09:00:00.000Z',
        durationMs: 1,
        status: 'ok',
        facts: {options: [], burnedIn: {quarantined: 1, examples: [], pixels: {checked: 1, notDecoded: 0, bounded: 0, withText: 1}, thumbnails: [{file: 'deid-burned-in-1.png', sha256, sample: 'r.dcm', set: 'returned', caption: 'Returned sample r.dcm, frame 1'}]}},
      },
    ],
  } as unknown as Assessment
  it('with the matching bytes: one image and its caption; missing or altered bytes: a note, no image', () => {
    expect(deidReportSection(a, {'evidence/deid-burned-in-1.png': png})!.images).toEqual([{png, caption: 'Returned sample r.dcm, frame 1'}])
    for (const evidence of [undefined, {'evidence/deid-burned-in-1.png': Buffer.concat([png, Buffer.from([0])])}]) {
      const s = deidReportSection(a, evidence)!
      expect(s.images).toBeUndefined()
      expect(s.notes!.join(' ')).toMatch(/deid-burned-in-1\.png named in the record could not be shown/)
    }
  })
})
