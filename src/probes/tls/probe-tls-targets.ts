import path from 'node:path'

import {runChecks} from '../../checks/evaluate-check.js'
import {ScanvetError} from '../../errors.js'
import type {Finding} from '../../model/finding.js'
import type {Observation} from '../../model/observation.js'
import {DEFAULT_NETWORK, type NetworkSettings, type VendorEndpoint, type VendorProfile} from '../../workspace/workspace-types.js'
import type {ProbeContext} from '../probe-types.js'
import {loadBundledChecks} from '../../checks/load-bundled-checks.js'
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

export interface ProbeTlsResult {
  readonly vendor?: string
  readonly observations: readonly Observation[]
  readonly findings: readonly Finding[]
}

const roleOf = (url: string): VendorEndpoint['role'] => (url.startsWith('dicom-tls:') ? 'dicom-tls' : 'api')

const adHocEndpoint = (url: string, caBundle: string | undefined): VendorEndpoint => {
  try {
    const u = new URL(url)
    if (!['https:', 'dicom-tls:', 'tls:'].includes(u.protocol)) throw new Error('scheme')
  } catch {
    throw new ScanvetError('INVALID_INPUT', `--url ${url}: not an https://, dicom-tls:// or tls:// URL`, ['Example: --url https://api.vendor.example'])
  }
  return {url, role: roleOf(url), ...(caBundle ? {caBundle} : {})}
}

/** `scanvet probe tls`: the TLS probe and the TLS checks alone, for a workspace vendor or for ad-hoc URLs. */
export const probeTlsTargets = async (opts: ProbeTlsOptions): Promise<ProbeTlsResult> => {
  let vendor: VendorProfile
  let vendorDir: string
  let network: NetworkSettings
  if (opts.urls && opts.urls.length > 0) {
    const ca = opts.caFile ? path.resolve(opts.cwd, opts.caFile) : undefined
    vendor = {id: 'ad-hoc', name: 'ad-hoc', service: 'ad-hoc', jurisdictions: ['US'], endpoints: opts.urls.map((u) => adHocEndpoint(u, ca))}
    vendorDir = opts.cwd
    network = {...DEFAULT_NETWORK, ...opts.network}
  } else if (opts.vendorId) {
    // Loaded here, not at the top: ad-hoc --url runs need neither the workspace nor the schema validator.
    const [{loadWorkspace}, {loadVendor}] = await Promise.all([import('../../workspace/workspace.js'), import('../../workspace/vendors.js')])
    const ws = await loadWorkspace({cwd: opts.cwd, ...(opts.workspace ? {workspace: opts.workspace} : {})})
    const v = await loadVendor(ws, opts.vendorId)
    vendor = v.profile
    vendorDir = v.dir
    network = {...ws.network, ...opts.network}
  } else {
    throw new ScanvetError('INVALID_INPUT', 'name a vendor or give --url', ['scanvet probe tls acme', 'scanvet probe tls --url https://api.vendor.example'])
  }
  const ctx: ProbeContext = {network, now: opts.now ?? (() => new Date()), env: process.env, vendorDir}
  // The checks load while the probe waits on the network.
  const [observations, checks] = await Promise.all([tlsProbe.run(vendor, ctx), loadBundledChecks('tls')])
  return {
    ...(opts.vendorId && !opts.urls?.length ? {vendor: vendor.id} : {}),
    observations,
    findings: runChecks(
      checks.filter((c) => c.probe === 'tls'),
      observations,
    ),
  }
}
