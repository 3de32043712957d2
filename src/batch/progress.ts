import {DECISION_LABELS} from '../assessment/fail-on.js'
import type {BatchEvent, VendorOutcome} from './batch-types.js'

export interface ProgressSink {
  readonly write: (s: string) => unknown
  readonly isTTY?: boolean
  readonly columns?: number
}

export const describeOutcome = (o: VendorOutcome): string => {
  switch (o.status) {
    case 'assessed':
      return `${DECISION_LABELS[o.decision]} (${o.roundId}, ${(o.durationMs / 1000).toFixed(1)} s)`
    case 'done-earlier':
      return `done earlier in the interrupted run (${o.roundId})`
    case 'not-due':
      return `not due until ${o.nextDue}`
    case 'interrupted':
      return 'interrupted, will run next time'
    case 'error':
      return `ERROR: ${o.message}`
  }
}

/** Plain lines, one per finished vendor: for logs, cron mail, CI and --json (where they go to stderr). */
export const plainProgress = (out: ProgressSink) => {
  let total = 0
  let done = 0
  return (e: BatchEvent): void => {
    if (e.type === 'plan') {
      total = e.total
      out.write(`${e.resumedFrom ? `Resuming the run interrupted at ${e.resumedFrom}: ` : ''}${e.toRun} of ${e.total} vendor(s) to assess\n`)
    } else if (e.type === 'vendor-end') {
      done++
      out.write(`[${String(done).padStart(String(total).length)}/${total}] ${e.outcome.vendor}: ${describeOutcome(e.outcome)}\n`)
    }
  }
}

/**
 * A tick only for an approval: "not approved", "cannot decide yet" and "interrupted" must not look like success
 * at a glance; ✗ for an error, NOT APPROVED or CANNOT DECIDE YET.
 */
export const markOf = (o: VendorOutcome): string => {
  switch (o.status) {
    case 'assessed':
      return o.decision === 'approved' ? '✓' : o.decision === 'not-approved' || o.decision === 'cannot-decide' ? '✗' : '!'
    case 'error':
      return '✗'
    case 'interrupted':
      return '…'
    case 'done-earlier':
    case 'not-due':
      return '·'
  }
}

const SPIN = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

/**
 * A live display for a terminal: finished vendors scroll above, a status block below shows a bar and the
 * vendors in flight with their elapsed time, redrawn in place. Returns the listener and a `stop` that
 * clears the block.
 */
export const liveProgress = (out: ProgressSink, clock: () => number = () => performance.now()) => {
  let total = 0
  let done = 0
  let drawn = 0
  let tick = 0
  const running = new Map<string, number>()
  const width = () => Math.max(40, Math.min(out.columns ?? 80, 120))
  const clear = () => {
    if (drawn > 0) out.write(`\x1b[${drawn}A\x1b[0J`)
    drawn = 0
  }
  const draw = () => {
    const w = width()
    const barWidth = Math.max(10, w - 30)
    const filled = total === 0 ? barWidth : Math.round((done / total) * barWidth)
    const lines = [`[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ${done}/${total}`]
    for (const [id, t0] of running) lines.push(`  ${SPIN[tick % SPIN.length]} ${id} ${((clock() - t0) / 1000).toFixed(0)} s`.slice(0, w - 1))
    out.write(lines.map((l) => `${l}\n`).join(''))
    drawn = lines.length
  }
  const timer = setInterval(() => {
    tick++
    clear()
    draw()
  }, 120)
  timer.unref()
  const listener = (e: BatchEvent): void => {
    clear()
    if (e.type === 'plan') {
      total = e.total
      out.write(`${e.resumedFrom ? `Resuming the run interrupted at ${e.resumedFrom}: ` : ''}${e.toRun} of ${e.total} vendor(s) to assess\n`)
    } else if (e.type === 'vendor-start') {
      running.set(e.vendor, clock())
    } else {
      running.delete(e.outcome.vendor)
      done++
      out.write(`${markOf(e.outcome)} ${e.outcome.vendor}: ${describeOutcome(e.outcome)}\n`)
    }
    draw()
  }
  const stop = () => {
    clearInterval(timer)
    clear()
  }
  return {listener, stop}
}
