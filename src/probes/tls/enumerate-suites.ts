import type {SecureVersion} from 'node:tls'

import {suiteByOpensslName, suitesFor, type CipherSuite} from './cipher-catalogue.js'
import type {HandshakeOptions, HandshakeResult} from './handshake.js'

export type RunHandshake = (opts: HandshakeOptions) => Promise<HandshakeResult>

export interface AcceptedSuite {
  readonly suite: CipherSuite
  /** The ephemeral key the server chose with this suite (ECDH curve or DH size), when there is one. */
  readonly ephemeralKey?: {readonly type?: string; readonly name?: string; readonly size?: number}
}

export type VersionSuites =
  | {readonly status: 'complete'; readonly version: SecureVersion; readonly accepted: readonly AcceptedSuite[]}
  | {readonly status: 'incomplete'; readonly version: SecureVersion; readonly accepted: readonly AcceptedSuite[]; readonly reason: string}

/** The cipher string that offers exactly these suites (TLS 1.3 names go to ciphersuites, Node splits them). */
export const cipherString = (version: SecureVersion, suites: readonly CipherSuite[]): string =>
  version === 'TLSv1.3' ? suites.map((s) => s.openssl).join(':') : `${suites.map((s) => s.openssl).join(':')}:@SECLEVEL=0`

const split = <T>(items: readonly T[], parts: number): T[][] => {
  const n = Math.max(1, Math.min(parts, items.length))
  const out: T[][] = Array.from({length: n}, () => [])
  items.forEach((item, i) => out[i % n]!.push(item))
  return out
}

/**
 * Every suite of the catalogue the server accepts at one protocol version. Enumerated, not sampled: offer a
 * group of suites, note the one the server picks, take it out, offer the rest again, until the server refuses.
 * That finds the whole intersection with N+1 handshakes per group; the catalogue is split into `parallel`
 * groups that run side by side (each handshake still passes the caller's per-endpoint limiter).
 */
export const enumerateSuites = async (version: SecureVersion, run: RunHandshake, timeoutMs: number, parallel: number): Promise<VersionSuites> => {
  const groups = split(suitesFor(version), parallel)
  const accepted: AcceptedSuite[] = []
  const problems: string[] = []
  await Promise.all(
    groups.map(async (group) => {
      let remaining = group
      while (remaining.length > 0) {
        const r = await run({minVersion: version, maxVersion: version, ciphers: cipherString(version, remaining), timeoutMs})
        if (r.kind === 'connected') {
          const suite = suiteByOpensslName(r.cipher.name)
          if (!suite || !remaining.includes(suite)) {
            problems.push(`the server chose ${r.cipher.name}, which was not offered`)
            return
          }
          accepted.push({suite, ...(r.ephemeralKey ? {ephemeralKey: r.ephemeralKey} : {})})
          remaining = remaining.filter((s) => s !== suite)
          continue
        }
        // A refusal (alert) ends the group: none of the remaining suites is accepted. Our library refusing to
        // offer a group (e.g. only DSS suites it has no use for) says nothing about the server either way.
        if (r.kind !== 'refused') problems.push(r.reason)
        return
      }
    }),
  )
  const order = new Map(suitesFor(version).map((s, i) => [s, i]))
  accepted.sort((a, b) => order.get(a.suite)! - order.get(b.suite)!)
  return problems.length > 0 ? {status: 'incomplete', version, accepted, reason: problems[0]!} : {status: 'complete', version, accepted}
}
