import {Args, Flags} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../../../cli/base-command.js'
import {EVIDENCE_KINDS, type EvidenceKind} from '../../../schemas/common.js'
import {addEvidence, type AddEvidenceResult} from '../../../workspace/vendor-evidence.js'
import {loadWorkspace} from '../../../workspace/workspace.js'

export default class VendorEvidenceAdd extends BaseCommand {
  static override summary = 'Add a document to a vendor’s evidence: a file is copied into the vendor folder and hashed; a URL is fetched at each round.'
  static override description =
    'Kinds: soc2-report, soc2-bridge-letter, iso27001-certificate, hitrust-letter, baa, dpa, pentest-report, policy, fda-clearance, other. A BAA or DPA is read at once and its clause audit summarised; `assess` judges it in full at every round.'
  static override examples = [
    '<%= config.bin %> vendor evidence add acme baa ~/Downloads/acme-baa-signed.pdf',
    '<%= config.bin %> vendor evidence add acme soc2-report soc2-2026.pdf --title "SOC 2 Type II, 2025–26"',
    '<%= config.bin %> vendor evidence add acme policy https://trust.acme.example/retention.pdf',
  ]
  static override enableJsonFlag = true
  static override args = {
    vendor: Args.string({description: 'Vendor id.', required: true}),
    kind: Args.string({description: 'What the document is.', required: true, options: [...EVIDENCE_KINDS]}),
    source: Args.string({description: 'A file, or an https:// URL.', required: true}),
  }
  static override flags = {
    workspace: workspaceFlag,
    title: Flags.string({description: 'A title for the report.'}),
    expires: Flags.string({description: 'Valid until (YYYY-MM-DD): `status` warns before it runs out.'}),
    organisation: Flags.string({description: 'Whose document it is when not the vendor’s own (a subservice organisation’s SOC 2 report).'}),
  }

  async run(): Promise<AddEvidenceResult> {
    const {args, flags} = await this.parse(VendorEvidenceAdd)
    const ws = await loadWorkspace({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const r = await addEvidence(ws, args.vendor, {
      kind: args.kind as EvidenceKind,
      source: args.source,
      cwd: process.cwd(),
      ...(flags.title ? {title: flags.title} : {}),
      ...(flags.expires ? {expires: flags.expires} : {}),
      ...(flags.organisation ? {organisation: flags.organisation} : {}),
    })
    const where = r.entry.path ?? r.entry.url
    this.log(r.status === 'added' ? `Added ${r.entry.kind} ${where} to ${r.vendor}${r.sha256 ? ` (SHA-256 ${r.sha256})` : ''}` : `${r.vendor} already lists ${r.entry.kind} ${where}; nothing changed`)
    if (r.status === 'added' && r.agreement) {
      this.log(`Clause audit: ${r.agreement.status.toUpperCase()}: ${r.agreement.message}`)
      if (r.agreement.status !== 'pass' && r.file) this.log(`  Details: scanvet contract check ${r.file}`)
    }
    return r
  }
}
