import {createHash} from 'node:crypto'

import type {Assessment} from '../assessment/assessment-types.js'
import type {Observation, ProbeFamily} from '../model/observation.js'
import {stableJson} from './stable-json.js'

/**
 * One piece of evidence in a round, comparable with the same piece in another round: a certificate, a
 * document from the profile, a probe's observation. `fingerprint` changes exactly when the evidence changed.
 */
export interface EvidenceItem {
  readonly key: string
  readonly kind: 'certificate' | 'document' | 'observation'
  readonly label: string
  readonly fingerprint: string
  /** ISO date or date-time after which the evidence no longer holds. */
  readonly expires?: string
  /** Why it could not be observed, when it could not. */
  readonly error?: string
}

export type EvidenceExtractor = (o: Observation) => EvidenceItem[]

/** Facts that change on every run without the evidence changing (counters relative to the clock, tool builds). */
const VOLATILE = new Set(['daysLeft', 'durationMs', 'startedAt', 'tool'])

const withoutVolatile = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(withoutVolatile)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !VOLATILE.has(k)).map(([k, x]) => [k, withoutVolatile(x)]))
  return v
}

const hash = (v: unknown): string => createHash('sha256').update(stableJson(v)).digest('hex')

const generic: EvidenceExtractor = (o) => {
  const base = {key: `${o.probe} ${o.target}`, kind: 'observation' as const, label: `${o.probe} observation of ${o.target}`}
  if (o.status === 'ok') {
    const expires = typeof o.facts.expires === 'string' ? o.facts.expires : undefined
    return [{...base, fingerprint: hash(withoutVolatile(o.facts)), ...(expires ? {expires} : {})}]
  }
  return [{...base, fingerprint: hash({status: o.status, reason: o.reason}), error: o.reason}]
}

interface CertFacts {
  readonly sha256?: string
  readonly validTo?: string
  readonly subject?: string
}

/** TLS: the certificate is the evidence; a new fingerprint is a replaced certificate. */
const tls: EvidenceExtractor = (o) => {
  const key = `certificate ${o.target}`
  const label = `TLS certificate of ${o.target}`
  if (o.status !== 'ok') return [{key, kind: 'certificate', label, fingerprint: hash({status: o.status, reason: o.reason}), error: o.reason}]
  const cert = o.facts.certificate as CertFacts | undefined
  if (!cert?.sha256) return [{key, kind: 'certificate', label, fingerprint: 'none', error: 'no certificate was presented'}]
  return [{key, kind: 'certificate', label, fingerprint: cert.sha256, ...(cert.validTo ? {expires: cert.validTo} : {})}]
}

interface Soc2Document {
  readonly kind: string
  readonly source: string
  readonly status: string
  readonly sha256?: string
  readonly reason?: string
}

/**
 * SOC 2: each document read (report, bridge letter, certificates) is evidence, identified by its hash. The
 * vendor's security.txt is contact data, not an attestation: only its contacts count, since its text carries
 * an Expires date that may move on every fetch.
 */
const soc2: EvidenceExtractor = (o) => {
  if (o.status !== 'ok') return generic(o)
  const docs = (o.facts.documents as readonly Soc2Document[] | undefined) ?? []
  const items = docs
    .filter((d) => d.kind !== 'security-txt')
    .map((d): EvidenceItem => ({
      key: `document ${d.kind} ${d.source}`,
      kind: 'document',
      label: `${d.kind} (${d.source})`,
      fingerprint: d.sha256 ?? hash({status: d.status, reason: d.reason}),
      ...(d.status !== 'ok' && d.reason ? {error: d.reason} : {}),
    }))
  const coveredUntil = (o.facts.coverage as {coveredUntil?: string} | undefined)?.coveredUntil
  if (coveredUntil) items.push({key: 'soc2 coverage', kind: 'observation', label: 'SOC 2 coverage', fingerprint: coveredUntil, expires: coveredUntil})
  const contacts = (o.facts.securityTxt as {contact?: unknown} | undefined)?.contact
  if (contacts) items.push({key: 'security.txt contacts', kind: 'observation', label: 'security.txt contacts', fingerprint: hash(contacts)})
  return items
}

/** Retention: every round plants a new canary, so the study itself is never comparable; its outcome is a finding. */
const retention: EvidenceExtractor = () => []

/** Per probe family, how its observations become evidence items; other families use the generic one. One line each. */
export const EVIDENCE_EXTRACTORS: Readonly<Partial<Record<ProbeFamily, EvidenceExtractor>>> = {
  retention,
  soc2,
  tls,
}

/** Every evidence item of a round: probe observations, then the documents the profile listed. Pure. */
export const evidenceItems = (a: Assessment): EvidenceItem[] => [
  ...a.observations.flatMap((o) => (EVIDENCE_EXTRACTORS[o.probe] ?? generic)(o)),
  ...(a.vendor.evidence ?? []).map((d): EvidenceItem => {
    const where = d.path ?? d.url ?? ''
    return {
      key: `document ${d.kind} ${where}`,
      kind: 'document',
      label: `${d.title ?? d.kind} (${where})`,
      fingerprint: hash({title: d.title, expires: d.expires, stated: d.stated}),
      ...(d.expires ? {expires: d.expires} : {}),
    }
  }),
]
