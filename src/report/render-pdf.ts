import {createHash} from 'node:crypto'
import PDFDocument from 'pdfkit'

import {addSignaturePlaceholder, type PlaceholderOptions} from '../signing/placeholder.js'
import {FONTS} from './fonts.js'
import {
  answersPages,
  changesPage,
  conditionsPage,
  coverPage,
  evidencePage,
  findingsPages,
  matrixPage,
  methodPage,
  sectionPage,
  signaturePage,
  summaryAsksPage,
  summaryRisksPage,
  type PageContext,
} from './pdf-pages.js'
import type {ReportModel} from './report-model.js'
import {fill, reportText} from './report-text.js'

export interface RenderOptions {
  /** Reserve a signature: the bytes come back ready for signPdf. */
  readonly signature?: PlaceholderOptions
}

/**
 * Lay out the report model as a PDF/A-3b document with assessment.json attached (AFRelationship Data) and,
 * when asked, an empty signature to fill. Fonts are embedded TrueType passed by path. Returns the bytes.
 */
export const renderPdf = async (model: ReportModel, assessmentJson: string, opts: RenderOptions = {}): Promise<Buffer> => {
  const a = model.assessment
  const text = reportText()
  const date = new Date(a.assessedAt)
  const doc = new PDFDocument({
    size: text.layout.pageSize,
    margin: text.layout.margin,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    lang: 'en',
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: `${text.title}: ${a.vendor.name}`,
      Author: a.organisation.assessor ?? a.organisation.name,
      Subject: `Assessment ${a.id} of ${a.vendor.name}`,
      Creator: `scanvet ${a.tool.version}`,
      CreationDate: date,
      ModDate: date,
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve())
    doc.on('error', reject)
  })
  const json = Buffer.from(assessmentJson, 'utf8')
  doc.file(json, {
    name: 'assessment.json',
    type: 'application/json',
    description: 'The machine-readable assessment this report shows',
    creationDate: date,
    modifiedDate: date,
    relationship: 'Data',
  } as PDFKit.Mixins.PDFAttachmentOptions)
  doc.font(FONTS.regular)

  const c: PageContext = {doc, model, text, width: doc.page.width - doc.page.margins.left - doc.page.margins.right, left: doc.page.margins.left}
  const page = (draw: () => void) => {
    doc.addPage()
    draw()
  }
  coverPage(c)
  page(() => summaryRisksPage(c))
  page(() => summaryAsksPage(c))
  if (model.conditions.length > 0) page(() => conditionsPage(c))
  for (const m of model.matrices) page(() => matrixPage(c, m))
  page(() => findingsPages(c))
  for (const s of model.sections) page(() => sectionPage(c, s))
  page(() => answersPages(c))
  page(() => evidencePage(c))
  page(() => changesPage(c))
  page(() => methodPage(c))
  page(() => signaturePage(c, createHash('sha256').update(json).digest('hex')))
  if (opts.signature) addSignaturePlaceholder(doc, opts.signature)

  // Footers last, on every buffered page; the bottom margin is lifted so the footer never starts a new page.
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc.font(FONTS.regular).fontSize(7.5).fillColor('#666666').text(fill(text.layout.footer, {vendor: a.vendor.name, id: a.id, page: `${i + 1} / ${range.count}`}), c.left, doc.page.height - 30, {width: c.width, align: 'center', lineBreak: false})
    doc.page.margins.bottom = bottom
  }
  doc.end()
  await ended
  return Buffer.concat(chunks)
}
