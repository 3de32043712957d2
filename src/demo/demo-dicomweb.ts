import {randomBytes} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'

import dicomParser from 'dicom-parser'

import {splitMultipart} from '../probes/retention/multipart.js'

/**
 * How the demo vendor's image store behaves, switchable at run time so each retention verdict can be produced
 * by a real server: keep studies for N seconds or forever, honour / ignore / refuse DELETE, answer slowly,
 * or break (500, a body that is not JSON, bytes that are not HTTP, a reset, a hang) on one route or all.
 */
export interface DicomwebBehaviour {
  /** Seconds a study is kept after upload; null keeps it until deleted. */
  readonly retainSeconds: number | null
  readonly onDelete: 'delete' | 'ignore' | 'refuse'
  readonly latencyMs: number
  readonly fault: 'none' | 'error-500' | 'bad-json' | 'garbage' | 'reset' | 'hang'
  readonly faultOn: 'stow' | 'qido' | 'wado' | 'delete' | 'api' | 'any'
  /** When set, every request must carry `Authorization: Bearer <this>` (401 otherwise). */
  readonly bearer?: string
}

const BASE: DicomwebBehaviour = {retainSeconds: null, onDelete: 'delete', latencyMs: 0, fault: 'none', faultOn: 'any'}

/** The named behaviours the tests and `scanvet demo` use. */
export const DICOMWEB_BEHAVIOURS = {
  /** Deletes on request and purges everything after N seconds: the compliant vendor. */
  deletesAfter: (seconds: number): DicomwebBehaviour => ({...BASE, retainSeconds: seconds}),
  /** Acknowledges DELETE with 202 and keeps the study anyway. */
  ignoresDelete: (): DicomwebBehaviour => ({...BASE, onDelete: 'ignore'}),
  /** Offers no deletion (405) and keeps everything. */
  keepsForever: (): DicomwebBehaviour => ({...BASE, onDelete: 'refuse'}),
  slow: (latencyMs: number, retainSeconds: number | null = null): DicomwebBehaviour => ({...BASE, latencyMs, retainSeconds}),
  errors: (fault: DicomwebBehaviour['fault'], faultOn: DicomwebBehaviour['faultOn'] = 'any'): DicomwebBehaviour => ({...BASE, fault, faultOn}),
} as const

interface StoredStudy {
  readonly uid: string
  readonly instances: Buffer[]
  readonly storedAt: number
  readonly uploadId: string
}

export interface DemoDicomweb {
  behaviour: DicomwebBehaviour
  /** Handles /dicom-web/* and /api/v1/*; false when the request is for another route. */
  handle(req: IncomingMessage, res: ServerResponse): boolean
  /** Study UIDs held right now (after expiry). */
  studies(): string[]
  close(): void
}

const MAX_UPLOAD = 20 * 1024 * 1024

const studyUidOf = (bytes: Buffer): string | undefined => {
  try {
    return dicomParser.parseDicom(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).string('x0020000d')?.trim()
  } catch {
    return undefined
  }
}

const json = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => {
  res.writeHead(status, {'Content-Type': type})
  res.end(JSON.stringify(body))
}

/** DICOMweb (STOW-RS, QIDO-RS, WADO-RS, DELETE) and a small REST upload API over one in-memory store. */
export const createDemoDicomweb = (initial: DicomwebBehaviour = DICOMWEB_BEHAVIOURS.deletesAfter(2)): DemoDicomweb => {
  const state = {behaviour: initial}
  const store = new Map<string, StoredStudy>()
  const timers = new Set<NodeJS.Timeout>()
  const held = new Set<ServerResponse>()

  const purge = () => {
    const keep = state.behaviour.retainSeconds
    if (keep === null) return
    for (const [uid, s] of store) if (Date.now() - s.storedAt >= keep * 1000) store.delete(uid)
  }

  const readBody = (req: IncomingMessage): Promise<Buffer | undefined> =>
    new Promise((resolve) => {
      const chunks: Buffer[] = []
      let size = 0
      req.on('data', (c: Buffer) => {
        size += c.length
        if (size > MAX_UPLOAD) {
          req.destroy()
          resolve(undefined)
        } else chunks.push(c)
      })
      req.on('end', () => resolve(Buffer.concat(chunks)))
      req.on('error', () => resolve(undefined))
    })

  const store1 = (instances: Buffer[]): {uid?: string; stored: string[]; failed: number} => {
    const stored: string[] = []
    let failed = 0
    let uid: string | undefined
    for (const inst of instances) {
      const u = studyUidOf(inst)
      if (!u) {
        failed++
        continue
      }
      uid = u
      const existing = store.get(u)
      if (existing) existing.instances.push(inst)
      else store.set(u, {uid: u, instances: [inst], storedAt: Date.now(), uploadId: `u-${randomBytes(6).toString('hex')}`})
      stored.push(u)
    }
    return {...(uid ? {uid} : {}), stored, failed}
  }

  const remove = (res: ServerResponse, uid: string | undefined) => {
    const b = state.behaviour
    if (b.onDelete === 'refuse') return json(res, 405, {error: 'deletion is not supported'})
    if (!uid || !store.has(uid)) return json(res, 404, {error: 'no such study'})
    if (b.onDelete === 'delete') store.delete(uid)
    return json(res, b.onDelete === 'delete' ? 200 : 202, {status: 'deletion scheduled'})
  }

  /** Apply the configured fault; true when the request was consumed by it. */
  const faulted = (route: DicomwebBehaviour['faultOn'], req: IncomingMessage, res: ServerResponse): boolean => {
    const b = state.behaviour
    if (b.fault === 'none' || (b.faultOn !== 'any' && b.faultOn !== route)) return false
    switch (b.fault) {
      case 'error-500':
        res.writeHead(500, {'Content-Type': 'text/plain'})
        res.end('internal error')
        return true
      case 'bad-json':
        res.writeHead(200, {'Content-Type': 'application/dicom+json'})
        res.end('<html><body>Service temporarily unavailable</body></html>')
        return true
      case 'garbage':
        req.socket.end('\u0000\u0013garbage, not HTTP at all\r\n\r\n')
        return true
      case 'reset':
        req.socket.destroy()
        return true
      case 'hang':
        held.add(res)
        return true
    }
  }

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    purge()
    const p = url.pathname
    const m = req.method ?? 'GET'
    const bearer = state.behaviour.bearer
    if (bearer !== undefined && req.headers.authorization !== `Bearer ${bearer}`) return json(res, 401, {error: 'unauthorised'})
    if (p.startsWith('/dicom-web/')) {
      const rest = p.slice('/dicom-web'.length)
      if (rest === '/studies' && m === 'POST') {
        if (faulted('stow', req, res)) return
        const body = await readBody(req)
        if (!body) return json(res, 413, {error: 'too large'})
        const parts = splitMultipart(body, req.headers['content-type'] ?? '')
        const r = store1(parts)
        if (r.stored.length === 0) return json(res, 409, {'00081198': {vr: 'SQ', Value: parts.map(() => ({}))}}, 'application/dicom+json')
        return json(
          res,
          r.failed > 0 ? 202 : 200,
          {'00081199': {vr: 'SQ', Value: r.stored.map((u) => ({'00081190': {vr: 'UR', Value: [`/dicom-web/studies/${u}`]}}))}},
          'application/dicom+json',
        )
      }
      if (rest === '/studies' && m === 'GET') {
        if (faulted('qido', req, res)) return
        const uid = url.searchParams.get('StudyInstanceUID')
        const hits = [...store.values()].filter((s) => !uid || s.uid === uid)
        return json(res, 200, hits.map((s) => ({'0020000D': {vr: 'UI', Value: [s.uid]}, '00201208': {vr: 'IS', Value: [s.instances.length]}})), 'application/dicom+json')
      }
      const sm = /^\/studies\/([0-9.]+)$/.exec(rest)
      if (sm && m === 'GET') {
        if (faulted('wado', req, res)) return
        const s = store.get(sm[1]!)
        if (!s) return json(res, 404, {error: 'no such study'})
        const boundary = `demo-${randomBytes(8).toString('hex')}`
        const chunks = s.instances.flatMap((i) => [Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), i, Buffer.from('\r\n')])
        res.writeHead(200, {'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`})
        res.end(Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]))
        return
      }
      if (sm && m === 'DELETE') {
        if (faulted('delete', req, res)) return
        return remove(res, sm[1])
      }
      return json(res, 404, {error: 'not found'})
    }
    // The REST flavour: POST a file, poll the job, DELETE the upload, GET to check.
    if (faulted('api', req, res)) return
    if (p === '/api/v1/uploads' && m === 'POST') {
      const body = await readBody(req)
      if (!body) return json(res, 413, {error: 'too large'})
      const ct = req.headers['content-type'] ?? ''
      const parts = ct.startsWith('multipart/') ? splitMultipart(body, ct) : [body]
      const r = store1(parts)
      if (!r.uid) return json(res, 422, {error: 'not a DICOM file'})
      return json(res, 201, {upload: {id: store.get(r.uid)!.uploadId, status: 'processing'}})
    }
    const um = /^\/api\/v1\/uploads\/([a-z0-9-]+)$/.exec(p)
    if (um) {
      const s = [...store.values()].find((x) => x.uploadId === um[1])
      if (m === 'GET') return s ? json(res, 200, {upload: {id: s.uploadId, status: 'done', study: s.uid, findings: ['no acute finding (demo)']}}) : json(res, 404, {error: 'no such upload'})
      if (m === 'DELETE') return remove(res, s?.uid)
    }
    return json(res, 404, {error: 'not found'})
  }

  return {
    get behaviour() {
      return state.behaviour
    },
    set behaviour(b: DicomwebBehaviour) {
      state.behaviour = b
    },
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'https://demo.invalid')
      if (!url.pathname.startsWith('/dicom-web/') && !url.pathname.startsWith('/api/v1/')) return false
      const go = () => {
        route(req, res, url).catch(() => {
          if (!res.headersSent) json(res, 500, {error: 'demo failure'})
        })
      }
      const delay = state.behaviour.latencyMs
      if (delay > 0) {
        const t = setTimeout(() => {
          timers.delete(t)
          go()
        }, delay)
        timers.add(t)
      } else go()
      return true
    },
    studies() {
      purge()
      return [...store.keys()]
    },
    close() {
      for (const t of timers) clearTimeout(t)
      timers.clear()
      for (const r of held) r.destroy()
      held.clear()
    },
  }
}
