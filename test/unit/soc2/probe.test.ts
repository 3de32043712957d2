import {createHash} from 'node:crypto'
import {promises as fs} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {detachEvidenceFiles} from '../../../src/assessment/evidence-files.js'
import {runChecks} from '../../../src/checks/evaluate-check.js'
import {loadChecks} from '../../../src/checks/load-checks.js'
import type {Finding} from '../../../src/model/finding.js'
import type {Observation} from '../../../src/model/observation.js'
import {createSoc2Probe, soc2Probe} from '../../../src/probes/soc2/soc2-probe.js'
import type {Probe, ProbeContext} from '../../../src/probes/probe-types.js'
import {DEFAULT_NETWORK, type VendorEvidence, type VendorProfile} from '../../../src/workspace/workspace-types.js'
import {startEvidenceServer, type EvidenceServer} from '../../helpers/evidence-server.js'
import * as F from '../../helpers/soc2-fixtures.js'
import {syntheticPdf} from '../../helpers/synthetic-pdf.js'
import {tempDir} from '../../helpers/tmp.js'

const NOW = new Date('2026-11-15T10:00:00Z')
const checks = (await loadChecks()).filter((c) => c.probe === 'soc2')
const dir = tempDir('scanvet-soc2-')
let server: EvidenceServer

const vendor = (evidence: VendorEvidence[], extra: Partial<VendorProfile> = {}): VendorProfile => ({
  id: 'northwind',
  name: 'Northwind Imaging AI, Inc.',
  service: 'Chest X-ray triage',
  jurisdictions: ['US', 'EU'],
  endpoints: [{url: `${server.origin}/v1`, role: 'api', caBundle: 'ca.pem'}],
  evidence,
  ...extra,
})

const ctx = (network: Partial<typeof DEFAULT_NETWORK> = {}): ProbeContext => ({network: {...DEFAULT_NETWORK, requestTimeoutMs: 3000, ...network}, now: () => NOW, env: {}, vendorDir: dir})

const probe = async (v: VendorProfile, p: Probe = soc2Probe, c = ctx()): Promise<{obs: Observation; findings: Record<string, Finding>; files: Record<string, Uint8Array>}> => {
  const raw = await p.run(v, c)
  expect(raw).toHaveLength(1)
  const {observations, files} = detachEvidenceFiles(raw)
  const findings = Object.fromEntries(runChecks(checks, observations).map((f) => [f.ruleId, f]))
  return {obs: observations[0]!, findings, files}
}

const statuses = (findings: Record<string, Finding>): Record<string, string> => Object.fromEntries(Object.entries(findings).map(([k, f]) => [k, f.status]))
const factsOf = (o: Observation): Record<string, any> => (o.status === 'not-applicable' ? {} : (o.facts ?? {})) as Record<string, any>

const write = async (name: string, fx: F.Fixture): Promise<string> => {
  await fs.writeFile(path.join(dir, name), await syntheticPdf(fx.pages, fx.options))
  return name
}

const SECURITY_TXT = 'Contact: mailto:security@northwind.example\nExpires: 2027-06-30T00:00:00Z\nPolicy: https://northwind.example/disclosure\nPreferred-Languages: en\n'

beforeAll(async () => {
  server = await startEvidenceServer()
  await fs.writeFile(path.join(dir, 'ca.pem'), server.caPem)
  await Promise.all([
    write('clean.pdf', F.cleanTypeII),
    write('type1.pdf', F.typeI),
    write('stale.pdf', F.staleTypeII),
    write('bridge.pdf', F.bridgeLetter),
    write('qualified.pdf', F.qualifiedTypeII),
    write('carveout.pdf', F.carveOutTypeII),
    write('exceptions.pdf', F.exceptionsTypeII),
    write('aws.pdf', F.awsReport),
    write('twilio.pdf', F.twilioReport),
    write('iso.pdf', F.isoCertificate),
  ])
  server.routes.set('/.well-known/security.txt', {type: 'text/plain', body: SECURITY_TXT})
  server.routes.set('/trust', {type: 'text/html', body: '<html><head><title>Northwind Trust Center</title></head><body>SOC 2 Type II and HIPAA</body></html>'})
  server.routes.set('/portal/soc2.pdf', {type: 'application/pdf', body: await fs.readFile(path.join(dir, 'clean.pdf'))})
  server.routes.set('/portal/login-required.pdf', {status: 403, body: 'forbidden'})
  server.routes.set('/portal/loop', {status: 302, headers: {location: '/portal/loop'}})
  server.routes.set('/portal/hang.pdf', {hang: true})
  server.routes.set('/portal/huge.pdf', {type: 'application/pdf', body: Buffer.alloc(2 * 1024 * 1024, 0x20)})
}, 60_000)
afterAll(() => server?.close())

describe('soc2 probe: each synthetic report yields the expected findings', () => {
  it('clean Type II fetched from the trust portal (real HTTPS), with security.txt and trust page: every check passes', async () => {
    const {obs, findings, files} = await probe(vendor([{kind: 'soc2-report', url: `${server.origin}/portal/soc2.pdf?token=s3cr3t`}], {soc2: {trustPage: `${server.origin}/trust`}}))
    expect(obs.status).toBe('ok')
    expect(statuses(findings)).toEqual({
      'soc2-confidentiality-in-scope': 'pass',
      'soc2-cuecs-listed': 'pass',
      'soc2-no-key-exceptions': 'pass',
      'soc2-opinion-unqualified': 'pass',
      'soc2-period-current': 'pass',
      'soc2-privacy-in-scope': 'pass',
      'soc2-scope-covers-service': 'pass',
      'soc2-subservice-evidence': 'pass',
      'soc2-type-ii': 'pass',
    })
    const f = factsOf(obs)
    const pdf = await fs.readFile(path.join(dir, 'clean.pdf'))
    const hash = createHash('sha256').update(pdf).digest('hex')
    expect(f.documents[0]).toMatchObject({kind: 'soc2-report', status: 'ok', sha256: hash, size: pdf.length, file: `evidence/soc2-report-${hash.slice(0, 12)}.pdf`})
    // The token in the query string is never recorded.
    expect(JSON.stringify(obs)).not.toContain('s3cr3t')
    expect(Buffer.from(files[`evidence/soc2-report-${hash.slice(0, 12)}.pdf`]!).equals(pdf)).toBe(true)
    expect(f.securityTxt).toMatchObject({status: 'found', contact: ['mailto:security@northwind.example'], expires: '2027-06-30T00:00:00Z', expired: false, problems: []})
    expect(f.trustPage).toMatchObject({status: 'found', title: 'Northwind Trust Center', mentions: ['SOC 2', 'HIPAA']})
    expect(Object.keys(files).sort()).toHaveLength(3)
    expect(f.coverage).toMatchObject({periodEnd: '2026-09-30', coveredUntil: '2027-09-30', basis: 'report'})
    expect(f.provenance.opinion).toMatchObject({source: 'extracted', page: 2})
    expect(f.askVendor).toEqual([])
  })

  it('Type I: fails Type II, privacy missing for EU data, exceptions not applicable, unknown system not assessed and asked', async () => {
    const {obs, findings} = await probe(vendor([{kind: 'soc2-report', path: 'type1.pdf'}]))
    expect(statuses(findings)).toEqual({
      'soc2-confidentiality-in-scope': 'pass',
      'soc2-cuecs-listed': 'pass',
      'soc2-no-key-exceptions': 'not-applicable',
      'soc2-opinion-unqualified': 'pass',
      'soc2-period-current': 'pass',
      'soc2-privacy-in-scope': 'fail',
      'soc2-scope-covers-service': 'not-assessed',
      'soc2-subservice-evidence': 'pass',
      'soc2-type-ii': 'fail',
    })
    expect(findings['soc2-type-ii']!.message).toContain('Type I')
    expect(factsOf(obs).askVendor.map((q: {fact: string}) => q.fact)).toEqual(['system'])
  })

  it('a stale period without a bridge letter fails currency; a stated fact is labelled stated', async () => {
    const {obs, findings} = await probe(vendor([{kind: 'soc2-report', path: 'stale.pdf', stated: {coversService: true}}], {jurisdictions: ['US']}))
    expect(statuses(findings)).toMatchObject({'soc2-period-current': 'fail', 'soc2-scope-covers-service': 'pass', 'soc2-privacy-in-scope': 'not-applicable', 'soc2-type-ii': 'pass'})
    expect(findings['soc2-period-current']!.message).toContain('2025-06-30, 16 months before')
    expect(factsOf(obs).provenance.scope).toEqual({source: 'stated'})
    expect(factsOf(obs).askVendor.map((q: {fact: string}) => q.fact)).toContain('bridge')
  })

  it('the same stale period with a bridge letter dated within 3 months passes currency', async () => {
    const {obs, findings} = await probe(vendor([{kind: 'soc2-report', path: 'stale.pdf', stated: {coversService: true}}, {kind: 'soc2-bridge-letter', path: 'bridge.pdf'}]))
    expect(findings['soc2-period-current']!.status).toBe('pass')
    expect(factsOf(obs).coverage).toMatchObject({coveredUntil: '2027-01-15', basis: 'bridge-letter', bridgeLetterDate: '2026-10-15'})
    expect(factsOf(obs).bridgeLetter).toMatchObject({date: '2026-10-15', coversThrough: '2026-10-15'})
  })

  it('a qualified opinion fails the opinion check (and the report lists no CUECs)', async () => {
    const {findings} = await probe(vendor([{kind: 'soc2-report', path: 'qualified.pdf'}]))
    expect(statuses(findings)).toMatchObject({
      'soc2-opinion-unqualified': 'fail',
      'soc2-no-key-exceptions': 'pass',
      'soc2-confidentiality-in-scope': 'fail',
      'soc2-cuecs-listed': 'fail',
      'soc2-type-ii': 'pass',
      'soc2-period-current': 'pass',
    })
    expect(findings['soc2-opinion-unqualified']!.message).toContain('qualified opinion')
  })

  it('carve-outs: fail while the subservice organisations have no evidence of their own, pass once both are added', async () => {
    const none = await probe(vendor([{kind: 'soc2-report', path: 'carveout.pdf'}]))
    expect(none.findings['soc2-subservice-evidence']!.status).toBe('fail')
    expect(factsOf(none.obs).subservice.carvedOutWithoutEvidence).toEqual(['Amazon Web Services', 'Twilio'])
    const one = await probe(vendor([{kind: 'soc2-report', path: 'carveout.pdf'}, {kind: 'soc2-report', path: 'aws.pdf', organisation: 'Amazon Web Services, Inc.'}]))
    expect(one.findings['soc2-subservice-evidence']!.message).toContain('Twilio')
    expect(factsOf(one.obs).subservice.carvedOutWithoutEvidence).toEqual(['Twilio'])
    const both = await probe(
      vendor([
        {kind: 'soc2-report', path: 'carveout.pdf'},
        {kind: 'soc2-report', path: 'aws.pdf', organisation: 'AWS'},
        {kind: 'soc2-report', path: 'twilio.pdf', organisation: 'Twilio Inc.'},
      ]),
    )
    expect(both.findings['soc2-subservice-evidence']!.status).toBe('pass')
    // The subservice reports are kept and listed, but never judged as the vendor's own report.
    expect(factsOf(both.obs).report.document).toBe('carveout.pdf')
    expect(factsOf(both.obs).documents.map((d: {kind: string; source: string}) => `${d.kind} ${d.source}`)).toEqual([
      'soc2-report carveout.pdf',
      'soc2-report aws.pdf',
      'soc2-report twilio.pdf',
      `security-txt ${server.origin}/.well-known/security.txt`,
    ])
  })

  it('exceptions against CC6.1 fail the key-exceptions check', async () => {
    const {obs, findings} = await probe(vendor([{kind: 'soc2-report', path: 'exceptions.pdf'}]))
    expect(findings['soc2-no-key-exceptions']!.status).toBe('fail')
    expect(findings['soc2-no-key-exceptions']!.message).toContain('CC6.1 (page 3)')
    expect(factsOf(obs).report.keyExceptions).toEqual(['CC6.1 (page 3)'])
  })

  it('an ISO 27001 certificate and a HITRUST letter are kept and listed with their validity dates', async () => {
    const {obs, files} = await probe(
      vendor([
        {kind: 'soc2-report', path: 'clean.pdf'},
        {kind: 'iso27001-certificate', path: 'iso.pdf'},
        {kind: 'hitrust-letter', path: 'iso.pdf', expires: '2027-01-31', title: 'HITRUST r2 letter'},
      ], {soc2: {securityTxt: false}}),
    )
    const docs = factsOf(obs).documents as {kind: string; facts?: unknown; title?: string}[]
    expect(docs.find((d) => d.kind === 'iso27001-certificate')!.facts).toEqual({issued: '2024-03-14', issuedPage: 1, expires: '2027-03-13', expiresPage: 1, expiresSource: 'extracted'})
    expect(docs.find((d) => d.kind === 'hitrust-letter')).toMatchObject({title: 'HITRUST r2 letter', facts: {expires: '2027-01-31', expiresSource: 'stated'}})
    // The same bytes under two kinds are kept once per kind.
    expect(Object.keys(files).filter((f) => f.endsWith('.pdf'))).toHaveLength(3)
  })

  it('no SOC 2 report in the profile: every check is not assessed, and the vendor is asked for one', async () => {
    const {obs, findings} = await probe(vendor([], {soc2: {securityTxt: false}}))
    expect(obs.status).toBe('ok')
    expect(new Set(Object.values(statuses(findings)))).toEqual(new Set(['not-assessed']))
    expect(findings['soc2-type-ii']!.message).toContain('report.type')
    expect(factsOf(obs).askVendor.map((q: {fact: string}) => q.fact)).toEqual(['report'])
  })

  it('facts stated in the profile stand in for a document scanvet cannot read', async () => {
    await fs.writeFile(path.join(dir, 'scan.bin'), 'not a pdf')
    const {obs, findings} = await probe(vendor([{kind: 'soc2-report', path: 'scan.bin', stated: {type: 'Type II', periodEnd: '2026-06-30', opinion: 'unqualified'}}]))
    expect(statuses(findings)).toMatchObject({'soc2-type-ii': 'pass', 'soc2-opinion-unqualified': 'pass', 'soc2-period-current': 'pass', 'soc2-confidentiality-in-scope': 'not-assessed'})
    expect(factsOf(obs).provenance.type).toEqual({source: 'stated'})
  })
})

describe('soc2 probe: broken documents give an error finding with a reason, not a crash or a hang', () => {
  const expectErrors = (findings: Record<string, Finding>, reason: RegExp) => {
    expect(Object.values(findings)).toHaveLength(9)
    for (const f of Object.values(findings)) {
      expect(f.status).toBe('error')
      if (f.status === 'error') expect(f.reason).toMatch(reason)
    }
  }

  it('a corrupt PDF', async () => {
    await fs.writeFile(path.join(dir, 'corrupt.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x41), Buffer.from('\n%%EOF\n')]))
    const {obs, findings} = await probe(vendor([{kind: 'soc2-report', path: 'corrupt.pdf'}]))
    expect(obs.status).toBe('error')
    expectErrors(findings, /damaged/)
  })

  it('an encrypted PDF (user password)', async () => {
    await fs.writeFile(path.join(dir, 'encrypted.pdf'), await syntheticPdf(F.cleanTypeII.pages, {userPassword: 'vendor-only'}))
    const {findings} = await probe(vendor([{kind: 'soc2-report', path: 'encrypted.pdf'}]))
    expectErrors(findings, /encrypted with a password/)
  })

  it('a 200 MB PDF is refused before it is read (sparse file, deleted after)', async () => {
    const big = path.join(dir, 'huge.pdf')
    const h = await fs.open(big, 'w')
    try {
      await h.write('%PDF-1.7\n')
      await h.truncate(200 * 1024 * 1024)
    } finally {
      await h.close()
    }
    try {
      const t0 = performance.now()
      const {findings} = await probe(vendor([{kind: 'soc2-report', path: 'huge.pdf'}]))
      expectErrors(findings, /209715200 bytes, over the 52428800-byte limit/)
      expect(performance.now() - t0).toBeLessThan(10_000)
    } finally {
      await fs.rm(big, {force: true})
    }
  })

  it('extraction that runs past its time limit is stopped', async () => {
    const slow = createSoc2Probe({pdf: {timeoutMs: 1}})
    const {findings} = await probe(vendor([{kind: 'soc2-report', path: 'clean.pdf'}]), slow)
    expectErrors(findings, /took longer than 1 ms and was stopped/)
  })

  it.each([
    ['a portal that needs a login', '/portal/login-required.pdf', /HTTP 403 .*needs a login/, {}],
    ['a redirect loop', '/portal/loop', /more than 5 redirects/, {}],
    ['a portal that never answers', '/portal/hang.pdf', /no complete answer within 500 ms/, {requestTimeoutMs: 500}],
    ['a response over the size limit', '/portal/huge.pdf', /over the 1048576-byte limit/, {maxResponseBytes: 1024 * 1024}],
  ] as const)('%s', async (_name, route, reason, network) => {
    const {findings} = await probe(vendor([{kind: 'soc2-report', url: `${server.origin}${route}`}], {soc2: {securityTxt: false}}), soc2Probe, ctx(network))
    expectErrors(findings, reason)
  })

  it('an http:// document URL is refused', async () => {
    const {findings} = await probe(vendor([{kind: 'soc2-report', url: 'http://127.0.0.1:9/report.pdf'}], {soc2: {securityTxt: false}}))
    expectErrors(findings, /not an https:\/\/ URL/)
  })

  it('a missing security.txt is recorded as not found; the audit goes on', async () => {
    const {obs} = await probe(vendor([{kind: 'soc2-report', path: 'clean.pdf'}], {soc2: {securityTxt: `${server.origin}/nowhere/security.txt`}}))
    expect(obs.status).toBe('ok')
    expect(factsOf(obs).securityTxt).toMatchObject({status: 'not-found'})
  })
})
