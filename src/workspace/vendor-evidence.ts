import {existsSync, promises as fs} from 'node:fs'
import path from 'node:path'

import {agreementFindings, checkAgreement} from '../contract/check-agreement.js'
import {ScanvetError} from '../errors.js'
import {displayPath} from '../paths.js'
import type {EvidenceKind} from '../schemas/common.js'
import {parseOrThrow} from '../validation/validate-document.js'
import {readYamlDocument} from '../yaml/read-yaml.js'
import {writeFileAtomic} from './atomic-write.js'
import {withWorkspaceLock} from './lock.js'
import {isCalendarDate} from '../questionnaire/answer-types.js'
import {sha256Hex} from './history.js'
import {loadVendor} from './vendors.js'
import type {VendorEvidence, VendorProfile, Workspace} from './workspace-types.js'

/** Documents larger than this are refused here, as the probes refuse them (a BAA or a SOC 2 report is far smaller). */
export const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024

/** Where added documents are copied, inside the vendor folder (questionnaire attachments live in evidence/). */
export const DOCUMENTS_DIR = 'documents'

export interface AddEvidenceInput {
  readonly kind: EvidenceKind
  /** A local file (copied into the vendor folder) or an https:// URL (fetched by the probes at each round). */
  readonly source: string
  readonly title?: string
  readonly expires?: string
  readonly organisation?: string
  /** Resolve a relative file path against this directory (the user's working directory). */
  readonly cwd: string
}

export type AddEvidenceResult =
  | {
      readonly status: 'added'
      readonly vendor: string
      readonly entry: VendorEvidence
      readonly file?: string
      readonly sha256?: string
      readonly size?: number
      /** A BAA or DPA read at once: a missing signature or clause is known before the next round. */
      readonly agreement?: {readonly status: string; readonly message: string}
    }
  | {readonly status: 'already-listed'; readonly vendor: string; readonly entry: VendorEvidence; readonly sha256?: string}

/** A name in documents/ for these bytes: the file's own name, or name-2, name-3… when another file has it. */
const placeFor = async (dir: string, base: string, bytes: Uint8Array): Promise<{rel: string; existing: boolean}> => {
  const ext = path.extname(base)
  const stem = path.basename(base, ext).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'document'
  for (let n = 1; ; n++) {
    const rel = `${DOCUMENTS_DIR}/${stem}${n === 1 ? '' : `-${n}`}${ext.toLowerCase()}`
    const abs = path.join(dir, rel)
    if (!existsSync(abs)) return {rel, existing: false}
    if (sha256Hex(await fs.readFile(abs)) === sha256Hex(bytes)) return {rel, existing: true}
  }
}

/** Rewrite vendor.yaml keeping its comments and layout; validated before anything is written. */
const rewriteProfile = async (file: string, edit: (evidence: VendorEvidence[]) => VendorEvidence[]): Promise<VendorProfile> => {
  const doc = readYamlDocument(await fs.readFile(file), displayPath(file), 'vendor')
  const current = ((doc.toJS() as VendorProfile).evidence ?? []) as VendorEvidence[]
  const next = edit(current)
  if (next.length === 0) doc.delete('evidence')
  else doc.set('evidence', doc.createNode(next))
  const text = doc.toString({lineWidth: 0})
  const profile = parseOrThrow<VendorProfile>('vendor', text, displayPath(file))
  await writeFileAtomic(file, text)
  return profile
}

/**
 * Add a document to a vendor's evidence list: a file is copied into the vendor folder (so the workspace holds
 * what was judged) and hashed; a URL is listed and fetched at each round. Listing the same document twice is
 * reported, not duplicated.
 */
export const addEvidence = async (ws: Workspace, vendorId: string, inp: AddEvidenceInput): Promise<AddEvidenceResult> =>
  withWorkspaceLock(ws.root, async () => {
    const vendor = await loadVendor(ws, vendorId)
    if (inp.expires !== undefined && !isCalendarDate(inp.expires)) throw new ScanvetError('INVALID_INPUT', `--expires ${inp.expires}: not a calendar date (YYYY-MM-DD)`)
    const meta = {...(inp.title ? {title: inp.title} : {}), ...(inp.expires ? {expires: inp.expires} : {}), ...(inp.organisation ? {organisation: inp.organisation} : {})}
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(inp.source)) {
      if (!/^https:\/\//i.test(inp.source)) throw new ScanvetError('INVALID_INPUT', `${inp.source}: a document URL must be https:// (scanvet does not fetch evidence over plain HTTP)`)
      const listed = (vendor.profile.evidence ?? []).find((e) => e.kind === inp.kind && e.url === inp.source)
      if (listed) return {status: 'already-listed', vendor: vendorId, entry: listed}
      const entry = {kind: inp.kind, url: inp.source, ...meta} as VendorEvidence
      await rewriteProfile(vendor.file, (list) => [...list, entry])
      return {status: 'added', vendor: vendorId, entry}
    }
    const src = path.resolve(inp.cwd, inp.source)
    const st = await fs.stat(src).catch((error: NodeJS.ErrnoException) => {
      throw new ScanvetError('UNREADABLE_FILE', `${inp.source}: ${error.code === 'ENOENT' ? 'no such file' : `cannot be read (${error.code ?? 'error'})`}`)
    })
    if (!st.isFile()) throw new ScanvetError('UNREADABLE_FILE', `${inp.source}: not a file`)
    if (st.size > MAX_EVIDENCE_BYTES) throw new ScanvetError('INVALID_INPUT', `${inp.source}: ${st.size} bytes, over the ${MAX_EVIDENCE_BYTES}-byte limit for a document`)
    if (st.size === 0) throw new ScanvetError('INVALID_INPUT', `${inp.source}: the file is empty`)
    const bytes = await fs.readFile(src)
    const hash = sha256Hex(bytes)
    // A file already inside the vendor folder is listed where it is, not copied.
    const inside = path.relative(vendor.dir, src)
    const place = !inside.startsWith('..') && !path.isAbsolute(inside) ? {rel: inside.split(path.sep).join('/'), existing: true} : await placeFor(vendor.dir, path.basename(src), bytes)
    const listed = (vendor.profile.evidence ?? []).find((e) => e.kind === inp.kind && e.path === place.rel)
    if (listed) return {status: 'already-listed', vendor: vendorId, entry: listed, sha256: hash}
    if (!place.existing) {
      await fs.mkdir(path.join(vendor.dir, DOCUMENTS_DIR), {recursive: true})
      await writeFileAtomic(path.join(vendor.dir, place.rel), bytes)
    }
    const entry = {kind: inp.kind, path: place.rel, ...meta} as VendorEvidence
    try {
      await rewriteProfile(vendor.file, (list) => [...list, entry])
    } catch (error) {
      // Nothing is left behind when the profile cannot take the entry (e.g. an invalid --expires).
      if (!place.existing) await fs.rm(path.join(vendor.dir, place.rel), {force: true})
      throw error
    }
    const file = path.join(vendor.dir, place.rel)
    const agreement = inp.kind === 'baa' || inp.kind === 'dpa' ? agreementFindings(await checkAgreement(bytes, place.rel, inp.kind))[0]! : undefined
    return {status: 'added', vendor: vendorId, entry, file, sha256: hash, size: st.size, ...(agreement ? {agreement: {status: agreement.status, message: agreement.message}} : {})}
  })

/** Take a document off the evidence list (by its path or URL); the file itself stays unless asked. */
export const removeEvidence = async (ws: Workspace, vendorId: string, source: string, opts: {readonly deleteFile?: boolean} = {}): Promise<{readonly vendor: string; readonly removed: VendorEvidence; readonly deletedFile: boolean}> =>
  withWorkspaceLock(ws.root, async () => {
    const vendor = await loadVendor(ws, vendorId)
    const list = vendor.profile.evidence ?? []
    const hit = list.find((e) => e.path === source || e.url === source)
    if (!hit) {
      const known = list.map((e) => e.path ?? e.url).join(', ')
      throw new ScanvetError('INVALID_INPUT', `${vendorId} lists no evidence '${source}'${known ? ` (it lists: ${known})` : ' (its evidence list is empty)'}`, ['See them with: scanvet vendor evidence list ' + vendorId])
    }
    await rewriteProfile(vendor.file, (l) => l.filter((e) => e !== l.find((x) => (x.path ?? x.url) === (hit.path ?? hit.url) && x.kind === hit.kind)))
    let deletedFile = false
    if (opts.deleteFile && hit.path) {
      const abs = path.resolve(vendor.dir, hit.path)
      if (!path.relative(vendor.dir, abs).startsWith('..')) {
        await fs.rm(abs, {force: true})
        deletedFile = true
      }
    }
    return {vendor: vendorId, removed: hit, deletedFile}
  })

export type ListedEvidence = VendorEvidence & {readonly sha256?: string; readonly missing?: boolean}

/** The evidence list with the SHA-256 of each file in the vendor folder, or `missing` where it is not there. */
export const listEvidence = async (ws: Workspace, vendorId: string): Promise<ListedEvidence[]> => {
  const vendor = await loadVendor(ws, vendorId)
  return Promise.all(
    (vendor.profile.evidence ?? []).map(async (e): Promise<ListedEvidence> => {
      if (!e.path) return e
      const bytes = await fs.readFile(path.resolve(vendor.dir, e.path)).catch(() => undefined)
      return bytes ? {...e, sha256: sha256Hex(bytes)} : {...e, missing: true}
    }),
  )
}
