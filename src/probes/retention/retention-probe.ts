import {proxyPolicy} from '../../net/proxy.js'
import {promises as fs} from 'node:fs'
import path from 'node:path'

import {durationSeconds} from '../../conditions/duration.js'
import type {Observation} from '../../model/observation.js'
import type {VendorProfile} from '../../workspace/workspace-types.js'
import type {Probe, ProbeContext} from '../probe-types.js'
import {authHeaders, scrubSecrets} from './auth.js'
import {dueCanaries, loadCanaries, pendingCanaries, upsertCanary, type PlantedCanary} from './canary-store.js'
import {dicomwebTransport} from './dicomweb.js'
import {flowTransport} from './flow.js'
import type {CallLimits} from './http-call.js'
import type {RetentionTransport, StepLog, VerifyOutcome} from './outcomes.js'
import {ONE_SHOT_MAX_SECONDS, type RetentionProfile} from './retention-profile.js'

/** plant: upload and record; verify: check due canaries; one-shot: both, waiting out a short window; auto: what `assess` does. */
export const RETENTION_PHASES = ['plant', 'verify', 'one-shot', 'auto'] as const
export type RetentionPhase = (typeof RETENTION_PHASES)[number]

export interface RetentionRunOptions {
  readonly phase: RetentionPhase
  /** verify: check pending canaries even before their due time. */
  readonly force?: boolean
}

type Obs = Observation

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0) return resolve()
    const t = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), {once: true})
  })

const builtins = (c: PlantedCanary['canary']): Record<string, string> => ({
  studyInstanceUid: c.studyInstanceUid,
  seriesInstanceUid: c.seriesInstanceUid,
  sopInstanceUid: c.sopInstanceUids[0] ?? '',
  token: c.token,
  modality: c.modality,
})

const canaryFacts = (c: PlantedCanary) => ({
  studyInstanceUid: c.canary.studyInstanceUid,
  token: c.canary.token,
  modality: c.canary.modality,
  sopClassUid: c.canary.sopClassUid,
  instances: c.canary.sopInstanceUids.length,
  patientName: c.canary.patientName,
  plantedAt: c.plantedAt,
  dueAt: c.dueAt,
  window: c.window,
})

const deletionFacts = (c: PlantedCanary, verify?: VerifyOutcome) => {
  const d = c.deletion
  if (d.requested !== true) return {...d}
  const honoured = d.accepted === false ? false : verify && !verify.error && d.accepted === true ? !verify.served : undefined
  return {...d, ...(honoured !== undefined ? {honoured} : {})}
}

/** The retention probe for one vendor, in one phase. Never throws. */
export const runRetention = async (vendor: VendorProfile, ctx: ProbeContext, opts: RetentionRunOptions): Promise<Obs[]> => {
  const started = ctx.now()
  const t0 = performance.now()
  const r = vendor.retention
  const base = (target: string) => ({probe: 'retention' as const, target, startedAt: started.toISOString(), durationMs: Math.round(performance.now() - t0)})
  if (!r) {
    return [{...base(vendor.id), status: 'not-applicable', reason: 'The vendor profile has no retention block, so image retention was not probed.'}]
  }
  const fallbackTarget = r.dicomweb?.url ?? r.flow?.plant[0]?.url ?? vendor.id
  const windowSeconds = durationSeconds(r.window)
  if (windowSeconds === undefined) return [{...base(fallbackTarget), status: 'error', reason: `retention.window '${r.window}' is not an ISO 8601 duration`}]
  const auth = authHeaders(r.auth ?? vendor.auth, ctx.env)
  if (!auth.ok) return [{...base(fallbackTarget), status: 'error', reason: auth.reason}]
  const secrets = auth.secrets
  const keep = (o: Obs): Obs => scrubSecrets(o, secrets)

  let ca: string[] | undefined
  if (r.caBundle) {
    try {
      ca = [await fs.readFile(path.resolve(ctx.vendorDir, r.caBundle), 'utf8')]
    } catch {
      return [{...base(fallbackTarget), status: 'error', reason: `the CA bundle ${r.caBundle} named in the retention block cannot be read`}]
    }
  }
  const limits: CallLimits = {
    timeoutMs: r.timeoutMs ?? ctx.network.requestTimeoutMs,
    maxResponseBytes: ctx.network.maxResponseBytes,
    maxRedirects: ctx.network.maxRedirects,
    ...(ca ? {ca} : {}),
    ...(ctx.signal ? {signal: ctx.signal} : {}),
    proxy: proxyPolicy(ctx),
  }
  const transport: RetentionTransport =
    r.mode === 'dicomweb' && r.dicomweb
      ? dicomwebTransport(r.dicomweb, auth.headers, limits)
      : flowTransport(r.flow ?? {plant: [], verify: []}, auth.headers, limits)

  const loaded = await loadCanaries(ctx.vendorDir)
  if (!loaded.ok) return [{...base(transport.target), status: 'error', reason: loaded.reason}]

  const targetOf = (c: PlantedCanary) => `${c.target} (canary ${c.canary.token})`

  const plant = async (phase: 'plant' | 'one-shot' | 'auto', nextCanary = false): Promise<{obs: Obs; planted?: PlantedCanary}> => {
    // dcmjs and its dictionaries load only when a canary is actually made, not for every `assess`.
    const {synthesizeStudy} = await import('../../dicom/synthesize.js')
    const study = synthesizeStudy({modality: r.modality ?? 'DX', now: ctx.now})
    const plantedAt = ctx.now()
    const waitMs = r.waitAfterUpload ? (durationSeconds(r.waitAfterUpload) ?? 0) * 1000 : 0
    const out = await transport.plant(
      study.instances.map((i) => i.bytes),
      builtins(study.canary),
      () => sleep(waitMs, ctx.signal),
    )
    const planted: PlantedCanary = {
      canary: study.canary,
      mode: r.mode,
      target: transport.target,
      plantedAt: plantedAt.toISOString(),
      dueAt: new Date(plantedAt.getTime() + windowSeconds * 1000).toISOString(),
      window: r.window,
      upload: out.upload,
      deletion: out.deletion,
      vars: out.vars,
      state: 'pending',
    }
    const facts = {mode: r.mode, phase, canary: canaryFacts(planted), upload: out.upload, deletion: deletionFacts(planted), pending: out.upload.accepted, ...(nextCanary ? {nextCanary} : {}), steps: out.steps}
    // Record every canary the vendor accepted, even if a later step broke: it must still be checked.
    if (out.upload.accepted) await upsertCanary(ctx.vendorDir, planted)
    const target = targetOf(planted)
    if (out.error) return {obs: keep({...base(target), status: 'error', reason: out.error, facts}), ...(out.upload.accepted ? {planted} : {})}
    return {obs: keep({...base(target), status: 'ok', facts}), ...(out.upload.accepted ? {planted} : {})}
  }

  const verify = async (c: PlantedCanary, phase: 'verify' | 'one-shot' | 'auto', plantSteps: readonly unknown[] = []): Promise<Obs> => {
    const at = ctx.now()
    const v = await transport.verify({...builtins(c.canary), ...c.vars})
    const secondsSinceUpload = Math.round((at.getTime() - Date.parse(c.plantedAt)) / 1000)
    const steps = [...plantSteps, ...v.steps] as StepLog[]
    const facts = {
      mode: c.mode,
      phase,
      canary: canaryFacts(c),
      upload: c.upload,
      deletion: deletionFacts(c, v),
      pending: v.error !== undefined,
      ...(v.error ? {} : {verify: {performedAt: at.toISOString(), secondsSinceUpload, served: v.served, summary: v.summary, responses: v.responses}}),
      steps,
    }
    if (v.error) return keep({...base(targetOf(c)), status: 'error', reason: `verification failed: ${v.error}`, facts})
    await upsertCanary(ctx.vendorDir, {...c, state: 'verified', verifiedAt: at.toISOString(), result: {served: v.served, summary: v.summary}})
    return keep({...base(targetOf(c)), status: 'ok', facts})
  }

  /** A canary planted earlier whose window has not passed: reported, not judged. */
  const stillPending = (c: PlantedCanary): Obs =>
    keep({
      ...base(targetOf(c)),
      status: 'ok',
      facts: {mode: c.mode, phase: 'verify', canary: canaryFacts(c), upload: c.upload, deletion: deletionFacts(c), pending: true, steps: []},
    })

  const oneShot = async (): Promise<Obs[]> => {
    if (windowSeconds > ONE_SHOT_MAX_SECONDS) {
      return [{...base(transport.target), status: 'error', reason: `one-shot mode waits out the window in the run; ${r.window} is longer than ${ONE_SHOT_MAX_SECONDS / 60} minutes (use --phase plant, then --phase verify)`}]
    }
    const p = await plant('one-shot')
    if (!p.planted || p.obs.status === 'error') return [p.obs]
    ctx.progress?.({type: 'waiting', phase: 'retention', what: `canary ${p.planted.canary.token} planted; waiting out the ${r.window} window`, until: Date.now() + (Date.parse(p.planted.dueAt) - ctx.now().getTime())})
    await sleep(Date.parse(p.planted.dueAt) - ctx.now().getTime(), ctx.signal)
    return [await verify(p.planted, 'one-shot', p.obs.status === 'ok' ? ((p.obs.facts as {steps?: unknown[]}).steps ?? []) : [])]
  }

  try {
    const now = ctx.now()
    switch (opts.phase) {
      case 'plant':
        return [(await plant('plant')).obs]
      case 'one-shot':
        return await oneShot()
      case 'verify': {
        const pending = pendingCanaries(loaded.file, transport.target)
        if (pending.length === 0) return [{...base(transport.target), status: 'not-applicable', reason: 'No canary is waiting to be verified at this vendor (plant one with --phase plant).'}]
        const due = opts.force ? pending : dueCanaries(loaded.file, now, transport.target)
        const out: Obs[] = []
        for (const c of pending) out.push(due.includes(c) ? await verify(c, 'verify') : stillPending(c))
        return out
      }
      case 'auto': {
        if (r.oneShot) return await oneShot()
        const pending = pendingCanaries(loaded.file, transport.target)
        const due = dueCanaries(loaded.file, now, transport.target)
        const out: Obs[] = []
        for (const c of pending) out.push(due.includes(c) ? await verify(c, 'auto') : stillPending(c))
        // Keep one canary in flight: plant the next when none is left waiting.
        const left = out.filter((o) => o.status === 'ok' && (o.facts as {pending?: boolean}).pending === true).length
        // A canary planted right after one was verified is for the next run: its own checks wait for then.
        if (left === 0 && !out.some((o) => o.status === 'error')) out.push((await plant('auto', out.length > 0)).obs)
        return out
      }
    }
  } catch (error) {
    return [{...base(transport.target), status: 'error', reason: `retention probe failed: ${(error as Error).message}`}]
  }
}

export const retentionProbe: Probe = {
  family: 'retention',
  description: 'Image retention: a synthetic canary study uploaded, then checked for after the promised window',
  run: (vendor, ctx) => runRetention(vendor, ctx, {phase: 'auto'}),
}

export type {RetentionProfile}
