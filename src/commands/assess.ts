import {Args} from '@oclif/core'

import {DECISION_LABELS, failsAt} from '../assessment/fail-on.js'
import {runAssessment} from '../assessment/run-assessment.js'
import {loadWorkspace} from '../workspace/workspace.js'
import type {Decision} from '../controls/verdict.js'
import {BaseCommand, failOnFlag, passphraseFileFlag, workspaceFlag} from '../cli/base-command.js'
import {signingPassphrase} from '../cli/signing-passphrase.js'
import {colourEnabled, painter, verdictStyle} from '../cli/colour.js'
import {liveProgressDisplay, wantsLiveProgress} from '../cli/progress-display.js'

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
  static override description = 'Exit codes: 0 done; 2 bad input; 3 with --fail-on, a finding fails at or above that severity, or the verdict is CANNOT DECIDE YET (at every severity).'
  static override flags = {workspace: workspaceFlag, 'fail-on': failOnFlag, 'passphrase-file': passphraseFileFlag}

  async run(): Promise<AssessCommandResult> {
    const {args, flags} = await this.parse(Assess)
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const passphrase = await signingPassphrase(ws, flags['passphrase-file'])
    const live = wantsLiveProgress(process.stderr, this.jsonEnabled()) ? liveProgressDisplay(process.stderr, colourEnabled(process.stderr)) : undefined
    let r: Awaited<ReturnType<typeof runAssessment>>
    try {
      r = await runAssessment({workspace: ws, vendorId: args.vendor, ...(passphrase ? {passphrase} : {}), ...(live ? {progress: live.listener} : {})})
    } finally {
      live?.stop()
    }
    const v = r.assessment.verdict
    const paint = painter(colourEnabled(process.stdout))
    this.log(`Verdict for ${r.assessment.vendor.name}: ${paint('bold', paint(verdictStyle(v.decision), DECISION_LABELS[v.decision]))}`)
    for (const reason of v.reasons) this.log(`  - ${reason}`)
    if (v.missing?.length) {
      this.log('To decide, obtain:')
      for (const m of v.missing) this.log(`  - ${m}`)
    }
    this.log(`Report: ${r.files.pdf}`)
    const sig = r.assessment.signature
    this.log(sig?.status === 'signed' ? `Signed by ${sig.signer} (${sig.fingerprint})${sig.timestamp.status === 'failed' ? `; the timestamp failed: ${sig.timestamp.reason}` : ''}` : 'Not signed: create a key with scanvet keys generate')
    if (flags['fail-on'] && failsAt(r.assessment.findings, flags['fail-on'], v.decision)) process.exitCode = 3
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
