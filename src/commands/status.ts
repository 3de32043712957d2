import {Flags} from '@oclif/core'

import {BaseCommand, workspaceFlag} from '../cli/base-command.js'
import type {WorkspaceStatus} from '../status/status-types.js'

export interface StatusCommandResult extends WorkspaceStatus {
  readonly ics?: string
}

const DUE_WORDS = {'never-assessed': 'never assessed', overdue: 'DUE', 'due-soon': 'due soon', 'not-due': ''} as const

export default class Status extends BaseCommand {
  static override summary = 'Every vendor: last assessment, verdict, next due date, open and overdue conditions, evidence about to expire, pending checks.'
  static override description =
    'The next due date is the last assessment plus reassessmentIntervalDays from scanvet.yaml. Evidence is listed when it ends within --within days (default: the same interval). --ics writes the due dates and expiries as a calendar to subscribe to.'
  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status --ics reviews.ics', '<%= config.bin %> status --within 30 --json']
  static override enableJsonFlag = true
  static override flags = {
    workspace: workspaceFlag,
    ics: Flags.string({description: 'Write an iCalendar (RFC 5545) file of due dates and expiries here, or - for standard output.'}),
    within: Flags.integer({description: 'List evidence that ends within this many days (default: the reassessment interval).', min: 0, max: 3650}),
  }

  async run(): Promise<StatusCommandResult> {
    const {flags} = await this.parse(Status)
    const {workspaceStatus} = await import('../status/workspace-status.js')
    const r = await workspaceStatus({cwd: process.cwd(), ...(flags.workspace ? {workspace: flags.workspace} : {})}, {
      ...(flags.within === undefined ? {} : {horizonDays: flags.within}),
      ...(flags.ics && flags.ics !== '-' ? {ics: flags.ics} : {}),
    })
    // `--ics -` is the calendar on standard output (for a pipe into a calendar server), like -o - elsewhere.
    if (flags.ics === '-') {
      const {statusToIcs} = await import('../status/ics.js')
      const {TOOL_VERSION} = await import('../version.js')
      process.stdout.write(statusToIcs(r, {toolVersion: TOOL_VERSION}))
      return r
    }
    if (r.vendors.length === 0) this.log('No vendors yet. Add one with: scanvet vendor add ID --name NAME --endpoint URL')
    for (const v of r.vendors) {
      const last = v.last ? `${v.last.id.padEnd(13)} ${v.last.decision.replaceAll('-', ' ').padEnd(25)}` : `${'—'.padEnd(13)} ${'—'.padEnd(25)}`
      this.log(`${v.id.padEnd(22)} ${last} next due ${v.nextDue} ${DUE_WORDS[v.due]}`.trimEnd())
      for (const e of v.expiring) this.log(`    ${e.state === 'expired' ? 'EXPIRED' : 'expires'} ${e.expires}  ${e.label}${e.state === 'expired' ? '' : ` (${e.daysLeft} days)`}`)
      for (const p of v.pending) this.log(`    pending ${p.due}  ${p.label}${p.state === 'due' ? ' (due now)' : ''}`)
      for (const c of v.conditions) {
        const state = c.overdue ? 'OVERDUE' : c.state === 'open' ? 'due' : c.state.replaceAll('-', ' ')
        this.log(`    ${state.padEnd(13)} ${c.due}  ${c.title}${c.target ? ` (${c.target})` : ''} [${c.id}]`)
      }
    }
    if (r.ics) this.log(`Calendar: ${r.ics}`)
    return r
  }
}
