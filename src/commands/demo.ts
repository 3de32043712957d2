import {Flags} from '@oclif/core'
import {DECISION_LABELS} from '../assessment/fail-on.js'

import {BaseCommand} from '../cli/base-command.js'
import type {Decision} from '../controls/verdict.js'
import {certFileOf} from '../keys/key-store.js'

export interface DemoCommandResult {
  readonly workspace: string
  readonly report: string
  readonly assessment: string
  readonly decision: Decision
  readonly fingerprint: string
  readonly certificate: string
}

export default class Demo extends BaseCommand {
  static override summary = 'Audit a bundled demo vendor on 127.0.0.1 end to end and write its report.'
  static override examples = ['<%= config.bin %> demo', '<%= config.bin %> demo --dir ./demo-workspace --json']
  static override enableJsonFlag = true
  static override flags = {
    dir: Flags.directory({description: 'Create the demo workspace here (default: a new temporary directory).'}),
  }

  async run(): Promise<DemoCommandResult> {
    const {flags} = await this.parse(Demo)
    const {runDemo} = await import('../demo/run-demo.js')
    this.log('Starting the demo vendor on 127.0.0.1 and auditing it…')
    const demo = await runDemo(flags.dir ? {dir: flags.dir} : {})
    const a = demo.result.assessment
    this.log(`Vendor:   ${a.vendor.name} (${demo.vendorUrl}, now stopped)`)
    this.log(`Verdict:  ${DECISION_LABELS[a.verdict.decision]}`)
    for (const r of a.verdict.reasons) this.log(`          - ${r}`)
    this.log(`Report:   ${demo.result.files.pdf}`)
    this.log(`Signed by a throwaway demo key, fingerprint ${demo.key.fingerprint}`)
    this.log(`Check it: scanvet verify ${demo.result.files.pdf} --fingerprint ${demo.key.fingerprint}`)
    this.log(`Workspace: ${demo.workspace}`)
    return {
      workspace: demo.workspace,
      report: demo.result.files.pdf,
      assessment: demo.result.files.json,
      decision: a.verdict.decision,
      fingerprint: demo.key.fingerprint,
      certificate: certFileOf(demo.key.file),
    }
  }
}
