import {Args, Flags} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../../cli/base-command.js'
import type {ProbeTlsResult} from '../../probes/tls/probe-tls-targets.js'

export type ProbeTlsCommandResult = ProbeTlsResult

export default class ProbeTls extends BaseCommand {
  static override summary = 'Inspect the encryption in transit of a vendor’s endpoints (or of ad-hoc URLs): TLS and HTTPS.'
  static override description = [
    'For every endpoint: protocol versions and every accepted cipher suite, key-exchange groups, the certificate, OCSP stapling and secure renegotiation, then the TLS checks. For every https:// endpoint also the HTTPS checks: HSTS, the plain-HTTP redirect (port 80, or the profile’s plainHttpUrl), security headers and the server banner. An http:// URL given with --url gets the redirect check alone.',
    'An endpoint that is not a URL scanvet probes, or that cannot be reached, gets an error row and the others are probed. Connections are bounded by the workspace network settings (concurrency, perEndpointConcurrency, connectTimeoutMs, requestTimeoutMs).',
    'Exit codes: 0 when at least one endpoint was probed (whatever the findings), 1 when no endpoint could be probed at all, 2 for invalid input (a URL given where the vendor id goes, no --url that scanvet can probe, an unknown vendor).',
  ].join('\n\n')
  static override examples = [
    '<%= config.bin %> probe tls acme',
    '<%= config.bin %> probe tls --url https://api.vendor.example --url http://api.vendor.example --url dicom-tls://pacs.vendor.example',
    '<%= config.bin %> probe tls acme --json',
  ]
  static override enableJsonFlag = true
  static override args = {vendor: Args.string({description: 'Vendor id (omit with --url; a URL goes in --url).'})}
  static override flags = {
    workspace: workspaceFlag,
    url: Flags.string({description: 'Probe this https://, http:// (redirect check only), dicom-tls:// or tls:// URL instead of a vendor (repeatable; no workspace needed). ROLE=URL (api, portal, dicomweb, dicom-tls; default api) picks the HTTP checks: a portal is judged on the browser security headers, an API on HSTS and X-Content-Type-Options.', multiple: true}),
    ca: Flags.file({description: 'PEM file of CAs to trust for --url targets.', exists: true}),
    timeout: Flags.integer({description: 'Deadline in milliseconds for each handshake and each HTTP exchange (default: the workspace’s connectTimeoutMs and requestTimeoutMs, or 5000 and 15000).', min: 100}),
  }

  async run(): Promise<ProbeTlsCommandResult> {
    const {args, flags} = await this.parse(ProbeTls)
    const {probeTlsTargets, nothingProbed} = await import('../../probes/tls/probe-tls-targets.js')
    const result = await probeTlsTargets({
      cwd: process.cwd(),
      ...(args.vendor ? {vendorId: args.vendor} : {}),
      ...(flags.workspace ? {workspace: flags.workspace} : {}),
      ...(flags.url ? {urls: flags.url} : {}),
      ...(flags.ca ? {caFile: flags.ca} : {}),
      ...(flags.timeout ? {network: {connectTimeoutMs: flags.timeout, requestTimeoutMs: flags.timeout}} : {}),
    })
    if (!this.jsonEnabled()) {
      const {formatTlsTable} = await import('../../probes/tls/format-tls-table.js')
      this.log(formatTlsTable(result))
    }
    if (nothingProbed(result)) process.exitCode = 1
    return result
  }
}
