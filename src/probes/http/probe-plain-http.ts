import type {Observation} from '../../model/observation.js'
import type {ProbeContext} from '../probe-types.js'
import {redirectFacts} from './http-probe.js'

/**
 * A plain http:// URL given on its own (`probe tls --url http://…`): only what plain HTTP does there, the
 * redirect facts the HTTP probe gathers for an HTTPS endpoint's port 80. Refused or silent is `not-served` (as
 * for an endpoint's port 80: nothing is sent in clear text); any other failure (DNS, reset, not HTTP) is an
 * `error` observation, so the redirect check says "could not be checked" rather than fail.
 */
export const probePlainHttpUrl = async (url: string, ctx: ProbeContext): Promise<Observation> => {
  const started = ctx.now()
  const t0 = performance.now()
  const base = {probe: 'http' as const, target: url, startedAt: started.toISOString()}
  const redirect = await redirectFacts({url, role: 'api', plainHttpUrl: url}, ctx)
  const durationMs = Math.round(performance.now() - t0)
  if (redirect.outcome === 'error') return {...base, durationMs, status: 'error', reason: `${url}: ${redirect.detail ?? 'no HTTP answer'}`}
  return {...base, durationMs, status: 'ok', facts: {endpoint: {url, role: 'plain-http'}, redirect}}
}
