import {orderFindings} from '../../assessment/build-assessment.js'
import {detachEvidenceFiles} from '../../assessment/evidence-files.js'
import {runChecks} from '../../checks/evaluate-check.js'
import {loadChecks} from '../../checks/load-checks.js'
import type {Finding} from '../../model/finding.js'
import type {Observation} from '../../model/observation.js'
import {loadVendor} from '../../workspace/vendors.js'
import type {Workspace} from '../../workspace/workspace-types.js'
import {addDays} from './dates.js'
import {coverageWarning, soc2CoverageFor, soc2FactRows, type FactRow} from './soc2-report-section.js'
import type {Coverage} from './coverage.js'
import {soc2Probe} from './soc2-probe.js'
import type {DocumentFact} from './soc2-probe.js'

export interface Soc2ProbeRun {
  readonly vendor: string
  readonly observation: Observation
  readonly documents: readonly DocumentFact[]
  readonly facts: readonly FactRow[]
  readonly coverage: Coverage
  readonly warning?: string
  readonly findings: readonly Finding[]
  readonly askVendor: readonly {readonly fact: string; readonly question: string}[]
}

/** `scanvet probe soc2`: run the soc2 probe and its checks for one vendor, writing nothing. */
export const runSoc2Probe = async (opts: {workspace: Workspace; vendorId: string; now?: () => Date; env?: Readonly<Record<string, string | undefined>>}): Promise<Soc2ProbeRun> => {
  const now = opts.now ?? (() => new Date())
  const vendor = await loadVendor(opts.workspace, opts.vendorId)
  const checks = (await loadChecks()).filter((c) => c.probe === 'soc2')
  const raw = await soc2Probe.run(vendor.profile, {network: opts.workspace.network, now, env: opts.env ?? process.env, vendorDir: vendor.dir})
  const {observations} = detachEvidenceFiles(raw)
  const observation = observations[0]!
  const facts = observation.status === 'not-applicable' ? {} : (observation.facts ?? {})
  const on = now().toISOString()
  const coverage = soc2CoverageFor(facts, on, addDays(on.slice(0, 10), opts.workspace.reassessmentIntervalDays))
  const warning = facts.report ? coverageWarning(coverage) : undefined
  return {
    vendor: vendor.profile.id,
    observation,
    documents: (facts.documents ?? []) as DocumentFact[],
    facts: facts.report || facts.bridgeLetter ? soc2FactRows(facts) : [],
    coverage,
    ...(warning ? {warning} : {}),
    findings: orderFindings(runChecks(checks, observations)),
    askVendor: (facts.askVendor ?? []) as {fact: string; question: string}[],
  }
}
