import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'

import {runChecks} from '../../src/checks/evaluate-check.js'
import {loadChecks} from '../../src/checks/load-checks.js'
import {deidFiles} from '../../src/dicom/deid/deid-files.js'
import {makeControlFile, makePlantedFile} from '../../src/dicom/deid/planted-study.js'
import {readPart10, writePart10} from '../../src/dicom/read/dicom-file.js'
import type {Finding} from '../../src/model/finding.js'
import {runDeidProbe} from '../../src/probes/deid/deid-probe.js'
import {DEFAULT_NETWORK, type VendorProfile} from '../../src/workspace/workspace-types.js'
import {ROOT, runCli} from '../helpers/cli.js'
import {burnedInCorpus} from '../helpers/dicom-burned-in-corpus.js'
import {encodeFile} from '../helpers/dicom-encode.js'
import {pdfText} from '../helpers/pdf-text.js'
import {tempDir} from '../helpers/tmp.js'

const DEID_CHECKS = ['deid-sent-identifiers-removed', 'deid-returned-identifiers-removed', 'deid-burned-in-annotation', 'deid-method-recorded', 'deid-answers-consistent']

const demoAnswers = readFileSync(path.join(ROOT, 'templates', 'demo', 'answers.yaml'), 'utf8')
const answersWith = (deid: Record<string, string>): string =>
  Object.entries(deid).reduce(
    (text, [q, v]) => text.replace(new RegExp(`^  ${q.replace('.', '\\.')}: .*$`, 'm'), `  ${q}: ${v}`),
    // assess refuses answers that name another vendor.
    demoAnswers.replace(/^vendor: .*$/m, 'vendor: acme'),
  )

/** A vendor folder with samples: identified studies sent, a burned-in image and a hashed ID returned. */
const writeBadVendor = (dir: string) => {
  for (const d of ['samples/sent', 'samples/returned', 'samples/originals']) mkdirSync(path.join(dir, d), {recursive: true})
  const original = makePlantedFile({places: ['top-level', 'nested', 'private'], study: 'vendor-bad'})
  writeFileSync(path.join(dir, 'samples/sent/1.dcm'), original.bytes)
  writeFileSync(path.join(dir, 'samples/originals/1.dcm'), original.bytes)
  writeFileSync(path.join(dir, 'samples/returned/screen.dcm'), makePlantedFile({modality: 'US', study: 'vendor-bad-us'}).bytes)
  // A returned object whose patient ID is a plain SHA-256 of the original: anyone can recompute it.
  const hashed = readPart10(makeControlFile('vendor-bad-sr'))
  hashed.dataset['00100020'] = {vr: 'LO', Value: [createHash('sha256').update('MRN8837261').digest('hex')]}
  writeFileSync(path.join(dir, 'samples/returned/hashed.dcm'), writePart10(hashed))
  // A returned screen capture with a name, an ID and a date of birth drawn into its pixels (synthetic).
  writeFileSync(path.join(dir, 'samples/returned/burned.dcm'), BURNED.bytes)
  writeFileSync(path.join(dir, 'answers.yaml'), answersWith({'deid.gateway': 'true', 'deid.profile': 'annex-e-basic', 'deid.burned-in': 'reject', 'deid.pseudonym-method': 'keyed-function'}))
}

const vendorYaml = `id: acme
name: Acme Imaging AI
service: Chest X-ray triage
jurisdictions: [US, EU]
endpoints:
  - url: https://127.0.0.1:1
    role: api
questionnaire:
  id: imaging-ai-vendor
  answers: answers.yaml
deid:
  profile: basic
  options: []
  sent: [samples/sent]
  returned: [samples/returned]
  originals: [samples/originals]
`

/** Synthetic burned-in images (invented names): a single-frame XA with planted text, and a harmless-text control. */
const corpus = burnedInCorpus(15, 30, 8)
const BURNED = corpus[5]!
const CONTROL = corpus[32]!

/** For each page, whether it paints an image XObject and its text: read with pdfjs, not the writer under test. */
const pdfPages = async (file: string): Promise<{text: string; images: number}[]> => {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const doc = await pdfjs.getDocument({data: new Uint8Array(readFileSync(file)), useSystemFonts: false, verbosity: 0}).promise
  const out: {text: string; images: number}[] = []
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i)
    const ops = await page.getOperatorList()
    const text = (await page.getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' ')
    out.push({text, images: ops.fnArray.filter((f) => f === pdfjs.OPS.paintImageXObject).length})
  }
  await doc.destroy()
  return out
}

const statusOf = (findings: readonly Finding[], id: string) => findings.find((f) => f.ruleId === id)?.status

describe('the deid probe in an audit', () => {
  const root = tempDir()
  const ws = path.join(root, 'ws')
  const vendorDir = path.join(ws, 'vendors', 'acme')

  beforeAll(async () => {
    const init = await runCli(['init', ws, '--org', 'Riverside Imaging'])
    expect(init.code, init.stderr).toBe(0)
    mkdirSync(vendorDir, {recursive: true})
    writeFileSync(path.join(vendorDir, 'vendor.yaml'), vendorYaml)
    writeBadVendor(vendorDir)
  })

  it('assess fails all five de-identification checks on bad samples, and the report has the section', async () => {
    const r = await runCli(['assess', 'acme', '--json'], {cwd: ws, timeoutMs: 120_000})
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as {assessment: string; report: string}
    const a = JSON.parse(readFileSync(out.assessment, 'utf8')) as {findings: Finding[]; observations: {probe: string; status: string; facts?: Record<string, unknown>}[]}
    for (const id of DEID_CHECKS) expect(statusOf(a.findings, id), id).toBe('fail')
    const consistency = a.findings.find((f) => f.ruleId === 'deid-answers-consistent')!
    expect(consistency.message).toMatch(/deid\.gateway/)
    expect(consistency.message).toMatch(/deid\.burned-in/)
    expect(consistency.message).toMatch(/plain hashes of the original IDs/)
    const sent = a.findings.find((f) => f.ruleId === 'deid-sent-identifiers-removed')!
    expect(sent.message).toMatch(/\(0008,1110\)\[0\]\.\(0040,0275\)\[0\]\.\(0010,0010\)|\(0008,0050\)/)
    // No patient value reaches the assessment record.
    const json = readFileSync(out.assessment, 'utf8')
    for (const v of ['Doe^John', 'MRN8837261', 'ACC99117', 'Private PHI']) expect(json).not.toContain(v)
    const text = (await pdfText(out.report)).join('\n')
    expect(text).toContain('De-identification of images')
  })

  it('assess reads the pixels: burned-in text is a finding, its masked thumbnail is in evidence/ and on the report page', async () => {
    const r = await runCli(['assess', 'acme', '--json'], {cwd: ws, timeoutMs: 120_000})
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as {assessment: string; report: string}
    const json = readFileSync(out.assessment, 'utf8')
    const a = JSON.parse(json) as {findings: Finding[]; observations: {probe: string; status: string; facts?: Record<string, unknown>}[]}
    const burned = a.findings.find((f) => f.ruleId === 'deid-burned-in-annotation')!
    expect(burned.status).toBe('fail')
    expect(burned.message).toMatch(/burned\.dcm: text burned into the pixels looks like a name \(frame 1, box \d+,\d+ \d+×\d+\)/)
    const facts = a.observations.find((o) => o.probe === 'deid')!.facts as {burnedIn: {pixels: {checked: number; withText: number}; thumbnails: {file: string; sha256: string; caption: string}[]}; evidenceFiles?: unknown}
    expect(facts.burnedIn.pixels.withText).toBe(1)
    expect(facts.burnedIn.thumbnails).toHaveLength(1)
    const thumb = facts.burnedIn.thumbnails[0]!
    // The PNG is in the round's evidence/ folder under its hash; assessment.json names it and holds no bytes.
    const png = readFileSync(path.join(path.dirname(out.assessment), 'evidence', thumb.file))
    expect(createHash('sha256').update(png).digest('hex')).toBe(thumb.sha256)
    expect(png[25], 'PNG colour type 2: RGB, no alpha (PDF/A)').toBe(2)
    expect(facts.evidenceFiles).toBeUndefined()
    for (const p of BURNED.planted) expect(json).not.toContain(p.text)
    const pages = await pdfPages(out.report)
    const deid = pages.find((p) => p.text.includes('De-identification of images'))!
    expect(deid.images, 'the thumbnail is drawn on the de-identification page').toBe(1)
    expect(deid.text.replace(/\s+/g, ' ')).toContain('boxed in red and blacked out here')
    // No other page carries an image: nothing else in this report is a picture.
    expect(pages.reduce((n, p) => n + p.images, 0)).toBe(1)
  })

  it('a clean sample: pixels read, no burned-in finding and no thumbnail', async () => {
    const dir = path.join(ws, 'vendors', 'clean')
    mkdirSync(path.join(dir, 'samples/returned'), {recursive: true})
    writeFileSync(path.join(dir, 'samples/returned/control.dcm'), CONTROL.bytes)
    writeFileSync(path.join(dir, 'vendor.yaml'), vendorYaml.replace('id: acme', 'id: clean').replace(/  sent: .*\n/, '').replace(/  originals: .*\n/, '').replace('answers: answers.yaml', 'answers: none.yaml'))
    const r = await runCli(['assess', 'clean', '--json'], {cwd: ws, timeoutMs: 120_000})
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as {assessment: string; report: string}
    const a = JSON.parse(readFileSync(out.assessment, 'utf8')) as {findings: Finding[]; observations: {probe: string; facts?: Record<string, unknown>}[]}
    expect(statusOf(a.findings, 'deid-burned-in-annotation')).toBe('pass')
    const facts = a.observations.find((o) => o.probe === 'deid')!.facts as {burnedIn: {pixels: {checked: number; withText: number}; thumbnails: unknown[]}}
    expect(facts.burnedIn.pixels).toMatchObject({checked: 1, withText: 0})
    expect(facts.burnedIn.thumbnails).toEqual([])
    expect(existsSync(path.join(path.dirname(out.assessment), 'evidence'))).toBe(false)
    const pages = await pdfPages(out.report)
    expect(pages.reduce((n, p) => n + p.images, 0)).toBe(0)
  })

  it('clean samples, truthful markers and consistent answers pass all five checks', async () => {
    const good = path.join(root, 'good')
    for (const d of ['raw', 'samples/returned']) mkdirSync(path.join(good, d), {recursive: true})
    const original = makePlantedFile({places: ['top-level', 'nested', 'descriptions', 'other-patient-ids'], study: 'vendor-good'})
    writeFileSync(path.join(good, 'raw/1.dcm'), original.bytes)
    await deidFiles(path.join(good, 'raw'), path.join(good, 'samples/sent'), {options: new Set(), safePrivate: [], key: 'g'.repeat(40)})
    writeFileSync(path.join(good, 'samples/returned/result.dcm'), makeControlFile('vendor-good-result'))
    writeFileSync(path.join(good, 'answers.yaml'), answersWith({'deid.gateway': 'true', 'deid.profile': 'annex-e-basic', 'deid.burned-in': 'reject', 'deid.pseudonym-method': 'keyed-function'}))
    const vendor: VendorProfile = {
      id: 'good', name: 'Good', service: 'x', jurisdictions: ['US'], endpoints: [{url: 'https://127.0.0.1:1', role: 'api'}],
      questionnaire: {answers: 'answers.yaml'},
      deid: {sent: ['samples/sent'], returned: ['samples/returned'], originals: ['raw']},
    }
    const obs = await runDeidProbe(vendor, {network: DEFAULT_NETWORK, now: () => new Date(), env: {}, vendorDir: good})
    expect(obs.status, JSON.stringify(obs)).toBe('ok')
    const findings = runChecks(await loadChecks(), [obs])
    for (const id of DEID_CHECKS) expect(statusOf(findings, id), `${id}: ${findings.find((f) => f.ruleId === id)?.message}`).toBe('pass')
  })

  it('a sample whose pixels cannot be decoded is to be reviewed, never passed', async () => {
    const dir = path.join(root, 'undecodable')
    mkdirSync(path.join(dir, 'returned'), {recursive: true})
    // A CT image without Burned In Annotation (pixels wanted, no header quarantine) in a syntax scanvet has no
    // decoder for: rewritten in place, at the same length, as in dicom-pixels-cli.test.ts.
    const bytes = encodeFile(
      [
        {tag: 0x00080016, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.2'},
        {tag: 0x00080060, vr: 'CS', value: 'CT'},
        {tag: 0x00280010, vr: 'US', value: Uint8Array.from([8, 0])},
        {tag: 0x00280011, vr: 'US', value: Uint8Array.from([8, 0])},
        {tag: 0x7fe00010, vr: 'OB', value: new Uint8Array(64)},
      ],
      {explicit: true, little: true, preamble: true, meta: true},
    )
    writeFileSync(path.join(dir, 'returned', 'ct.dcm'), Buffer.from(Buffer.from(bytes).toString('latin1').replace('1.2.840.10008.1.2.1\0', '1.2.840.10008.1.2.4.'), 'latin1'))
    const vendor: VendorProfile = {id: 'u', name: 'U', service: 'x', jurisdictions: ['US'], endpoints: [{url: 'https://127.0.0.1:1', role: 'api'}], deid: {returned: ['returned']}}
    const obs = await runDeidProbe(vendor, {network: DEFAULT_NETWORK, now: () => new Date(), env: {}, vendorDir: dir})
    expect(obs.status).toBe('ok')
    const facts = (obs as unknown as {facts: {burnedIn: {quarantined: number; pixels: {notDecoded: number}; thumbnails: unknown[]}}}).facts
    expect(facts.burnedIn).toMatchObject({quarantined: 1, pixels: {notDecoded: 1}, thumbnails: []})
    const finding = runChecks(await loadChecks(), [obs]).find((f) => f.ruleId === 'deid-burned-in-annotation')!
    expect(finding.status).toBe('fail')
    expect(finding.message).toMatch(/ct\.dcm: pixels not checked: .*not decoded by scanvet/)
  })

  it('no samples named: not applicable; a missing sample folder: an error observation, never a crash', async () => {
    const base = {id: 'v', name: 'V', service: 'x', jurisdictions: ['US'] as const, endpoints: [{url: 'https://127.0.0.1:1', role: 'api' as const}]}
    const ctx = {network: DEFAULT_NETWORK, now: () => new Date(), env: {}, vendorDir: root}
    expect((await runDeidProbe(base, ctx)).status).toBe('not-applicable')
    const missing = await runDeidProbe({...base, deid: {sent: ['nowhere']}}, ctx)
    expect(missing.status).toBe('error')
    expect(missing.status === 'error' && missing.reason).toMatch(/nowhere: no such file or folder/)
  })
})
