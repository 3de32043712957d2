import {call, type CallLimits} from './http-call.js'
import {atPath, parseJson, renderJson, renderTemplate} from './json-path.js'
import {formData, multipartRelated} from './multipart.js'
import type {PlantOutcome, RetentionTransport, StepLog, VerifyOutcome} from './outcomes.js'
import type {FlowStep} from './retention-profile.js'

const ok2xx = (s: number) => s >= 200 && s < 300
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), {once: true})
  })

type StepRun =
  | {readonly ok: true; readonly status: number; readonly json?: unknown; readonly body: Buffer; readonly vars: Record<string, string>}
  | {readonly ok: false; readonly reason: string}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * A vendor's own REST API, driven by steps declared in the profile: each step renders its URL, headers and
 * body from variables, checks the status, and extracts values from the JSON answer for later steps.
 */
export const flowTransport = (
  flow: {readonly plant: readonly FlowStep[]; readonly verify: readonly FlowStep[]},
  authHeaders: Readonly<Record<string, string>>,
  limits: CallLimits,
): RetentionTransport => {
  const target = (() => {
    try {
      return new URL(flow.plant[0]?.url.replace(/\{\{[^}]*\}\}/g, 'x') ?? '').origin
    } catch {
      return 'http-flow'
    }
  })()

  /** One request of a step (a raw DICOM body sends one request per instance). */
  const runOnce = async (step: FlowStep, vars: Record<string, string>, instances: readonly Uint8Array[], steps: StepLog[]): Promise<StepRun> => {
    const url = renderTemplate(step.url, vars, true)
    if (!url.ok) return {ok: false, reason: `step '${step.name}' uses {{${url.missing}}}, which no earlier step extracted`}
    const headers: Record<string, string> = {...authHeaders}
    for (const [k, v] of Object.entries(step.headers ?? {})) {
      const r = renderTemplate(v, vars, false)
      if (!r.ok) return {ok: false, reason: `step '${step.name}' header ${k} uses {{${r.missing}}}, which no earlier step extracted`}
      headers[k] = r.text
    }
    const bodies: Uint8Array[] = []
    const b = step.body
    if (b && 'dicom' in b) {
      if (b.dicom === 'raw') {
        bodies.push(...instances)
        headers['Content-Type'] ??= 'application/dicom'
      } else {
        const enc = b.dicom === 'form-data' ? formData(instances, b.field ?? 'file') : multipartRelated(instances)
        bodies.push(enc.body)
        headers['Content-Type'] = enc.contentType
      }
    } else if (b && 'json' in b) {
      const r = renderJson(b.json, vars)
      if (!r.ok) return {ok: false, reason: `step '${step.name}' body uses {{${r.missing}}}, which no earlier step extracted`}
      bodies.push(Buffer.from(JSON.stringify(r.value)))
      headers['Content-Type'] ??= 'application/json'
    } else if (b && 'text' in b) {
      const r = renderTemplate(b.text, vars, false)
      if (!r.ok) return {ok: false, reason: `step '${step.name}' body uses {{${r.missing}}}, which no earlier step extracted`}
      bodies.push(Buffer.from(r.text))
      headers['Content-Type'] ??= 'text/plain'
    }
    if (bodies.length === 0) bodies.push(new Uint8Array(0))
    let last: StepRun = {ok: false, reason: `step '${step.name}' sent nothing`}
    for (const body of bodies) {
      const r = await call({method: step.method, url: url.text, headers, ...(body.byteLength > 0 ? {body} : {})}, limits)
      steps.push({step: step.name, method: step.method, url: url.text, ...(r.kind === 'response' ? {status: r.status} : {note: r.reason}), ms: r.ms})
      if (r.kind === 'network-error') return {ok: false, reason: `step '${step.name}' (${step.method} ${url.text}): ${r.reason}`}
      const out: Record<string, string> = {}
      let json: unknown
      const needJson = step.extract !== undefined || step.until !== undefined
      const expected = step.expectStatus ? step.expectStatus.includes(r.status) : ok2xx(r.status)
      if (needJson && expected) {
        const j = parseJson(r.body, r.headers['content-type'])
        if (!j.ok) return {ok: false, reason: `step '${step.name}' (${step.method} ${url.text}) answered ${r.status} but ${j.reason}`}
        json = j.value
        for (const [name, p] of Object.entries(step.extract ?? {})) {
          const v = atPath(json, p)
          if (v === undefined || v === null || typeof v === 'object') {
            return {ok: false, reason: `step '${step.name}': the answer has no value at '${p}' to extract as ${name}`}
          }
          out[name] = String(v)
        }
      } else if (!needJson && r.body.length > 0 && /json/.test(r.headers['content-type'] ?? '')) {
        const j = parseJson(r.body, r.headers['content-type'])
        if (j.ok) json = j.value
      }
      last = {ok: true, status: r.status, body: r.body, vars: out, ...(json !== undefined ? {json} : {})}
    }
    return last
  }

  const expectedStatus = (step: FlowStep, status: number) => (step.expectStatus ? step.expectStatus.includes(status) : ok2xx(status))

  return {
    target,
    async plant(instances, builtins, wait) {
      const vars: Record<string, string> = {...builtins}
      const extracted: Record<string, string> = {}
      const steps: StepLog[] = []
      let upload: PlantOutcome['upload'] = {accepted: false}
      let deletion: PlantOutcome['deletion'] = {requested: false}
      let uploaded = false
      const stop = (reason: string): PlantOutcome => ({upload, deletion, vars: extracted, steps, error: reason})
      for (const step of flow.plant) {
        const action = step.action ?? 'request'
        if (action === 'delete' && uploaded) await wait()
        if (action === 'poll') {
          const attempts = step.maxAttempts ?? 10
          let done = false
          for (let i = 0; i < attempts && !done; i++) {
            if (i > 0) await sleep(step.intervalMs ?? 1000, limits.signal)
            const r = await runOnce(step, vars, instances, steps)
            if (!r.ok) return stop(r.reason)
            if (!expectedStatus(step, r.status)) return stop(`step '${step.name}' answered ${r.status}, expected ${step.expectStatus?.join('/') ?? '2xx'}`)
            const value = step.until ? atPath(r.json, step.until.path) : undefined
            done = !step.until || (step.until.in ? step.until.in.some((x) => sameValue(x, value)) : sameValue(step.until.equals, value))
            Object.assign(vars, r.vars)
            Object.assign(extracted, r.vars)
          }
          if (!done) return stop(`step '${step.name}': ${step.until?.path} did not reach the expected value after ${attempts} attempts`)
          continue
        }
        const r = await runOnce(step, vars, instances, steps)
        if (!r.ok) return stop(r.reason)
        const good = expectedStatus(step, r.status)
        // A 4xx on upload or delete is the vendor saying no; any other unexpected status is a broken exchange.
        if (!good && (r.status < 400 || r.status >= 500 || (action !== 'upload' && action !== 'delete'))) {
          return stop(`step '${step.name}' answered ${r.status}, expected ${step.expectStatus?.join('/') ?? '2xx'}`)
        }
        if (action === 'upload') {
          upload = {accepted: good, status: r.status}
          if (!good) return {upload, deletion, vars: extracted, steps}
          uploaded = true
        } else if (action === 'delete') {
          deletion = {requested: true, accepted: good, status: r.status}
          if (!good) return {upload, deletion, vars: extracted, steps}
        } else if (!good) {
          return stop(`step '${step.name}' answered ${r.status}, expected ${step.expectStatus?.join('/') ?? '2xx'}`)
        }
        Object.assign(vars, r.vars)
        Object.assign(extracted, r.vars)
      }
      if (!flow.plant.some((s) => s.action === 'delete')) await wait()
      return {upload, deletion, vars: extracted, steps}
    },
    async verify(inherited) {
      const vars: Record<string, string> = {...inherited}
      const steps: StepLog[] = []
      const responses: {step: string; status: number; served: boolean; detail: string}[] = []
      const fail = (reason: string): VerifyOutcome => ({served: false, summary: '', responses, steps, error: reason})
      for (const step of flow.verify) {
        const r = await runOnce(step, vars, [], steps)
        if (!r.ok) return fail(r.reason)
        if ((step.action ?? 'check') !== 'check') {
          if (!expectedStatus(step, r.status)) return fail(`step '${step.name}' answered ${r.status}, expected ${step.expectStatus?.join('/') ?? '2xx'}`)
          Object.assign(vars, r.vars)
          continue
        }
        const gone = step.goneStatus ?? [404, 410]
        if (gone.includes(r.status)) {
          responses.push({step: step.name, status: r.status, served: false, detail: 'not found'})
          continue
        }
        if (!expectedStatus(step, r.status)) return fail(`step '${step.name}' answered ${r.status}, so it cannot tell whether the canary is kept`)
        let json = r.json
        if (step.emptyMeansGone && json === undefined) {
          const j = parseJson(r.body, undefined)
          if (!j.ok && r.body.length > 0) return fail(`step '${step.name}' answered ${r.status} but ${j.reason}`)
          json = j.ok ? j.value : []
        }
        const empty = Array.isArray(json) ? json.length === 0 : json !== null && typeof json === 'object' && Object.keys(json).length === 0
        const served = !(step.emptyMeansGone && empty)
        const tokenFound = (vars.token ?? '') !== '' && r.body.includes(vars.token ?? '')
        responses.push({step: step.name, status: r.status, served, detail: served ? `served (${r.body.length} bytes${tokenFound ? ', canary token in the body' : ''})` : 'empty result'})
        Object.assign(vars, r.vars)
      }
      // Without a check step nothing was looked for: that must never read as "gone".
      if (responses.length === 0) return fail('the verify steps contain no check step, so nothing was looked for')
      return {served: responses.some((x) => x.served), summary: responses.map((x) => `${x.step} ${x.status}: ${x.detail}`).join('; '), responses, steps}
    },
  }
}
