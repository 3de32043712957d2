import type {Observation} from '../../model/observation.js'
import type {NetworkSettings, VendorProfile} from '../../workspace/workspace-types.js'
import type {ProbeContext} from '../probe-types.js'
import {httpProbe} from './http-probe.js'
import {probePlainHttpUrl} from './probe-plain-http.js'

/** What the HTTP half of `probe tls` needs. */
export interface HttpHalfInput {
  readonly vendor: VendorProfile
  /** http:// URLs given on their own: the redirect check alone. */
  readonly plainUrls: readonly string[]
  readonly network: NetworkSettings
  readonly env: Readonly<Record<string, string | undefined>>
  readonly vendorDir: string
}

export interface HttpHalfResult {
  /** The HTTP probe's observation of every https:// endpoint. */
  readonly https: Observation[]
  /** One per plain http:// URL, in order. */
  readonly plain: Observation[]
}

/** The HTTP probe over the vendor's https:// endpoints and the plain-HTTP probe over the http:// URLs, side by side. */
export const runHttpHalf = async (input: HttpHalfInput, now: () => Date = () => new Date()): Promise<HttpHalfResult> => {
  const ctx: ProbeContext = {network: input.network, now, env: input.env, vendorDir: input.vendorDir}
  const [https, plain] = await Promise.all([httpProbe.run(input.vendor, ctx), Promise.all(input.plainUrls.map((u) => probePlainHttpUrl(u, ctx)))])
  return {https, plain}
}
