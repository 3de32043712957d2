import {Args} from '@oclif/core'
import {stringify} from 'yaml'

import {loadVendor} from '../../workspace/vendors.js'
import {loadWorkspace} from '../../workspace/workspace.js'
import type {VendorProfile} from '../../workspace/workspace-types.js'
import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'

export interface VendorShowResult {
  readonly file: string
  readonly profile: VendorProfile
}

export default class VendorShow extends BaseCommand {
  static override summary = 'Show a vendor profile.'
  static override examples = ['<%= config.bin %> vendor show acme', '<%= config.bin %> vendor show acme --json']
  static override enableJsonFlag = true
  static override args = {id: Args.string({description: 'Vendor id.', required: true})}
  static override flags = {workspace: workspaceFlag}

  async run(): Promise<VendorShowResult> {
    const {args, flags} = await this.parse(VendorShow)
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const v = await loadVendor(ws, args.id)
    this.log(`# ${v.file}`)
    this.log(stringify(v.profile).trimEnd())
    return {file: v.file, profile: v.profile}
  }
}
