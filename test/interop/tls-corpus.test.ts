import {execFile} from 'node:child_process'
import {promises as fs} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {stringify} from 'yaml'

import type {Finding} from '../../src/model/finding.js'
import {issueCertificate, type IssuedCertificate} from '../../src/net/issue-certificate.js'
import {runCli} from '../helpers/cli.js'
import {FIXTURE_CASES} from '../helpers/fixture-cases.js'
import {HostileServers} from '../helpers/hostile-servers.js'
import {startOpensslServer} from '../helpers/openssl-server.js'
import {probeEndpoints, type ProbeRun} from '../helpers/probe-fixture.js'
import {answersFor, demoAnswers} from '../helpers/quarter-workspace.js'
import {chooseDeflate, dropRenegotiationInfo, scriptedFront} from '../helpers/tls-scripted-server.js'
import {fixtureCa, startFixture, type Fixture} from '../helpers/tls-fixture.js'

/**
 * The fixture corpus of issue 13: clean controls, one defect each, hostile servers. Every server's expected
 * findings follow from its definition; no finding outside that set may come out adverse, and the controls have
 * none above info. Every server is stopped (in its own finally block, or in afterAll for the raw ones).
 */
const DAY = 86_400_000
const TIMEOUT_MS = 1500
const above = (f: Finding) => f.severity !== 'info' && (f.status === 'fail' || f.status === 'warn')
const adverseOf = (r: ProbeRun) => r.adverse

describe('Node fixture servers: one defect, one finding', () => {
  it.each(FIXTURE_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const f: Fixture = await startFixture(c.spec)
    try {
      const r = await probeEndpoints([{url: f.url, role: c.role ?? 'api', plainHttpUrl: f.plainHttpUrl, caPem: f.caPem}])
      for (const o of r.observations) expect(o.status, o.status === 'error' ? o.reason : '').toBe('ok')
      expect(adverseOf(r)).toEqual(c.adverse)
      if (c.adverse.length === 0) expect(r.findings.filter(above)).toEqual([])
      expect(r.findings.filter((x) => x.status === 'error' || x.status === 'not-assessed').map((x) => x.ruleId)).toEqual([])
    } finally {
      await f.close()
    }
  })
})

let ca: IssuedCertificate
const leaves: Record<string, IssuedCertificate> = {}
let dhparam1024: string
let tmp: string
beforeAll(async () => {
  ca = await fixtureCa()
  const base = {subject: 'CN=localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], issuer: ca}
  leaves.rsa = await issueCertificate({...base, key: {type: 'rsa', bits: 2048}, notAfter: new Date(Date.now() + 200 * DAY)})
  leaves.ec = await issueCertificate({...base, notAfter: new Date(Date.now() + 200 * DAY)})
  leaves.ec80 = await issueCertificate({...base, notAfter: new Date(Date.now() + 80 * DAY)})
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'scanvet-corpus-'))
  dhparam1024 = path.join(tmp, 'dh1024.pem')
  await promisify(execFile)('openssl', ['dhparam', '-out', dhparam1024, '1024'])
})
afterAll(async () => {
  await fs.rm(tmp, {recursive: true, force: true})
})

const MOZILLA_INTERMEDIATE_12 = 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305'
const MOZILLA_12 = ['-min_protocol', 'TLSv1.2', '-cipher', MOZILLA_INTERMEDIATE_12]
// s_server keeps a session-ID cache and issues tickets unless told not to: the controls resume every way.
const RESUMES = {resumption: {resumed: true, tls13: {offered: true, ticketIssued: true}, tls12: {ticket: true, sessionId: true}}, earlyData: {accepted: false}}
const OPENSSL_CORPUS: readonly {name: string; leaf: string; args: string[]; www?: false; adverse: string[]; profile: string; facts?: Record<string, unknown>}[] = [
  {name: 'control: Mozilla intermediate (RSA 2048)', leaf: 'rsa', args: MOZILLA_12, adverse: [], profile: 'intermediate', facts: RESUMES},
  {name: 'control: Mozilla intermediate (ECDSA P-256)', leaf: 'ec', args: MOZILLA_12, adverse: [], profile: 'intermediate', facts: RESUMES},
  {
    name: 'control: Mozilla modern (TLS 1.3 only, ECDSA P-256, 80-day certificate)',
    leaf: 'ec80',
    args: ['-tls1_3'],
    adverse: ['tls-protocol-old-clients'],
    profile: 'modern',
    facts: {resumption: {resumed: true, tls13: {offered: true, ticketIssued: true}, mechanisms: 'TLS 1.3 session ticket (PSK)'}, earlyData: {accepted: false}},
  },
  {name: 'weak group: DHE with 1024-bit parameters', leaf: 'rsa', args: ['-min_protocol', 'TLSv1.2', '-cipher', 'DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0', '-dhparam', '@dh1024'], adverse: ['tls-dicom-profile', 'tls-kx-groups-strong', 'tls-mozilla-profile'], profile: 'neither'},
  {name: 'legacy protocol: TLS 1.0 and 1.1 (openssl)', leaf: 'rsa', args: ['-min_protocol', 'TLSv1', '-cipher', `${MOZILLA_INTERMEDIATE_12}:ECDHE-RSA-AES128-SHA:@SECLEVEL=0`], adverse: ['tls-ciphers-aead', 'tls-dicom-profile', 'tls-mozilla-profile', 'tls-protocols-legacy-disabled'], profile: 'neither'},
  // TLS 1.3 tickets are still issued (stateful ones, with -no_ticket) but, with no cache, never found again.
  {
    name: 'no session resumption (openssl -no_ticket -no_cache)',
    leaf: 'rsa',
    args: [...MOZILLA_12, '-no_ticket', '-no_cache'],
    adverse: ['tls-session-resumption'],
    profile: 'intermediate',
    facts: {resumption: {resumed: false, tls13: {offered: false, ticketIssued: true}, tls12: {ticket: false, sessionId: false}}, earlyData: {accepted: false}},
  },
  // No TLS 1.3 ticket at all: the probe waits for one, then reads "none" (and so no early data); TLS 1.2 resumes.
  {
    name: 'no TLS 1.3 tickets (openssl -num_tickets 0)',
    leaf: 'rsa',
    args: [...MOZILLA_12, '-num_tickets', '0'],
    adverse: [],
    profile: 'intermediate',
    facts: {
      resumption: {resumed: true, tls13: {offered: false, ticketIssued: false}, tls12: {ticket: true, sessionId: true}},
      earlyData: {accepted: false, basis: 'the server issued no TLS 1.3 session ticket, and early data needs one'},
    },
  },
  // -early_data sets max_early_data to 16384 in every ticket; s_server refuses it with -www, so it echoes instead.
  {
    name: 'early data accepted (openssl -early_data)',
    leaf: 'rsa',
    args: [...MOZILLA_12, '-early_data'],
    www: false,
    adverse: ['tls-early-data'],
    profile: 'intermediate',
    facts: {resumption: {resumed: true, tls13: {offered: true, ticketIssued: true}}, earlyData: {accepted: true, maxSize: 16384}},
  },
]

describe('openssl s_server fixtures (TLS checks, as DICOM TLS endpoints)', () => {
  it.each(OPENSSL_CORPUS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const args = c.args.map((a) => (a === '@dh1024' ? dhparam1024 : a))
    const server = await startOpensslServer(leaves[c.leaf]!, ca.certPem, args, {www: c.www ?? true})
    try {
      const r = await probeEndpoints([{url: `dicom-tls://127.0.0.1:${server.port}`, role: 'dicom-tls', caPem: ca.certPem}])
      const o = r.observations[0]!
      expect(o.status, o.status === 'error' ? o.reason : '').toBe('ok')
      const facts = (o as unknown as {facts: {mozilla: {profile: string}}}).facts
      expect(r.adverse).toEqual(c.adverse)
      expect(facts.mozilla.profile).toBe(c.profile)
      if (c.facts) expect(facts).toMatchObject(c.facts)
      expect(r.findings.filter((x) => x.status === 'error' || x.status === 'not-assessed').map((x) => `${x.ruleId}: ${x.reason}`)).toEqual([])
      if (c.name.startsWith('control')) expect(r.findings.filter(above)).toEqual([])
    } finally {
      await server.close()
    }
  })
})

/**
 * What Debian's OpenSSL cannot be (no zlib; renegotiation_info always sent), played by a front before the clean
 * Node server that edits only the ServerHello answering scanvet's own hellos (test/helpers/tls-scripted-server.ts):
 * Node's handshakes never offer DEFLATE and signal secure renegotiation with the SCSV, so they pass untouched and
 * the rest of the endpoint (certificate, HTTP, resumption) is the real server's. One defect, one finding.
 */
describe('scripted fronts before a clean server: compression, insecure renegotiation', () => {
  const FRONTS = [
    {name: 'TLS compression (DEFLATE chosen when offered)', script: {serverHello12: chooseDeflate}, adverse: ['tls-compression-disabled'], facts: {compression: {accepted: true}, renegotiation: {secure: true}}},
    {name: 'no secure renegotiation (renegotiation_info taken out)', script: {serverHello12: dropRenegotiationInfo}, adverse: ['tls-secure-renegotiation'], facts: {compression: {accepted: false}, renegotiation: {secure: false}}},
  ]
  it.each(FRONTS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const hostile = new HostileServers()
    const good = await startFixture({})
    try {
      const port = await scriptedFront(hostile, good.port, c.script)
      const r = await probeEndpoints([{url: `https://127.0.0.1:${port}/`, role: 'api', plainHttpUrl: good.plainHttpUrl, caPem: good.caPem}])
      const tlsObs = r.observations.find((o) => o.probe === 'tls')!
      expect(tlsObs.status, tlsObs.status === 'error' ? tlsObs.reason : '').toBe('ok')
      const facts = (tlsObs as unknown as {facts: Record<string, unknown>}).facts
      // The TLS 1.2 resumption handshakes went through the front: they were not edited.
      expect(facts).toMatchObject({...c.facts, resumption: {resumed: true, tls12: {ticket: true}}})
      expect(r.adverse).toEqual(c.adverse)
      expect(r.findings.filter((x) => x.status === 'error' || x.status === 'not-assessed').map((x) => x.ruleId)).toEqual([])
      expect(r.findings.filter((x) => above(x) && !c.adverse.includes(x.ruleId))).toEqual([])
    } finally {
      await hostile.closeAll()
      await good.close()
    }
  })
})

describe('a server that breaks off one suite mid-handshake', () => {
  it('makes the cipher enumeration incomplete with the reason, never a refusal, and its checks errors', async () => {
    const hostile = new HostileServers()
    const good = await startFixture({})
    try {
      // TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: the ServerHello that picks it is followed by a reset.
      const port = await hostile.resetAfterServerHello(good.port, (suite) => suite === 0xc02c)
      const r = await probeEndpoints([{url: `https://127.0.0.1:${port}/`, role: 'api', plainHttpUrl: good.plainHttpUrl, caPem: good.caPem}])
      const tlsObs = r.observations.find((o) => o.probe === 'tls')!
      expect(tlsObs.status).toBe('ok')
      const facts = (tlsObs as unknown as {facts: {ciphers: {complete: boolean; problem: string}; unobserved: {ciphers: string}}}).facts
      expect(facts.ciphers.complete).toBe(false)
      expect(facts.ciphers.problem).toMatch(/TLSv1\.2: the server (reset|closed) the connection right after its ServerHello/)
      const status = (id: string) => r.findings.find((f) => f.ruleId === id && f.target?.startsWith('https://127.0.0.1:' + port))?.status
      for (const id of ['tls-ciphers-no-weak', 'tls-ciphers-forward-secrecy', 'tls-ciphers-aead']) expect(status(id), id).toBe('error')
      expect(status('tls-cert-trusted')).toBe('pass')
      expect(r.adverse).toEqual(['tls-mozilla-profile'])
    } finally {
      await hostile.closeAll()
      await good.close()
    }
  })
})

describe('hostile servers: error findings within their deadline, never a pass or a refusal', () => {
  const hostile = new HostileServers()
  let good: Fixture
  afterAll(async () => {
    await hostile.closeAll()
    await good?.close()
  })

  it('each gives an error observation of the right class, and the HTTP half keeps the redirect result', async () => {
    good = await startFixture({})
    const leaf = await issueCertificate({subject: 'CN=localhost', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], issuer: ca})
    const closed = await hostile.closedPort()
    const ports = {
      silent: await hostile.silent(),
      garbage: await hostile.garbage(),
      ssh: await hostile.sshBanner(),
      resetOnHello: await hostile.resetOnHello(),
      resetAfterServerHello: await hostile.resetAfterServerHello(good.port),
      oneBytePerSecond: await hostile.oneBytePerSecond(),
      plainHttpRedirect: await hostile.plainHttp('redirect'),
      plainHttpPage: await hostile.plainHttp('page'),
      closed,
    }
    const expectedClass: Record<keyof typeof ports, string[]> = {
      silent: ['timeout'],
      garbage: ['not-tls'],
      ssh: ['not-tls'],
      resetOnHello: ['reset'],
      resetAfterServerHello: ['reset'],
      oneBytePerSecond: ['timeout'],
      plainHttpRedirect: ['not-tls'],
      plainHttpPage: ['not-tls'],
      closed: ['refused'],
    }
    const httpHang = await hostile.tlsThenSilence(leaf.keyPem, leaf.certPem + ca.certPem)
    const endpoints = [
      ...Object.entries(ports).map(([name, port]) => ({url: `https://127.0.0.1:${port}/${name}`, role: 'api' as const, plainHttpUrl: `http://127.0.0.1:${closed}/`})),
      {url: `https://127.0.0.1:${httpHang}/httpHang`, role: 'api' as const, plainHttpUrl: good.plainHttpUrl, caPem: ca.certPem},
    ]
    const t0 = Date.now()
    const r = await probeEndpoints(endpoints, {connectTimeoutMs: TIMEOUT_MS, requestTimeoutMs: TIMEOUT_MS})
    expect(Date.now() - t0).toBeLessThan(TIMEOUT_MS * 4)
    for (const o of r.observations) expect(o.durationMs, `${o.probe} ${o.target}`).toBeLessThan(TIMEOUT_MS + 1000)

    for (const [name] of Object.entries(ports)) {
      const url = endpoints.find((e) => e.url.endsWith(`/${name}`))!.url
      const tlsObs = r.observations.find((o) => o.target === url && o.probe === 'tls')!
      expect(tlsObs.status, `${name}`).toBe('error')
      const facts = (tlsObs as unknown as {facts?: {error?: {class: string; reason: string}}}).facts
      expect(expectedClass[name as keyof typeof ports], `${name}: ${facts?.error?.reason}`).toContain(facts?.error?.class)
      const findings = r.findings.filter((f) => f.target === url)
      const notError = findings.filter((f) => f.status !== 'error').map((f) => `${f.ruleId} ${f.status}`)
      expect(notError, name).toEqual(['tls-dicom-profile not-applicable', 'http-redirect-to-https pass', 'http-security-headers not-applicable'])
      expect(findings.filter((f) => f.status === 'error').every((f) => f.message.startsWith('Could not be checked'))).toBe(true)
    }
    const resetReason = (r.observations.find((o) => o.target.endsWith("/resetAfterServerHello") && o.probe === "tls") as unknown as {reason: string}).reason
    expect(resetReason).toMatch(/ServerHello.*reset|reset.*ServerHello/)

    // TLS fine, HTTP never answers: the TLS checks are judged (clean), HSTS is an error (never "no HSTS"), and
    // the plain-HTTP redirect result is kept.
    const hangUrl = endpoints.at(-1)!.url
    const hang = r.findings.filter((f) => f.target === hangUrl)
    expect(r.observations.find((o) => o.target === hangUrl && o.probe === 'tls')!.status).toBe('ok')
    expect(hang.filter((f) => f.ruleId.startsWith('tls-') && (f.status === 'fail' || f.status === 'warn') && f.severity !== 'info')).toEqual([])
    const byId = Object.fromEntries(hang.filter((f) => f.ruleId.startsWith('http-')).map((f) => [f.ruleId, f.status]))
    expect(byId).toEqual({
      'http-hsts': 'error',
      'http-content-type-options': 'error',
      'http-server-banner': 'error',
      'http-security-headers': 'not-applicable',
      'http-redirect-to-https': 'pass',
    })
    expect((hang.find((f) => f.ruleId === 'http-hsts') as {reason: string}).reason).toMatch(/within 1500 ms/)
  })
})

describe('the same servers through `assess` (the real CLI): findings per endpoint as in the library run', () => {
  const picked = ['clean server (Mozilla intermediate, ECDSA P-256)', 'clean portal', 'TLS 1.3 only (Mozilla modern)', 'missing intermediate', 'expired certificate', 'leaf names an OCSP responder, no staple', 'no HSTS', 'portal without browser headers']
  it('controls have nothing above info, each defect server exactly its findings', async () => {
    const cases = picked.map((n) => FIXTURE_CASES.find((c) => c.name === n)!)
    const fixtures = await Promise.all(cases.map((c) => startFixture(c.spec)))
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'scanvet-corpus-assess-'))
    try {
      const ws = path.join(root, 'ws')
      expect((await runCli(['init', ws, '--org', 'Corpus Clinic'])).code).toBe(0)
      const dir = path.join(ws, 'vendors', 'corpus')
      await fs.mkdir(dir, {recursive: true})
      await fs.writeFile(path.join(dir, 'ca.pem'), fixtures[0]!.caPem)
      await fs.writeFile(path.join(dir, 'answers.yaml'), answersFor('corpus', await demoAnswers({})))
      const endpoints = fixtures.map((f, i) => ({url: `${f.url}${i}`, role: cases[i]!.role ?? 'api', caBundle: 'ca.pem', plainHttpUrl: f.plainHttpUrl}))
      const profile = {id: 'corpus', name: 'Corpus Imaging', service: 'fixture corpus', jurisdictions: ['US'], endpoints, questionnaire: {id: 'imaging-ai-vendor', answers: 'answers.yaml'}}
      await fs.writeFile(path.join(dir, 'vendor.yaml'), stringify(profile))
      const r = await runCli(['assess', 'corpus'], {cwd: ws, timeoutMs: 120_000})
      expect([0, 3], r.stderr).toContain(r.code)
      const rounds = path.join(dir, 'assessments')
      const round = path.join(rounds, (await fs.readdir(rounds))[0]!)
      const a = JSON.parse(await fs.readFile(path.join(round, 'assessment.json'), 'utf8')) as {findings: Finding[]}
      endpoints.forEach((e, i) => {
        const mine = a.findings.filter((f) => f.target === e.url && /^(tls|http)-/.test(f.ruleId))
        const adverse = [...new Set(mine.filter((f) => f.status === 'fail' || f.status === 'warn').map((f) => f.ruleId))].sort()
        expect(adverse, cases[i]!.name).toEqual(cases[i]!.adverse)
        expect(mine.filter((f) => f.status === 'error' || f.status === 'not-assessed').map((f) => f.ruleId), cases[i]!.name).toEqual([])
        if (cases[i]!.adverse.length === 0) expect(mine.filter(above)).toEqual([])
      })
    } finally {
      await Promise.all(fixtures.map((f) => f.close()))
      await fs.rm(root, {recursive: true, force: true})
    }
  }, 180_000)
})

describe('every Node fixture server through `probe tls --url` (the real CLI, both halves): the same findings', () => {
  it('each https:// endpoint gives exactly its expected findings; its http:// address gives the redirect verdict', async () => {
    const fixtures = await Promise.all(FIXTURE_CASES.map((c) => startFixture(c.spec)))
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'scanvet-corpus-probe-'))
    try {
      const caFile = path.join(root, 'ca.pem')
      await fs.writeFile(caFile, fixtures[0]!.caPem)
      // A path per server keeps the targets apart; the role decides which HTTP checks apply.
      const https = fixtures.map((f, i) => `${f.url}${i}`)
      const args = FIXTURE_CASES.flatMap((c, i) => ['--url', `${c.role ?? 'api'}=${https[i]}`, '--url', fixtures[i]!.plainHttpUrl])
      const r = await runCli(['probe', 'tls', ...args, '--ca', caFile, '--timeout', String(TIMEOUT_MS * 2), '--json'], {timeoutMs: 170_000})
      expect(r.code, r.stderr).toBe(0)
      const out = JSON.parse(r.stdout) as {endpoints: {url: string; status: string}[]; findings: Finding[]}
      expect(out.endpoints.filter((e) => e.status !== 'probed')).toEqual([])
      FIXTURE_CASES.forEach((c, i) => {
        // On ad-hoc URLs the redirect of the https:// endpoint is tried on port 80; its own http:// address is the one that counts.
        const mine = out.findings.filter((f) => f.target === https[i] && /^(tls|http)-/.test(f.ruleId) && f.ruleId !== 'http-redirect-to-https')
        const adverse = [...new Set(mine.filter((f) => f.status === 'fail' || f.status === 'warn').map((f) => f.ruleId))].sort()
        expect(adverse, c.name).toEqual(c.adverse.filter((x) => x !== 'http-redirect-to-https'))
        expect(mine.filter((f) => f.status === 'error' || f.status === 'not-assessed').map((f) => f.ruleId), c.name).toEqual([])
        const redirect = out.findings.find((f) => f.target === fixtures[i]!.plainHttpUrl && f.ruleId === 'http-redirect-to-https')
        expect(redirect?.status === 'fail' || redirect?.status === 'warn', `${c.name}: redirect`).toBe(c.adverse.includes('http-redirect-to-https'))
      })
      console.log(`probe tls corpus: ${FIXTURE_CASES.length} servers, ${out.findings.length} findings, through one CLI run`)
    } finally {
      await Promise.all(fixtures.map((f) => f.close()))
      await fs.rm(root, {recursive: true, force: true})
    }
  }, 180_000)
})
