import type {PDFDocumentProxy} from 'pdfjs-dist/legacy/build/pdf.mjs'

import {reportText} from '../report/report-text.js'

/**
 * The hash the signature page prints, read with pdfjs (an independent reader of the rendered text, so a
 * mismatch between what a person reads and what is attached is caught). The signature page is the last page.
 */
export const printedHashIn = async (doc: PDFDocumentProxy): Promise<string | undefined> => {
  const label = reportText().signaturePage.hashLabel!
  for (let i = doc.numPages; i >= Math.max(1, doc.numPages - 1); i--) {
    const content = await doc
      .getPage(i)
      .then((p) => p.getTextContent())
      .catch(() => undefined)
    if (!content) continue
    const text = content.items.map((it) => ('str' in it ? it.str : '')).join('')
    const at = text.indexOf(label)
    if (at < 0) continue
    const hex = /^[\s]*([0-9a-f\s]{64,100})/.exec(text.slice(at + label.length))?.[1]?.replace(/\s+/g, '').slice(0, 64)
    if (hex && /^[0-9a-f]{64}$/.test(hex)) return hex
  }
  return undefined
}
