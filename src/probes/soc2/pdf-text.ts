import {createRequire} from 'node:module'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {Worker} from 'node:worker_threads'

import {pageLines, type TextItem} from './page-lines.js'

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

export type PdfText =
  | {readonly status: 'ok'; readonly pages: readonly string[]; readonly pageCount: number; readonly pagesWithoutText: readonly number[]}
  | {readonly status: 'error'; readonly reason: string}

const require = createRequire(import.meta.url)
const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'))
const PDFJS_URL = pathToFileURL(path.join(PDFJS_DIR, 'legacy', 'build', 'pdf.mjs')).href

/*
 * The parsing thread. Plain JavaScript evaluated by worker_threads so that it runs the same from the TypeScript
 * sources (tests) and from dist/ (the CLI). It returns raw text items; lines are built in TypeScript.
 * pdf.js runs its own "worker" in this same thread (Node has no web workers), so a parser stuck in a loop can
 * only be stopped by terminating this thread: that is why parsing is not done on the main thread.
 */
const WORKER_SOURCE = `
const {parentPort, workerData} = require('node:worker_threads')
;(async () => {
  try {
    const pdfjs = await import(workerData.pdfjsUrl)
    const doc = await pdfjs.getDocument({
      data: workerData.data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false,
      verbosity: 0, cMapUrl: workerData.cMapDir, cMapPacked: true, stopAtErrors: false,
    }).promise
    const pageCount = doc.numPages
    if (pageCount > workerData.maxPages) {
      parentPort.postMessage({kind: 'too-many-pages', pageCount})
      return
    }
    const pages = []
    for (let n = 1; n <= pageCount; n++) {
      const page = await doc.getPage(n)
      const content = await page.getTextContent()
      pages.push(content.items.filter((i) => typeof i.str === 'string').map((i) => ({str: i.str, x: i.transform[4], y: i.transform[5], w: i.width, h: i.height || Math.abs(i.transform[3]), eol: i.hasEOL})))
      page.cleanup()
    }
    await doc.destroy()
    parentPort.postMessage({kind: 'ok', pageCount, pages})
  } catch (error) {
    parentPort.postMessage({kind: 'error', name: error && error.name, message: String(error && error.message || error)})
  }
})()
`

type WorkerReply =
  | {kind: 'ok'; pageCount: number; pages: TextItem[][]}
  | {kind: 'too-many-pages'; pageCount: number}
  | {kind: 'error'; name?: string; message: string}

const explain = (name: string | undefined, message: string): string => {
  if (name === 'PasswordException') return 'the PDF is encrypted with a password; ask the vendor for a copy without one'
  if (name === 'InvalidPDFException' || /invalid pdf structure/i.test(message)) return 'the file is damaged: no readable PDF structure was found'
  return `the PDF could not be read (${message})`
}

const looksLikePdf = (bytes: Uint8Array): boolean => Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')

/**
 * The text of every page, as lines in reading order. Never throws: an oversized, damaged, encrypted or
 * runaway file gives an `error` with a reason, within the time limit.
 */
export const pdfText = async (bytes: Uint8Array, limits: PdfTextLimits = DEFAULT_PDF_LIMITS): Promise<PdfText> => {
  if (bytes.byteLength > limits.maxBytes) {
    return {status: 'error', reason: `the file is ${bytes.byteLength} bytes, over the ${limits.maxBytes}-byte limit for documents`}
  }
  if (!looksLikePdf(bytes)) return {status: 'error', reason: 'the file is not a PDF (no %PDF- header)'}
  const data = new Uint8Array(bytes)
  const reply = await new Promise<WorkerReply | {kind: 'failed'; reason: string}>((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {pdfjsUrl: PDFJS_URL, cMapDir: `${path.join(PDFJS_DIR, 'cmaps')}${path.sep}`, data, maxPages: limits.maxPages},
      transferList: [data.buffer as ArrayBuffer],
      resourceLimits: {maxOldGenerationSizeMb: limits.maxHeapMb},
      stdout: true,
      stderr: true,
    })
    // Piped rather than inherited so a chatty parser cannot write into scanvet's output; drained so it cannot block.
    worker.stdout.resume()
    worker.stderr.resume()
    let settled = false
    const finish = (r: WorkerReply | {kind: 'failed'; reason: string}) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void worker.terminate()
      resolve(r)
    }
    const timer = setTimeout(() => finish({kind: 'failed', reason: `reading the PDF took longer than ${limits.timeoutMs} ms and was stopped`}), limits.timeoutMs)
    worker.on('message', (m: WorkerReply) => finish(m))
    worker.on('error', (e: Error & {code?: string}) =>
      finish({kind: 'failed', reason: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `reading the PDF needed more than ${limits.maxHeapMb} MB of memory and was stopped` : `the PDF reader failed (${e.message})`}),
    )
    worker.on('exit', (code) => finish({kind: 'failed', reason: `the PDF reader stopped unexpectedly (exit ${code})`}))
  })
  switch (reply.kind) {
    case 'ok': {
      const pages = reply.pages.map((items) => pageLines(items).join('\n'))
      const pagesWithoutText = pages.flatMap((p, i) => (p.trim() === '' ? [i + 1] : []))
      return {status: 'ok', pages, pageCount: reply.pageCount, pagesWithoutText}
    }
    case 'too-many-pages':
      return {status: 'error', reason: `the PDF has ${reply.pageCount} pages, more than the ${limits.maxPages} scanvet reads`}
    case 'error':
      return {status: 'error', reason: explain(reply.name, reply.message)}
    case 'failed':
      return {status: 'error', reason: reply.reason}
  }
}
