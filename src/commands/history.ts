import {Args} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../cli/base-command.js'
import {UNSIGNED, type HistoryVerification} from '../history/verify-history.js'

export type HistoryCommandResult = HistoryVerification

export default class History extends BaseCommand {
  static override summary = "List a vendor's assessments with their verdicts, and verify the hash chain and each report's signature."
  static override description =
    "Each assessment.json records the SHA-256 of the one before it. A round rewritten or deleted after a later round was written breaks the chain and is named here. Exits 1 when the history does not verify."
  static override examples = ['<%= config.bin %> history acme-imaging', '<%= config.bin %> history acme-imaging --json']
  static override enableJsonFlag = true
  static override args = {vendor: Args.string({description: 'Vendor id.', required: true})}
  static override flags = {workspace: workspaceFlag}

  async run(): Promise<HistoryCommandResult> {
    const {args, flags} = await this.parse(History)
    const {vendorHistory} = await import('../history/vendor-history.js')
    const h = await vendorHistory({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})}, args.vendor)
    if (h.rounds.length === 0) this.log(`${args.vendor} has not been assessed yet. Run: scanvet assess ${args.vendor}`)
    for (const r of h.rounds) {
      const chain = r.link.status === 'broken' ? 'CHAIN BROKEN' : r.link.status === 'first' ? 'first round' : 'chain ok'
      const sig = r.signature.status === 'valid' ? 'signature valid' : r.signature.status === 'invalid' ? 'SIGNATURE INVALID' : r.signature.reason === UNSIGNED ? 'not signed' : 'signature not checked'
      this.log(`${r.id.padEnd(14)} ${(r.decision ?? 'unreadable').replaceAll('-', ' ').padEnd(26)} ${chain.padEnd(13)} ${sig}`)
    }
    const decisions = h.conditionEntries > 0 ? ` and ${h.conditionEntries} condition decision(s)` : ''
    if (h.rounds.length > 0) this.log(h.ok ? `\nThe history of ${args.vendor} verifies: ${h.rounds.length} round(s)${decisions}, none changed or removed.` : '\nThe history does NOT verify:')
    for (const p of h.problems) this.log(`  - ${p}`)
    if (!h.ok) process.exitCode = 1
    return h
  }
}
