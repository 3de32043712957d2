import {createHash} from 'node:crypto'
import PDFDocument from 'pdfkit'

import {addSignaturePlaceholder, type PlaceholderOptions} from '../signing/placeholder.js'
import {FONTS} from './fonts.js'
import {decisionPage, risksPage, type LayoutOptions} from './pdf-decision.js'
import {
  answersPages,
  appendixTables,
  changesPage,
  conditionsPage,
  evidencePage,
  findingsPages,
  matrixPage,
  methodPage,
  sectionPage,
  signaturePage,
  startSection,
  type PageContext,
} from './pdf-pages.js'
import type {ReportModel} from './report-model.js'
import {fill, reportText} from './report-text.js'

export interface RenderOptions extends LayoutOptions {
  /** Reserve a signature: the bytes come back ready for signPdf. */
  readonly signature?: PlaceholderOptions
}

/** A section after the decision pages, drawn where the flow has reached. */
export type ExtraSection = (c: PageContext) => void

/**
 * Sections other modules add to the technical part, after the conditions (e.g. the contract clauses): each is
 * drawn in the flow like the built-in ones. Empty until a module registers one.
 */
export const EXTRA_SECTIONS: ExtraSection[] = []

/**
 * Lay out the report model as a PDF/A-3b document with assessment.json attached (AFRelationship Data) and,
 * when asked, an empty signature to fill. Fonts are embedded TrueType passed by path. Returns the bytes.
 */
export const renderPdf = async (model: ReportModel, assessmentJson: string, opts: RenderOptions = {}): Promise<Buffer> => {
  const a = model.assessment
  const text = reportText()
  const date = new Date(a.assessedAt)
  const doc = new PDFDocument({
    size: opts.paper === 'a4' ? 'A4' : opts.paper === 'letter' ? 'LETTER' : text.layout.pageSize,
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

  const c: PageContext = {doc, model, text, width: doc.page.width - doc.page.margins.left - doc.page.margins.right, left: doc.page.margins.left, explained: new Set<string>()}
  // Pages 1 and 2 are the decision; everything technical flows after, each section where the last one ended.
  decisionPage(c, opts.logo)
  doc.addPage()
  risksPage(c)
  doc.addPage()
  const flow = (draw: () => void, first = false, need?: number) => {
    startSection(c, first, need)
    draw()
  }
  if (model.conditions.length > 0) flow(() => conditionsPage(c), true)
  // The place for sections other modules contribute (contract clauses): right after the conditions.
  for (const extra of EXTRA_SECTIONS) flow(() => extra(c))
  flow(() => changesPage(c), model.conditions.length === 0 && EXTRA_SECTIONS.length === 0)
  for (const m of model.matrices) flow(() => matrixPage(c, m))
  flow(() => findingsPages(c))
  for (const s of model.sections) flow(() => sectionPage(c, s))
  flow(() => answersPages(c))
  flow(() => evidencePage(c))
  flow(() => appendixTables(c))
  flow(() => methodPage(c))
  // The signature block is short and read as one: it is never split (a page holding only its last lines).
  flow(() => signaturePage(c, createHash('sha256').update(json).digest('hex')), false, 300)
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
