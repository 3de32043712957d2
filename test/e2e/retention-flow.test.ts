import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {DICOMWEB_BEHAVIOURS} from '../../src/demo/demo-dicomweb.js'
import {startDemoVendor, type DemoVendor} from '../../src/demo/demo-vendor.js'
import {runRetention} from '../../src/probes/retention/retention-probe.js'
import type {FlowStep, RetentionProfile} from '../../src/probes/retention/retention-profile.js'
import {judge, statusByRule, vendorFixture} from '../helpers/retention.js'
import {tempDir} from '../helpers/tmp.js'

// HTTP-flow mode: the vendor's own REST API (the demo vendor's /api/v1), driven only by steps declared as data.
let demo: DemoVendor
const root = tempDir('scanvet-flow-')
let n = 0
beforeAll(async () => {
  demo = await startDemoVendor()
})
afterAll(async () => {
  await demo.close()
})

const api = () => `${demo.url}/api/v1`
const plant = (body: FlowStep['body']): FlowStep[] => [
  {name: 'upload', action: 'upload', method: 'POST', url: `${api()}/uploads`, body, expectStatus: [201], extract: {uploadId: 'upload.id'}},
  {name: 'wait-for-result', action: 'poll', method: 'GET', url: `${api()}/uploads/{{uploadId}}`, until: {path: 'upload.status', equals: 'done'}, intervalMs: 50, maxAttempts: 5},
  {name: 'delete', action: 'delete', method: 'DELETE', url: `${api()}/uploads/{{uploadId}}`, expectStatus: [200, 204]},
]
const verify = (): FlowStep[] => [
  {name: 'upload-gone', action: 'check', method: 'GET', url: `${api()}/uploads/{{uploadId}}`},
  {name: 'search', action: 'check', method: 'GET', url: `${demo.url}/dicom-web/studies?StudyInstanceUID={{studyInstanceUid}}`, emptyMeansGone: true},
]
const profile = (body: FlowStep['body'] = {dicom: 'raw'}): RetentionProfile => ({
  mode: 'http-flow',
  modality: 'CT',
  window: 'PT0S',
  oneShot: true,
  timeoutMs: 800,
  flow: {plant: plant(body), verify: verify()},
})
const fixture = (r: RetentionProfile) => vendorFixture(root, `f${++n}`, demo.caPem, r)

describe('HTTP-flow mode against the demo vendor REST API', () => {
  for (const body of [{dicom: 'raw'}, {dicom: 'form-data', field: 'file'}, {dicom: 'multipart-related'}] as const) {
    it(`upload (${body.dicom}) → poll → delete → verify-gone passes against a vendor that deletes`, async () => {
      demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.deletesAfter(60)
      const f = fixture(profile(body))
      const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
      const o = obs[0]!
      expect(o.status, JSON.stringify(o)).toBe('ok')
      const facts = o.status === 'ok' ? (o.facts as any) : {}
      expect(facts.deletion).toMatchObject({requested: true, accepted: true, status: 200, honoured: true})
      expect(facts.verify.summary).toBe('upload-gone 404: not found; search 200: empty result')
      // CT has three slices: raw sends one request each, multipart bodies one request for all.
      const uploads = facts.steps.filter((s: any) => s.step === 'upload')
      expect(uploads).toHaveLength(body.dicom === 'raw' ? 3 : 1)
      expect(statusByRule(judge(obs))).toEqual({'retention-upload-accepted': 'pass', 'retention-canary-not-served': 'pass', 'retention-deletion-honoured': 'pass'})
    })
  }

  it('fails retention and deletion against a vendor that acknowledges DELETE and keeps the study', async () => {
    demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.ignoresDelete()
    const f = fixture({...profile(), flow: {...profile().flow!, plant: plant({dicom: 'raw'}).map((s) => (s.action === 'delete' ? {...s, expectStatus: [200, 202, 204]} : s))}})
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    const facts = obs[0]!.status === 'ok' ? (obs[0]!.facts as any) : {}
    expect(facts.verify.summary).toMatch(/^upload-gone 200: served \(\d+ bytes\); search 200: served \(\d+ bytes\)$/)
    expect(statusByRule(judge(obs))).toEqual({'retention-upload-accepted': 'pass', 'retention-canary-not-served': 'fail', 'retention-deletion-honoured': 'fail'})
  })

  it('a refused deletion (405) is recorded and fails deletion', async () => {
    demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.keepsForever()
    const f = fixture(profile())
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    expect(obs[0]!.status === 'ok' && (obs[0]!.facts as any).deletion).toMatchObject({requested: true, accepted: false, status: 405, honoured: false})
    expect(statusByRule(judge(obs))['retention-deletion-honoured']).toBe('fail')
  })

  it('an extraction that finds nothing is an error naming the step and path', async () => {
    demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.deletesAfter(60)
    const p = profile()
    const bad = {...p, flow: {...p.flow!, plant: p.flow!.plant.map((s) => (s.name === 'upload' ? {...s, extract: {uploadId: 'data.id'}} : s))}}
    const f = fixture(bad)
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    expect(obs[0]!.status === 'error' && obs[0]!.reason).toBe("step 'upload': the answer has no value at 'data.id' to extract as uploadId")
  })

  it('a variable no step extracted is an error, not a request to a half-rendered URL', async () => {
    const p = profile()
    const bad = {...p, flow: {...p.flow!, plant: [p.flow!.plant[0]!, {...p.flow!.plant[2]!, url: `${api()}/uploads/{{jobId}}`}]}}
    const f = fixture(bad)
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    expect(obs[0]!.status === 'error' && obs[0]!.reason).toBe("step 'delete' uses {{jobId}}, which no earlier step extracted")
  })

  it('verify steps without a check step are an error, never a pass', async () => {
    demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.deletesAfter(60)
    const p = profile()
    const f = fixture({...p, flow: {...p.flow!, verify: p.flow!.verify.map((s) => ({...s, action: 'request' as const, expectStatus: [200, 404]}))}})
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    expect(obs[0]!.status === 'error' && obs[0]!.reason).toBe('verification failed: the verify steps contain no check step, so nothing was looked for')
  })

  for (const fault of ['garbage', 'reset', 'hang', 'bad-json', 'error-500'] as const) {
    it(`a vendor API that answers with ${fault} yields an error within the timeout`, async () => {
      demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.errors(fault, 'api')
      const f = fixture(profile())
      const t0 = Date.now()
      const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
      expect(Date.now() - t0).toBeLessThan(2500)
      expect(obs[0]!.status, JSON.stringify(obs[0])).toBe('error')
      expect(obs[0]!.status === 'error' && obs[0]!.reason).toMatch(/^step 'upload'/)
      expect(new Set(judge(obs).map((x) => x.status))).toEqual(new Set(['error']))
    })
  }
})
