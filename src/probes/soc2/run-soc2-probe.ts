import {orderFindings} from '../../assessment/build-assessment.js'
import {detachEvidenceFiles} from '../../assessment/evidence-files.js'
import {runChecks} from '../../checks/evaluate-check.js'
import {loadBundledChecks} from '../../checks/load-bundled-checks.js'
import type {Finding} from '../../model/finding.js'
import type {Observation} from '../../model/observation.js'
import {promises as fs} from 'node:fs'
import path from 'node:path'

import {ScanvetError} from '../../errors.js'
import {DEFAULT_NETWORK, type NetworkSettings, type VendorEvidence, type VendorProfile, type Workspace} from '../../workspace/workspace-types.js'
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
  // Loaded here: the vendor reader brings the YAML parser and the schema validators, which `--file` never needs.
  const {loadVendor} = await import('../../workspace/vendors.js')
  const vendor = await loadVendor(opts.workspace, opts.vendorId)
  return runFor(vendor.profile, vendor.dir, opts.workspace.network, opts.workspace.reassessmentIntervalDays, opts)
}

export interface Soc2FileOptions {
  readonly file: string
  readonly bridge?: string
  /** The service the practice uses, to judge the report's scope; without it the scope check is not assessed. */
  readonly service?: string
  readonly now?: () => Date
  readonly env?: Readonly<Record<string, string | undefined>>
}

const mustBeFile = async (file: string): Promise<string> => {
  const abs = path.resolve(file)
  const st = await fs.stat(abs).catch(() => undefined)
  if (!st?.isFile()) throw new ScanvetError('UNREADABLE_FILE', `${file}: no such file`, ['Give the path of the SOC 2 report PDF you received.'])
  return abs
}

/**
 * `scanvet probe soc2 --file report.pdf [--bridge letter.pdf]`: read documents a practice was e-mailed, with no
 * workspace or vendor profile; the same facts, findings and questions as for a vendor.
 */
export const runSoc2File = async (opts: Soc2FileOptions): Promise<Soc2ProbeRun> => {
  const report = await mustBeFile(opts.file)
  const bridge = opts.bridge ? await mustBeFile(opts.bridge) : undefined
  const evidence: VendorEvidence[] = [{kind: 'soc2-report', path: report}, ...(bridge ? [{kind: 'soc2-bridge-letter' as const, path: bridge}] : [])]
  const profile: VendorProfile = {id: 'document', name: path.basename(report), service: opts.service ?? '', jurisdictions: [], endpoints: [], soc2: {securityTxt: false}, evidence}
  return runFor(profile, path.dirname(report), DEFAULT_NETWORK, 90, opts)
}

const runFor = async (profile: VendorProfile, dir: string, network: NetworkSettings, intervalDays: number, opts: {now?: () => Date; env?: Readonly<Record<string, string | undefined>>}): Promise<Soc2ProbeRun> => {
  const now = opts.now ?? (() => new Date())
  const checks = await loadBundledChecks('soc2')
  const raw = await soc2Probe.run(profile, {network, now, env: opts.env ?? process.env, vendorDir: dir})
  const {observations} = detachEvidenceFiles(raw)
  const observation = observations[0]!
  const facts = observation.status === 'not-applicable' ? {} : (observation.facts ?? {})
  const on = now().toISOString()
  const coverage = soc2CoverageFor(facts, on, addDays(on.slice(0, 10), intervalDays))
  const warning = facts.report ? coverageWarning(coverage) : undefined
  return {
    vendor: profile.id,
    observation,
    documents: (facts.documents ?? []) as DocumentFact[],
    facts: facts.report || facts.bridgeLetter ? soc2FactRows(facts) : [],
    coverage,
    ...(warning ? {warning} : {}),
    findings: orderFindings(runChecks(checks, observations)),
    askVendor: (facts.askVendor ?? []) as {fact: string; question: string}[],
  }
}
