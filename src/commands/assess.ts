import {Args} from '@oclif/core'

import {failsAt} from '../assessment/fail-on.js'
import {runAssessment} from '../assessment/run-assessment.js'
import {loadWorkspace} from '../workspace/workspace.js'
import type {Decision} from '../controls/verdict.js'
import {BaseCommand, failOnFlag, workspaceFlag} from '../cli/base-command.js'

export interface AssessCommandResult {
  readonly vendor: string
  readonly assessmentId: string
  readonly decision: Decision
  readonly reasons: readonly string[]
  readonly counts: Readonly<Record<string, number>>
  readonly report: string
  readonly assessment: string
  readonly oscal: string
  readonly csv: string
  /** The signer's certificate fingerprint, or null when no signing key is configured. */
  readonly signedBy: string | null
}

export default class Assess extends BaseCommand {
  static override summary = 'Audit one vendor: probes and answers, judged against the frameworks, into a report.'
  static override examples = ['<%= config.bin %> assess acme', '<%= config.bin %> assess acme --fail-on high --json']
  static override enableJsonFlag = true
  static override args = {vendor: Args.string({description: 'Vendor id.', required: true})}
  static override flags = {workspace: workspaceFlag, 'fail-on': failOnFlag}

  async run(): Promise<AssessCommandResult> {
    const {args, flags} = await this.parse(Assess)
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const r = await runAssessment({workspace: ws, vendorId: args.vendor})
    const v = r.assessment.verdict
    this.log(`Verdict for ${r.assessment.vendor.name}: ${v.decision.toUpperCase().replaceAll('-', ' ')}`)
    for (const reason of v.reasons) this.log(`  - ${reason}`)
    this.log(`Report: ${r.files.pdf}`)
    const sig = r.assessment.signature
    this.log(sig?.status === 'signed' ? `Signed by ${sig.signer} (${sig.fingerprint})${sig.timestamp.status === 'failed' ? `; the timestamp failed: ${sig.timestamp.reason}` : ''}` : 'Not signed: create a key with scanvet keys generate')
    if (flags['fail-on'] && failsAt(r.assessment.findings, flags['fail-on'])) process.exitCode = 3
    return {
      vendor: r.assessment.vendor.id,
      assessmentId: r.assessment.id,
      decision: v.decision,
      reasons: v.reasons,
      counts: v.counts,
      report: r.files.pdf,
      assessment: r.files.json,
      oscal: r.files.oscal,
      csv: r.files.csv,
      signedBy: r.assessment.signature?.status === 'signed' ? r.assessment.signature.fingerprint : null,
    }
  }
}
