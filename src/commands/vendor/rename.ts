import {Args} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'
import {renameVendor, type RenameVendorResult} from '../../workspace/rename-vendor.js'
import {loadWorkspace} from '../../workspace/workspace.js'

export default class VendorRename extends BaseCommand {
  static override summary = 'Give a vendor a new id: its folder moves, its profile and answers follow, its signed rounds stay valid.'
  static override description =
    'The folder vendors/OLD becomes vendors/NEW in one step, under the workspace lock. vendor.yaml gets id NEW and records OLD in formerIds; the answers file and an unfinished `vendor edit` draft follow. Signed rounds and the condition log keep the id they were signed under, so history still verifies them. Refused when NEW exists or is not a valid id.'
  static override examples = ['<%= config.bin %> vendor rename acme acme-imaging']
  static override enableJsonFlag = true
  static override args = {
    old: Args.string({description: 'The vendor id now.', required: true}),
    new: Args.string({description: 'The new id (lowercase letters, digits, - or .).', required: true}),
  }
  static override flags = {workspace: workspaceFlag}

  async run(): Promise<RenameVendorResult> {
    const {args, flags} = await this.parse(VendorRename)
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const r = await renameVendor(ws, args.old, args.new)
    this.log(`Renamed ${r.from} to ${r.to}: ${r.dir}`)
    for (const f of r.updated) this.log(`  updated ${f}`)
    if (r.rounds > 0) this.log(`  ${r.rounds} signed round(s) keep the id they were signed under (formerIds: ${r.formerIds.join(', ')}); scanvet history ${r.to} verifies them.`)
    return r
  }
}
