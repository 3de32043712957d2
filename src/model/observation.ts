import type {PROBE_FAMILIES} from '../schemas/check.schema.js'

export type ProbeFamily = (typeof PROBE_FAMILIES)[number]

interface ObservationBase {
  readonly probe: ProbeFamily
  /** What was probed, e.g. "https://api.vendor.example:443" or a document path. */
  readonly target: string
  readonly startedAt: string
  readonly durationMs: number
}

/** What a probe saw. A probe never throws: failures are `error` observations with a reason. */
export type Observation =
  | (ObservationBase & {readonly status: 'ok'; readonly facts: Readonly<Record<string, unknown>>})
  | (ObservationBase & {readonly status: 'error'; readonly reason: string; readonly facts?: Readonly<Record<string, unknown>>})
  | (ObservationBase & {readonly status: 'not-applicable'; readonly reason: string})
