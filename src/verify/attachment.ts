import {printedHashIn} from './printed-hash.js'

/** What a PDF reader shows of a report: the attached file and the hash its signature page prints. */
export interface ReaderView {
  readonly attachment?: Buffer
  readonly printedHash?: string
}

/**
 * A report as a PDF reader sees it: pdfjs follows the xref chain to the last revision's catalogue, names tree
 * and embedded file stream, as qpdf and Acrobat do, and renders the signature page's text. One open serves both
 * (`withText: false` for the attachment alone). Empty when the file cannot be read (the caller says which).
 */
export const readerView = async (pdf: Uint8Array, name: string, withText = true): Promise<ReaderView> => {
  // Imported here: pdfjs is heavy and only verify and history need it.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  try {
    const doc = await pdfjs.getDocument({data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0, stopAtErrors: false} as never).promise
    try {
      const attachments = ((await doc.getAttachments().catch(() => null)) ?? {}) as Record<string, {filename?: string; content?: Uint8Array}>
      const found = Object.values(attachments).find((a) => a.filename === name)?.content
      const printedHash = withText ? await printedHashIn(doc) : undefined
      return {...(found ? {attachment: Buffer.from(found)} : {}), ...(printedHash ? {printedHash} : {})}
    } finally {
      await doc.destroy()
    }
  } catch {
    return {}
  }
}
