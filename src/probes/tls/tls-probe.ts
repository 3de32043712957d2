import {promises as fs} from 'node:fs'
import path from 'node:path'
import type {SecureVersion} from 'node:tls'

import type {Observation} from '../../model/observation.js'
import {tlsTargetOf, type TlsTarget} from '../../net/endpoint.js'
import {limiter} from '../../util/pool.js'
import type {VendorEndpoint} from '../../workspace/workspace-types.js'
import type {Probe, ProbeContext} from '../probe-types.js'
import {certificateFacts} from './certificate-facts.js'
import {trustedApartFromTime} from './chain-trust.js'
import {suitesFor, UNTESTABLE_SUITES, type CipherSuite} from './cipher-catalogue.js'
import {cipherString, enumerateSuites, type RunHandshake, type VersionSuites} from './enumerate-suites.js'
import {handshake, type HandshakeResult} from './handshake.js'
import {probeKeyExchange} from './key-exchange.js'
import {ocspFacts} from './ocsp-staple.js'

export const TLS_VERSIONS: readonly SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']
export const LEGACY_VERSIONS = ['SSLv3', 'TLSv1', 'TLSv1.1']

/**
 * OpenSSL 3 refuses TLS 1.0/1.1 and weak keys at its default security level, which would make a server that
 * still accepts them look safe. Every suite is offered at level 0 (see cipherString): we are testing the
 * server, not trusting it.
 */

type Limit = <R>(fn: () => Promise<R>) => Promise<R>

const readCa = async (endpoint: VendorEndpoint, ctx: ProbeContext): Promise<string[] | {error: string}> => {
  if (!endpoint.caBundle) return []
  const file = path.resolve(ctx.vendorDir, endpoint.caBundle)
  try {
    return [await fs.readFile(file, 'utf8')]
  } catch {
    return {error: `the CA bundle ${endpoint.caBundle} named in the profile cannot be read`}
  }
}

/** Probe one endpoint: certificate and negotiated parameters, protocol versions, every suite, groups, extras. */
export const probeTlsEndpoint = async (endpoint: VendorEndpoint, ctx: ProbeContext, limit: Limit): Promise<Observation> => {
  const started = ctx.now()
  const t0 = performance.now()
  let target: TlsTarget
  const done = (o: {status: 'ok'; facts: Record<string, unknown>} | {status: 'error'; reason: string; facts?: Record<string, unknown>}): Observation => ({
    probe: 'tls',
    target: endpoint.url,
    startedAt: started.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    ...o,
  })
  try {
    target = tlsTargetOf(endpoint.url)
  } catch {
    return done({status: 'error', reason: `not a valid endpoint URL: ${endpoint.url}`})
  }
  const ca = await readCa(endpoint, ctx)
  if (!Array.isArray(ca)) return done({status: 'error', reason: ca.error})
  const timeoutMs = ctx.network.connectTimeoutMs
  const perEndpoint = limiter(ctx.network.perEndpointConcurrency)
  const run: RunHandshake = (opts) => perEndpoint(() => limit(() => handshake(target, opts)))

  // The baseline (what a normal client gets) and one handshake per version go out together.
  const [baseline, versions] = await Promise.all([
    run({ca, timeoutMs, wantCertificate: true, requestOCSP: true, ciphers: 'DEFAULT:@SECLEVEL=0'}),
    Promise.all(
      TLS_VERSIONS.map(async (v) => [v, await run({minVersion: v, maxVersion: v, timeoutMs, ciphers: cipherString(v, suitesFor(v))})] as const),
    ),
  ])
  if (baseline.kind === 'network-error' && versions.every(([, r]) => r.kind !== 'connected')) {
    return done({status: 'error', reason: `${target.label}: ${baseline.reason}`})
  }
  const reachable = baseline.kind === 'connected' || versions.some(([, r]) => r.kind === 'connected')
  // Once the server has answered TLS, a connection it drops on an old version's ClientHello is its way of saying no.
  const saysNo = (r: HandshakeResult) => r.kind === 'refused' || (reachable && r.kind === 'network-error' && r.code === 'ECONNRESET')
  const offered = versions.filter(([, r]) => r.kind === 'connected').map(([v]) => v)
  const notOffered = versions.filter(([, r]) => saysNo(r)).map(([v]) => v as string)
  // SSLv3 cannot be offered by Node's OpenSSL at all: say so rather than pass it silently.
  const untestable = ['SSLv3', ...versions.filter(([, r]) => r.kind !== 'connected' && !saysNo(r)).map(([v]) => v as string)]
  if (offered.length === 0) {
    return done({status: 'error', reason: `${target.label}: no TLS version could be negotiated (${reasonOf(baseline)})`})
  }

  const parallel = ctx.network.perEndpointConcurrency
  const [bySuite, renegotiation] = await Promise.all([
    Promise.all(offered.map((v) => enumerateSuites(v, run, timeoutMs, parallel))),
    secureRenegotiation(offered, run, timeoutMs),
  ])
  const kx = await probeKeyExchange(offered, bySuite.flatMap((v) => v.accepted), run, timeoutMs)

  const facts: Record<string, unknown> = {
    endpoint: {url: endpoint.url, role: endpoint.role, host: target.host, port: target.port, label: target.label},
    protocols: {
      offered,
      notOffered,
      untestable,
      legacyOffered: offered.filter((v) => LEGACY_VERSIONS.includes(v)),
      tls12: offered.includes('TLSv1.2'),
      tls13: offered.includes('TLSv1.3'),
      legacyTested: LEGACY_VERSIONS.filter((v) => v !== 'SSLv3').every((v) => offered.includes(v as SecureVersion) || notOffered.includes(v)),
    },
    ciphers: cipherFacts(bySuite),
    kx,
    ...(renegotiation !== undefined ? {renegotiation: {secure: renegotiation}} : {}),
    tool: {node: process.version, openssl: process.versions.openssl},
  }
  if (baseline.kind === 'connected') {
    facts.negotiated = {
      protocol: baseline.protocol,
      cipher: baseline.cipher.standardName,
      cipherOpenssl: baseline.cipher.name,
      ...(baseline.ephemeralKey ? {ephemeralKey: baseline.ephemeralKey} : {}),
    }
    facts.ocsp = await ocspFacts(baseline.ocspResponse)
    if (baseline.certificate) {
      const verdict = {authorized: baseline.authorized, ...(baseline.authorizationError ? {authorizationError: baseline.authorizationError} : {})}
      const cert = certificateFacts(baseline.certificate, baseline.chain?.length ?? 1, verdict, target, ctx.now())
      facts.certificate = {...cert, trusted: trustedApartFromTime(verdict, baseline.chain ?? [baseline.certificate], ca)}
    }
  }
  return done({status: 'ok', facts})
}

/**
 * RFC 5746: connect once without OpenSSL's permission to talk to servers lacking it. Only TLS 1.2 and older
 * renegotiate; a TLS 1.3-only server has nothing to judge (fact absent).
 */
const secureRenegotiation = async (offered: readonly SecureVersion[], run: RunHandshake, timeoutMs: number): Promise<boolean | undefined> => {
  const v = [...offered].reverse().find((x) => x !== 'TLSv1.3')
  if (!v) return undefined
  const r = await run({minVersion: v, maxVersion: v, timeoutMs, ciphers: cipherString(v, suitesFor(v)), legacyServerConnect: false})
  if (r.kind === 'connected') return true
  if (r.kind === 'refused' && r.reason.includes('UNSAFE_LEGACY_RENEGOTIATION')) return false
  return undefined
}

const describe = (v: string, s: CipherSuite, extra = ''): string => `${v} ${s.iana}${extra}`

/** Every accepted suite per version, graded, and the lists the checks read. Absent when enumeration was cut short. */
export const cipherFacts = (bySuite: readonly VersionSuites[]): Record<string, unknown> => {
  const incomplete = bySuite.filter((v) => v.status === 'incomplete')
  const byVersion = Object.fromEntries(
    bySuite.map((v) => [
      v.version,
      v.accepted.map((a) => ({
        id: a.suite.id,
        name: a.suite.iana,
        openssl: a.suite.openssl,
        bits: a.suite.bits,
        forwardSecrecy: a.suite.forwardSecrecy,
        aead: a.suite.aead,
        grade: a.suite.grade,
        ...(a.suite.weak.length > 0 ? {weak: a.suite.weak} : {}),
        ...(a.ephemeralKey?.size ? {kx: `${a.ephemeralKey.name ?? a.ephemeralKey.type} ${a.ephemeralKey.size}`} : {}),
      })),
    ]),
  )
  const all = bySuite.flatMap((v) => v.accepted.map((a) => [v.version, a.suite] as const))
  const notTested = UNTESTABLE_SUITES.map((s) => s.iana)
  if (incomplete.length > 0) {
    return {complete: false, problem: `${incomplete[0]!.version}: ${(incomplete[0] as {reason: string}).reason}`, byVersion, notTested}
  }
  const tls12 = bySuite.find((v) => v.version === 'TLSv1.2')
  return {
    complete: true,
    byVersion,
    count: all.length,
    weak: all.filter(([, s]) => s.weak.length > 0).map(([v, s]) => describe(v, s, ` (${s.weak.join(', ')})`)),
    withoutForwardSecrecy: all.filter(([, s]) => !s.forwardSecrecy).map(([v, s]) => describe(v, s)),
    // Before TLS 1.2 there are no AEAD suites at all; those versions are judged by the protocol check.
    nonAead: (tls12?.accepted ?? []).filter((a) => !a.suite.aead).map((a) => describe('TLSv1.2', a.suite)),
    cbcOnlyVersions: tls12 && tls12.accepted.length > 0 && tls12.accepted.every((a) => !a.suite.aead) ? ['TLSv1.2'] : [],
    notTested,
  }
}

const reasonOf = (r: HandshakeResult): string => (r.kind === 'connected' ? 'connected' : r.reason)

export const tlsProbe: Probe = {
  family: 'tls',
  description: 'TLS versions, every accepted cipher suite, key-exchange groups, certificate, OCSP stapling of every endpoint',
  async run(vendor, ctx) {
    const limit = limiter(ctx.network.concurrency)
    return Promise.all(vendor.endpoints.map((e) => probeTlsEndpoint(e, ctx, limit)))
  },
}
