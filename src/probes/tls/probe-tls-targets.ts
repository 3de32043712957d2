import path from 'node:path'

import {runChecks} from '../../checks/evaluate-check.js'
import {loadBundledChecks} from '../../checks/load-bundled-checks.js'
import {ScanvetError} from '../../errors.js'
import type {Finding} from '../../model/finding.js'
import type {Observation} from '../../model/observation.js'
import {DEFAULT_NETWORK, type NetworkSettings, type VendorEndpoint, type VendorProfile} from '../../workspace/workspace-types.js'
import type {HttpHalfResult} from '../http/http-half.js'
import {plainHttpChecks} from '../http/plain-http-checks.js'
import type {ProbeContext} from '../probe-types.js'
import {tlsProbe} from './tls-probe.js'

export interface ProbeTlsOptions {
  readonly cwd: string
  /** A vendor of the workspace, or ad-hoc URLs (no workspace needed). */
  readonly vendorId?: string
  readonly workspace?: string
  readonly urls?: readonly string[]
  /** PEM file of extra trust anchors for ad-hoc URLs. */
  readonly caFile?: string
  readonly network?: Partial<NetworkSettings>
  readonly now?: () => Date
}

/** What was done for one endpoint: `tls` (dicom-tls://, tls://), `https` (TLS and HTTP), `plain-http` (redirect only). */
export type EndpointKind = 'tls' | 'https' | 'plain-http'

/** One row per endpoint: probed (at least one observation has facts), or an error saying why not. */
export type EndpointOutcome =
  | {readonly url: string; readonly kind: EndpointKind; readonly status: 'probed'; readonly reason?: never}
  | {readonly url: string; readonly kind?: EndpointKind; readonly status: 'error'; readonly reason: string}

export interface ProbeTlsResult {
  readonly vendor?: string
  /** In the order given; the command exits 1 when none is `probed`. */
  readonly endpoints: readonly EndpointOutcome[]
  /** The TLS observation of every endpoint, then the HTTP observation of every https:// and http:// one. */
  readonly observations: readonly Observation[]
  /** The tls-* checks on TLS observations, the http-* checks on https:// ones, the redirect check on http:// ones. */
  readonly findings: readonly Finding[]
}

const SCHEMES: Readonly<Record<string, EndpointKind>> = {'https:': 'https', 'dicom-tls:': 'tls', 'tls:': 'tls', 'http:': 'plain-http'}

const kindOf = (url: string): EndpointKind | undefined => {
  try {
    return SCHEMES[new URL(url).protocol]
  } catch {
    return undefined
  }
}

const BAD_URL = 'not an https://, http://, dicom-tls:// or tls:// URL'

/** `scanvet probe tls https://…`: a URL where a vendor id goes. */
const looksLikeUrl = (s: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(s)

interface Targets {
  readonly vendor: VendorProfile
  readonly vendorDir: string
  readonly network: NetworkSettings
  /** Every endpoint in order; ad-hoc URLs that are not URLs scanvet probes have no kind. */
  readonly all: readonly {readonly url: string; readonly kind?: EndpointKind}[]
}

const AD_HOC_ROLES = ['api', 'portal', 'dicomweb', 'dicom-tls'] as const
type AdHocRole = (typeof AD_HOC_ROLES)[number]

/** `--url [ROLE=]URL`: the role decides which HTTP checks apply (a portal is judged on the browser headers). */
const roleAndUrl = (given: string): {url: string; role?: AdHocRole} => {
  const m = /^([a-z][a-z-]*)=(.+)$/.exec(given)
  if (!m) return {url: given}
  if (!(AD_HOC_ROLES as readonly string[]).includes(m[1]!)) throw new ScanvetError('INVALID_INPUT', `--url ${given}: "${m[1]}" is not an endpoint role (roles: ${AD_HOC_ROLES.join(', ')})`)
  return {url: m[2]!, role: m[1] as AdHocRole}
}

const adHocTargets = (opts: ProbeTlsOptions, given: readonly string[]): Targets => {
  const parsed = given.map(roleAndUrl)
  const urls = parsed.map((p) => p.url)
  const roles = new Map(parsed.flatMap((p) => (p.role ? [[p.url, p.role] as const] : [])))
  const kinds = urls.map((url) => ({url, kind: kindOf(url)}))
  if (kinds.every((k) => k.kind === undefined)) {
    throw new ScanvetError('INVALID_INPUT', urls.map((u) => `--url ${u}: ${BAD_URL}`).join('\n'), ['Example: --url https://api.vendor.example'])
  }
  const ca = opts.caFile ? path.resolve(opts.cwd, opts.caFile) : undefined
  const endpoints: VendorEndpoint[] = kinds
    .filter((k) => k.kind === 'https' || k.kind === 'tls')
    .map(({url}) => ({url, role: roles.get(url) ?? (url.startsWith('dicom-tls:') ? 'dicom-tls' : 'api'), ...(ca ? {caBundle: ca} : {})}))
  return {
    vendor: {id: 'ad-hoc', name: 'ad-hoc', service: 'ad-hoc', jurisdictions: ['US'], endpoints},
    vendorDir: opts.cwd,
    network: {...DEFAULT_NETWORK, ...opts.network},
    all: kinds,
  }
}

const vendorTargets = async (opts: ProbeTlsOptions, vendorId: string): Promise<Targets> => {
  // Loaded here, not at the top: ad-hoc --url runs need neither the workspace nor the schema validator.
  const [{loadWorkspace}, {loadVendor}] = await Promise.all([import('../../workspace/workspace.js'), import('../../workspace/vendors.js')])
  const ws = await loadWorkspace({cwd: opts.cwd, ...(opts.workspace ? {workspace: opts.workspace} : {})})
  const v = await loadVendor(ws, vendorId)
  return {vendor: v.profile, vendorDir: v.dir, network: {...ws.network, ...opts.network}, all: v.profile.endpoints.map((e) => ({url: e.url, kind: kindOf(e.url) ?? 'tls'}))}
}

const targetsOf = async (opts: ProbeTlsOptions): Promise<Targets> => {
  if (opts.vendorId && looksLikeUrl(opts.vendorId)) {
    throw new ScanvetError('INVALID_INPUT', `${opts.vendorId} is a URL, not a vendor id: give URLs with --url`, [`scanvet probe tls --url ${opts.vendorId}`])
  }
  if (opts.urls && opts.urls.length > 0) return adHocTargets(opts, opts.urls)
  if (opts.vendorId) return vendorTargets(opts, opts.vendorId)
  throw new ScanvetError('INVALID_INPUT', 'name a vendor or give --url', ['scanvet probe tls acme', 'scanvet probe tls --url https://api.vendor.example'])
}

/**
 * `scanvet probe tls`: the whole encryption-in-transit probe for a workspace vendor or ad-hoc URLs. TLS for
 * every TLS endpoint, the HTTP probe (HSTS, plain-HTTP redirect, headers, banner) for every https:// one, the
 * redirect check alone for an http:// URL. A bad or unreachable endpoint is an error row; the others go on.
 */
export const probeTlsTargets = async (opts: ProbeTlsOptions): Promise<ProbeTlsResult> => {
  const t = await targetsOf(opts)
  const ctx: ProbeContext = {network: t.network, now: opts.now ?? (() => new Date()), env: process.env, vendorDir: t.vendorDir}
  const plainUrls = t.all.filter((e) => e.kind === 'plain-http').map((e) => e.url)
  const started = ctx.now().toISOString()
  // The TLS probe's first ClientHellos go out before the HTTP client (axios: ~200 ms to load) is loaded, so that
  // against a remote endpoint the loading overlaps the wait on the network; the checks load meanwhile too.
  const tlsRun = tlsProbe.run(t.vendor, ctx)
  const httpRun = (async (): Promise<HttpHalfResult> => {
    // Nothing for HTTP (DICOM TLS only): the HTTP client need not even load.
    if (plainUrls.length === 0 && !t.vendor.endpoints.some((e) => e.url.startsWith('https:'))) return {https: [], plain: []}
    const {runHttpHalf} = await import('../http/http-half.js')
    return runHttpHalf({vendor: t.vendor, plainUrls, network: t.network, env: ctx.env, vendorDir: t.vendorDir}, ctx.now)
  })()
  const [tlsObs, http, tlsChecks, httpChecks] = await Promise.all([tlsRun, httpRun, loadBundledChecks('tls'), loadBundledChecks('http')])
  const {https: httpObs, plain: plainObs} = http
  const invalid: Observation[] = t.all
    .filter((e) => e.kind === undefined)
    .map((e) => ({probe: 'tls', target: e.url, startedAt: started, durationMs: 0, status: 'error', reason: `${e.url}: ${BAD_URL}`}))
  const order = new Map(t.all.map((e, i) => [e.url, i]))
  const byEndpoint = (a: Observation, b: Observation) => (order.get(a.target) ?? 0) - (order.get(b.target) ?? 0)
  const tlsSide = [...tlsObs, ...invalid].sort(byEndpoint)
  const httpSide = [...httpObs, ...plainObs].sort(byEndpoint)
  const plain = new Set(plainUrls)
  const findings = [
    ...runChecks(tlsChecks, tlsSide),
    ...runChecks(httpChecks, httpSide.filter((o) => !plain.has(o.target))),
    ...runChecks(plainHttpChecks(httpChecks), httpSide.filter((o) => plain.has(o.target))),
  ]
  const observations = [...tlsSide, ...httpSide]
  const endpoints = t.all.map((e): EndpointOutcome => {
    const mine = observations.filter((o) => o.target === e.url)
    if (e.kind && mine.some((o) => o.status === 'ok')) return {url: e.url, kind: e.kind, status: 'probed'}
    const reason = mine.map((o) => (o.status === 'ok' ? '' : o.reason)).find(Boolean) ?? 'nothing could be probed'
    return {url: e.url, ...(e.kind ? {kind: e.kind} : {}), status: 'error', reason}
  })
  return {...(opts.vendorId && !opts.urls?.length ? {vendor: t.vendor.id} : {}), endpoints, observations, findings}
}

/** True when not one endpoint could be probed: the command's exit 1. */
export const nothingProbed = (r: ProbeTlsResult): boolean => r.endpoints.every((e) => e.status !== 'probed')
