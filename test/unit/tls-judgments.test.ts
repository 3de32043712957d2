import {describe, expect, it} from 'vitest'

import {evaluateCheck} from '../../src/checks/evaluate-check.js'
import {loadChecks} from '../../src/checks/load-checks.js'
import type {Observation} from '../../src/model/observation.js'
import {securityHeaderFacts} from '../../src/probes/http/http-facts.js'
import {MOZILLA_CONFIGURATIONS} from '../../src/probes/tls/data/mozilla-guidelines-6.0.js'
import {mozillaProfile, type ProfileInput} from '../../src/probes/tls/mozilla-profile.js'
import {failureClassOf, unreachable} from '../../src/probes/tls/unreachable.js'
import {observatoryScore} from '../../src/probes/http/observatory.js'

const checks = await loadChecks()
const check = (id: string) => checks.find((c) => c.id === id)!

const INTERMEDIATE: ProfileInput = {
  offered: ['TLSv1.2', 'TLSv1.3'],
  suites: {'TLSv1.2': ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'], 'TLSv1.3': ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384']},
  groups: {'TLSv1.3': ['X25519', 'P-256', 'ffdhe2048'], 'TLSv1.2': ['X25519', 'P-256']},
  weakGroups: [],
  certificate: {keyType: 'ec', curve: 'prime256v1', keyBits: 256, signatureAlgorithm: 'ecdsa-with-SHA256', lifetimeDays: 200},
}

describe('Mozilla Server Side TLS 6.0 profile verdict', () => {
  it('the data is the 6.0 guidelines: modern is TLS 1.3 only, intermediate has no CBC or DHE suite', () => {
    expect(MOZILLA_CONFIGURATIONS.modern.tls_versions).toEqual(['TLSv1.3'])
    expect(MOZILLA_CONFIGURATIONS.intermediate.ciphers.iana.every((s) => s.startsWith('TLS_ECDHE_') && !/CBC/.test(s))).toBe(true)
  })

  it('intermediate settings are intermediate, and say why they are not modern', () => {
    const p = mozillaProfile(INTERMEDIATE)
    expect(p.profile).toBe('intermediate')
    expect(p.notIntermediate).toEqual([])
    expect(p.notModern.join('; ')).toMatch(/accepts TLSv1\.2/)
    expect(p.notModern.join('; ')).toMatch(/lifetime 200 days \(maximum 90\)/)
  })

  it('TLS 1.3 only with an ECDSA certificate of 90 days or less is modern', () => {
    const p = mozillaProfile({...INTERMEDIATE, offered: ['TLSv1.3'], suites: {'TLSv1.3': ['TLS_AES_128_GCM_SHA256']}, certificate: {...INTERMEDIATE.certificate!, lifetimeDays: 80}})
    expect(p).toMatchObject({profile: 'modern', notModern: [], notIntermediate: []})
  })

  it.each([
    ['a legacy version', {offered: ['TLSv1', 'TLSv1.2', 'TLSv1.3']}, /accepts TLSv1 /],
    ['a CBC suite', {suites: {...INTERMEDIATE.suites, 'TLSv1.2': ['TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA']}}, /TLS 1\.2 suites outside the list: TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA/],
    ['a weak group', {weakGroups: ['DH-1024'], minDhBits: 1024}, /weak key exchange: DH-1024/],
    ['an RSA-1024 key', {certificate: {...INTERMEDIATE.certificate!, keyType: 'rsa', curve: undefined, keyBits: 1024, signatureAlgorithm: 'sha256WithRSAEncryption'}}, /RSA key of 1024 bits/],
    ['a SHA-1 signature', {certificate: {...INTERMEDIATE.certificate!, signatureAlgorithm: 'ecdsa-with-SHA1'}}, /signed with ecdsa-with-SHA1/],
    ['an incomplete enumeration', {suites: undefined}, /could not all be enumerated/],
  ] as const)('%s is neither', (_n, change, why) => {
    const p = mozillaProfile({...INTERMEDIATE, ...change} as ProfileInput)
    expect(p.profile).toBe('neither')
    expect(p.notIntermediate.join('; ')).toMatch(why)
  })
})

describe('endpoint failures are classified', () => {
  it.each([
    ['ETIMEDOUT', 'timeout'],
    ['ECONNRESET', 'reset'],
    ['EBROKEN', 'reset'],
    ['ECONNREFUSED', 'refused'],
    ['ENOTFOUND', 'dns'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'not-tls'],
    [undefined, 'handshake-failed'],
  ] as const)('%s is %s', (code, cls) => expect(failureClassOf(code)).toBe(cls))

  it('a reset after a ServerHello is named for what it is', () => {
    const f = unreachable({kind: 'network-error', code: 'ECONNRESET', reason: 'the server reset the connection during the handshake'}, [
      {kind: 'accepted', version: 'TLSv1.2', suite: 0xc02b, compression: 0, helloRetry: false, secureRenegotiation: true, extendedMasterSecret: true, heartbeat: false},
    ])
    expect(f).toMatchObject({class: 'reset'})
    expect(f.reason).toMatch(/ServerHello \(TLSv1\.2\), then reset the connection/)
  })
})

const obs = (o: Partial<Observation> & Pick<Observation, 'status'>): Observation => ({probe: 'http', target: 'https://x.example/', startedAt: '2026-12-03T00:00:00Z', durationMs: 1, ...o}) as Observation

describe('a probe that failed part-way', () => {
  const failed = obs({
    status: 'error',
    reason: 'https://x.example/: no complete HTTP answer within 1500 ms',
    facts: {endpoint: {role: 'api'}, redirect: {url: 'http://x.example/', outcome: 'redirect-https', status: 301}, unobserved: {}},
  })
  it('keeps what it saw: the redirect is judged', () => {
    expect(evaluateCheck(check('http-redirect-to-https'), failed).status).toBe('pass')
  })
  it('says "could not be checked" for the rest, never "no HSTS"', () => {
    const f = evaluateCheck(check('http-hsts'), failed)
    expect(f.status).toBe('error')
    expect(f.message).toBe('Could not be checked: https://x.example/: no complete HTTP answer within 1500 ms')
  })
  it('an error observation without `unobserved` stays an error for every check', () => {
    const f = evaluateCheck(check('http-redirect-to-https'), obs({status: 'error', reason: 'x', facts: {redirect: {outcome: 'redirect-https'}}}))
    expect(f.status).toBe('error')
  })
  it('an incomplete enumeration makes the cipher checks errors with the reason', () => {
    const f = evaluateCheck(check('tls-ciphers-no-weak'), obs({probe: 'tls', status: 'ok', facts: {ciphers: {complete: false}, unobserved: {ciphers: 'cipher-suite enumeration incomplete (TLSv1.2: reset)'}}}))
    expect(f).toMatchObject({status: 'error', reason: 'cipher-suite enumeration incomplete (TLSv1.2: reset)'})
  })
})

describe('security headers by role', () => {
  const apiHeaders = {'x-content-type-options': 'nosniff', 'strict-transport-security': 'max-age=63072000; includeSubDomains'}
  it('an API sending nosniff only passes; a portal sending the same does not', () => {
    const sec = securityHeaderFacts(apiHeaders)
    expect(sec.browserMissing).toEqual(['Content-Security-Policy', 'X-Frame-Options', 'Referrer-Policy'])
    const observatory = observatoryScore({url: 'https://portal.example/', headers: apiHeaders, originSent: 'https://probe.invalid', redirectOutcome: 'redirect-https'})
    expect(observatory.judgedScore).toBe(55)
    const judge = (role: string) => evaluateCheck(check('http-security-headers'), obs({status: 'ok', facts: {endpoint: {role}, securityHeaders: sec, observatory}})).status
    expect(judge('api')).toBe('not-applicable')
    expect(judge('dicomweb')).toBe('not-applicable')
    expect(judge('portal')).toBe('fail')
    expect(evaluateCheck(check('http-content-type-options'), obs({status: 'ok', facts: {securityHeaders: sec}})).status).toBe('pass')
  })
})
