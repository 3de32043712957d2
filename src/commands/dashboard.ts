import {Flags} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../cli/base-command.js'
import type {DashboardModel} from '../dashboard/dashboard-model.js'

export interface DashboardCommandResult {
  /** The file written, or `-` for standard output. */
  readonly file: string
  /** With `-o -` and `--json`: the page, since standard output holds the JSON. */
  readonly html?: string
  readonly dashboard: DashboardModel
}

export default class Dashboard extends BaseCommand {
  static override summary = 'One self-contained HTML page of every vendor: verdicts and trends, open and overdue conditions, expiring evidence, pending canaries.'
  static override description =
    'No network, no external assets, a strict Content-Security-Policy: it opens offline from e-mail or a file share. Sortable and filterable; printable. Links to each vendor\'s latest report are relative to the file.'
  static override examples = ['<%= config.bin %> dashboard', '<%= config.bin %> dashboard -o /srv/share/vendors.html', '<%= config.bin %> dashboard -o - > vendors.html']
  static override enableJsonFlag = true
  static override flags = {
    workspace: workspaceFlag,
    output: Flags.string({char: 'o', description: 'Write the page here, or - for standard output (default: dashboard.html in the workspace).', helpValue: 'FILE|-'}),
  }

  async run(): Promise<DashboardCommandResult> {
    const {flags} = await this.parse(Dashboard)
    const {writeDashboard} = await import('../dashboard/write-dashboard.js')
    const r = await writeDashboard({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})}, flags.output ? {out: flags.output} : {})
    if (r.html !== undefined) {
      // The page itself is the output; with --json standard output holds the JSON, which carries the page.
      if (!this.jsonEnabled()) process.stdout.write(r.html)
    } else this.log(`Dashboard: ${r.file} (${r.model.vendors.length} vendor(s))`)
    return {file: r.file, ...(r.html !== undefined && this.jsonEnabled() ? {html: r.html} : {}), dashboard: r.model}
  }
}
