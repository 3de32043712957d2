import {promises as fs} from 'node:fs'
import path from 'node:path'

import type {Observation} from '../../model/observation.js'
import {tlsTargetOf, type TlsTarget} from '../../net/endpoint.js'
import {limiter} from '../../util/pool.js'
import type {VendorEndpoint} from '../../workspace/workspace-types.js'
import type {Probe, ProbeContext} from '../probe-types.js'
import {certificateFacts} from './certificate-facts.js'
import {trustedApartFromTime} from './chain-trust.js'
import {suitesFor, type CipherSuite} from './cipher-catalogue.js'
import {sendClientHello, type HelloResult} from './client-hello.js'
import {enumerateSuites, kxOfId, type RunHello, type VersionSuites} from './enumerate-suites.js'
import {handshake} from './handshake.js'
import {probeKeyExchange} from './key-exchange.js'
import {ocspFacts} from './ocsp-staple.js'

/**
 * Versions and suites are tried with scanvet's own ClientHello (client-hello.ts): OpenSSL 3 cannot send SSLv3
 * at all and refuses TLS 1.0/1.1, RC4, 3DES and EXPORT suites, which would make a legacy server look safe. The
 * one normal handshake (certificate, OCSP) uses Node's TLS at security level 0 for the same reason.
 */
export const PROTOCOL_VERSIONS = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const
export const LEGACY_VERSIONS: readonly string[] = ['SSLv3', 'TLSv1', 'TLSv1.1']

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
  const run = (opts: Parameters<typeof handshake>[1]) => perEndpoint(() => limit(() => handshake(target, opts)))
  const hello: RunHello = (opts) => perEndpoint(() => limit(() => sendClientHello(target, opts, kxOfId)))
  const allSuites = (v: string) => suitesFor(v).map((s) => Number(s.id))

  // A normal handshake (certificate, OCSP, what a default client gets) and one ClientHello per version go out together.
  const [baseline, versions] = await Promise.all([
    run({ca, timeoutMs, wantCertificate: true, requestOCSP: true, ciphers: 'DEFAULT:@SECLEVEL=0'}),
    Promise.all(PROTOCOL_VERSIONS.map(async (v) => [v, await hello({version: v, suites: allSuites(v), timeoutMs})] as const)),
  ])
  const reachable = baseline.kind === 'connected' || versions.some(([, r]) => r.kind === 'accepted')
  if (!reachable) {
    const reason = baseline.kind === 'network-error' ? baseline.reason : `no TLS version could be negotiated (${baseline.reason})`
    return done({status: 'error', reason: `${target.label}: ${reason}`})
  }
  // Once the server has answered TLS, a connection it drops on an old version's ClientHello is its way of saying no.
  const saysNo = (r: HelloResult) => r.kind === 'refused' || (r.kind === 'network-error' && r.code === 'ECONNRESET')
  const offered = versions.filter(([, r]) => r.kind === 'accepted').map(([v]) => v)
  const notOffered = versions.filter(([, r]) => saysNo(r)).map(([v]) => v)
  const untestable = versions.filter(([, r]) => r.kind === 'network-error' && !saysNo(r)).map(([v]) => v)

  const parallel = ctx.network.perEndpointConcurrency
  const newestLegacy = versions.filter(([v, r]) => v !== 'TLSv1.3' && v !== 'SSLv3' && r.kind === 'accepted').at(-1)
  const [bySuite, compression] = await Promise.all([
    Promise.all(offered.map((v) => enumerateSuites(v, hello, timeoutMs, parallel))),
    newestLegacy ? hello({version: newestLegacy[0], suites: allSuites(newestLegacy[0]), compression: true, timeoutMs}) : undefined,
  ])
  const kx = await probeKeyExchange(offered, bySuite.flatMap((v) => v.accepted), hello, timeoutMs)
  const extensionsOf = newestLegacy?.[1].kind === 'accepted' ? newestLegacy[1] : undefined

  const facts: Record<string, unknown> = {
    endpoint: {url: endpoint.url, role: endpoint.role, host: target.host, port: target.port, label: target.label},
    protocols: {
      offered,
      notOffered,
      untestable,
      legacyOffered: offered.filter((v) => LEGACY_VERSIONS.includes(v)),
      tls12: offered.includes('TLSv1.2'),
      tls13: offered.includes('TLSv1.3'),
    },
    ciphers: cipherFacts(bySuite),
    kx,
    // Renegotiation, extended master secret and compression exist only up to TLS 1.2: absent for a TLS 1.3-only server.
    ...(extensionsOf
      ? {
          renegotiation: {secure: extensionsOf.secureRenegotiation},
          extendedMasterSecret: extensionsOf.extendedMasterSecret,
        }
      : {}),
    ...(compression?.kind === 'accepted' ? {compression: {accepted: compression.compression !== 0}} : {}),
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
        ...(a.keyExchange ? {kx: [a.keyExchange.name ?? a.keyExchange.type, a.keyExchange.bits].filter(Boolean).join(' ')} : {}),
      })),
    ]),
  )
  const all = bySuite.flatMap((v) => v.accepted.map((a) => [v.version, a.suite] as const))
  if (incomplete.length > 0) {
    return {complete: false, problem: `${incomplete[0]!.version}: ${(incomplete[0] as {reason: string}).reason}`, byVersion}
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
  }
}


export const tlsProbe: Probe = {
  family: 'tls',
  description: 'TLS versions, every accepted cipher suite, key-exchange groups, certificate, OCSP stapling of every endpoint',
  async run(vendor, ctx) {
    const limit = limiter(ctx.network.concurrency)
    return Promise.all(vendor.endpoints.map((e) => probeTlsEndpoint(e, ctx, limit)))
  },
}
