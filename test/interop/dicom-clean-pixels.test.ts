// `dicom deid --clean-pixels` on the burned-in corpus (the same generator as dicom-burned-in.test.ts; the planted
// boxes come from the renderer): uncompressed images are written with the planted text blacked out, compressed
// ones stay quarantined, the harmless-annotation controls are written untouched, and every written file is read
// again by `dicom check --pixels` (no burned-in finding) and by dcmtk's dcmdump (flags as PS3.15 E.3.1 says).
// OCR of a few dozen images: in the interop suite for time; dcmdump is Debian's dcmtk.
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterAll, expect, test} from 'vitest'

import {burnedInRisk} from '../../src/dicom/deid/check-dataset.js'
import {checkFiles} from '../../src/dicom/deid/check-files.js'
import type {CheckedFile} from '../../src/dicom/deid/deid-check-types.js'
import {deidFiles, type DeidFileResult} from '../../src/dicom/deid/deid-files.js'
import {withPixelChecker} from '../../src/dicom/pixels/check-pixels.js'
import {decodeFrames} from '../../src/dicom/pixels/decode-frames.js'
import {parseDicom} from '../../src/dicom/read/parse-dicom.js'
import {burnedInCorpus, overlaps} from '../helpers/dicom-burned-in-corpus.js'

const dir = mkdtempSync(path.join(tmpdir(), 'scanvet-clean-px-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))
const KEY = 'clean-pixels-test-key-not-a-secret-0123456789'

test('--clean-pixels: planted text blacked out in uncompressed images, compressed ones quarantined, controls untouched, outputs re-read clean', {timeout: 600_000}, async () => {
  const corpus = burnedInCorpus(21, 16, 4)
  const input = path.join(dir, 'in')
  mkdirSync(input)
  for (const c of corpus) writeFileSync(path.join(input, `${c.name}.dcm`), c.bytes)
  const out = path.join(dir, 'out')
  const t0 = Date.now()
  const run = await deidFiles(input, out, {options: new Set(), safePrivate: [], key: KEY, cleanPixels: true})
  const seconds = (Date.now() - t0) / 1000
  const byName = new Map<string, DeidFileResult>(run.files.map((f) => [path.basename(f.input, '.dcm'), f]))

  let planted = 0
  let covered = 0
  let controlBoxes = 0
  let compressedHeld = 0
  const missed: string[] = []
  for (const c of corpus) {
    const f = byName.get(c.name)!
    const native = c.encoding === 'native8' || c.encoding === 'native16'
    if (!native && c.planted.length > 0) {
      // Compressed: never rewritten (a re-encoded lossy image loses more); the file is held back with the reason.
      expect(f.status, c.name).toBe('quarantined')
      if (f.status === 'quarantined') expect(f.reason).toMatch(/compressed/)
      compressedHeld++
      continue
    }
    if (c.planted.length === 0) {
      // Controls: nothing identifying is read in them, so they are written; a compressed one the header holds
      // back stays held back (its pixels could not be cleaned, so nothing can be claimed of them).
      const held = !native && burnedInRisk(parseDicom(c.bytes).dataset).quarantine
      expect(f.status, c.name).toBe(held ? 'quarantined' : 'cleaned')
      if (f.status === 'cleaned') controlBoxes += f.pixelsCleaned?.length ?? 0
      continue
    }
    // Text the OCR could not see is found again by the re-read and quarantines the file: held back, not leaked.
    if (f.status === 'quarantined') {
      expect(f.reason, c.name).toMatch(/still readable|compressed/)
      for (const p of c.planted) if (p.size >= 12) (planted++, missed.push(`${c.name} quarantined: "${p.text}"`))
      continue
    }
    expect(f.pixelsCleaned, c.name).toBeDefined()
    for (const p of c.planted) {
      if (p.size < 12) continue
      planted++
      if (f.pixelsCleaned!.some((b) => (b.frame ?? 1) === p.frame && overlaps(p.box, b))) covered++
      else missed.push(`${c.name} frame ${p.frame}: "${p.text}" not blacked out`)
    }
    // The written pixels inside each cleaned box are one value (the frame's black).
    const written = parseDicom(readFileSync(f.output))
    const decoded = decodeFrames(written.dataset, written.transferSyntax, 64)
    expect(decoded.status).toBe('decoded')
    if (decoded.status === 'decoded') {
      for (const b of f.pixelsCleaned!) {
        const img = decoded.frames[(b.frame ?? 1) - 1]!
        const values = new Set<number>()
        for (let y = b.y; y < b.y + b.height; y++) for (let x = b.x; x < b.x + b.width; x++) values.add(img.data[y * img.width + x]!)
        expect(values.size, `${c.name} box ${JSON.stringify(b)}`).toBe(1)
      }
    }
    // dcmtk reads the written file and shows the flags PS3.15 E.3.1 asks for.
    const dump = execFileSync('dcmdump', ['+P', '0028,0301', '+P', '0008,0100', f.output], {encoding: 'utf8'})
    expect(dump).toMatch(/\(0028,0301\) CS \[NO\]/)
    expect(dump).toMatch(/\[113101\]/)
  }
  const recall = covered / planted
  console.log(`clean-pixels: ${corpus.length} images in ${seconds.toFixed(1)} s; planted text ≥12 px blacked out ${covered}/${planted} = ${(recall * 100).toFixed(1)}% (the rest held back); compressed with text held back: ${compressedHeld}; boxes on controls: ${controlBoxes}`)
  for (const m of missed) console.log(`  ${m}`)
  expect(recall).toBeGreaterThanOrEqual(0.9)
  expect(controlBoxes).toBe(0)

  // Every written file, read again by `dicom check --pixels`: no burned-in text, nothing identifying.
  const recheck = await withPixelChecker('all', false, (pixels) => checkFiles([out], {options: new Set(), safePrivate: [], showValues: false, ...(pixels ? {pixels} : {})}, 1))
  for (const f of recheck.files as CheckedFile[]) {
    expect(f.findings.filter((x) => x.kind === 'burned-in' && x.identifying), f.file).toEqual([])
  }
})

test('without --clean-pixels the same images are quarantined, none written (the fixture that fails)', {timeout: 120_000}, async () => {
  const corpus = burnedInCorpus(21, 16, 4).filter((c) => c.planted.length > 0 && c.encoding.startsWith('native') && burnedInRisk(parseDicom(c.bytes).dataset).quarantine).slice(0, 2)
  const input = path.join(dir, 'in2')
  mkdirSync(input)
  for (const c of corpus) writeFileSync(path.join(input, `${c.name}.dcm`), c.bytes)
  const run = await deidFiles(input, path.join(dir, 'out2'), {options: new Set(), safePrivate: [], key: KEY})
  expect(run.files.map((f) => f.status)).toEqual(corpus.map(() => 'quarantined'))
})
