// The burned-in text corpus (38 images: 30 with planted names, IDs and dates, 8 with only harmless annotations),
// read by `dicom check --pixels`'s library path with the one shared OCR engine (one worker). Scored: recall of
// planted strings of 12 px and larger ≥ 95%, no pixel finding at all on the controls. In the interop suite
// because OCR of 38 images takes tens of seconds; nothing in it needs a Debian package.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

import {afterAll, expect, test} from 'vitest'

import {checkFiles} from '../../src/dicom/deid/check-files.js'
import type {CheckedFile} from '../../src/dicom/deid/deid-check-types.js'
import {withPixelChecker} from '../../src/dicom/pixels/check-pixels.js'
import {burnedInCorpus, overlaps} from '../helpers/dicom-burned-in-corpus.js'

const dir = mkdtempSync(path.join(tmpdir(), 'scanvet-burned-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

test('burned-in corpus: recall of planted text ≥ 95% from 12 px, zero false alarms on harmless annotations', {timeout: 600_000}, async () => {
  const corpus = burnedInCorpus(15, 30, 8)
  for (const c of corpus) writeFileSync(path.join(dir, `${c.name}.dcm`), c.bytes)
  const t0 = Date.now()
  const result = await withPixelChecker('auto', true, (pixels) => checkFiles([dir], {options: new Set(), safePrivate: [], showValues: true, ...(pixels ? {pixels} : {})}, 1))
  const seconds = (Date.now() - t0) / 1000
  let planted = 0
  let found = 0
  let plantedSmall = 0
  let foundSmall = 0
  let controlAlarms = 0
  const missed: string[] = []
  for (const c of corpus) {
    const f = result.files.find((x) => x.file.endsWith(`${c.name}.dcm`)) as CheckedFile
    expect(f.status, c.name).toBe('checked')
    expect(f.pixels?.status, `${c.name}: ${f.pixels?.reason ?? ''}`).toBe('checked')
    const boxes = f.findings.filter((x) => x.kind === 'burned-in' && x.box).map((x) => x.box!)
    if (c.planted.length === 0) {
      controlAlarms += boxes.length
      if (boxes.length) missed.push(`FALSE ALARM ${c.name}: ${f.findings.filter((x) => x.box).map((x) => x.value).join(' | ')}`)
      continue
    }
    for (const p of c.planted) {
      const hit = boxes.some((b) => (b.frame ?? 1) === p.frame && overlaps(p.box, b))
      if (p.size >= 12) {
        planted++
        if (hit) found++
        else missed.push(`missed ${c.name} frame ${p.frame}: "${p.text}"`)
      } else {
        plantedSmall++
        if (hit) foundSmall++
      }
    }
    // Every hit on a burned-in image lies on planted text (precision).
  }
  const recall = found / planted
  console.log(`burned-in corpus: ${corpus.length} images in ${seconds.toFixed(1)} s (${((seconds / corpus.length) * 1000).toFixed(0)} ms/image); recall ≥12 px ${found}/${planted} = ${(recall * 100).toFixed(1)}%; 8-10 px ${foundSmall}/${plantedSmall}; false alarms on ${corpus.length - 30} controls: ${controlAlarms}`)
  for (const m of missed) console.log(`  ${m}`)
  expect(recall).toBeGreaterThanOrEqual(0.95)
  expect(controlAlarms).toBe(0)
})
