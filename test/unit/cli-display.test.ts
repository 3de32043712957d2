import {describe, expect, it} from 'vitest'

import {colourEnabled, outcomeMark, painter} from '../../src/cli/colour.js'
import {liveProgressDisplay, wantsLiveProgress} from '../../src/cli/progress-display.js'

describe('colour follows NO_COLOR, FORCE_COLOR, --no-color and the terminal', () => {
  const tty = {isTTY: true}
  const pipe = {isTTY: false}
  it.each([
    [tty, {}, [], true],
    [pipe, {}, [], false],
    [tty, {NO_COLOR: '1'}, [], false],
    [tty, {TERM: 'dumb'}, [], false],
    [pipe, {FORCE_COLOR: '1'}, [], true],
    [tty, {FORCE_COLOR: '0'}, [], false],
    [tty, {}, ['--no-color'], false],
    [pipe, {FORCE_COLOR: '1'}, ['--no-color'], false],
  ] as const)('%o %o %o → %s', (stream, env, argv, want) => {
    expect(colourEnabled(stream, env, argv)).toBe(want)
  })

  it('paints only when enabled, and marks only approval with a tick', () => {
    expect(painter(false)('red', 'NOT APPROVED')).toBe('NOT APPROVED')
    expect(painter(true)('red', 'NOT APPROVED')).toBe('\x1b[31mNOT APPROVED\x1b[39m')
    expect(outcomeMark('approved')).toBe('✓')
    expect(outcomeMark('not-approved')).toBe('✗')
    expect(outcomeMark('interrupted')).not.toBe('✓')
  })
})

describe('live progress', () => {
  it('is for a terminal only, never --json or CI', () => {
    expect(wantsLiveProgress({isTTY: true}, false, {})).toBe(true)
    expect(wantsLiveProgress({isTTY: false}, false, {})).toBe(false)
    expect(wantsLiveProgress({isTTY: true}, true, {})).toBe(false)
    expect(wantsLiveProgress({isTTY: true}, false, {CI: 'true'})).toBe(false)
  })

  it('shows phases with their outcome and counts a wait down', () => {
    let now = 1_000_000
    let text = ''
    const d = liveProgressDisplay({write: (s) => (text += s), isTTY: true, columns: 100}, false, () => now)
    d.listener({type: 'phase-start', phase: 'tls'})
    d.listener({type: 'phase-start', phase: 'retention'})
    now += 1500
    d.listener({type: 'phase-end', phase: 'tls', outcome: 'done'})
    d.listener({type: 'waiting', phase: 'retention', what: 'canary planted; waiting out the PT20S window', until: now + 20_000})
    expect(text).toContain('✓ TLS 1.5 s')
    expect(text).toMatch(/image retention: canary planted; waiting out the PT20S window, 20 s left\n$/)
    now += 7000
    d.listener({type: 'phase-start', phase: 'soc2'})
    expect(text).toMatch(/13 s left\n/)
    d.listener({type: 'phase-end', phase: 'soc2', outcome: 'error', note: 'no report attached'})
    expect(text).toContain('✗ SOC 2 report 0.0 s: no report attached')
    d.stop()
    // stop() clears the live block it drew (cursor up over it, erase below).
    expect(text).toMatch(/\x1b\[1A\x1b\[0J$/)
  })
})
