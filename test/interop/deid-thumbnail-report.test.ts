// The deid thumbnail in a real report, read by poppler and qpdf: the deid probe runs on a synthetic burned-in
// image (OCR, as in assess), its PNG is handed to produceReport as the round's evidence, and the PDF holds one
// opaque RGB image (no soft mask: PDF/A-3b allows no transparency) on the de-identification page, with its
// caption as text. Without the evidence bytes the page says so and draws nothing.
import {spawnSync} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import type {Assessment} from '../../src/assessment/assessment-types.js'
import {detachEvidenceFiles} from '../../src/assessment/evidence-files.js'
import {runDeidProbe} from '../../src/probes/deid/deid-probe.js'
import {produceReport} from '../../src/report/produce-report.js'
import {DEFAULT_NETWORK} from '../../src/workspace/workspace-types.js'
import {fixtureAssessment} from '../helpers/assessment-fixture.js'
import {burnedInCorpus} from '../helpers/dicom-burned-in-corpus.js'
import {tempDir} from '../helpers/tmp.js'

const dir = tempDir('scanvet-deid-thumb-')
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, {encoding: 'utf8', cwd: dir})

describe('the de-identification thumbnail in the PDF', () => {
  let withImage: string
  let withoutBytes: string

  beforeAll(async () => {
    mkdirSync(path.join(dir, 'vendor', 'returned'), {recursive: true})
    writeFileSync(path.join(dir, 'vendor', 'returned', 'burned.dcm'), burnedInCorpus(15, 30, 8)[5]!.bytes)
    const obs = await runDeidProbe(
      {id: 'acme-ai', name: 'Acme Imaging AI', service: 'x', jurisdictions: ['US'], endpoints: [{url: 'https://api.vendor.example', role: 'api'}], deid: {returned: ['returned']}},
      {network: DEFAULT_NETWORK, now: () => new Date('2026-03-02T09:00:00Z'), env: {}, vendorDir: path.join(dir, 'vendor')},
    )
    expect(obs.status).toBe('ok')
    const {observations, files} = detachEvidenceFiles([obs])
    expect(Object.keys(files)).toEqual(['evidence/deid-burned-in-1.png'])
    const base = await fixtureAssessment()
    const a: Assessment = {...base, observations: [...base.observations, ...observations]}
    withImage = path.join(dir, 'with.pdf')
    writeFileSync(withImage, (await produceReport(a, undefined, undefined, {evidence: files})).files['report.pdf'])
    withoutBytes = path.join(dir, 'without.pdf')
    writeFileSync(withoutBytes, (await produceReport(a)).files['report.pdf'])
  })

  const images = (file: string) =>
    run('pdfimages', ['-list', file])
      .stdout.split('\n')
      .slice(2)
      .filter(Boolean)
      .map((l) => l.trim().split(/\s+/))
      .map(([page, , type, width, height, color, comp, bpc]) => ({page: Number(page), type, width: Number(width), height: Number(height), color, comp: Number(comp), bpc: Number(bpc)}))

  const pageText = (file: string, page: number) => run('pdftotext', ['-f', String(page), '-l', String(page), file, '-']).stdout.replace(/\s+/g, ' ')

  it('pdfimages: one 8-bit RGB image, no soft mask, on the page that holds the de-identification section', () => {
    const list = images(withImage)
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({type: 'image', color: 'rgb', comp: 3, bpc: 8})
    expect(list.some((i) => i.type === 'smask')).toBe(false)
    const text = pageText(withImage, list[0]!.page)
    expect(text).toContain('De-identification of images')
    expect(text).toMatch(/Returned sample \S*burned\.dcm, frame 1: \d+ text region\(s\) found by OCR \([^)]*name[^)]*\), boxed in red and blacked out here\./)
  })

  it('qpdf --check passes and the file still declares PDF/A-3b', () => {
    const q = run('qpdf', ['--check', withImage])
    expect(q.status, q.stdout + q.stderr).toBe(0)
    expect(run('pdfinfo', ['-meta', withImage]).stdout).toMatch(/pdfaid:part>3</)
  })

  it('rendered without the evidence bytes: no image, and the page says the thumbnail could not be shown', () => {
    expect(images(withoutBytes)).toHaveLength(0)
    expect(run('pdftotext', [withoutBytes, '-']).stdout.replace(/\s+/g, ' ')).toContain('deid-burned-in-1.png named in the record could not be shown')
  })
})
