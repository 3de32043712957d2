import {promises as fs} from 'node:fs'
import path from 'node:path'

import type {Observation} from '../../model/observation.js'
import {tlsTargetOf, type TlsTarget} from '../../net/endpoint.js'
import {describeProxy, issuedByProxyCa, proxyFor, proxyPolicy, type ProxyRoute} from '../../net/proxy.js'
import {limiter} from '../../util/pool.js'
import type {VendorEndpoint} from '../../workspace/workspace-types.js'
import type {Probe, ProbeContext} from '../probe-types.js'
import {certificateFacts} from './certificate-facts.js'
import {trustedApartFromTime} from './chain-trust.js'
import {suitesFor, type CipherSuite} from './cipher-catalogue.js'
import {sendClientHello, type HelloResult} from './client-hello.js'
import {enumerateSuites, kxOfId, type RunHello, type VersionSuites} from './enumerate-suites.js'
import {heartbeatFacts, probeFallbackScsv, probePostQuantum, type Extra} from './extra-hellos.js'
import {handshake} from './handshake.js'
import {probeKeyExchange} from './key-exchange.js'
import {ocspFacts} from './ocsp-staple.js'
import {dicomTlsProfile} from './dicom-tls-profile.js'
import {mozillaProfile, type ProfileInput} from './mozilla-profile.js'
import {probeResumption} from './resumption.js'
import {unreachable} from './unreachable.js'

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
  let route: ProxyRoute | undefined
  try {
    target = tlsTargetOf(endpoint.url)
    route = proxyFor(endpoint.url, proxyPolicy(ctx))
  } catch (error) {
    return done({status: 'error', reason: target! ? (error as Error).message : `not a valid endpoint URL: ${endpoint.url}`})
  }
  if (route) target = {...target, via: route}
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
  // A TLS-inspecting proxy answers with its own certificate: everything measured would be the proxy's.
  if (route && baseline.kind === 'connected' && baseline.chain && issuedByProxyCa(baseline.chain.map((c) => c.raw), route.ca)) {
    return done({
      status: 'error',
      reason: `${target.label}: the proxy ${describeProxy(route)} inspects TLS (the certificate it presented is issued by the proxy's CA), so this probe would measure the proxy, not the vendor; list the vendor's host in network.proxy.noProxy or NO_PROXY, or probe from a network without TLS inspection`,
    })
  }
  // Reachable means a full handshake completed, or the server refused ours with a TLS alert (it speaks only what
  // Node's OpenSSL cannot, e.g. SSL 3.0) while accepting one of our ClientHellos. A server that resets, times out
  // or answers garbage mid-handshake is an error, however far its ServerHello got.
  const accepted = versions.some(([, r]) => r.kind === 'accepted')
  const reachable = baseline.kind === 'connected' || (baseline.kind === 'refused' && accepted)
  if (!reachable) {
    const failure = unreachable(baseline, versions.map(([, r]) => r))
    return done({status: 'error', reason: `${target.label}: ${failure.reason}`, facts: {endpoint: {url: endpoint.url, role: endpoint.role, label: target.label}, error: failure, unobserved: {}}})
  }
  // A connection the server drops before sending a byte, on an old version's ClientHello, is its way of saying no.
  const saysNo = (r: HelloResult) => r.kind === 'refused' || (r.kind === 'network-error' && r.code === 'ECONNRESET')
  const offered = versions.filter(([, r]) => r.kind === 'accepted').map(([v]) => v)
  const notOffered = versions.filter(([, r]) => saysNo(r)).map(([v]) => v)
  const untestable = versions.filter(([, r]) => r.kind === 'network-error' && !saysNo(r)).map(([v]) => v)

  const parallel = ctx.network.perEndpointConcurrency
  const newestLegacy = versions.filter(([v, r]) => v !== 'TLSv1.3' && v !== 'SSLv3' && r.kind === 'accepted').at(-1)
  // The extra tests are one hello each, sent alongside other hellos so they add no round trip of their own.
  // The heartbeat extension rides on the compression hello (testssl.sh and sslscan send it in theirs too): one
  // full server flight fewer per endpoint. Resumption (chains of full handshakes, up to ten round trips on TLS
  // 1.2) starts now through the same limits and is awaited last, so it overlaps the enumeration and the group
  // probes instead of holding either up. It never rejects (handshakes resolve every outcome).
  const resuming = probeResumption(offered, run, {ca, timeoutMs, ciphers: 'DEFAULT:@SECLEVEL=0'})
  const [bySuite, compressionAndHeartbeat] = await Promise.all([
    Promise.all(offered.map((v) => enumerateSuites(v, hello, timeoutMs, parallel))),
    newestLegacy ? hello({version: newestLegacy[0], suites: allSuites(newestLegacy[0]), compression: true, heartbeat: true, timeoutMs}) : undefined,
  ])
  const compression = compressionAndHeartbeat
  const heartbeat = newestLegacy && compressionAndHeartbeat ? heartbeatFacts(newestLegacy[0], compressionAndHeartbeat) : undefined
  // Beside the group probes (a burst of independent hellos), not the enumeration, whose chains are the critical path.
  const [kx, fallback, postQuantum] = await Promise.all([
    probeKeyExchange(offered, bySuite.flatMap((v) => v.accepted), hello, timeoutMs),
    probeFallbackScsv(offered, hello, timeoutMs),
    probePostQuantum(offered, hello, timeoutMs),
  ])
  const resumed = await resuming
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
  // What was tried and broke off: the checks reading it say "could not be checked" with this reason.
  const unobserved: Record<string, string> = {}
  const cf = facts.ciphers as {complete: boolean; problem?: string}
  if (!cf.complete && cf.problem) unobserved.ciphers = `cipher-suite enumeration incomplete (${cf.problem})`
  if (kx.problem) {
    unobserved.kx = `key-exchange groups incomplete (${kx.problem})`
    delete (facts.kx as Record<string, unknown>).weakGroups
  }
  const extra = (name: string, r: Extra<object> | undefined) => {
    if (r?.kind === 'observed') facts[name] = r.facts
    else if (r) unobserved[name] = r.reason
  }
  extra('fallbackScsv', fallback)
  extra('heartbeat', heartbeat)
  extra('postQuantum', postQuantum)
  extra('resumption', resumed.resumption)
  extra('earlyData', resumed.earlyData)
  if (Object.keys(unobserved).length > 0) facts.unobserved = unobserved
  if (baseline.kind === 'connected') {
    facts.negotiated = {
      protocol: baseline.protocol,
      cipher: baseline.cipher.standardName,
      cipherOpenssl: baseline.cipher.name,
      ...(baseline.ephemeralKey ? {ephemeralKey: baseline.ephemeralKey} : {}),
    }
    const ocsp = await ocspFacts(baseline.ocspResponse)
    if (baseline.certificate) {
      const verdict = {authorized: baseline.authorized, ...(baseline.authorizationError ? {authorizationError: baseline.authorizationError} : {})}
      const cert = certificateFacts(baseline.certificate, baseline.chain?.length ?? 1, verdict, target, ctx.now())
      // `trusted` is the strict verdict; `chainVerifies` is the chain alone, so expiry and host name count once each.
      facts.certificate = {...cert, chainVerifies: trustedApartFromTime(verdict, baseline.chain ?? [baseline.certificate], ca)}
      facts.ocsp = {...ocsp, responderNamed: cert.ocspResponder !== undefined, ...(cert.ocspResponder ? {responder: cert.ocspResponder} : {})}
    } else facts.ocsp = ocsp
  }
  facts.mozilla = mozillaProfile(profileInput(facts))
  // DICOM TLS is held to DICOM's own profiles (PS3.15 Annex B) as well; a web endpoint is not.
  if (endpoint.url.startsWith('dicom-tls:')) facts.dicomTls = dicomTlsProfile(dicomProfileInput(facts))
  return done({status: 'ok', facts})
}

/** The facts the Mozilla profile judge reads, taken from this probe's own facts. */
const profileInput = (facts: Record<string, unknown>): ProfileInput => {
  const protocols = facts.protocols as {offered: string[]}
  const ciphers = facts.ciphers as {complete: boolean; byVersion: Record<string, {name: string}[]>}
  const kx = facts.kx as {groups: Record<string, string[]>; weakGroups?: string[]; minDhBits?: number}
  const cert = facts.certificate as ProfileInput['certificate'] | undefined
  return {
    offered: protocols.offered,
    ...(ciphers.complete ? {suites: Object.fromEntries(Object.entries(ciphers.byVersion).map(([v, s]) => [v, s.map((x) => x.name)]))} : {}),
    ...(kx.weakGroups ? {groups: kx.groups, weakGroups: kx.weakGroups} : {}),
    ...(kx.minDhBits !== undefined ? {minDhBits: kx.minDhBits} : {}),
    ...(cert ? {certificate: cert} : {}),
  }
}

/** The facts the DICOM profile judge reads. */
const dicomProfileInput = (facts: Record<string, unknown>): Parameters<typeof dicomTlsProfile>[0] => {
  const ciphers = facts.ciphers as {complete: boolean; byVersion: Record<string, {name: string; bits: number}[]>}
  const cert = facts.certificate as {keyType: string; keyBits?: number; signatureHash: string} | undefined
  const compression = facts.compression as {accepted: boolean} | undefined
  const renegotiation = facts.renegotiation as {secure: boolean} | undefined
  const kx = facts.kx as {weakGroups?: string[]; minDhBits?: number}
  return {
    offered: (facts.protocols as {offered: string[]}).offered,
    ...(kx.weakGroups ? {weakGroups: kx.weakGroups} : {}),
    ...(kx.minDhBits !== undefined ? {minDhBits: kx.minDhBits} : {}),
    ...(ciphers.complete ? {suites: ciphers.byVersion} : {}),
    ...(compression ? {compressionAccepted: compression.accepted} : {}),
    ...(renegotiation ? {secureRenegotiation: renegotiation.secure} : {}),
    ...(cert ? {certificate: cert} : {}),
  }
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
