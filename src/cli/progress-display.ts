import type {ProgressEvent} from '../model/progress-event.js'
import {painter} from './colour.js'

export interface ProgressStream {
  readonly write: (s: string) => unknown
  readonly isTTY?: boolean
  readonly columns?: number
}

const SPIN = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

const LABEL: Readonly<Record<string, string>> = {
  tls: 'TLS',
  http: 'HTTPS',
  soc2: 'SOC 2 report',
  retention: 'image retention',
  deid: 'de-identification',
}

/** Whether a live display belongs on this stream: a terminal, not --json, and not a CI log. */
export const wantsLiveProgress = (stream: {readonly isTTY?: boolean}, json: boolean, env: Readonly<Record<string, string | undefined>> = process.env): boolean =>
  stream.isTTY === true && !json && env.CI !== 'true' && env.TERM !== 'dumb'

/**
 * Phases of a long run on stderr, redrawn in place: finished phases scroll above with their time, running
 * ones below with a spinner, and a deliberate wait (the retention window) counts down in seconds. Only for a
 * terminal (see wantsLiveProgress): a pipe, a log or --json output gets nothing from it.
 */
export const liveProgressDisplay = (out: ProgressStream, colour: boolean, clock: () => number = () => Date.now()) => {
  const paint = painter(colour)
  const running = new Map<string, {t0: number; waiting?: {what: string; until: number}}>()
  let drawn = 0
  let tick = 0
  const width = () => Math.max(40, Math.min(out.columns ?? 80, 160))
  const label = (phase: string) => LABEL[phase] ?? phase
  const clear = () => {
    if (drawn > 0) out.write(`\x1b[${drawn}A\x1b[0J`)
    drawn = 0
  }
  const fit = (s: string) => (s.length >= width() ? `${s.slice(0, width() - 2)}…` : s)
  const draw = () => {
    const lines: string[] = []
    for (const [phase, r] of running) {
      const spin = SPIN[tick % SPIN.length]
      if (r.waiting) {
        const left = Math.max(0, Math.ceil((r.waiting.until - clock()) / 1000))
        lines.push(fit(`${spin} ${label(phase)}: ${r.waiting.what}, ${left} s left`))
      } else lines.push(fit(`${spin} ${label(phase)} ${((clock() - r.t0) / 1000).toFixed(0)} s`))
    }
    out.write(lines.map((l) => `${l}\n`).join(''))
    drawn = lines.length
  }
  const timer = setInterval(() => {
    tick++
    clear()
    draw()
  }, 250)
  timer.unref()
  const listener = (e: ProgressEvent): void => {
    clear()
    switch (e.type) {
      case 'phase-start':
        running.set(e.phase, {t0: clock()})
        break
      case 'waiting': {
        const r = running.get(e.phase) ?? {t0: clock()}
        running.set(e.phase, {...r, waiting: {what: e.what, until: e.until}})
        break
      }
      case 'phase-end': {
        const r = running.get(e.phase)
        running.delete(e.phase)
        const secs = r ? ` ${((clock() - r.t0) / 1000).toFixed(1)} s` : ''
        out.write(
          e.outcome === 'done'
            ? `${paint('green', '✓')} ${label(e.phase)}${paint('dim', secs)}\n`
            : `${paint('red', '✗')} ${fit(`${label(e.phase)}${secs}: ${e.note ?? 'error'}`)}\n`,
        )
        break
      }
    }
    draw()
  }
  const stop = () => {
    clearInterval(timer)
    clear()
  }
  return {listener, stop}
}
