import {Args, Flags} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../cli/base-command.js'
import type {VerifyResult} from '../verify/verify-report.js'

export type VerifyCommandResult = VerifyResult

export default class Verify extends BaseCommand {
  static override summary = 'Check a signed report: whole file signed, digest, signer certificate, attached assessment.json.'
  static override description =
    'Inside a workspace the workspace certificate (keys/signing.crt) is trusted by default. Elsewhere give --fingerprint or --trust: the fingerprint must come from the practice (scanvet keys show), never from the report itself. Exit 0 only when every check holds; exit 1 when any fails, naming which; exit 2 for a missing or unreadable file or bad flags.'
  static override examples = [
    '<%= config.bin %> verify vendors/acme/assessments/2026-11-24-1/report.pdf',
    '<%= config.bin %> verify report.pdf --fingerprint 45:0A:79:…',
    '<%= config.bin %> verify report.pdf --trust keys/signing.crt',
    '<%= config.bin %> verify report.pdf --trust our-ca.pem --json',
  ]
  static override enableJsonFlag = true
  static override args = {report: Args.file({description: 'The report PDF.', required: true})}
  static override flags = {
    trust: Flags.file({description: 'Certificate (PEM or DER) the signer must be, or chain to. Repeatable.', multiple: true}),
    fingerprint: Flags.string({description: 'SHA-256 fingerprint of the signer’s certificate, as the practice gives it (scanvet keys show).'}),
    workspace: workspaceFlag,
  }

  async run(): Promise<VerifyCommandResult> {
    const {args, flags} = await this.parse(Verify)
    const {verifyReport} = await import('../verify/verify-report.js')
    const {workspaceCertificate} = await import('../verify/workspace-trust.js')
    const pinned = Boolean(flags.trust?.length || flags.fingerprint)
    const wsCert = pinned ? undefined : await workspaceCertificate({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})})
    const r = await verifyReport({file: args.report, ...(flags.trust ? {trust: flags.trust} : {}), ...(flags.fingerprint ? {fingerprint: flags.fingerprint} : {}), ...(wsCert ? {workspaceCertificate: wsCert} : {})})
    if (r.trusted) this.log(`Trusting ${r.trusted}`)
    for (const c of r.checks) this.log(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.id.padEnd(17)} ${c.detail}`)
    for (const rev of r.revisionsAfterSigning ?? []) this.log(`      revision ${rev.index} after signing: ${rev.changes.join(', ')}`)
    if (r.signer) this.log(`Signer: ${r.signer.subject} (${r.signer.fingerprint})${r.signingTime ? `, signed ${r.signingTime}` : ''}${r.timestamped ? ', with an RFC 3161 timestamp' : ''}`)
    this.log(r.ok ? 'VERIFIED: the report is intact and signed by the expected key.' : 'NOT VERIFIED: do not rely on this report.')
    if (!r.ok) process.exitCode = 1
    return r
  }
}
