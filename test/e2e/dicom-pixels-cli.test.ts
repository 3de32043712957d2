// `dicom check --pixels` end to end on a handful of generated images (one OCR worker, bounded): burned-in text is
// a finding with frame and box, harmless annotations are not, and a syntax scanvet cannot decode is "not
// checked" and keeps the header-only quarantine, never clean.
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import type {DicomCheckResult} from '../../src/dicom/deid/check-files.js'
import type {CheckedFile} from '../../src/dicom/deid/deid-check-types.js'
import {burnedInCorpus, overlaps} from '../helpers/dicom-burned-in-corpus.js'
import {encodeFile} from '../helpers/dicom-encode.js'
import {runCli} from '../helpers/cli.js'
import {tempDir} from '../helpers/tmp.js'

const root = tempDir('scanvet-pixels-cli-')

describe('dicom check --pixels', () => {
  it('finds planted text with its box, nothing on harmless annotations', {timeout: 120_000}, async () => {
    const corpus = burnedInCorpus(15, 30, 8)
    const picked = [corpus[4]!, corpus[5]!, corpus[32]!]
    const dir = path.join(root, 'px')
    mkdirSync(dir)
    for (const c of picked) writeFileSync(path.join(dir, `${c.name}.dcm`), c.bytes)
    const r = await runCli(['dicom', 'check', dir, '--pixels', '--json'])
    expect(r.code).toBe(3)
    const out = JSON.parse(r.stdout) as DicomCheckResult
    for (const c of picked) {
      const f = out.files.find((x) => x.file.endsWith(`${c.name}.dcm`)) as CheckedFile
      expect(f.pixels?.status).toBe('checked')
      const boxes = f.findings.filter((x) => x.box).map((x) => x.box!)
      if (c.planted.length === 0) expect(boxes).toEqual([])
      else for (const p of c.planted.filter((x) => x.size >= 12)) expect(boxes.some((b) => overlaps(p.box, b)), p.text).toBe(true)
      // Values stay masked unless --show-values.
      expect(JSON.stringify(f)).not.toContain(c.planted[0]?.text ?? '\u0000')
    }
  })

  it('an image in a syntax scanvet does not decode is not checked, and the run is not clean', async () => {
    const dir = path.join(root, 'j2k')
    mkdirSync(dir)
    const bytes = encodeFile(
      [
        {tag: 0x00080016, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.7'},
        {tag: 0x00080060, vr: 'CS', value: 'OT'},
        {tag: 0x00280010, vr: 'US', value: Uint8Array.from([8, 0])},
        {tag: 0x00280011, vr: 'US', value: Uint8Array.from([8, 0])},
        {tag: 0x7fe00010, vr: 'OB', value: new Uint8Array(64)},
      ],
      {explicit: true, little: true, preamble: true, meta: true},
    )
    // Rewrite the declared transfer syntax, in place and at the same length, to one scanvet has no decoder for.
    const text = Buffer.from(bytes).toString('latin1').replace('1.2.840.10008.1.2.1\0', '1.2.840.10008.1.2.4.')
    writeFileSync(path.join(dir, 'a.dcm'), Buffer.from(text, 'latin1'))
    const r = await runCli(['dicom', 'check', dir, '--pixels', '--json'])
    const out = JSON.parse(r.stdout) as DicomCheckResult
    const f = out.files[0] as CheckedFile
    expect(out.clean).toBe(false)
    expect(f.pixels?.status).toBe('not-decoded')
    // The header-only quarantine of an OT image without Burned In Annotation stays: the pixels were not seen.
    expect(f.findings.filter((x) => x.identifying).map((x) => x.kind)).toEqual(['burned-in'])
    expect(r.code).toBe(3)
  })
})
