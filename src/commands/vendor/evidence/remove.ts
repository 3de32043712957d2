import {Args, Flags} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../../../cli/base-command.js'
import {removeEvidence} from '../../../workspace/vendor-evidence.js'
import {loadWorkspace} from '../../../workspace/workspace.js'

export default class VendorEvidenceRemove extends BaseCommand {
  static override summary = 'Take a document off a vendor’s evidence list (the file stays unless --delete-file; rounds already written keep their copy).'
  static override examples = ['<%= config.bin %> vendor evidence remove acme documents/old-baa.pdf', '<%= config.bin %> vendor evidence remove acme documents/old-baa.pdf --delete-file']
  static override enableJsonFlag = true
  static override args = {
    vendor: Args.string({description: 'Vendor id.', required: true}),
    source: Args.string({description: 'The path (as listed) or URL.', required: true}),
  }
  static override flags = {workspace: workspaceFlag, 'delete-file': Flags.boolean({description: 'Also delete the file from the vendor folder.'})}

  async run(): Promise<Awaited<ReturnType<typeof removeEvidence>>> {
    const {args, flags} = await this.parse(VendorEvidenceRemove)
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const r = await removeEvidence(ws, args.vendor, args.source, {deleteFile: flags['delete-file']})
    this.log(`Removed ${r.removed.kind} ${r.removed.path ?? r.removed.url} from ${r.vendor}${r.deletedFile ? ' and deleted the file' : ''}`)
    return r
  }
}
