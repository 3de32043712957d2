import type {Observation, ProbeFamily} from '../model/observation.js'
import type {ProgressListener} from '../model/progress-event.js'
import type {NetworkSettings, VendorProfile} from '../workspace/workspace-types.js'

/** Everything a probe may touch from outside, passed in so tests need no patching. */
export interface ProbeContext {
  readonly network: NetworkSettings
  readonly now: () => Date
  readonly env: Readonly<Record<string, string | undefined>>
  /** The vendor's folder: relative paths in the profile (CA bundles, evidence) resolve against it. */
  readonly vendorDir: string
  readonly signal?: AbortSignal
  /** Phases and waits for a live display; absent when nobody watches. */
  readonly progress?: ProgressListener
}

export interface Probe {
  readonly family: ProbeFamily
  readonly description: string
  /** Never throws: every failure is an `error` observation with a reason. */
  run(vendor: VendorProfile, ctx: ProbeContext): Promise<Observation[]>
}
