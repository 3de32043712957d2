import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {runRetention} from '../../src/probes/retention/retention-probe.js'
import type {RetentionProfile} from '../../src/probes/retention/retention-profile.js'
import {startOrthanc, type OrthancInstance} from '../helpers/orthanc.js'
import {judge, statusByRule, vendorFixture} from '../helpers/retention.js'
import {tempDir} from '../helpers/tmp.js'

// A real DICOMweb server: Debian's Orthanc 1.10 with its DICOMweb plugin, private, on loopback.
const root = tempDir('scanvet-orthanc-')
let orthanc: OrthancInstance
let n = 0
beforeAll(async () => {
  orthanc = await startOrthanc(root)
})
afterAll(async () => {
  await orthanc?.stop()
})

const fixture = (r: RetentionProfile) => vendorFixture(root, `o${++n}`, '', r)
const dicomweb = (extra: Partial<RetentionProfile> = {}): RetentionProfile => ({
  mode: 'dicomweb',
  modality: 'CT',
  window: 'PT1S',
  oneShot: true,
  dicomweb: {url: `${orthanc.url}/dicom-web`},
  ...extra,
})
const facts = (o: {status: string}) => (o as unknown as {facts: Record<string, any>}).facts

describe('retention probe against Orthanc', () => {
  it('Orthanc keeps what it receives: the canary is still served after the window (a retention failure)', async () => {
    const f = fixture(dicomweb())
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    expect(obs[0]!.status, JSON.stringify(obs[0])).toBe('ok')
    const x = facts(obs[0]!)
    expect(x.upload).toMatchObject({accepted: true, status: 200, stored: 3})
    expect(x.verify.served).toBe(true)
    expect(x.verify.summary).toMatch(/^QIDO-RS search 200: 1 match; WADO-RS retrieve 200: \d+ bytes, canary token found in the body$/)
    expect(x.verify.secondsSinceUpload).toBeGreaterThanOrEqual(1)
    const findings = judge(obs)
    expect(statusByRule(findings)).toEqual({'retention-upload-accepted': 'pass', 'retention-canary-not-served': 'fail', 'retention-deletion-honoured': 'not-applicable'})
    expect(findings.find((y) => y.ruleId === 'retention-canary-not-served')!.references).toEqual(
      expect.arrayContaining(['45 CFR 164.310(d)(2)(i)', '45 CFR 164.504(e)(2)(ii)(J)', 'GDPR Art. 5(1)(e)', 'GDPR Art. 28(3)(g)']),
    )
  })

  it('Orthanc’s DICOMweb offers no DELETE (405): the deletion request is reported as refused', async () => {
    const f = fixture(dicomweb({dicomweb: {url: `${orthanc.url}/dicom-web`, delete: true}}))
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    expect(facts(obs[0]!).deletion).toMatchObject({requested: true, accepted: false, status: 405, honoured: false})
    expect(statusByRule(judge(obs))).toEqual({'retention-upload-accepted': 'pass', 'retention-canary-not-served': 'fail', 'retention-deletion-honoured': 'fail'})
  })

  it('after a deletion through Orthanc’s REST API (an HTTP flow: STOW, lookup, DELETE), deletion is reported', async () => {
    const f = fixture({
      mode: 'http-flow',
      modality: 'MR',
      window: 'PT1S',
      oneShot: true,
      flow: {
        plant: [
          {name: 'upload', action: 'upload', method: 'POST', url: `${orthanc.url}/dicom-web/studies`, headers: {Accept: 'application/dicom+json'}, body: {dicom: 'multipart-related'}},
          {name: 'lookup', method: 'POST', url: `${orthanc.url}/tools/lookup`, body: {text: '{{studyInstanceUid}}'}, extract: {orthancId: '0.ID'}},
          {name: 'delete', action: 'delete', method: 'DELETE', url: `${orthanc.url}/studies/{{orthancId}}`},
        ],
        verify: [
          {name: 'qido', action: 'check', method: 'GET', url: `${orthanc.url}/dicom-web/studies?StudyInstanceUID={{studyInstanceUid}}`, headers: {Accept: 'application/dicom+json'}, emptyMeansGone: true},
          {name: 'wado', action: 'check', method: 'GET', url: `${orthanc.url}/dicom-web/studies/{{studyInstanceUid}}`, headers: {Accept: 'multipart/related; type="application/dicom"'}},
        ],
      },
    })
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    expect(obs[0]!.status, JSON.stringify(obs[0])).toBe('ok')
    const x = facts(obs[0]!)
    expect(x.deletion).toMatchObject({requested: true, accepted: true, status: 200, honoured: true})
    expect(x.verify.summary).toBe('qido 200: empty result; wado 404: not found')
    expect(statusByRule(judge(obs))).toEqual({'retention-upload-accepted': 'pass', 'retention-canary-not-served': 'pass', 'retention-deletion-honoured': 'pass'})
  })

  it('two phases: planted, then deleted at Orthanc out of band, then verified as gone', async () => {
    const f = fixture(dicomweb({oneShot: false, window: 'P30D'}))
    const planted = await runRetention(f.profile, f.ctx(), {phase: 'plant'})
    const uid = facts(planted[0]!).canary.studyInstanceUid as string
    const early = await runRetention(f.profile, f.ctx(), {phase: 'verify', force: true})
    expect(statusByRule(judge(early))['retention-canary-not-served']).toBe('fail')
    // Plant again, then purge through Orthanc's REST API as a vendor's clean-up would.
    const again = await runRetention(f.profile, f.ctx(), {phase: 'plant'})
    const uid2 = facts(again[0]!).canary.studyInstanceUid as string
    expect(uid2).not.toBe(uid)
    const ids = (await (await fetch(`${orthanc.url}/tools/lookup`, {method: 'POST', body: uid2})).json()) as {ID: string}[]
    expect((await fetch(`${orthanc.url}/studies/${ids[0]!.ID}`, {method: 'DELETE'})).status).toBe(200)
    const late = await runRetention(f.profile, f.ctx(), {phase: 'verify', force: true})
    expect(late).toHaveLength(1)
    expect(facts(late[0]!).verify.summary).toBe('QIDO-RS search 200: 0 matches; WADO-RS retrieve 404: not found')
    expect(statusByRule(judge(late))['retention-canary-not-served']).toBe('pass')
  })
})
