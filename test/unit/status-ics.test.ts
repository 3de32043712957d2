import ICAL from 'ical.js'
import {describe, expect, it} from 'vitest'

import {dueStateOf} from '../../src/status/gather-status.js'
import {escapeText, foldLine, statusToIcs} from '../../src/status/ics.js'
import type {WorkspaceStatus} from '../../src/status/status-types.js'

const status: WorkspaceStatus = {
  generatedAt: '2026-11-24T20:41:56.123Z',
  intervalDays: 90,
  horizonDays: 90,
  vendors: [
    {
      id: 'acme',
      name: 'Acme Imaging; Radiology, AI — Zürich branch with a very long name that needs folding at seventy-five octets',
      last: {id: '2026-11-01-1', assessedAt: '2026-11-01T09:00:00Z', decision: 'approved-with-conditions'},
      nextDue: '2027-01-30',
      daysUntilDue: 67,
      due: 'not-due',
      expiring: [
        {kind: 'certificate', label: 'TLS certificate of https://api.acme.example/v1', expires: '2026-12-20', daysLeft: 26, state: 'expiring', source: 'assessment 2026-11-01-1'},
        {kind: 'document', label: 'BAA (baa)', expires: '2026-11-01', daysLeft: -23, state: 'expired', source: 'vendor.yaml'},
      ],
      pending: [{kind: 'retention-canary', label: 'Retention canary 1.2.3', due: '2026-12-01', state: 'waiting'}],
      conditions: [],
    },
    {id: 'newco', name: 'NewCo', nextDue: '2026-11-24', daysUntilDue: 0, due: 'never-assessed', expiring: [], pending: [], conditions: []},
  ],
}

describe('statusToIcs: an RFC 5545 calendar of due dates and expiries', () => {
  const ics = statusToIcs(status, {toolVersion: '0.1.0'})

  it('is CRLF-delimited, every line at most 75 octets, BEGIN/END balanced, each event with the required properties', () => {
    expect(ics.endsWith('\r\n')).toBe(true)
    const lines = ics.slice(0, -2).split('\r\n')
    expect(lines.some((l) => l.includes('\n') || l.includes('\r'))).toBe(false)
    for (const l of lines) expect(Buffer.byteLength(l), l).toBeLessThanOrEqual(75)
    expect(lines.some((l) => l.startsWith(' '))).toBe(true) // the long name was folded
    const stack: string[] = []
    let props: string[] = []
    const events: string[][] = []
    const unfolded = ics.replace(/\r\n /g, '').slice(0, -2).split('\r\n')
    for (const l of unfolded) {
      if (l.startsWith('BEGIN:')) {
        stack.push(l.slice(6))
        props = []
      } else if (l.startsWith('END:')) {
        expect(stack.pop()).toBe(l.slice(4))
        if (l === 'END:VEVENT') events.push(props)
      } else props.push(l.split(/[;:]/)[0]!)
    }
    expect(stack).toEqual([])
    expect(unfolded.slice(0, 3)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//scanvet//scanvet 0.1.0//EN'])
    expect(events).toHaveLength(5) // 2 due dates, 2 expiries, 1 pending
    for (const p of events) for (const req of ['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY']) expect(p).toContain(req)
  })

  it('parses with ical.js (an independent implementation) into the expected all-day events', () => {
    const cal = new ICAL.Component(ICAL.parse(ics))
    const events = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c))
    expect(events.map((e) => [e.startDate.toString(), e.startDate.isDate, e.summary])).toEqual([
      ['2026-11-01', true, `BAA (baa) of ${status.vendors[0]!.name} expired`],
      ['2026-11-24', true, 'Reassess NewCo (scanvet)'],
      ['2026-12-01', true, `Retention canary 1.2.3 of ${status.vendors[0]!.name} due`],
      ['2026-12-20', true, `TLS certificate of https://api.acme.example/v1 of ${status.vendors[0]!.name} expires`],
      ['2027-01-30', true, `Reassess ${status.vendors[0]!.name} (scanvet)`],
    ])
    expect(new Set(events.map((e) => e.uid)).size).toBe(5)
    expect(events.every((e) => e.endDate.toString() > e.startDate.toString())).toBe(true)
    expect(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-11-24T20:41:56Z')
  })

  it('UIDs are stable across regenerations, so calendars update events rather than duplicate them', () => {
    const again = statusToIcs({...status, generatedAt: '2026-11-25T08:00:00Z'}, {toolVersion: '0.1.0'})
    const uids = (s: string) => s.match(/^UID:.*$/gm)
    expect(uids(again)).toEqual(uids(ics))
  })

  it('escapes TEXT and folds without splitting a UTF-8 character', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne')
    const folded = foldLine(`SUMMARY:${'é'.repeat(80)}`)
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75)
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(80)}`)
    expect(folded).not.toContain('\uFFFD')
  })
})

describe('dueStateOf', () => {
  it('never assessed, overdue on the due day, due soon within the window, otherwise not due', () => {
    expect(dueStateOf(5, false, 14)).toBe('never-assessed')
    expect(dueStateOf(0, true, 14)).toBe('overdue')
    expect(dueStateOf(-3, true, 14)).toBe('overdue')
    expect(dueStateOf(14, true, 14)).toBe('due-soon')
    expect(dueStateOf(15, true, 14)).toBe('not-due')
  })
})
