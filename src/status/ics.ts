import {createHash} from 'node:crypto'

import type {WorkspaceStatus} from './status-types.js'

/** TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped. */
export const escapeText = (s: string): string => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')

/** Fold a content line at 75 octets (§3.1), never inside a UTF-8 character; continuation lines start with a space. */
export const foldLine = (line: string): string => {
  const out: string[] = []
  let current = ''
  let octets = 0
  for (const ch of line) {
    const n = Buffer.byteLength(ch)
    const limit = out.length === 0 ? 75 : 74 // continuation lines lose one octet to the leading space
    if (octets + n > limit) {
      out.push(current)
      current = ''
      octets = 0
    }
    current += ch
    octets += n
  }
  out.push(current)
  return out.join('\r\n ')
}

const basicDate = (day: string): string => day.slice(0, 10).replaceAll('-', '')
const nextDay = (day: string): string => new Date(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
const stamp = (iso: string): string => `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`
const uidOf = (...parts: string[]): string => `${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}@scanvet`

interface CalendarEvent {
  readonly uid: string
  readonly day: string
  readonly summary: string
  readonly description: string
  readonly category: string
}

/**
 * The status as an RFC 5545 calendar: one all-day event per reassessment due date, evidence end date and
 * pending item. UIDs are stable (vendor + what + date), so a calendar re-importing the file updates events
 * rather than duplicating them. Pure: `generatedAt` is the DTSTAMP.
 */
export const statusToIcs = (status: WorkspaceStatus, opts: {readonly toolVersion: string}): string => {
  const events: CalendarEvent[] = []
  for (const v of status.vendors) {
    events.push({
      uid: uidOf(v.id, 'reassessment', v.nextDue),
      day: v.nextDue,
      summary: `Reassess ${v.name} (scanvet)`,
      description: v.last
        ? `Quarterly reassessment of ${v.name} (${v.id}) is due. Last assessment ${v.last.id}: ${v.last.decision}. Run: scanvet run ${v.id}`
        : `${v.name} (${v.id}) has never been assessed. Run: scanvet run ${v.id}`,
      category: 'Reassessment',
    })
    for (const e of v.expiring) {
      events.push({
        uid: uidOf(v.id, 'expiry', e.kind, e.label, e.expires),
        day: e.expires,
        summary: `${e.label} of ${v.name} ${e.state === 'expired' ? 'expired' : 'expires'}`,
        description: `${e.label} of ${v.name} (${v.id}) ends on ${e.expires} (from ${e.source}). Ask the vendor for current evidence.`,
        category: 'Evidence expiry',
      })
    }
    // One event per due date of the open conditions: the vendor, what to ask, and how to check it again.
    const open = v.conditions.filter((c) => c.state === 'open')
    for (const due of [...new Set(open.map((c) => c.due))]) {
      const cs = open.filter((c) => c.due === due)
      const overdue = cs.some((c) => c.overdue)
      events.push({
        uid: uidOf(v.id, 'conditions', due),
        day: due,
        summary: `${overdue ? 'OVERDUE: ' : ''}${cs.length} condition(s) of ${v.name} due`,
        description: [
          `${v.name} (${v.id}) must have fixed by ${due}:`,
          ...cs.map((c) => `- ${c.title}${c.target ? ` (${c.target})` : ''} [${c.id}]: ${c.ask}`),
          `Check with a new round: scanvet run ${v.id}`,
          `Or record a decision: scanvet condition accept ${v.id} ID --reason … --by …`,
        ].join('\n'),
        category: 'Condition due',
      })
    }
    for (const p of v.pending) {
      events.push({
        uid: uidOf(v.id, 'pending', p.kind, p.label, p.due),
        day: p.due,
        summary: `${p.label} of ${v.name} due`,
        description: `${p.label} of ${v.name} (${v.id}) is due on ${p.due}. The next scanvet run verifies it.`,
        category: 'Pending check',
      })
    }
  }
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:-//scanvet//scanvet ${opts.toolVersion}//EN`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:scanvet vendor reviews']
  for (const e of events.sort((a, b) => a.day.localeCompare(b.day) || a.uid.localeCompare(b.uid))) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp(status.generatedAt)}`,
      `DTSTART;VALUE=DATE:${basicDate(e.day)}`,
      `DTEND;VALUE=DATE:${basicDate(nextDay(e.day))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `CATEGORIES:${escapeText(e.category)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    )
  }
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join('\r\n') + '\r\n'
}
