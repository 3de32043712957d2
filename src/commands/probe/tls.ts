import {Args, Flags} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'
import type {ProbeTlsResult} from '../../probes/tls/probe-tls-targets.js'

export type ProbeTlsCommandResult = ProbeTlsResult

export default class ProbeTls extends BaseCommand {
  static override summary = 'Inspect the TLS of a vendor’s endpoints (or of ad-hoc URLs) and judge it.'
  static override description =
    'Enumerates protocol versions and every accepted cipher suite, key-exchange groups, the certificate, OCSP stapling and secure renegotiation, then runs the TLS checks. Connections are bounded by the workspace network settings (concurrency, perEndpointConcurrency, connectTimeoutMs).'
  static override examples = [
    '<%= config.bin %> probe tls acme',
    '<%= config.bin %> probe tls --url https://api.vendor.example --url dicom-tls://pacs.vendor.example',
    '<%= config.bin %> probe tls acme --json',
  ]
  static override enableJsonFlag = true
  static override args = {vendor: Args.string({description: 'Vendor id (omit with --url).'})}
  static override flags = {
    workspace: workspaceFlag,
    url: Flags.string({description: 'Probe this https://, dicom-tls:// or tls:// URL instead of a vendor (repeatable; no workspace needed).', multiple: true}),
    ca: Flags.file({description: 'PEM file of CAs to trust for --url targets.', exists: true}),
    timeout: Flags.integer({description: 'Per-handshake deadline in milliseconds (default: the workspace’s connectTimeoutMs, or 5000).', min: 100}),
  }

  async run(): Promise<ProbeTlsCommandResult> {
    const {args, flags} = await this.parse(ProbeTls)
    const {probeTlsTargets} = await import('../../probes/tls/probe-tls-targets.js')
    const result = await probeTlsTargets({
      cwd: process.cwd(),
      ...(args.vendor ? {vendorId: args.vendor} : {}),
      ...(flags.workspace ? {workspace: flags.workspace} : {}),
      ...(flags.url ? {urls: flags.url} : {}),
      ...(flags.ca ? {caFile: flags.ca} : {}),
      ...(flags.timeout ? {network: {connectTimeoutMs: flags.timeout}} : {}),
    })
    if (!this.jsonEnabled()) {
      const {formatTlsTable} = await import('../../probes/tls/format-tls-table.js')
      this.log(formatTlsTable(result))
    }
    return result
  }
}
