import {reportText} from '../report/report-text.js'

/**
 * Read the hash the signature page prints, with pdfjs (an independent reader of the rendered text, so a
 * mismatch between what a person reads and what is attached is caught). The signature page is the last page.
 */
export const printedAssessmentHash = async (pdf: Buffer): Promise<string | undefined> => {
  const label = reportText().signaturePage.hashLabel!
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  // A file pdf.js cannot open has no readable printed hash: the caller reports that, never an exception.
  const doc = await pdfjs.getDocument({data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0}).promise.catch(() => undefined)
  if (!doc) return undefined
  try {
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
  } finally {
    await doc.destroy()
  }
}
