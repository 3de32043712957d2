/**
 * An attached file as a PDF reader sees it: pdfjs follows the xref chain to the last revision's catalogue,
 * names tree and embedded file stream, as qpdf and Acrobat do. Undefined when the file has none or cannot be
 * read (the caller says which).
 */
export const attachedFile = async (pdf: Uint8Array, name: string): Promise<Buffer | undefined> => {
  // Imported here: pdfjs is heavy and only verify and history need it.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  try {
    const doc = await pdfjs.getDocument({data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0, stopAtErrors: false} as never).promise
    try {
      const attachments = ((await doc.getAttachments()) ?? {}) as Record<string, {filename?: string; content?: Uint8Array}>
      const found = Object.values(attachments).find((a) => a.filename === name)?.content
      return found ? Buffer.from(found) : undefined
    } finally {
      await doc.destroy()
    }
  } catch {
    return undefined
  }
}
