import {createRequire} from 'node:module'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {Worker} from 'node:worker_threads'

import type {GreyImage, OcrEngine} from '../ocr/ocr.js'
import {layoutPage, removeRunningText, type PdfLine, type TextItem} from './page-layout.js'
import {readDirect} from './direct/read-direct.js'
import {WORKER_SOURCE} from './pdf-worker-source.js'

export interface PdfTextLimits {
  /** Checked before any parsing. */
  readonly maxBytes: number
  /** Wall-clock limit on parsing; the worker thread is terminated when it passes. */
  readonly timeoutMs: number
  readonly maxPages: number
  /** Heap limit of the parsing thread. */
  readonly maxHeapMb: number
}

export const DEFAULT_PDF_LIMITS: PdfTextLimits = {maxBytes: 50 * 1024 * 1024, timeoutMs: 60_000, maxPages: 2000, maxHeapMb: 512}

/** Why a PDF gave no text at all, for callers that act on the cause (ask for an unlocked copy, a new file…). */
export type PdfErrorCode = 'too-large' | 'not-pdf' | 'encrypted' | 'damaged' | 'too-many-pages' | 'timeout' | 'memory' | 'failed'

/**
 * One page: its lines in reading order. `source` says where they came from: the PDF's text layer, OCR of the
 * page's image (each line then carries its confidence), or nothing (no text layer and no OCR, or OCR found no
 * words). Pages are 1-based PDF indexes; `label` is the page number the document prints or declares.
 */
export interface PdfPage {
  readonly index: number
  readonly label?: string
  readonly width: number
  readonly height: number
  readonly source: 'text' | 'ocr' | 'none'
  readonly lines: readonly PdfLine[]
  /** Mean OCR confidence of the page, 0–100. */
  readonly confidence?: number
  /** The page has no text layer but carries an image (a scan). */
  readonly scanned: boolean
}

export type PdfDocumentText =
  | {readonly status: 'ok'; readonly pageCount: number; readonly pages: readonly PdfPage[]}
  | {readonly status: 'error'; readonly code: PdfErrorCode; readonly reason: string}

export interface ReadPdfOptions {
  readonly limits?: Partial<PdfTextLimits>
  /** OCR pages that have no text layer: `true` opens one engine for this call; an engine passed in is reused and left open. */
  readonly ocr?: boolean | OcrEngine
  /** At most this many pages are OCR'd (a page takes seconds); the rest stay `none`. */
  readonly maxOcrPages?: number
  /** `pdfjs` skips the direct reader (tests hold the two equal). */
  readonly reader?: 'auto' | 'pdfjs'
}

const require = createRequire(import.meta.url)
const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'))
const PDFJS_URL = pathToFileURL(path.join(PDFJS_DIR, 'legacy', 'build', 'pdf.mjs')).href

interface RawPage {
  items: TextItem[]
  width: number
  height: number
  label?: string
  hasImage?: boolean
  image?: GreyImage
}

type WorkerReply =
  | {kind: 'ok'; pageCount: number; pages: RawPage[]}
  | {kind: 'too-many-pages'; pageCount: number}
  | {kind: 'error'; name?: string; message: string}
  | {kind: 'failed'; code: PdfErrorCode; reason: string}

const explain = (name: string | undefined, message: string): {code: PdfErrorCode; reason: string} => {
  if (name === 'PasswordException') return {code: 'encrypted', reason: 'the PDF is encrypted with a password; ask the vendor for a copy without one'}
  if (name === 'InvalidPDFException' || /invalid pdf structure/i.test(message)) return {code: 'damaged', reason: 'the file is damaged: no readable PDF structure was found'}
  return {code: 'failed', reason: `the PDF could not be read (${message})`}
}

const looksLikePdf = (bytes: Uint8Array): boolean => Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')

const parse = (bytes: Uint8Array, limits: PdfTextLimits, images: boolean, remainingMs: number): Promise<WorkerReply> => {
  const data = new Uint8Array(bytes)
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {pdfjsUrl: PDFJS_URL, cMapDir: `${path.join(PDFJS_DIR, 'cmaps')}${path.sep}`, data, maxPages: limits.maxPages, images, maxImagePixels: 40_000_000},
      transferList: [data.buffer as ArrayBuffer],
      resourceLimits: {maxOldGenerationSizeMb: limits.maxHeapMb},
      stdout: true,
      stderr: true,
    })
    // Piped rather than inherited so a chatty parser cannot write into scanvet's output; drained so it cannot block.
    worker.stdout.resume()
    worker.stderr.resume()
    let settled = false
    const finish = (r: WorkerReply) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void worker.terminate()
      resolve(r)
    }
    const timer = setTimeout(() => finish({kind: 'failed', code: 'timeout', reason: `reading the PDF took longer than ${limits.timeoutMs} ms and was stopped`}), remainingMs)
    worker.on('message', (m: WorkerReply) => finish(m))
    worker.on('error', (e: Error & {code?: string}) =>
      finish(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? {kind: 'failed', code: 'memory', reason: `reading the PDF needed more than ${limits.maxHeapMb} MB of memory and was stopped`}
          : {kind: 'failed', code: 'failed', reason: `the PDF reader failed (${e.message})`},
      ),
    )
    worker.on('exit', (code) => finish({kind: 'failed', code: 'failed', reason: `the PDF reader stopped unexpectedly (exit ${code})`}))
  })
}

/** OCR lines → page lines: pixel boxes scaled to the page's points (a scan is painted over the whole page). */
const ocrLines = async (engine: OcrEngine, image: GreyImage, page: {width: number; height: number}): Promise<{lines: PdfLine[]; confidence: number}> => {
  const r = await engine.recognise(image)
  const sx = page.width / image.width
  const sy = page.height / image.height
  const lines = r.lines
    .filter((l) => l.text.trim() !== '')
    .map((l) => ({text: l.text.replace(/\s+/g, ' ').trim(), confidence: Math.round(l.confidence), bbox: {x0: l.bbox.x0 * sx, y0: l.bbox.y0 * sy, x1: l.bbox.x1 * sx, y1: l.bbox.y1 * sy}}))
  return {lines, confidence: Math.round(r.confidence)}
}

/**
 * The one PDF text layer of scanvet: every page's lines in reading order, with their boxes. Lines are rebuilt
 * from pdf.js's positioned text (columns read one after the other, table rows kept with their cells, running
 * headers, footers and margin page numbers removed); pages with no text layer are OCR'd when asked. Never
 * throws: an oversized, damaged, encrypted or runaway file gives an `error` with a reason, within the limit.
 */
export const readPdfText = async (bytes: Uint8Array, opts: ReadPdfOptions = {}): Promise<PdfDocumentText> => {
  const limits = {...DEFAULT_PDF_LIMITS, ...opts.limits}
  if (bytes.byteLength > limits.maxBytes) {
    return {status: 'error', code: 'too-large', reason: `the file is ${bytes.byteLength} bytes, over the ${limits.maxBytes}-byte limit for documents`}
  }
  if (!looksLikePdf(bytes)) return {status: 'error', code: 'not-pdf', reason: 'the file is not a PDF (no %PDF- header)'}
  // Most reports and agreements are plain text PDFs that scanvet's direct reader reads in a fraction of pdf.js's
  // time; anything it does not handle (encryption, repair, scans, unusual fonts) goes to pdf.js in its thread.
  // One time limit covers both: pdf.js gets what the direct reader left of it.
  const started = performance.now()
  const direct = opts.reader === 'pdfjs' ? undefined : readDirect(bytes, limits.maxPages, started + limits.timeoutMs)
  const timedOut: WorkerReply = {kind: 'failed', code: 'timeout', reason: `reading the PDF took longer than ${limits.timeoutMs} ms and was stopped`}
  const reply: WorkerReply =
    direct?.kind === 'timeout'
      ? timedOut
      : direct && direct.kind !== 'unsupported'
        ? direct
        : await parse(bytes, limits, Boolean(opts.ocr), Math.max(1, limits.timeoutMs - (performance.now() - started)))
  switch (reply.kind) {
    case 'too-many-pages':
      return {status: 'error', code: 'too-many-pages', reason: `the PDF has ${reply.pageCount} pages, more than the ${limits.maxPages} scanvet reads`}
    case 'error':
      return {status: 'error', ...explain(reply.name, reply.message)}
    case 'failed':
      return {status: 'error', code: reply.code, reason: reply.reason}
    case 'ok':
      break
  }
  const laid = reply.pages.map((p) => ({lines: layoutPage(p.items, p), height: p.height, ocr: undefined as {lines: PdfLine[]; confidence: number} | undefined}))
  const scans = reply.pages.flatMap((p, i) => (p.image && laid[i]!.lines.length === 0 ? [i] : []))
  if (opts.ocr && scans.length > 0) {
    // tesseract.js is loaded only for a scan: text PDFs should not pay for it at start-up.
    const engine = typeof opts.ocr === 'object' ? opts.ocr : await (await import('../ocr/ocr.js')).openOcr()
    try {
      for (const i of scans.slice(0, opts.maxOcrPages ?? 50)) {
        const r = await ocrLines(engine, reply.pages[i]!.image!, reply.pages[i]!)
        laid[i]!.lines = r.lines
        laid[i]!.ocr = r
      }
    } finally {
      if (typeof opts.ocr !== 'object') await engine.close()
    }
  }
  const running = removeRunningText(laid)
  const pages: PdfPage[] = reply.pages.map((p, i) => {
    const l = laid[i]!
    const label = p.label ?? running.printed[i]
    return {
      index: i + 1,
      ...(label ? {label} : {}),
      width: p.width,
      height: p.height,
      source: l.ocr && l.lines.length > 0 ? 'ocr' : l.lines.length > 0 ? 'text' : 'none',
      lines: l.lines,
      ...(l.ocr ? {confidence: l.ocr.confidence} : {}),
      scanned: p.hasImage === true,
    }
  })
  return {status: 'ok', pageCount: reply.pageCount, pages}
}

/** The 1-based PDF page index of a printed page label ("iv", "12", "A-3"), when the document maps one. */
export const pageIndexOfLabel = (pages: readonly PdfPage[], label: string): number | undefined =>
  pages.find((p) => p.label?.toLowerCase() === label.toLowerCase())?.index

export type PdfText =
  | {readonly status: 'ok'; readonly pages: readonly string[]; readonly pageCount: number; readonly pagesWithoutText: readonly number[]}
  | {readonly status: 'error'; readonly reason: string}

/** The text of every page, as lines in reading order (the flat form of readPdfText, without OCR). Never throws. */
export const pdfText = async (bytes: Uint8Array, limits: PdfTextLimits = DEFAULT_PDF_LIMITS): Promise<PdfText> => {
  const r = await readPdfText(bytes, {limits})
  if (r.status === 'error') return {status: 'error', reason: r.reason}
  const pages = r.pages.map((p) => p.lines.map((l) => l.text).join('\n'))
  return {status: 'ok', pages, pageCount: r.pageCount, pagesWithoutText: r.pages.filter((p) => p.source === 'none').map((p) => p.index)}
}
