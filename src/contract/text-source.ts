import path from 'node:path'

import mammoth from 'mammoth'

import {readPdfText} from '../pdf/read-pdf-text.js'

/** A document's text as pages of lines, and how it was read. */
export type AgreementText =
  | {readonly status: 'ok'; readonly format: 'pdf' | 'docx' | 'text'; readonly pages: readonly string[]; readonly ocr: boolean; readonly pagesWithoutText: readonly number[]}
  | {readonly status: 'error'; readonly reason: string}

const isZip = (b: Uint8Array): boolean => b[0] === 0x50 && b[1] === 0x4b

/** Pages OCR'd at most per agreement: a BAA or DPA is a few pages; a 200-page scan is refused, not read for minutes. */
const MAX_OCR_PAGES = 40

/**
 * The one place the contract reader gets text. PDF goes through the project's one PDF text layer; a scanned
 * agreement (no text layer) is read by OCR, and says so, because OCR can misread a word that decides a clause.
 */
export const readAgreementText = async (bytes: Uint8Array, name: string): Promise<AgreementText> => {
  const ext = path.extname(name).toLowerCase()
  if (Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) {
    const first = await readPdfText(bytes)
    if (first.status === 'error') return first
    const empty = (p: {source: string}) => p.source === 'none'
    const r = first.pages.some((p) => empty(p) && p.scanned) ? await readPdfText(bytes, {ocr: true, maxOcrPages: MAX_OCR_PAGES}) : first
    if (r.status === 'error') return r
    const pagesWithoutText = r.pages.filter(empty).map((p) => p.index)
    if (pagesWithoutText.length === r.pageCount) return {status: 'error', reason: 'the PDF has no text, and OCR found no words in it'}
    return {status: 'ok', format: 'pdf', pages: r.pages.map((p) => p.lines.map((l) => l.text).join('\n')), ocr: r.pages.some((p) => p.source === 'ocr'), pagesWithoutText}
  }
  if (isZip(bytes) || ext === '.docx') {
    try {
      const r = await mammoth.extractRawText({buffer: Buffer.from(bytes)})
      return {status: 'ok', format: 'docx', pages: [r.value], ocr: false, pagesWithoutText: []}
    } catch (error) {
      return {status: 'error', reason: `the DOCX could not be read (${(error as Error).message})`}
    }
  }
  const text = Buffer.from(bytes).toString('utf8')
  if (text.includes('\u0000') || text.includes('\ufffd')) return {status: 'error', reason: 'the file is neither PDF, DOCX nor UTF-8 text'}
  // A form feed separates pages in plain-text exports.
  return {status: 'ok', format: 'text', pages: text.split('\f'), ocr: false, pagesWithoutText: []}
}
