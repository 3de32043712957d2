import {BaseCommand} from '../../cli/base-command.js'
import {decideArgs, decideFlags, type ConditionDecisionResult} from '../../cli/condition-flags.js'

export default class ConditionWaive extends BaseCommand {
  static override summary = "Waive a condition (it no longer applies to how you use the vendor), with who decided and why: recorded in the vendor's hash-chained history."
  static override examples = ['<%= config.bin %> condition waive acme-imaging C2 --reason "…" --by "A. Example, practice manager"']
  static override enableJsonFlag = true
  static override args = decideArgs
  static override flags = decideFlags

  async run(): Promise<ConditionDecisionResult> {
    const {args, flags} = await this.parse(ConditionWaive)
    const {loadWorkspace} = await import('../../workspace/workspace.js')
    const {decideCondition} = await import('../../conditions/vendor-conditions.js')
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const r = await decideCondition(ws, {vendorId: args.vendor, conditionId: args.id, action: 'waive', by: flags.by, reason: flags.reason, now: new Date()})
    this.log(`${r.condition.id}: waived by ${r.entry.by} (entry ${r.entry.seq} of the condition log). The next report shows it.`)
    return r
  }
}
