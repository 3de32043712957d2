import type {Observation, ProbeFamily} from '../model/observation.js'
import type {NetworkSettings, VendorProfile} from '../workspace/workspace-types.js'

/** Everything a probe may touch from outside, passed in so tests need no patching. */
export interface ProbeContext {
  readonly network: NetworkSettings
  readonly now: () => Date
  readonly env: Readonly<Record<string, string | undefined>>
  /** The vendor's folder: relative paths in the profile (CA bundles, evidence) resolve against it. */
  readonly vendorDir: string
  readonly signal?: AbortSignal
}

export interface Probe {
  readonly family: ProbeFamily
  readonly description: string
  /** Never throws: every failure is an `error` observation with a reason. */
  run(vendor: VendorProfile, ctx: ProbeContext): Promise<Observation[]>
}
