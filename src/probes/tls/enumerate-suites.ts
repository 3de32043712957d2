import {keyExchangeOf, suiteById, suitesFor, type CipherSuite} from './cipher-catalogue.js'
import type {HelloOptions, HelloResult, KeyExchangeInfo} from './client-hello.js'

/** Sends one ClientHello through the caller's connection limits. */
export type RunHello = (opts: HelloOptions) => Promise<HelloResult>

export interface AcceptedSuite {
  readonly suite: CipherSuite
  /** The key exchange the server chose with this suite (curve, or DH modulus size), when it has one. */
  readonly keyExchange?: KeyExchangeInfo
}

export type VersionSuites =
  | {readonly status: 'complete'; readonly version: string; readonly accepted: readonly AcceptedSuite[]}
  | {readonly status: 'incomplete'; readonly version: string; readonly accepted: readonly AcceptedSuite[]; readonly reason: string}

const split = <T>(items: readonly T[], parts: number): T[][] => {
  const n = Math.max(1, Math.min(parts, items.length))
  const out: T[][] = Array.from({length: n}, () => [])
  items.forEach((item, i) => out[i % n]!.push(item))
  return out
}

export const kxOfId = (id: number): 'ECDH' | 'DH' | undefined => {
  const s = suiteById(id)
  return s ? keyExchangeOf(s) : undefined
}

/**
 * Every suite of the catalogue the server accepts at one protocol version. Enumerated, not sampled: offer a
 * group of suites, note the one the server picks, take it out, offer the rest again, until the server refuses.
 * That finds the whole intersection with N+1 ClientHellos per group; the catalogue is split into `parallel`
 * groups that run side by side (each hello still passes the caller's limiters).
 */
export const enumerateSuites = async (version: string, hello: RunHello, timeoutMs: number, parallel: number): Promise<VersionSuites> => {
  const catalogue = suitesFor(version)
  const groups = split(catalogue, parallel)
  const accepted: AcceptedSuite[] = []
  const problems: string[] = []
  await Promise.all(
    groups.map(async (group) => {
      let remaining = group
      while (remaining.length > 0) {
        const r = await hello({version, suites: remaining.map((s) => Number(s.id)), timeoutMs, wantKeyExchange: version !== 'TLSv1.3'})
        if (r.kind === 'accepted') {
          const suite = remaining.find((s) => Number(s.id) === r.suite)
          if (!suite) {
            problems.push(`the server chose suite 0x${r.suite.toString(16).padStart(4, '0')}, which was not offered`)
            return
          }
          accepted.push({suite, ...(r.keyExchange ? {keyExchange: r.keyExchange} : {})})
          remaining = remaining.filter((s) => s !== suite)
          continue
        }
        // A refusal ends the group: none of the remaining suites is accepted. A timeout or a broken connection
        // says nothing about the server: the enumeration is incomplete.
        if (r.kind === 'network-error') problems.push(r.reason)
        return
      }
    }),
  )
  const order = new Map(catalogue.map((s, i) => [s, i]))
  accepted.sort((a, b) => order.get(a.suite)! - order.get(b.suite)!)
  return problems.length > 0 ? {status: 'incomplete', version, accepted, reason: problems[0]!} : {status: 'complete', version, accepted}
}
