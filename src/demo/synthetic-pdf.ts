import path from 'node:path'
import PDFDocument from 'pdfkit'

import {FONTS} from '../report/fonts.js'

/** Blocks of a synthetic document page: enough layout variety to look like different auditors' reports. */
export type Block =
  | {readonly h: string}
  | {readonly p: string}
  | {readonly bullets: readonly string[]; readonly marker?: string}
  | {readonly table: readonly (readonly string[])[]; readonly widths: readonly number[]}
  | {readonly lines: readonly string[]}
  | {readonly gap: number}

export interface SyntheticPdfOptions {
  readonly face?: 'sans' | 'serif' | 'condensed'
  readonly fontSize?: number
  /** Encrypt with this user password (AES-256): the file cannot be opened without it. */
  readonly userPassword?: string
}

const TTF = path.dirname(FONTS.regular)
const FACES = {
  sans: {regular: FONTS.regular, bold: FONTS.bold},
  serif: {regular: path.join(TTF, 'DejaVuSerif.ttf'), bold: path.join(TTF, 'DejaVuSerif-Bold.ttf')},
  condensed: {regular: path.join(TTF, 'DejaVuSansCondensed.ttf'), bold: path.join(TTF, 'DejaVuSansCondensed-Bold.ttf')},
} as const

/** A synthetic PDF (pdfkit, embedded DejaVu fonts), one array of blocks per page. */
export const syntheticPdf = async (pages: readonly (readonly Block[])[], opts: SyntheticPdfOptions = {}): Promise<Buffer> => {
  const face = FACES[opts.face ?? 'sans']
  const size = opts.fontSize ?? 10
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 60,
    autoFirstPage: false,
    info: {Title: 'Synthetic test document', CreationDate: new Date('2026-01-01T00:00:00Z'), ModDate: new Date('2026-01-01T00:00:00Z')},
    ...(opts.userPassword ? {userPassword: opts.userPassword, ownerPassword: `${opts.userPassword}-owner`, pdfVersion: '1.7ext3' as const} : {}),
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()))
  const width = 612 - 120
  for (const blocks of pages) {
    doc.addPage()
    for (const b of blocks) {
      if ('h' in b) doc.font(face.bold).fontSize(size + 3).text(b.h, {width}).moveDown(0.4)
      else if ('p' in b) doc.font(face.regular).fontSize(size).text(b.p, {width, align: 'left'}).moveDown(0.6)
      else if ('lines' in b) for (const l of b.lines) doc.font(face.regular).fontSize(size).text(l, {width})
      else if ('gap' in b) doc.moveDown(b.gap)
      else if ('bullets' in b) {
        for (const item of b.bullets) doc.font(face.regular).fontSize(size).text(`${b.marker ?? '•'} ${item}`, {width, indent: 0}).moveDown(0.2)
        doc.moveDown(0.4)
      } else {
        const x0 = doc.page.margins.left
        for (const [r, row] of b.table.entries()) {
          const y = doc.y
          let x = x0
          let bottom = y
          row.forEach((cell, i) => {
            const w = b.widths[i]! * width - 12
            doc.font(r === 0 ? face.bold : face.regular).fontSize(size - 1).text(cell, x, y, {width: w})
            bottom = Math.max(bottom, doc.y)
            x += b.widths[i]! * width
          })
          doc.x = x0
          doc.y = bottom + 4
        }
        doc.moveDown(0.6)
      }
    }
  }
  doc.end()
  await ended
  return Buffer.concat(chunks)
}
