import PDFDocument from 'pdfkit'

import {FONTS} from './fonts.js'
import {drawTable} from './pdf-table.js'
import type {ReportModel} from './report-model.js'
import {reportText} from './report-text.js'

const STATUS_COLOURS: Readonly<Record<string, string>> = {
  fail: '#b00020',
  warn: '#b26a00',
  error: '#6b4fa0',
  'not-assessed': '#555555',
  pass: '#1b7f3b',
}

/** Lay out the report model as a PDF/A-3b document with assessment.json attached. Returns the bytes. */
export const renderPdf = async (model: ReportModel, assessmentJson: string): Promise<Buffer> => {
  const a = model.assessment
  const text = reportText()
  const date = new Date(a.assessedAt)
  const doc = new PDFDocument({
    size: text.layout.pageSize,
    margin: text.layout.margin,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    lang: 'en',
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
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()))

  doc.file(Buffer.from(assessmentJson, 'utf8'), {
    name: 'assessment.json',
    type: 'application/json',
    description: 'The machine-readable assessment this report shows',
    creationDate: date,
    modifiedDate: date,
    relationship: 'Data',
  } as PDFKit.Mixins.PDFAttachmentOptions)

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const decision = text.decisions[a.verdict.decision]

  // Cover.
  doc.font(FONTS.bold).fontSize(22).fillColor('#111111').text(text.title, {width})
  doc.font(FONTS.regular).fontSize(12).fillColor('#444444').text(text.subtitle).moveDown(2)
  const facts: [string, string][] = [
    ['Vendor', `${a.vendor.name} (${a.vendor.id})`],
    ['Service', a.vendor.service],
    ['Practice', a.organisation.name],
    ['Assessor', a.organisation.assessor ?? '—'],
    ['Assessed on', a.assessedAt.slice(0, 10)],
    ['Next review due', a.nextReviewDue],
    ['Frameworks', a.frameworks.map((f) => f.title).join('; ') || '—'],
  ]
  for (const [k, v] of facts) {
    doc.font(FONTS.bold).fontSize(11).fillColor('#111111').text(`${k}: `, {continued: true}).font(FONTS.regular).text(v)
  }
  doc.moveDown(2)
  doc.font(FONTS.bold).fontSize(12).fillColor('#111111').text('Verdict')
  doc.font(FONTS.bold).fontSize(26).fillColor(decision.colour).text(decision.label)
  doc.font(FONTS.regular).fontSize(11).fillColor('#111111').text(decision.meaning).moveDown()
  for (const r of a.verdict.reasons) doc.text(`• ${r}`)
  doc.moveDown()
  doc.fontSize(9).fillColor('#444444').text(`How the verdict is decided: ${a.verdict.rule}`)

  // Conditions.
  if (a.verdict.conditions.length > 0) {
    doc.addPage()
    doc.font(FONTS.bold).fontSize(15).fillColor('#111111').text(text.sections.conditions ?? 'Conditions').moveDown(0.5)
    drawTable(
      doc,
      [
        {header: 'Severity', width: 60},
        {header: 'Finding', width: 170},
        {header: 'What to ask the vendor', width: width - 300},
        {header: 'Due', width: 70},
      ],
      a.verdict.conditions.map((c) => [c.severity, c.title, c.action, c.due]),
      {font: FONTS.regular, bold: FONTS.bold, fontSize: text.layout.fontSize},
    )
  }

  // Probe detail sections.
  for (const section of model.sections) {
    doc.addPage()
    doc.font(FONTS.bold).fontSize(15).fillColor('#111111').text(section.title).moveDown(0.3)
    if (section.intro) doc.font(FONTS.regular).fontSize(10).text(section.intro).moveDown(0.5)
    for (const table of section.tables) {
      drawTable(doc, table.columns.map((c) => ({header: c.header, width: c.width * width})), table.rows, {font: FONTS.regular, bold: FONTS.bold, fontSize: 8.5})
    }
    for (const note of section.notes ?? []) doc.font(FONTS.regular).fontSize(8.5).fillColor('#444444').text(note).fillColor('#111111')
  }

  // Findings.
  doc.addPage()
  doc.font(FONTS.bold).fontSize(15).fillColor('#111111').text(text.sections.findings ?? 'Findings').moveDown(0.5)
  drawTable(
    doc,
    [
      {header: 'Result', width: 62},
      {header: 'Severity', width: 50},
      {header: 'Finding', width: width - 262},
      {header: 'Where', width: 70},
      {header: 'Controls', width: 80},
    ],
    model.findings.map((f) => [text.statuses[f.status], f.severity, `${f.title}\n${f.message}`, f.target, f.citations.join('; ') || '—']),
    {font: FONTS.regular, bold: FONTS.bold, fontSize: 8.5},
    (row, col) => (col === 0 ? STATUS_COLOURS[model.findings[row]!.status] : undefined),
  )

  doc.end()
  await ended
  return Buffer.concat(chunks)
}
