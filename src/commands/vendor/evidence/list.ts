import {Args} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../../../cli/base-command.js'
import {listEvidence, type ListedEvidence as Row} from '../../../workspace/vendor-evidence.js'
import {loadWorkspace} from '../../../workspace/workspace.js'

export default class VendorEvidenceList extends BaseCommand {
  static override summary = 'List a vendor’s evidence documents, with the SHA-256 of each file and any that are missing.'
  static override examples = ['<%= config.bin %> vendor evidence list acme', '<%= config.bin %> vendor evidence list acme --json']
  static override enableJsonFlag = true
  static override args = {vendor: Args.string({description: 'Vendor id.', required: true})}
  static override flags = {workspace: workspaceFlag}

  async run(): Promise<{vendor: string; evidence: Row[]}> {
    const {args, flags} = await this.parse(VendorEvidenceList)
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const rows = await listEvidence(ws, args.vendor)
    if (rows.length === 0) this.log(`${args.vendor} lists no evidence. Add a document with: scanvet vendor evidence add ${args.vendor} KIND FILE`)
    for (const r of rows) {
      const extra = [r.title, r.expires ? `valid until ${r.expires}` : '', r.organisation ? `of ${r.organisation}` : ''].filter(Boolean).join(', ')
      this.log(`${r.kind.padEnd(20)} ${r.path ?? r.url}${r.missing ? '  MISSING: the file is not in the vendor folder' : ''}${extra ? `  (${extra})` : ''}`)
      if (r.sha256) this.log(`${' '.repeat(21)}SHA-256 ${r.sha256}`)
    }
    return {vendor: args.vendor, evidence: rows}
  }
}
