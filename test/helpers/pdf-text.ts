import {readFileSync} from 'node:fs'

/** The text of every page, read with pdfjs-dist (an independent PDF reader, not the writer we test). */
export const pdfText = async (file: string): Promise<string[]> => pdfTextOf(readFileSync(file))

/** The same, for PDF bytes in memory. */
export const pdfTextOf = async (data: Uint8Array): Promise<string[]> => {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const doc = await pdfjs.getDocument({data: new Uint8Array(data), useSystemFonts: false, verbosity: 0}).promise
  const pages: string[] = []
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent()
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '))
  }
  await doc.destroy()
  return pages
}
