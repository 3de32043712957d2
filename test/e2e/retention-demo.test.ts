import {readFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'

import {DICOMWEB_BEHAVIOURS} from '../../src/demo/demo-dicomweb.js'
import {startDemoVendor, type DemoVendor} from '../../src/demo/demo-vendor.js'
import {runRetention} from '../../src/probes/retention/retention-probe.js'
import type {RetentionProfile} from '../../src/probes/retention/retention-profile.js'
import {judge, statusByRule, vendorFixture} from '../helpers/retention.js'
import {tempDir} from '../helpers/tmp.js'

// A real HTTPS server on 127.0.0.1 (the demo vendor) whose DICOMweb store is switched between behaviours.
let demo: DemoVendor
const root = tempDir('scanvet-retention-')
let n = 0

beforeAll(async () => {
  demo = await startDemoVendor()
})
afterAll(async () => {
  await demo.close()
})
beforeEach(() => {
  demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.deletesAfter(1)
})

const dicomweb = (extra: Partial<RetentionProfile> = {}, del = true): RetentionProfile => ({
  mode: 'dicomweb',
  window: 'PT1S',
  oneShot: true,
  dicomweb: {url: `${demo.url}/dicom-web`, delete: del},
  ...extra,
})

const fixture = (r: RetentionProfile) => vendorFixture(root, `v${++n}`, demo.caPem, r)

describe('DICOMweb mode against the demo vendor', () => {
  it('a vendor that deletes on request and purges after 1 s passes all three checks', async () => {
    const f = fixture(dicomweb())
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    expect(obs).toHaveLength(1)
    const o = obs[0]!
    expect(o.status).toBe('ok')
    const facts = o.status === 'ok' ? (o.facts as Record<string, any>) : {}
    expect(facts.upload).toMatchObject({accepted: true, status: 200, stored: 1})
    expect(facts.deletion).toMatchObject({requested: true, accepted: true, status: 200, honoured: true})
    expect(facts.verify.served).toBe(false)
    expect(facts.verify.secondsSinceUpload).toBeGreaterThanOrEqual(1)
    expect(facts.verify.summary).toMatch(/QIDO-RS search 200: 0 matches; WADO-RS retrieve 404: not found/)
    const findings = judge(obs)
    expect(statusByRule(findings)).toEqual({'retention-upload-accepted': 'pass', 'retention-canary-not-served': 'pass', 'retention-deletion-honoured': 'pass'})
    const served = findings.find((x) => x.ruleId === 'retention-canary-not-served')!
    expect(served.references).toEqual(expect.arrayContaining(['45 CFR 164.310(d)(2)(i)', '45 CFR 164.504(e)(2)(ii)(J)', 'GDPR Art. 5(1)(e)', 'GDPR Art. 28(3)(g)']))
    expect(demo.dicomweb.studies()).not.toContain(facts.canary.studyInstanceUid)
  })

  it('without a DELETE, a vendor that purges within the window passes; deletion is not applicable', async () => {
    const f = fixture(dicomweb({window: 'PT2S'}, false))
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    expect(statusByRule(judge(obs))).toEqual({'retention-upload-accepted': 'pass', 'retention-canary-not-served': 'pass', 'retention-deletion-honoured': 'not-applicable'})
  })

  it('a vendor that acknowledges DELETE (202) but keeps the study fails retention and deletion, with evidence', async () => {
    demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.ignoresDelete()
    const f = fixture(dicomweb())
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    const findings = judge(obs)
    expect(statusByRule(findings)).toEqual({'retention-upload-accepted': 'pass', 'retention-canary-not-served': 'fail', 'retention-deletion-honoured': 'fail'})
    const served = findings.find((x) => x.ruleId === 'retention-canary-not-served')!
    expect(served.message).toMatch(/still serves canary study 2\.25\.\d+: QIDO-RS search 200: 1 match; WADO-RS retrieve 200: \d+ bytes, canary token found in the body/)
    expect(findings.find((x) => x.ruleId === 'retention-deletion-honoured')!.message).toMatch(/HTTP 202/)
  })

  it('a vendor that offers no deletion (405) and keeps everything fails both', async () => {
    demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.keepsForever()
    const f = fixture(dicomweb())
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    const o = obs[0]!
    expect(o.status === 'ok' && (o.facts as any).deletion).toMatchObject({requested: true, accepted: false, status: 405, honoured: false})
    expect(statusByRule(judge(obs))).toEqual({'retention-upload-accepted': 'pass', 'retention-canary-not-served': 'fail', 'retention-deletion-honoured': 'fail'})
  })

  it('a slow vendor within the timeout is judged normally', async () => {
    demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.slow(150, 0)
    const f = fixture(dicomweb({window: 'PT0S'}, false))
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    expect(statusByRule(judge(obs))['retention-canary-not-served']).toBe('pass')
  })

  it('a vendor slower than the timeout yields error findings with a reason, within the timeout', async () => {
    demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.slow(5000)
    const f = fixture(dicomweb({timeoutMs: 400}))
    const t0 = Date.now()
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    expect(Date.now() - t0).toBeLessThan(2000)
    expect(obs[0]!.status).toBe('error')
    expect(obs[0]!.status === 'error' && obs[0]!.reason).toMatch(/STOW-RS upload .*no complete answer within 400 ms/)
    expect(new Set(judge(obs).map((x) => x.status))).toEqual(new Set(['error']))
  })

  it('refuses an unreadable canary file with a reason instead of throwing', async () => {
    const f = fixture(dicomweb())
    const {writeFileSync} = await import('node:fs')
    writeFileSync(path.join(f.dir, 'canaries.json'), '{not json')
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'plant'})
    expect(obs[0]!.status === 'error' && obs[0]!.reason).toMatch(/canaries\.json cannot be read/)
  })
})

describe('hostile vendor: every fault at every step ends in an error finding within the timeout', () => {
  const faults = ['error-500', 'bad-json', 'garbage', 'reset', 'hang'] as const
  const steps = ['stow', 'delete', 'qido', 'wado'] as const
  const expected: Record<(typeof steps)[number], RegExp> = {stow: /STOW-RS/, delete: /DELETE/, qido: /QIDO-RS/, wado: /WADO-RS/}
  for (const fault of faults) {
    for (const step of steps) {
      // A 500 or a non-JSON body on DELETE is an answer, not a broken exchange: it is covered by the status checks.
      if (step === 'delete' && fault === 'bad-json') continue
      it(`${fault} on ${step}`, async () => {
        demo.dicomweb.behaviour = {...DICOMWEB_BEHAVIOURS.errors(fault, step), retainSeconds: 0}
        const f = fixture(dicomweb({timeoutMs: 500, window: 'PT0S'}))
        const t0 = Date.now()
        const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
        // plant + verify: at most a handful of requests, each bounded by the 500 ms deadline.
        expect(Date.now() - t0).toBeLessThan(3000)
        expect(obs).toHaveLength(1)
        const o = obs[0]!
        expect(o.status, JSON.stringify(o)).toBe('error')
        if (o.status === 'error') expect(o.reason).toMatch(expected[step])
        const findings = judge(obs)
        expect(findings).toHaveLength(3)
        for (const x of findings) {
          expect(x.status).toBe('error')
          expect(x.status === 'error' && x.reason.length).toBeGreaterThan(10)
        }
      })
    }
  }
})

describe('two phases and workspace state', () => {
  it('plant records a pending canary; verify before the due time reports it pending; after, it is verified', async () => {
    demo.dicomweb.behaviour = DICOMWEB_BEHAVIOURS.ignoresDelete()
    const f = fixture(dicomweb({window: 'PT1S', oneShot: false}))
    const planted = await runRetention(f.profile, f.ctx(), {phase: 'plant'})
    expect(statusByRule(judge(planted))).toEqual({'retention-upload-accepted': 'pass', 'retention-canary-not-served': 'not-assessed', 'retention-deletion-honoured': 'not-assessed'})
    const state = JSON.parse(readFileSync(path.join(f.dir, 'canaries.json'), 'utf8'))
    expect(state.canaries).toHaveLength(1)
    expect(state.canaries[0]).toMatchObject({state: 'pending', mode: 'dicomweb', deletion: {requested: true, accepted: true, status: 202}})
    const uid = state.canaries[0].canary.studyInstanceUid as string
    expect(uid).toMatch(/^2\.25\.\d+$/)
    expect(Date.parse(state.canaries[0].dueAt) - Date.parse(state.canaries[0].plantedAt)).toBe(1000)

    const early = await runRetention(f.profile, f.ctx(), {phase: 'verify'})
    expect(early[0]!.status === 'ok' && (early[0]!.facts as any).pending).toBe(true)

    await new Promise((r) => setTimeout(r, 1100))
    const late = await runRetention(f.profile, f.ctx(), {phase: 'verify'})
    expect(statusByRule(judge(late))).toEqual({'retention-upload-accepted': 'pass', 'retention-canary-not-served': 'fail', 'retention-deletion-honoured': 'fail'})
    const after = JSON.parse(readFileSync(path.join(f.dir, 'canaries.json'), 'utf8'))
    expect(after.canaries[0]).toMatchObject({state: 'verified', result: {served: true}})

    const none = await runRetention(f.profile, f.ctx(), {phase: 'verify'})
    expect(none[0]!.status).toBe('not-applicable')
  })

  it('auto (what assess runs) plants when nothing is pending, then verifies the due canary and plants the next', async () => {
    const f = fixture(dicomweb({window: 'PT1S', oneShot: false}))
    const first = await runRetention(f.profile, f.ctx(), {phase: 'auto'})
    expect(first).toHaveLength(1)
    expect(first[0]!.status === 'ok' && (first[0]!.facts as any).phase).toBe('auto')
    await new Promise((r) => setTimeout(r, 1100))
    const second = await runRetention(f.profile, f.ctx(), {phase: 'auto'})
    expect(second).toHaveLength(2)
    const [verified, next] = second
    expect(verified!.status === 'ok' && (verified!.facts as any).verify.served).toBe(false)
    expect(next!.status === 'ok' && (next!.facts as any).nextCanary).toBe(true)
    const findings = judge(second)
    expect(statusByRule(findings.filter((x) => x.target === verified!.target))).toEqual({
      'retention-upload-accepted': 'pass',
      'retention-canary-not-served': 'pass',
      'retention-deletion-honoured': 'pass',
    })
    expect(statusByRule(findings.filter((x) => x.target === next!.target))).toEqual({
      'retention-upload-accepted': 'pass',
      'retention-canary-not-served': 'not-applicable',
      'retention-deletion-honoured': 'not-applicable',
    })
    const state = JSON.parse(readFileSync(path.join(f.dir, 'canaries.json'), 'utf8'))
    expect(state.canaries.map((c: any) => c.state)).toEqual(['verified', 'pending'])
  })

  it('one-shot refuses a window longer than 15 minutes with a reason', async () => {
    const f = fixture(dicomweb({window: 'P30D'}))
    const obs = await runRetention(f.profile, f.ctx(), {phase: 'one-shot'})
    expect(obs[0]!.status === 'error' && obs[0]!.reason).toMatch(/longer than 15 minutes/)
  })
})

describe('auth from environment variables', () => {
  it('sends the bearer token and keeps it out of every observation and state file', async () => {
    const secret = 'sk-test-3f9a0c1d2e4b5a6978'
    demo.dicomweb.behaviour = {...DICOMWEB_BEHAVIOURS.deletesAfter(0), bearer: secret}
    const f = fixture(dicomweb({window: 'PT0S', auth: {scheme: 'bearer', tokenEnv: 'DEMO_DICOMWEB_TOKEN'}}))
    const obs = await runRetention(f.profile, f.ctx({DEMO_DICOMWEB_TOKEN: secret}), {phase: 'one-shot'})
    expect(statusByRule(judge(obs))['retention-canary-not-served']).toBe('pass')
    expect(JSON.stringify(obs)).not.toContain(secret)
    expect(readFileSync(path.join(f.dir, 'canaries.json'), 'utf8')).not.toContain(secret)
  })

  it('a wrong token is a refused upload (401), not a pass', async () => {
    demo.dicomweb.behaviour = {...DICOMWEB_BEHAVIOURS.deletesAfter(0), bearer: 'right-token-value'}
    const f = fixture(dicomweb({window: 'PT0S', auth: {scheme: 'bearer', tokenEnv: 'DEMO_DICOMWEB_TOKEN'}}))
    const obs = await runRetention(f.profile, f.ctx({DEMO_DICOMWEB_TOKEN: 'wrong-token-value'}), {phase: 'one-shot'})
    expect(statusByRule(judge(obs))).toEqual({'retention-upload-accepted': 'fail', 'retention-canary-not-served': 'not-applicable', 'retention-deletion-honoured': 'not-applicable'})
    expect(JSON.stringify(obs)).not.toContain('wrong-token-value')
  })

  it('a missing environment variable is an error naming the variable, never a value', async () => {
    const f = fixture(dicomweb({auth: {scheme: 'basic', usernameEnv: 'DEMO_USER', passwordEnv: 'DEMO_PASS'}}))
    const obs = await runRetention(f.profile, f.ctx({DEMO_USER: 'someone'}), {phase: 'one-shot'})
    expect(obs[0]!.status === 'error' && obs[0]!.reason).toBe('the environment variable DEMO_PASS named in the profile is not set')
  })
})
