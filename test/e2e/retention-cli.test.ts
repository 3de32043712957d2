import {existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {buildAssessment} from '../../src/assessment/build-assessment.js'
import {DICOMWEB_BEHAVIOURS} from '../../src/demo/demo-dicomweb.js'
import {completeDemoProfile} from '../../src/demo/demo-profile-extras.js'
import {startDemoVendor, type DemoVendor} from '../../src/demo/demo-vendor.js'
import {PROBES} from '../../src/probes/registry.js'
import {LIMITS} from '../../src/probes/retention/retention-report-section.js'
import {buildReportModel} from '../../src/report/report-model.js'
import {runCli} from '../helpers/cli.js'
import {retentionChecks} from '../helpers/retention.js'
import {tempDir} from '../helpers/tmp.js'

// The built CLI as a user runs it, against the demo vendor (a real HTTPS server in this process).
let demo: DemoVendor
const ws = tempDir('scanvet-retention-cli-')
beforeAll(async () => {
  demo = await startDemoVendor()
  const r = await runCli(['init', ws, '--org', 'Test Practice'])
  expect(r.code, r.stderr).toBe(0)
})
afterAll(async () => {
  await demo.close()
})

const vendorYaml = (id: string, retention: string) => `id: ${id}
name: Test Vendor
service: Chest X-ray triage
jurisdictions: [US, EU]
endpoints:
  - url: ${demo.url}
    role: dicomweb
    caBundle: demo-ca.pem
retention:
${retention}
`
const writeVendor = (id: string, retention: string) => {
  const dir = path.join(ws, 'vendors', id)
  mkdirSync(dir, {recursive: true})
  writeFileSync(path.join(dir, 'demo-ca.pem'), demo.caPem)
  writeFileSync(path.join(dir, 'vendor.yaml'), vendorYaml(id, retention))
  return dir
}

describe('scanvet probe retention', () => {
  it('plants, reports the canary as pending, then verifies it once due (JSON contract)', async () => {
    demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.deletesAfter(60)
    const dir = writeVendor('acme', `  mode: dicomweb\n  window: PT1S\n  caBundle: demo-ca.pem\n  dicomweb:\n    url: ${demo.url}/dicom-web\n    delete: true`)
    const plant = await runCli(['probe', 'retention', 'acme', '--phase', 'plant', '--json', '-w', ws])
    expect(plant.code, plant.stderr).toBe(0)
    const p = JSON.parse(plant.stdout)
    expect(p.phase).toBe('plant')
    expect(p.observations).toHaveLength(1)
    const uid = p.observations[0].facts.canary.studyInstanceUid
    expect(p.findings.map((f: any) => [f.ruleId, f.status])).toEqual(
      expect.arrayContaining([['retention-upload-accepted', 'pass'], ['retention-canary-not-served', 'not-assessed']]),
    )
    const state = JSON.parse(readFileSync(path.join(dir, 'canaries.json'), 'utf8'))
    expect(state.canaries[0]).toMatchObject({state: 'pending', canary: {studyInstanceUid: uid}})
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])

    await new Promise((r) => setTimeout(r, 1100))
    const verify = await runCli(['probe', 'retention', 'acme', '--phase', 'verify', '-w', ws])
    expect(verify.code, verify.stderr).toBe(0)
    expect(verify.stdout).toContain(`canary StudyInstanceUID ${uid}`)
    expect(verify.stdout).toMatch(/PASS\s+\d+ s after upload \(window PT1S\) the vendor no longer serves canary study/)
    expect(verify.stdout).toMatch(/PASS\s+The vendor accepted the deletion request \(HTTP 200\)/)
  })

  it('rejects a bad retention block with located problems, exit 2, no stack trace, nothing written', async () => {
    const dir = writeVendor(
      'broken',
      [
        '  mode: http-flow',
        '  window: 30 days',
        '  flow:',
        '    plant:',
        '      - name: upload',
        '        method: FETCH',
        `        url: ${demo.url}/api/v1/uploads`,
        '        body: {dicom: zip}',
        '    verify:',
        '      - {name: check, method: GET, url: "ftp://x/{{token}}"}',
      ].join('\n'),
    )
    const r = await runCli(['probe', 'retention', 'broken', '--phase', 'plant', '-w', ws])
    expect(r.code).toBe(2)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(r.stderr).toMatch(/vendor\.yaml:11:11: must be a valid duration \(\/retention\/window\)/)
    expect(r.stderr).toMatch(/vendor\.yaml:15:17: must be one of: GET, POST, PUT, PATCH, DELETE, HEAD \(\/retention\/flow\/plant\/0\/method\)/)
    expect(r.stderr).toMatch(/vendor\.yaml:17:23: must be one of: raw, multipart-related, form-data/)
    expect(r.stderr).toMatch(/vendor\.yaml:19:41: .*\(\/retention\/flow\/verify\/0\/url\)/)
    expect(existsSync(path.join(dir, 'canaries.json'))).toBe(false)
    const v = await runCli(['validate', path.join(dir, 'vendor.yaml')])
    expect(v.code).toBe(2)
  })
})

describe('scanvet dicom synth', () => {
  it('writes the files and returns the canary', async () => {
    const out = path.join(ws, 'synth')
    const r = await runCli(['dicom', 'synth', '--modality', 'CT', '--out', out, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.canary.modality).toBe('CT')
    expect(j.files).toHaveLength(3)
    for (const f of j.files) expect(readFileSync(f).subarray(128, 132).toString()).toBe('DICM')
  })

  it('-o/--output names the folder and the modality is case-insensitive; --out still works, with a warning', async () => {
    const out = path.join(ws, 'synth-o')
    const r = await runCli(['dicom', 'synth', '--modality', 'mr', '-o', out, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).canary.modality).toBe('MR')
    expect(r.stderr).not.toMatch(/deprecated/)
    const old = await runCli(['dicom', 'synth', '--out', path.join(ws, 'synth-old')])
    expect(old.code, old.stderr).toBe(0)
    expect(old.stderr).toMatch(/^warning: the "--out" flag has been deprecated\. Use "--output \| -o" instead\.$/m)
    expect(readdirSync(path.join(ws, 'synth-old'))).toHaveLength(1)
  })

  it('refuses - (standard output) for a study of several files: exit 2, no stack, nothing written', async () => {
    const cwd = path.join(ws, 'synth-dash')
    mkdirSync(cwd)
    const r = await runCli(['dicom', 'synth', '--modality', 'CT', '-o', '-'], {cwd})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--output is a folder, not - \(standard output\)/)
    expect(r.stderr).toContain('Try: scanvet dicom synth --modality CT --output ./canary')
    expect(r.stderr).not.toMatch(/\s+at .+:\d+:\d+/)
    expect(readdirSync(cwd)).toEqual([])
  })

  it('refuses an unknown modality with exit 2', async () => {
    const r = await runCli(['dicom', 'synth', '--modality', 'US', '--output', ws])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/DX, CR, CT, MR, MG/)
  })
})

describe('the retention probe in the assessment', () => {
  it('`scanvet demo` gives its vendor a one-shot DICOMweb retention block that passes against the default demo store', async () => {
    demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.deletesAfter(2)
    const dir = writeVendor('demo-like', '  mode: dicomweb\n  window: P1D\n  dicomweb: {url: "https://placeholder.invalid"}')
    await completeDemoProfile(path.join(dir, 'vendor.yaml'), `${demo.url}/dicom-web`, 'soc2-report.pdf')
    const {parse} = await import('yaml')
    const profile = parse(readFileSync(path.join(dir, 'vendor.yaml'), 'utf8'))
    expect(profile.retention).toMatchObject({mode: 'dicomweb', window: 'PT1S', oneShot: true, dicomweb: {delete: true}})
    const {DEFAULT_NETWORK} = await import('../../src/workspace/workspace-types.js')
    const t0 = Date.now()
    const obs = await PROBES.retention!.run(profile, {network: DEFAULT_NETWORK, now: () => new Date(), env: {}, vendorDir: dir})
    expect(Date.now() - t0).toBeLessThan(5000)
    const {runChecks} = await import('../../src/checks/evaluate-check.js')
    expect(runChecks(retentionChecks, obs).map((f) => f.status)).toEqual(['pass', 'pass', 'pass'])
  })

  it('is registered, so `scanvet assess` runs it, and the report gets its section with the honest limits', async () => {
    expect(PROBES.retention?.family).toBe('retention')
    demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.ignoresDelete()
    const dir = writeVendor('report', `  mode: dicomweb\n  window: PT0S\n  oneShot: true\n  caBundle: demo-ca.pem\n  dicomweb:\n    url: ${demo.url}/dicom-web\n    delete: true`)
    const {parse} = await import('yaml')
    const profile = parse(readFileSync(path.join(dir, 'vendor.yaml'), 'utf8'))
    const {DEFAULT_NETWORK} = await import('../../src/workspace/workspace-types.js')
    const observations = await PROBES.retention!.run(profile, {network: DEFAULT_NETWORK, now: () => new Date(), env: {}, vendorDir: dir})
    const a = buildAssessment({
      id: 'test-1',
      assessedAt: new Date(),
      toolVersion: 'test',
      workspace: {organisation: 'Test', frameworks: ['hipaa']},
      reassessmentIntervalDays: 90,
      vendor: profile,
      frameworks: [],
      checks: retentionChecks,
      observations,
    })
    expect(a.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId).sort()).toEqual(['retention-canary-not-served', 'retention-deletion-honoured'])
    const section = buildReportModel(a).sections.find((s) => s.id === 'retention')!
    expect(section.title).toBe('Image retention (synthetic canary study)')
    expect(section.tables[0]!.rows[0]![4]).toMatch(/^STILL SERVED after \d+ s$/)
    expect(section.tables[0]!.rows[0]![3]).toBe('HTTP 202, not honoured')
    expect(section.notes).toEqual(LIMITS)
    expect(section.notes!.join(' ')).toMatch(/backups.*train/)
  })
})
