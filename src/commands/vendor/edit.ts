import {Args} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'
import {ScanvetError} from '../../errors.js'
import {editVendor, type EditVendorResult} from '../../workspace/edit-vendor.js'
import {loadWorkspace} from '../../workspace/workspace.js'

export default class VendorEdit extends BaseCommand {
  static override summary = 'Edit a vendor profile in $VISUAL or $EDITOR; it is saved only if it validates (otherwise your edit is kept for the next try).'
  static override examples = ['<%= config.bin %> vendor edit acme', 'EDITOR="code --wait" <%= config.bin %> vendor edit acme']
  static override enableJsonFlag = true
  static override args = {vendor: Args.string({description: 'Vendor id.', required: true})}
  static override flags = {workspace: workspaceFlag}

  async run(): Promise<EditVendorResult> {
    const {args, flags} = await this.parse(VendorEdit)
    if (!process.stdin.isTTY && !process.env.VISUAL && !process.env.EDITOR) {
      throw new ScanvetError('INVALID_INPUT', 'vendor edit opens an editor and there is no terminal; set VISUAL or EDITOR, or edit vendors/<id>/vendor.yaml and run scanvet validate')
    }
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const r = await editVendor(ws, args.vendor)
    this.log(r.status === 'saved' ? `Saved ${r.file}` : `No change to ${r.file}`)
    return r
  }
}
