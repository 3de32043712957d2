import {Args, Flags} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'
import type {Finding} from '../../model/finding.js'
import type {Observation} from '../../model/observation.js'

export interface ProbeRetentionResult {
  readonly vendor: string
  readonly phase: string
  readonly observations: readonly Observation[]
  readonly findings: readonly Finding[]
}

export default class ProbeRetention extends BaseCommand {
  static override summary = 'Plant a synthetic canary study at a vendor, or check that it is gone after the retention window.'
  static override description =
    'plant uploads a synthetic study (no real person) and records it in vendors/ID/canaries.json with its due time; ' +
    'verify checks every canary whose window has passed; one-shot does both, waiting out a short window (at most 15 minutes). ' +
    '`scanvet assess` verifies due canaries on its own and plants the next one.'
  static override examples = [
    '<%= config.bin %> probe retention acme --phase plant',
    '<%= config.bin %> probe retention acme --phase verify',
    '<%= config.bin %> probe retention acme --phase one-shot --json',
  ]
  static override enableJsonFlag = true
  static override args = {vendor: Args.string({description: 'Vendor id.', required: true})}
  static override flags = {
    workspace: workspaceFlag,
    phase: Flags.option({description: 'What to do; auto (the default) is what assess does: verify due canaries, plant the next.', options: ['auto', 'plant', 'verify', 'one-shot'] as const, default: 'auto' as const})(),
    force: Flags.boolean({description: 'verify: check pending canaries even before their window has passed.'}),
  }

  async run(): Promise<ProbeRetentionResult> {
    const {args, flags} = await this.parse(ProbeRetention)
    const {runRetentionCommand} = await import('../../probes/retention/run-retention-command.js')
    const {colourEnabled} = await import('../../cli/colour.js')
    const {liveProgressDisplay, wantsLiveProgress} = await import('../../cli/progress-display.js')
    const live = wantsLiveProgress(process.stderr, this.jsonEnabled()) ? liveProgressDisplay(process.stderr, colourEnabled(process.stderr)) : undefined
    let r: Awaited<ReturnType<typeof runRetentionCommand>>
    try {
      r = await runRetentionCommand({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {}), vendorId: args.vendor, phase: flags.phase, force: flags.force, ...(live ? {progress: live.listener} : {})})
    } finally {
      live?.stop()
    }
    for (const line of r.lines) this.log(line)
    return {vendor: args.vendor, phase: flags.phase, observations: r.observations, findings: r.findings}
  }
}
