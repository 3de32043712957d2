import {Args, Flags} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'
import type {VendorConditions} from '../../conditions/vendor-conditions.js'

export interface ConditionListResult {
  readonly vendors: readonly VendorConditions[]
}

const STATE_WORDS = {open: 'open', fixed: 'fixed', 'risk-accepted': 'risk accepted', waived: 'waived'} as const

export default class ConditionList extends BaseCommand {
  static override summary = 'Conditions set on vendors, tracked across rounds: open, overdue, fixed, accepted as a risk, waived.'
  static override description =
    'A condition keeps its id (rule@target) from round to round. It is fixed only when a later round shows its finding passing. Overdue ones come first.'
  static override examples = ['<%= config.bin %> condition list', '<%= config.bin %> condition list acme-imaging --overdue', '<%= config.bin %> condition list --json']
  static override enableJsonFlag = true
  static override args = {vendor: Args.string({description: 'Vendor id (default: every vendor).'})}
  static override flags = {
    workspace: workspaceFlag,
    overdue: Flags.boolean({description: 'Only open conditions past their due date.'}),
    all: Flags.boolean({description: 'Include fixed conditions.'}),
  }

  async run(): Promise<ConditionListResult> {
    const {args, flags} = await this.parse(ConditionList)
    const {loadWorkspace} = await import('../../workspace/workspace.js')
    const {listConditions} = await import('../../conditions/vendor-conditions.js')
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const listed = await listConditions(ws, {...(args.vendor ? {vendorId: args.vendor} : {}), overdue: flags.overdue, now: new Date()})
    const vendors = listed.map((v) => ({...v, conditions: flags.all ? v.conditions : v.conditions.filter((c) => c.state !== 'fixed')}))
    for (const v of vendors) {
      if (v.conditions.length === 0) continue
      this.log(`${v.name} (${v.vendor})`)
      for (const c of v.conditions) {
        const state = c.overdue ? 'OVERDUE' : STATE_WORDS[c.state]
        this.log(`  ${state.padEnd(13)} due ${c.due}  ${c.severity.padEnd(8)} ${c.id}`)
        this.log(`      ${c.ask}`)
        if (c.decision) this.log(`      ${STATE_WORDS[c.state]} by ${c.decision.by} on ${c.decision.at.slice(0, 10)}: ${c.decision.reason}`)
      }
    }
    if (vendors.every((v) => v.conditions.length === 0)) this.log(flags.overdue ? 'No overdue conditions.' : 'No open conditions.')
    return {vendors}
  }
}
