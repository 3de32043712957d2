/**
 * What a long run is doing, for a live display. Library code emits these through an optional listener and
 * never draws anything itself; the command decides whether a terminal is there to show them.
 */
export type ProgressEvent =
  | {readonly type: 'phase-start'; readonly phase: string}
  | {readonly type: 'phase-end'; readonly phase: string; readonly outcome: 'done' | 'error'; readonly note?: string}
  /** A deliberate wait (a retention window): the display counts down to `until` (epoch ms). */
  | {readonly type: 'waiting'; readonly phase: string; readonly what: string; readonly until: number}

export type ProgressListener = (e: ProgressEvent) => void
