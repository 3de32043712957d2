import {createInterface} from 'node:readline/promises'

import {Args, Flags} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'
import {ScanvetError} from '../../errors.js'
import {removeVendor, type RemoveVendorResult} from '../../workspace/remove-vendor.js'
import {loadWorkspace} from '../../workspace/workspace.js'

export default class VendorRemove extends BaseCommand {
  static override summary = 'Stop auditing a vendor; its reports are kept in removed-vendors/ unless --purge.'
  static override examples = ['<%= config.bin %> vendor remove acme', '<%= config.bin %> vendor remove acme --purge --yes']
  static override enableJsonFlag = true
  static override args = {vendor: Args.string({description: 'Vendor id.', required: true})}
  static override flags = {
    workspace: workspaceFlag,
    purge: Flags.boolean({description: 'Delete the vendor folder, assessments and signed reports included.'}),
    yes: Flags.boolean({char: 'y', description: 'Do not ask (needed without a terminal).'}),
  }

  async run(): Promise<RemoveVendorResult> {
    const {args, flags} = await this.parse(VendorRemove)
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    if (!flags.yes) {
      if (!process.stdin.isTTY) throw new ScanvetError('INVALID_INPUT', `removing ${args.vendor} needs a yes, and there is no terminal to ask on`, [`scanvet vendor remove ${args.vendor} --yes${flags.purge ? ' --purge' : ''}`])
      const rl = createInterface({input: process.stdin, output: process.stderr})
      const answer = await rl.question(flags.purge ? `Delete ${args.vendor} with all its assessments and signed reports? [y/N] ` : `Remove ${args.vendor} (its reports are kept in removed-vendors/)? [y/N] `)
      rl.close()
      if (!/^y(es)?$/i.test(answer.trim())) {
        this.log('Nothing removed.')
        return {vendor: args.vendor, removed: false, keptAt: null}
      }
    }
    const r = await removeVendor(ws, args.vendor, {purge: flags.purge})
    this.log(r.keptAt ? `Removed ${r.vendor}; its folder is kept at ${r.keptAt}` : `Deleted ${r.vendor} and its assessments.`)
    return r
  }
}
