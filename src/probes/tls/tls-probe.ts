import {promises as fs} from 'node:fs'
import path from 'node:path'
import type {SecureVersion} from 'node:tls'

import type {Observation} from '../../model/observation.js'
import {tlsTargetOf, type TlsTarget} from '../../net/endpoint.js'
import {limiter} from '../../util/pool.js'
import type {VendorEndpoint} from '../../workspace/workspace-types.js'
import type {Probe, ProbeContext} from '../probe-types.js'
import {certificateFacts} from './certificate-facts.js'
import {handshake, type HandshakeResult} from './handshake.js'

export const TLS_VERSIONS: readonly SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']
export const LEGACY_VERSIONS = ['SSLv3', 'TLSv1', 'TLSv1.1']

/**
 * OpenSSL 3 refuses TLS 1.0/1.1 and weak keys at its default security level, which would make a server that
 * still accepts them look safe. Offer everything at level 0: we are testing the server, not trusting it.
 */
export const LEGACY_CIPHER_STRING = 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'

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

/** Probe one endpoint: the certificate and negotiated parameters, then every protocol version one by one. */
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

  const baseline = await run({ca, timeoutMs, wantCertificate: true, requestOCSP: true, ciphers: 'DEFAULT:@SECLEVEL=0'})
  if (baseline.kind === 'network-error') return done({status: 'error', reason: `${target.label}: ${baseline.reason}`})

  const versions = await Promise.all(
    TLS_VERSIONS.map(async (v) => {
      const r = await run({
        minVersion: v,
        maxVersion: v,
        timeoutMs,
        ...(v === 'TLSv1.3' ? {} : {ciphers: LEGACY_CIPHER_STRING}),
      })
      return [v, r] as const
    }),
  )
  const offered = versions.filter(([, r]) => r.kind === 'connected').map(([v]) => v as string)
  const notOffered = versions.filter(([, r]) => r.kind === 'refused').map(([v]) => v as string)
  // SSLv3 cannot be offered by Node's OpenSSL at all: say so rather than pass it silently.
  const untestable = ['SSLv3', ...versions.filter(([, r]) => r.kind === 'untestable' || r.kind === 'network-error').map(([v]) => v as string)]
  if (baseline.kind !== 'connected' && offered.length === 0) {
    return done({status: 'error', reason: `${target.label}: no TLS version could be negotiated (${reasonOf(baseline)})`})
  }
  const connected = baseline.kind === 'connected' ? baseline : undefined
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
    tool: {node: process.version, openssl: process.versions.openssl},
  }
  if (connected) {
    facts.negotiated = {protocol: connected.protocol, cipher: connected.cipher.standardName, cipherOpenssl: connected.cipher.name, ...(connected.ephemeralKey ? {ephemeralKey: connected.ephemeralKey} : {})}
    facts.ocspStapled = connected.ocspStapled
    if (connected.certificate) {
      facts.certificate = certificateFacts(
        connected.certificate,
        connected.chain?.length ?? 1,
        {authorized: connected.authorized, ...(connected.authorizationError ? {authorizationError: connected.authorizationError} : {})},
        target,
        ctx.now(),
      )
    }
  }
  return done({status: 'ok', facts})
}

const reasonOf = (r: HandshakeResult): string => (r.kind === 'connected' ? 'connected' : r.reason)

export const tlsProbe: Probe = {
  family: 'tls',
  description: 'TLS protocol versions, negotiated cipher and certificate of every endpoint',
  async run(vendor, ctx) {
    const limit = limiter(ctx.network.concurrency)
    return Promise.all(vendor.endpoints.map((e) => probeTlsEndpoint(e, ctx, limit)))
  },
}
