import {loadBundledChecks} from '../../checks/load-bundled-checks.js'
import {runChecks} from '../../checks/evaluate-check.js'
import type {Finding} from '../../model/finding.js'
import type {Observation} from '../../model/observation.js'
import {withWorkspaceLock} from '../../workspace/lock.js'
import {loadVendor} from '../../workspace/vendors.js'
import {loadWorkspace} from '../../workspace/workspace.js'
import type {ProgressListener} from '../../model/progress-event.js'
import {runRetention, type RetentionPhase} from './retention-probe.js'

export interface RetentionCommandOptions {
  readonly cwd: string
  readonly workspace?: string
  readonly vendorId: string
  readonly phase: RetentionPhase
  readonly force?: boolean
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly now?: () => Date
  readonly progress?: ProgressListener
}

export interface RetentionCommandOutput {
  readonly observations: Observation[]
  readonly findings: Finding[]
  /** What a person reads: one line per canary and finding. */
  readonly lines: string[]
}

const MARK: Readonly<Record<Finding['status'], string>> = {pass: 'PASS', fail: 'FAIL', warn: 'WARN', error: 'ERROR', 'not-assessed': 'NOT TESTED', 'not-applicable': 'N/A'}

/** `scanvet probe retention`: run one phase under the workspace lock, judge it with the retention checks. */
export const runRetentionCommand = async (opts: RetentionCommandOptions): Promise<RetentionCommandOutput> => {
  const ws = await loadWorkspace({cwd: opts.cwd, ...(opts.workspace ? {workspace: opts.workspace} : {})})
  const vendor = await loadVendor(ws, opts.vendorId)
  const checks = await loadBundledChecks('retention')
  const observations = await withWorkspaceLock(ws.root, async () => {
    opts.progress?.({type: 'phase-start', phase: 'retention'})
    const obs = await runRetention(
      vendor.profile,
      {network: ws.network, now: opts.now ?? (() => new Date()), env: opts.env ?? process.env, vendorDir: vendor.dir, ...(opts.progress ? {progress: opts.progress} : {})},
      {phase: opts.phase, ...(opts.force ? {force: true} : {})},
    )
    const failed = obs.find((o) => o.status === 'error')
    opts.progress?.(failed?.status === 'error' ? {type: 'phase-end', phase: 'retention', outcome: 'error', note: failed.reason} : {type: 'phase-end', phase: 'retention', outcome: 'done'})
    return obs
  })
  const findings = runChecks(checks, observations)
  const lines: string[] = []
  for (const o of observations) {
    lines.push(`${o.target}`)
    if (o.status !== 'ok') lines.push(`  ${o.status}: ${o.reason}`)
    const c = o.status === 'not-applicable' ? undefined : (o.facts as {canary?: {studyInstanceUid: string; dueAt: string}; pending?: boolean} | undefined)
    if (c?.canary) lines.push(`  canary StudyInstanceUID ${c.canary.studyInstanceUid}${c.pending ? `, verification due ${c.canary.dueAt}` : ''}`)
    for (const f of findings.filter((x) => x.target === o.target)) lines.push(`  ${MARK[f.status].padEnd(10)} ${f.message}`)
  }
  return {observations, findings, lines}
}
