import {promises as fs} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {runChecks} from '../../src/checks/evaluate-check.js'
import {loadChecks} from '../../src/checks/load-checks.js'
import type {Finding} from '../../src/model/finding.js'
import type {Observation} from '../../src/model/observation.js'
import {httpProbe} from '../../src/probes/http/http-probe.js'
import type {ProbeContext} from '../../src/probes/probe-types.js'
import {tlsProbe} from '../../src/probes/tls/tls-probe.js'
import {DEFAULT_NETWORK, type NetworkSettings, type VendorEndpoint, type VendorProfile} from '../../src/workspace/workspace-types.js'

const checks = await loadChecks()

export interface ProbeRun {
  readonly observations: Observation[]
  readonly findings: Finding[]
  /** Rule ids of failing or warning findings, sorted. */
  readonly adverse: string[]
}

/** Run the TLS and HTTP probes and every check against endpoints, with the CA pinned the way a profile would. */
export const probeEndpoints = async (endpoints: readonly (Omit<VendorEndpoint, 'caBundle'> & {caPem?: string})[], network: Partial<NetworkSettings> = {}): Promise<ProbeRun> => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'scanvet-tls-'))
  try {
    const eps: VendorEndpoint[] = []
    for (const [i, e] of endpoints.entries()) {
      const {caPem, ...rest} = e
      if (caPem) await fs.writeFile(path.join(dir, `ca-${i}.pem`), caPem)
      eps.push({...rest, ...(caPem ? {caBundle: `ca-${i}.pem`} : {})})
    }
    const vendor: VendorProfile = {id: 'fixture', name: 'Fixture', service: 'test', jurisdictions: ['US', 'EU'], endpoints: eps}
    const ctx: ProbeContext = {network: {...DEFAULT_NETWORK, connectTimeoutMs: 3000, requestTimeoutMs: 3000, ...network}, now: () => new Date(), env: {}, vendorDir: dir}
    const observations = (await Promise.all([tlsProbe.run(vendor, ctx), httpProbe.run(vendor, ctx)])).flat()
    const findings = runChecks(checks, observations)
    const adverse = [...new Set(findings.filter((f) => f.status === 'fail' || f.status === 'warn').map((f) => f.ruleId))].sort()
    return {observations, findings, adverse}
  } finally {
    await fs.rm(dir, {recursive: true, force: true})
  }
}
