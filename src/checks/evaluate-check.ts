import {evaluate, factResolver, subjectsOf} from '../conditions/evaluate.js'
import type {Finding} from '../model/finding.js'
import type {Observation} from '../model/observation.js'
import type {Check} from './check-types.js'

const show = (v: unknown): string => {
  if (v === undefined || v === null) return 'none'
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.map(show).join(', ')
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** Replace {{fact.path}} with the observed value, in plain words. */
export const interpolate = (template: string, facts: unknown): string => {
  const resolve = factResolver(facts)
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, p: string) => show(resolve(p)))
}

/** The facts a check reads, copied from the observation as evidence for the report. */
const evidenceFor = (check: Check, facts: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const resolve = factResolver(facts)
  const subjects = [check.applies, check.pass, check.warn].filter((c) => c !== undefined).flatMap((c) => subjectsOf(c))
  return Object.fromEntries([...new Set(subjects)].map((s) => [s, resolve(s) ?? null]))
}

/** Judge one observation with one check. Pure; every outcome is a finding, including "could not tell". */
export const evaluateCheck = (check: Check, obs: Observation): Finding => {
  const base = {
    id: `${check.id}@${obs.target}`,
    ruleId: check.id,
    source: 'check' as const,
    title: check.title,
    ...(check.headline ? {headline: check.headline} : {}),
    ...(check.risk ? {risk: check.risk} : {}),
    severity: check.severity,
    target: obs.target,
    rationale: check.rationale,
    remediation: check.remediation,
    ...(check.references ? {references: check.references} : {}),
  }
  if (obs.status === 'error') {
    // A probe that failed part-way may keep what it did see (the plain-HTTP redirect when HTTPS hung) and opt in
    // by listing `unobserved` facts: checks that read only what was seen are judged; every other one could not
    // be checked, for the observation's reason.
    if (!obs.facts || typeof obs.facts.unobserved !== 'object') return {...base, status: 'error', reason: obs.reason, message: `Could not be checked: ${obs.reason}`}
    return judgeFacts(check, obs.facts, base, obs.reason)
  }
  if (obs.status === 'not-applicable') return {...base, status: 'not-applicable', reason: obs.reason, message: obs.reason}
  return judgeFacts(check, obs.facts, base)
}

const unobservedReason = (facts: Readonly<Record<string, unknown>>, subject: string): string | undefined => {
  const u = facts.unobserved
  if (!u || typeof u !== 'object') return undefined
  const r = (u as Record<string, unknown>)[subject.split('.')[0]!]
  return typeof r === 'string' ? r : undefined
}

type Base = Omit<Finding, 'status' | 'message' | 'reason' | 'evidence'>

/** The decision itself, on a facts object: used for observations and for the check's own examples. */
export const judgeFacts = (check: Check, facts: Readonly<Record<string, unknown>>, base: Base, failedBecause?: string): Finding => {
  const resolve = factResolver(facts)
  const evidence = evidenceFor(check, facts)
  const say = (t: string) => interpolate(t, facts)
  if (check.applies) {
    const applies = evaluate(check.applies, resolve)
    if (applies === false) {
      const reason = say(check.messages['not-applicable'] ?? 'Does not apply to this endpoint.')
      return {...base, status: 'not-applicable', reason, message: reason, evidence}
    }
  }
  const pass = evaluate(check.pass, resolve)
  if (pass === true) return {...base, status: 'pass', message: say(check.messages.pass), evidence}
  if (pass === undefined) {
    const missing = subjectsOf(check.pass).filter((s) => resolve(s) === undefined)
    // A probe that tried and failed says so in `unobserved` (top-level fact name → why): could not be checked.
    const why = missing.map((s) => unobservedReason(facts, s)).find((r) => r !== undefined) ?? failedBecause
    if (why) return {...base, status: 'error', reason: why, message: `Could not be checked: ${why}`, evidence}
    const reason = `not tested: ${missing.join(', ') || 'the facts it needs'} not observed`
    return {...base, status: 'not-assessed', reason, message: `Not tested (${missing.join(', ')} could not be observed).`, evidence}
  }
  if (check.warn && evaluate(check.warn, resolve) === true) {
    return {...base, status: 'warn', message: say(check.messages.warn ?? check.messages.fail), evidence}
  }
  return {...base, status: 'fail', message: say(check.messages.fail), evidence}
}

/** Every check of a probe family against every observation of that family. */
export const runChecks = (checks: readonly Check[], observations: readonly Observation[]): Finding[] =>
  observations.flatMap((obs) => checks.filter((c) => c.probe === obs.probe).map((c) => evaluateCheck(c, obs)))
