import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
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

  it('no samples named: not applicable; a missing sample folder: an error observation, never a crash', async () => {
    const base = {id: 'v', name: 'V', service: 'x', jurisdictions: ['US'] as const, endpoints: [{url: 'https://127.0.0.1:1', role: 'api' as const}]}
    const ctx = {network: DEFAULT_NETWORK, now: () => new Date(), env: {}, vendorDir: root}
    expect((await runDeidProbe(base, ctx)).status).toBe('not-applicable')
    const missing = await runDeidProbe({...base, deid: {sent: ['nowhere']}}, ctx)
    expect(missing.status).toBe('error')
    expect(missing.status === 'error' && missing.reason).toMatch(/nowhere: no such file or folder/)
  })
})
