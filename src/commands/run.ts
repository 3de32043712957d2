import {Args, Flags} from '@oclif/core'

import {BaseCommand, failOnFlag, passphraseFileFlag, workspaceFlag} from '../cli/base-command.js'
import {signingPassphrase} from '../cli/signing-passphrase.js'
import {loadWorkspace} from '../workspace/workspace.js'
import type {BatchResult, VendorOutcome} from '../batch/batch-types.js'
import {blocksSending, DECISION_LABELS} from '../assessment/fail-on.js'

export interface RunCommandResult extends BatchResult {
  readonly summary: {readonly assessed: number; readonly doneEarlier: number; readonly notDue: number; readonly errors: number; readonly interrupted: number; readonly failGate: number; readonly blocked: number}
}

const decisionOf = (o: VendorOutcome): string =>
  (o.status === 'assessed' || o.status === 'done-earlier') && o.decision ? DECISION_LABELS[o.decision] : o.status === 'error' ? 'ERROR' : o.status.replaceAll('-', ' ')

export default class Run extends BaseCommand {
  static override summary = 'Assess many vendors in one go (the quarterly run): probes, answers, evidence, report for each.'
  static override description = `With no vendor named, runs what is due: vendors never assessed or whose reassessment interval has passed. --all reassesses every vendor, due or not; on a terminal it asks first (--yes to skip the question). Vendors are assessed in parallel (--concurrency). Progress is live on a terminal and plain lines otherwise (on stderr with --json). Needs no terminal, so it runs from cron, a systemd timer or CI: give the signing key passphrase with --passphrase-file (or SCANVET_KEY_PASSPHRASE); on a terminal without either it is asked once, before any vendor.

Resumable: if a run is killed or interrupted (Ctrl-C), every round already written stays, and the next \`scanvet run\` with the same vendors assesses only those left. --restart assesses them all again.

Exit codes: 0 every vendor approved (with or without conditions); 1 a vendor could not be assessed; 2 bad input; 3 a vendor fails --fail-on (a finding at or above it, or CANNOT DECIDE YET at every severity); 4 a vendor is NOT APPROVED or CANNOT DECIDE YET; 130 interrupted. The first that applies, in that order.`
  static override examples = [
    '<%= config.bin %> run',
    '<%= config.bin %> run --fail-on high',
    '<%= config.bin %> run --all --yes',
    '<%= config.bin %> run acme-imaging other-vendor --json',
  ]
  static override enableJsonFlag = true
  static override strict = false
  static override args = {vendors: Args.string({description: 'Vendor ids (or --all).'})}
  static override flags = {
    workspace: workspaceFlag,
    all: Flags.boolean({description: 'Every vendor in the workspace, due or not (asks first on a terminal).'}),
    yes: Flags.boolean({char: 'y', description: 'Do not ask before reassessing every vendor with --all.'}),
    due: Flags.boolean({description: 'Only vendors never assessed or whose reassessment is due (the default when no vendor is named; with --all, the same).'}),
    concurrency: Flags.integer({description: 'Vendors assessed at once.', default: 4, min: 1, max: 64}),
    restart: Flags.boolean({description: "Ignore an interrupted run's progress and assess every selected vendor again."}),
    'fail-on': failOnFlag,
    'passphrase-file': passphraseFileFlag,
  }

  async run(): Promise<RunCommandResult> {
    const {argv, flags} = await this.parse(Run)
    const vendors = argv as string[]
    if (flags.all && vendors.length > 0) this.error('give vendor ids or --all, not both', {exit: 2})
    // --all reassesses vendors that are not due: on a terminal, a person confirms it; a script passes --yes.
    if (flags.all && !flags.due && !flags.yes && !this.jsonEnabled() && process.stdin.isTTY && process.stderr.isTTY && !process.env.CI) {
      const {confirm} = await import('../cli/confirm.js')
      if (!(await confirm('Reassess every vendor, including those not due yet?'))) {
        this.log('Nothing run. `scanvet run` on its own runs only what is due.')
        return {runId: '', outcomes: [], interrupted: false, summary: {assessed: 0, doneEarlier: 0, notDue: 0, errors: 0, interrupted: 0, failGate: 0, blocked: 0}}
      }
    }
    const {batchRun} = await import('../batch/batch-run.js')
    const where = {cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})}
    // Asked (or refused) before the batch starts: never vendor by vendor.
    const passphrase = await signingPassphrase(await loadWorkspace(where), flags['passphrase-file'])
    const controller = new AbortController()
    let signals = 0
    const onSignal = () => {
      signals++
      if (signals > 1) process.exit(130) // a second Ctrl-C: stop now; every write is atomic, nothing is half-written
      process.stderr.write('\nInterrupted: finishing the vendors in flight without starting new ones (Ctrl-C again to stop now)…\n')
      controller.abort()
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    const live = !this.jsonEnabled() && Boolean(process.stderr.isTTY) && !process.env.CI
    try {
      const r = await batchRun({
        where,
        ...(passphrase ? {passphrase} : {}),
        vendors: flags.all || vendors.length === 0 ? 'all' : vendors,
        // With nothing named, the default is what is due; named vendors and --all run regardless.
        due: flags.due || (!flags.all && vendors.length === 0),
        concurrency: flags.concurrency,
        restart: flags.restart,
        ...(flags['fail-on'] ? {failOn: flags['fail-on']} : {}),
        signal: controller.signal,
        progress: {write: (s: string) => process.stderr.write(s), isTTY: live, columns: process.stderr.columns},
      })
      const summary = {
        assessed: r.outcomes.filter((o) => o.status === 'assessed').length,
        doneEarlier: r.outcomes.filter((o) => o.status === 'done-earlier').length,
        notDue: r.outcomes.filter((o) => o.status === 'not-due').length,
        errors: r.outcomes.filter((o) => o.status === 'error').length,
        interrupted: r.outcomes.filter((o) => o.status === 'interrupted').length,
        failGate: r.outcomes.filter((o) => (o.status === 'assessed' || o.status === 'done-earlier') && o.failsGate).length,
        blocked: r.outcomes.filter((o) => (o.status === 'assessed' || o.status === 'done-earlier') && blocksSending(o.decision)).length,
      }
      this.log('')
      this.log(`${'VENDOR'.padEnd(24)} ${'VERDICT'.padEnd(26)} ${'FAIL'.padStart(4)} ${'WARN'.padStart(4)}  ROUND`)
      for (const o of r.outcomes) {
        const counts = o.status === 'assessed' ? [String(o.counts.fail), String(o.counts.warn)] : ['', '']
        const round = o.status === 'assessed' || o.status === 'done-earlier' ? o.roundId : o.status === 'not-due' ? `due ${o.nextDue}` : o.status === 'error' ? o.message : ''
        this.log(`${o.vendor.padEnd(24)} ${decisionOf(o).padEnd(26)} ${counts[0]!.padStart(4)} ${counts[1]!.padStart(4)}  ${round}`)
      }
      this.log(`\n${summary.assessed} assessed, ${summary.doneEarlier} done earlier, ${summary.notDue} not due, ${summary.errors} error(s)${r.interrupted ? `, ${summary.interrupted} left for the next run` : ''}.`)
      process.exitCode = r.interrupted ? 130 : summary.errors > 0 ? 1 : summary.failGate > 0 ? 3 : summary.blocked > 0 ? 4 : 0
      return {...r, summary}
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}
