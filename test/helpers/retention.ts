import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'

import {loadChecks} from '../../src/checks/load-checks.js'
import {runChecks} from '../../src/checks/evaluate-check.js'
import type {Finding} from '../../src/model/finding.js'
import type {Observation} from '../../src/model/observation.js'
import type {ProbeContext} from '../../src/probes/probe-types.js'
import type {RetentionProfile} from '../../src/probes/retention/retention-profile.js'
import {DEFAULT_NETWORK, type VendorProfile} from '../../src/workspace/workspace-types.js'

export const retentionChecks = (await loadChecks()).filter((c) => c.probe === 'retention')

/** A vendor folder with the demo CA, and the profile + context the probe needs. */
export const vendorFixture = (root: string, name: string, caPem: string, retention: RetentionProfile, extra: Partial<VendorProfile> = {}) => {
  const dir = path.join(root, name)
  mkdirSync(dir, {recursive: true})
  writeFileSync(path.join(dir, 'demo-ca.pem'), caPem)
  const profile: VendorProfile = {
    id: name,
    name,
    service: 'test',
    jurisdictions: ['US'],
    endpoints: [{url: 'https://127.0.0.1', role: 'dicomweb'}],
    retention: {caBundle: 'demo-ca.pem', ...retention},
    ...extra,
  }
  const ctx = (env: Record<string, string> = {}, network: Partial<typeof DEFAULT_NETWORK> = {}): ProbeContext => ({
    network: {...DEFAULT_NETWORK, requestTimeoutMs: 3000, ...network},
    now: () => new Date(),
    env,
    vendorDir: dir,
  })
  return {dir, profile, ctx}
}

export const judge = (obs: readonly Observation[]): Finding[] => runChecks(retentionChecks, obs)

/** rule id → status, for one observation's findings. */
export const statusByRule = (findings: readonly Finding[]): Record<string, string> => Object.fromEntries(findings.map((f) => [f.ruleId, f.status]))
