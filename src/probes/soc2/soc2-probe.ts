import {promises as fs} from 'node:fs'
import path from 'node:path'

import type {Observation} from '../../model/observation.js'
import {mapLimit} from '../../util/pool.js'
import type {VendorEvidence, VendorProfile} from '../../workspace/workspace-types.js'
import type {Probe, ProbeContext} from '../probe-types.js'
import {buildSoc2Facts, type LetterInput, type ReportInput, type SubserviceEvidence} from './build-facts.js'
import {fetchEvidence, loadEvidence, sourceLimits, type DocumentResult, type LoadedDocument, type SourceLimits} from './evidence-source.js'
import {extractBridgeLetter, extractCertificate} from './extract-letters.js'
import {extractReport} from './extract-report.js'
import {DEFAULT_PDF_LIMITS, readPdfText, type PdfTextLimits} from './pdf-text.js'
import {parseSecurityTxt, securityTxtUrl} from './security-txt.js'
import {readTrustPage} from './trust-page.js'

/** The evidence kinds this probe reads; BAAs, DPAs and the rest belong to other probes. */
export const SOC2_EVIDENCE_KINDS = new Set(['soc2-report', 'soc2-bridge-letter', 'iso27001-certificate', 'hitrust-letter'])

export interface Soc2ProbeOptions {
  /** Limits on reading a PDF; the size limit defaults to the workspace's response-size limit. */
  readonly pdf?: Partial<PdfTextLimits>
  /** OCR scanned pages (offline, bundled English model); on by default. Facts so read are shown, never judged. */
  readonly ocr?: boolean
  /** At most this many scanned pages are OCR'd per document. */
  readonly maxOcrPages?: number
}

interface ReadText {
  readonly status: 'ok'
  readonly pages: readonly string[]
  readonly pageCount: number
  readonly pagesWithoutText: readonly number[]
  readonly ocrPages: Readonly<Record<number, number>>
  readonly scanned: boolean
}

/** A PDF's text through the one PDF layer, scanned pages OCR'd, in the form the extractors read. */
const readText = async (bytes: Uint8Array, limits: PdfTextLimits, opts: Soc2ProbeOptions): Promise<ReadText | {status: 'error'; reason: string}> => {
  const t = await readPdfText(bytes, {limits, ocr: opts.ocr ?? true, maxOcrPages: opts.maxOcrPages ?? 12})
  if (t.status === 'error') return t
  return {
    status: 'ok',
    pages: t.pages.map((p) => p.lines.map((l) => l.text).join('\n')),
    pageCount: t.pageCount,
    pagesWithoutText: t.pages.filter((p) => p.source !== 'text').map((p) => p.index),
    ocrPages: Object.fromEntries(t.pages.filter((p) => p.source === 'ocr').map((p) => [p.index, p.confidence ?? 0])),
    scanned: t.pageCount > 0 && t.pages.every((p) => p.source !== 'text'),
  }
}

/** A row of the evidence list: every document, kept or not, with its hash or the reason it could not be read. */
export interface DocumentFact {
  readonly kind: string
  readonly source: string
  readonly status: 'ok' | 'error' | 'not-found'
  readonly sha256?: string
  readonly size?: number
  readonly file?: string
  readonly title?: string
  readonly organisation?: string
  readonly reason?: string
  readonly facts?: Readonly<Record<string, unknown>>
}

/** Bytes to keep in the round's evidence/ folder; detached from the observation before assessment.json is written. */
export interface EvidenceFile {
  readonly file: string
  readonly sha256: string
  readonly bytes: Uint8Array
}

const caBundles = async (vendor: VendorProfile, dir: string): Promise<string[]> => {
  const files = [...new Set(vendor.endpoints.flatMap((e) => (e.caBundle ? [e.caBundle] : [])))]
  const read = await Promise.all(files.map((f) => fs.readFile(path.resolve(dir, f), 'utf8').catch(() => undefined)))
  return read.filter((x): x is string => x !== undefined)
}

const docFact = (r: DocumentResult, e?: VendorEvidence): DocumentFact =>
  r.status === 'ok'
    ? {kind: r.doc.kind, source: r.doc.source, status: 'ok', sha256: r.doc.sha256, size: r.doc.size, file: `evidence/${r.doc.file}`, ...(e?.title ? {title: e.title} : {}), ...(e?.organisation ? {organisation: e.organisation} : {})}
    : {kind: r.kind, source: r.source, status: 'error', reason: r.reason, ...(e?.title ? {title: e.title} : {}), ...(e?.organisation ? {organisation: e.organisation} : {})}

const keep = (d: LoadedDocument): EvidenceFile => ({file: d.file, sha256: d.sha256, bytes: d.bytes})

/** security.txt of the api endpoint (or the URL the profile names): fetched, hashed, parsed. */
const readSecurityTxt = async (vendor: VendorProfile, limits: SourceLimits, ctx: ProbeContext): Promise<{fact: Record<string, unknown>; file?: EvidenceFile; doc?: DocumentFact} | undefined> => {
  if (vendor.soc2?.securityTxt === false) return undefined
  const endpoint = vendor.endpoints.find((e) => e.role === 'api' && e.url.startsWith('https://')) ?? vendor.endpoints.find((e) => e.url.startsWith('https://'))
  const url = vendor.soc2?.securityTxt ?? (endpoint ? securityTxtUrl(endpoint.url) : undefined)
  if (!url) return undefined
  const r = await fetchEvidence('security-txt', url, {...limits, maxBytes: Math.min(limits.maxBytes, 64 * 1024)}, ctx.signal, '.txt')
  if (r.status === 'error') {
    const notFound = /^HTTP 404\b/.test(r.reason)
    return {fact: {url: r.source, status: notFound ? 'not-found' : 'error', reason: r.reason}, doc: {...docFact(r), status: notFound ? 'not-found' : 'error'}}
  }
  const parsed = parseSecurityTxt(r.doc.bytes.toString('utf8'), ctx.now())
  return {fact: {url: r.doc.source, status: 'found', sha256: r.doc.sha256, ...parsed}, file: keep(r.doc), doc: docFact(r)}
}

const readTrust = async (vendor: VendorProfile, limits: SourceLimits, ctx: ProbeContext): Promise<{fact: Record<string, unknown>; file?: EvidenceFile; doc: DocumentFact} | undefined> => {
  const url = vendor.soc2?.trustPage
  if (!url) return undefined
  const r = await fetchEvidence('trust-page', url, limits, ctx.signal, '.html')
  if (r.status === 'error') return {fact: {url: r.source, status: 'error', reason: r.reason}, doc: docFact(r)}
  return {fact: {url: r.doc.source, status: 'found', sha256: r.doc.sha256, ...readTrustPage(r.doc.bytes.toString('utf8'))}, file: keep(r.doc), doc: docFact(r)}
}

/** The SOC 2 probe: documents from the profile, security.txt and trust page → one observation the soc2 checks judge. */
export const createSoc2Probe = (opts: Soc2ProbeOptions = {}): Probe => ({
  family: 'soc2',
  description: 'SOC 2 report, bridge letter, certificates, security.txt and trust page: fetched, hashed, read and judged',
  async run(vendor, ctx): Promise<Observation[]> {
    const started = ctx.now()
    const t0 = performance.now()
    const limits = sourceLimits(ctx, await caBundles(vendor, ctx.vendorDir))
    const pdfLimits: PdfTextLimits = {...DEFAULT_PDF_LIMITS, maxBytes: ctx.network.maxResponseBytes, ...opts.pdf}
    const entries = (vendor.evidence ?? []).filter((e) => SOC2_EVIDENCE_KINDS.has(e.kind))

    const read = await mapLimit(entries, 4, async (e) => {
      const r = await loadEvidence(e, ctx.vendorDir, limits, ctx.signal)
      const text = r.status === 'ok' && r.doc.bytes.subarray(0, 1024).includes('%PDF-') ? await readText(r.doc.bytes, pdfLimits, opts) : undefined
      return {e, r, text}
    })
    const [securityTxt, trustPage] = await Promise.all([readSecurityTxt(vendor, limits, ctx), readTrust(vendor, limits, ctx)])

    const documents: DocumentFact[] = []
    const files: EvidenceFile[] = []
    const reports: ReportInput[] = []
    const letters: LetterInput[] = []
    const subserviceEvidence: SubserviceEvidence[] = []
    const reportErrors: string[] = []
    for (const {e, r, text} of read) {
      let doc = docFact(r, e)
      if (r.status === 'ok') files.push(keep(r.doc))
      const unreadable = r.status === 'error' ? r.reason : text?.status === 'error' ? text.reason : text === undefined && !e.stated ? 'not a PDF, and no facts are stated for it in the profile' : undefined
      if (text?.status === 'error') doc = {...doc, status: 'error', reason: text.reason}
      if (e.organisation) {
        subserviceEvidence.push({organisation: e.organisation, kind: e.kind, source: doc.source, ok: r.status === 'ok'})
        documents.push(doc)
        continue
      }
      const pages = text?.status === 'ok' ? text.pages : []
      const document = {
        source: doc.source,
        sha256: doc.sha256 ?? '',
        pages: text?.status === 'ok' ? text.pageCount : 0,
        pagesWithoutText: text?.status === 'ok' ? text.pagesWithoutText : [],
        ...(text?.status === 'ok' ? {ocrPages: text.ocrPages, scanned: text.scanned} : {}),
      }
      if (e.kind === 'soc2-report') {
        if (unreadable && !e.stated) {
          reportErrors.push(`${doc.source}: ${unreadable}`)
        } else {
          const textComplete = text?.status === 'ok' && text.pagesWithoutText.length === 0
          reports.push({evidence: e, document, extracted: text?.status === 'ok' ? extractReport(pages, {textComplete, notAuditor: [vendor.name.replace(/,?\s+(?:Inc\.?|LLC|Ltd\.?|GmbH|Corp\.?|Corporation)$/i, '')]}) : {}})
        }
      } else if (e.kind === 'soc2-bridge-letter') {
        if (!unreadable || e.stated) letters.push({evidence: e, document, extracted: text?.status === 'ok' ? extractBridgeLetter(pages) : {}})
      } else {
        // ISO 27001 certificate, HITRUST letter: listed with their dates; the profile's `expires` is a stated date.
        const c = text?.status === 'ok' ? extractCertificate(pages) : {}
        const expires = e.expires ? {expires: e.expires, expiresSource: 'stated'} : c.expires ? {expires: c.expires.value, expiresPage: c.expires.page, expiresSource: 'extracted'} : {}
        doc = {...doc, facts: {...(c.issued ? {issued: c.issued.value, issuedPage: c.issued.page} : {}), ...expires}}
      }
      documents.push(doc)
    }
    if (securityTxt?.doc) documents.push(securityTxt.doc)
    if (securityTxt?.file) files.push(securityTxt.file)
    if (trustPage) documents.push(trustPage.doc)
    if (trustPage?.file) files.push(trustPage.file)

    const {facts, provenance} = buildSoc2Facts({vendor, on: started.toISOString().slice(0, 10), reports, letters, subserviceEvidence})
    const all = {
      ...facts,
      provenance,
      documents,
      ...(securityTxt ? {securityTxt: securityTxt.fact} : {}),
      ...(trustPage ? {trustPage: trustPage.fact} : {}),
      evidenceFiles: files,
    }
    const report = entries.find((e) => e.kind === 'soc2-report' && !e.organisation)
    const base = {probe: 'soc2' as const, target: report ? (report.path ?? documents.find((d) => d.kind === 'soc2-report')?.source ?? 'SOC 2 report') : 'SOC 2 evidence', startedAt: started.toISOString(), durationMs: Math.round(performance.now() - t0)}
    if (reports.length === 0 && reportErrors.length > 0) return [{...base, status: 'error', reason: `the SOC 2 report could not be read: ${reportErrors.join('; ')}`, facts: all}]
    // A scan is an answer, not an "ok": no check can be decided on OCR alone.
    const scans = reports.filter((r) => r.document.scanned && !r.evidence.stated)
    if (scans.length > 0 && scans.length === reports.length) {
      const ocrd = scans.some((r) => Object.keys(r.document.ocrPages ?? {}).length > 0)
      const reason = `the PDF is a scan: no text layer (${scans.map((r) => r.document.source).join(', ')}). ${ocrd ? 'Facts read by OCR are shown for reference; confirm them from the original.' : 'It could not be read by OCR either.'} Ask the vendor for the PDF its auditor issued.`
      return [{...base, status: 'error', reason, facts: all}]
    }
    return [{...base, status: 'ok', facts: all}]
  },
})

export const soc2Probe: Probe = createSoc2Probe()
