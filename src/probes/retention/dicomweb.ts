import {call, type CallLimits, type CallResult} from './http-call.js'
import {parseJson, renderTemplate} from './json-path.js'
import {multipartRelated} from './multipart.js'
import type {PlantOutcome, RetentionTransport, StepLog, VerifyOutcome} from './outcomes.js'

const ok2xx = (s: number) => s >= 200 && s < 300
const GONE = new Set([404, 410])
const DICOM_JSON = 'application/dicom+json'
const REFERENCED_SOP_SEQUENCE = '00081199'
const FAILED_SOP_SEQUENCE = '00081198'
const STUDY_INSTANCE_UID = '0020000D'

export interface DicomwebConfig {
  readonly url: string
  readonly delete?: boolean
  readonly deleteUrl?: string
}

const seqLength = (json: unknown, tag: string): number | undefined => {
  const v = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, {Value?: unknown[]}>)[tag] : undefined
  return v ? (Array.isArray(v.Value) ? v.Value.length : 0) : undefined
}

const log = (step: string, method: string, url: string, r: CallResult, note?: string): StepLog => ({
  step,
  method,
  url,
  ...(r.kind === 'response' ? {status: r.status} : {}),
  ms: r.ms,
  ...(note ? {note} : r.kind === 'network-error' ? {note: r.reason} : {}),
})

/**
 * DICOMweb (PS3.18): STOW-RS to upload, an optional DELETE where the vendor offers one, then QIDO-RS search
 * and WADO-RS retrieve for the canary's StudyInstanceUID.
 */
export const dicomwebTransport = (cfg: DicomwebConfig, headers: Readonly<Record<string, string>>, limits: CallLimits): RetentionTransport => {
  const base = cfg.url.replace(/\/+$/, '')
  return {
    target: base,
    async plant(instances, vars, wait) {
      const steps: StepLog[] = []
      const stowUrl = `${base}/studies`
      const body = multipartRelated(instances)
      const r = await call({method: 'POST', url: stowUrl, headers: {...headers, 'Content-Type': body.contentType, Accept: DICOM_JSON}, body: body.body}, limits)
      steps.push(log('upload (STOW-RS)', 'POST', stowUrl, r))
      const noDeletion = {requested: false}
      if (r.kind === 'network-error') return {upload: {accepted: false}, deletion: noDeletion, vars: {}, steps, error: `STOW-RS upload to ${stowUrl}: ${r.reason}`}
      const isAnswer = r.status === 200 || r.status === 202 || (r.status >= 400 && r.status < 500)
      if (!isAnswer) return {upload: {accepted: false, status: r.status}, deletion: noDeletion, vars: {}, steps, error: `STOW-RS upload to ${stowUrl} answered HTTP ${r.status}, which is neither stored nor refused`}
      // 200 all stored, 202 stored with warnings or partly (PS3.18 10.5.3); anything else is a refusal.
      const accepted = r.status === 200 || r.status === 202
      if (!accepted) return {upload: {accepted: false, status: r.status}, deletion: noDeletion, vars: {}, steps}
      let stored: number | undefined
      let failed: number | undefined
      if (r.body.length > 0) {
        const j = parseJson(r.body, r.headers['content-type'])
        if (!j.ok) return {upload: {accepted: true, status: r.status}, deletion: noDeletion, vars: {}, steps, error: `STOW-RS upload to ${stowUrl} answered ${r.status} but ${j.reason}`}
        stored = seqLength(j.value, REFERENCED_SOP_SEQUENCE)
        failed = seqLength(j.value, FAILED_SOP_SEQUENCE)
      }
      const upload = {accepted: true, status: r.status, ...(stored !== undefined ? {stored} : {}), ...(failed !== undefined ? {failed} : {})}
      await wait()
      const template = cfg.deleteUrl ?? (cfg.delete ? `${base}/studies/{{studyInstanceUid}}` : undefined)
      if (!template) return {upload, deletion: noDeletion, vars: {}, steps}
      const rendered = renderTemplate(template, vars, true)
      if (!rendered.ok) return {upload, deletion: {requested: false}, vars: {}, steps, error: `deleteUrl uses {{${rendered.missing}}}, which is not a known variable`}
      const d = await call({method: 'DELETE', url: rendered.text, headers: {...headers, Accept: DICOM_JSON}}, limits)
      steps.push(log('delete', 'DELETE', rendered.text, d))
      if (d.kind === 'network-error') return {upload, deletion: {requested: true}, vars: {}, steps, error: `DELETE ${rendered.text}: ${d.reason}`}
      if (d.status >= 500) return {upload, deletion: {requested: true, status: d.status}, vars: {}, steps, error: `DELETE ${rendered.text}: the vendor's server failed (HTTP ${d.status})`}
      return {upload, deletion: {requested: true, accepted: ok2xx(d.status), status: d.status}, vars: {}, steps}
    },
    async verify(vars) {
      const steps: StepLog[] = []
      const uid = vars.studyInstanceUid ?? ''
      const token = vars.token ?? ''
      const qidoUrl = `${base}/studies?StudyInstanceUID=${encodeURIComponent(uid)}`
      const q = await call({method: 'GET', url: qidoUrl, headers: {...headers, Accept: DICOM_JSON}}, limits)
      steps.push(log('search (QIDO-RS)', 'GET', qidoUrl, q))
      if (q.kind === 'network-error') return {served: false, summary: '', responses: [], steps, error: `QIDO-RS search ${qidoUrl}: ${q.reason}`}
      let matches = 0
      if (q.status === 200) {
        const j = parseJson(q.body, q.headers['content-type'])
        if (!j.ok || !Array.isArray(j.value)) {
          return {served: false, summary: '', responses: [], steps, error: `QIDO-RS search answered 200 but ${j.ok ? 'the answer is not a JSON array' : j.reason}`}
        }
        // Count only results that are the canary: a server that ignores the filter must not look like a match.
        matches = j.value.filter((s) => JSON.stringify((s as Record<string, unknown>)?.[STUDY_INSTANCE_UID] ?? '').includes(uid)).length
      } else if (q.status !== 204 && !GONE.has(q.status)) {
        return {served: false, summary: '', responses: [], steps, error: `QIDO-RS search answered ${q.status}, so it cannot tell whether the canary is kept`}
      }
      const wadoUrl = `${base}/studies/${encodeURIComponent(uid)}`
      const w = await call({method: 'GET', url: wadoUrl, headers: {...headers, Accept: 'multipart/related; type="application/dicom"'}}, limits)
      steps.push(log('retrieve (WADO-RS)', 'GET', wadoUrl, w))
      if (w.kind === 'network-error') return {served: false, summary: '', responses: [], steps, error: `WADO-RS retrieve ${wadoUrl}: ${w.reason}`}
      let wadoServed: boolean
      let wadoDetail: string
      if (w.status === 200) {
        const tokenFound = token !== '' && w.body.includes(token)
        // A 200 must carry the study (DICM preamble, the UID or the token); anything else is not an answer.
        if (!tokenFound && !w.body.includes('DICM') && !w.body.includes(uid)) {
          const type = (w.headers['content-type'] ?? 'no content type').split(';')[0]
          return {served: false, summary: '', responses: [], steps, error: `WADO-RS retrieve answered 200 but the body is not the study (${w.body.length} bytes of ${type})`}
        }
        wadoServed = true
        wadoDetail = `${w.body.length}${w.truncated ? '+' : ''} bytes${tokenFound ? ', canary token found in the body' : ''}`
      } else if (GONE.has(w.status) || w.status === 204) {
        wadoServed = false
        wadoDetail = 'not found'
      } else {
        return {served: false, summary: '', responses: [], steps, error: `WADO-RS retrieve answered ${w.status}, so it cannot tell whether the canary is kept`}
      }
      const responses = [
        {step: 'QIDO-RS search', status: q.status, served: matches > 0, detail: `${matches} match${matches === 1 ? '' : 'es'}`},
        {step: 'WADO-RS retrieve', status: w.status, served: wadoServed, detail: wadoDetail},
      ]
      return {
        served: responses.some((x) => x.served),
        summary: responses.map((x) => `${x.step} ${x.status}: ${x.detail}`).join('; '),
        responses,
        steps,
      }
    },
  }
}
