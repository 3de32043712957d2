import {describe, expect, it} from 'vitest'

import type {BatchEvent} from '../../src/batch/batch-types.js'
import {liveProgress, plainProgress} from '../../src/batch/progress.js'

const events: BatchEvent[] = [
  {type: 'plan', runId: 'r', total: 3, toRun: 2},
  {type: 'vendor-end', outcome: {status: 'not-due', vendor: 'c', nextDue: '2027-01-01'}},
  {type: 'vendor-start', vendor: 'a'},
  {type: 'vendor-start', vendor: 'b'},
  {type: 'vendor-end', outcome: {status: 'error', vendor: 'b', code: 'INVALID_INPUT', message: 'answers.yaml:3:1: bad'}},
  {type: 'vendor-end', outcome: {status: 'assessed', vendor: 'a', roundId: '2026-11-24-1', decision: 'approved', counts: {fail: 0, warn: 0, error: 0, 'not-assessed': 0, pass: 1, 'not-applicable': 0}, failsGate: false, durationMs: 1500, report: '/x.pdf'}},
]

describe('progress displays', () => {
  it('plain: one line per finished vendor, numbered', () => {
    let out = ''
    const on = plainProgress({write: (s) => (out += s)})
    for (const e of events) on(e)
    expect(out.split('\n')).toEqual([
      '2 of 3 vendor(s) to assess',
      '[1/3] c: not due until 2027-01-01',
      '[2/3] b: ERROR: answers.yaml:3:1: bad',
      '[3/3] a: APPROVED (2026-11-24-1, 1.5 s)',
      '',
    ])
  })

  it('live: redraws a bar and the vendors in flight in place, and leaves only the finished lines', () => {
    let out = ''
    let t = 0
    const live = liveProgress({write: (s) => (out += s), isTTY: true, columns: 60}, () => t)
    live.listener(events[0]!)
    live.listener(events[1]!)
    live.listener(events[2]!)
    t = 2000
    live.listener(events[3]!)
    expect(out).toContain('a 2 s')
    for (const e of events.slice(4)) live.listener(e)
    live.stop()
    expect(out).toContain('\x1b[') // cursor movement: drawn in place
    expect(out).toMatch(/\] 3\/3\n/)
    // Replay the terminal: erase sequences remove the block, what stays is the log of finished vendors.
    const screen: string[] = []
    for (const chunk of out.split(/(\x1b\[\d+A\x1b\[0J)/)) {
      const m = /\x1b\[(\d+)A\x1b\[0J/.exec(chunk)
      if (m) screen.splice(screen.length - Number(m[1]))
      else screen.push(...chunk.split('\n').slice(0, -1))
    }
    expect(screen).toEqual(['2 of 3 vendor(s) to assess', '· c: not due until 2027-01-01', '✗ b: ERROR: answers.yaml:3:1: bad', '✓ a: APPROVED (2026-11-24-1, 1.5 s)'])
  })
})

describe('the mark before each finished vendor', () => {
  it('is a tick only for an approval', async () => {
    const {markOf} = await import('../../src/batch/progress.js')
    const assessed = (decision: string) => ({status: 'assessed', vendor: 'v', decision, roundId: 'r', durationMs: 1}) as unknown as Parameters<typeof markOf>[0]
    expect(markOf(assessed('approved'))).toBe('✓')
    expect(markOf(assessed('not-approved'))).toBe('✗')
    expect(markOf(assessed('approved-with-conditions'))).toBe('!')
    expect(markOf(assessed('cannot-decide'))).toBe('✗')
    expect(markOf({status: 'interrupted', vendor: 'v'} as unknown as Parameters<typeof markOf>[0])).toBe('…')
  })
})
