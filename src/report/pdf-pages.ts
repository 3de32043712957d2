import type PDFKit from 'pdfkit'

import type {ControlStatus} from '../controls/framework-types.js'
import {drawBarChart} from './pdf-chart.js'
import {drawTable} from './pdf-table.js'
import {FONTS} from './fonts.js'
import type {ReportModel} from './report-model.js'
import {fill, type ReportText} from './report-text.js'

type Doc = PDFKit.PDFDocument

export interface PageContext {
  readonly doc: Doc
  readonly model: ReportModel
  readonly text: ReportText
  readonly width: number
  readonly left: number
}

const heading = (c: PageContext, title: string, intro?: string) => {
  c.doc.font(FONTS.bold).fontSize(15).fillColor('#111111').text(title, c.left, c.doc.y, {width: c.width}).moveDown(0.3)
  if (intro) c.doc.font(FONTS.regular).fontSize(9.5).fillColor('#333333').text(intro, {width: c.width}).moveDown(0.6)
  c.doc.fillColor('#111111')
}

const ensureSpace = (c: PageContext, h: number) => {
  if (c.doc.y + h > c.doc.page.height - c.doc.page.margins.bottom) c.doc.addPage()
}

const verdictBox = (c: PageContext, big: boolean) => {
  const {doc, model, text} = c
  const d = text.decisions[model.assessment.verdict.decision]
  const y = doc.y
  const titleH = big ? 31 : 24
  doc.font(FONTS.regular).fontSize(big ? 10.5 : 9.5)
  const h = titleH + doc.heightOfString(d.meaning, {width: c.width - 24}) + 16
  doc.rect(c.left, y, c.width, h).fill(d.colour)
  doc.font(FONTS.bold).fontSize(big ? 24 : 18).fillColor('#ffffff').text(d.label, c.left + 12, y + 8, {width: c.width - 24, lineBreak: false})
  doc.font(FONTS.regular).fontSize(big ? 10.5 : 9.5).text(d.meaning, c.left + 12, y + 8 + titleH, {width: c.width - 24})
  doc.fillColor('#111111')
  doc.x = c.left
  doc.y = y + h + 10
}

export const coverPage = (c: PageContext): void => {
  const {doc, model, text} = c
  const a = model.assessment
  doc.font(FONTS.bold).fontSize(22).fillColor('#111111').text(text.title, c.left, doc.y, {width: c.width})
  doc.font(FONTS.regular).fontSize(12).fillColor('#444444').text(text.subtitle).moveDown(1.5)
  const facts: [string, string][] = [
    [text.cover.vendor!, `${a.vendor.name} (${a.vendor.id})`],
    [text.cover.service!, a.vendor.service],
    [text.cover.practice!, a.organisation.name],
    [text.cover.assessor!, a.organisation.assessor ?? '—'],
    [text.cover.date!, a.assessedAt.slice(0, 10)],
    [text.cover.nextReview!, a.nextReviewDue],
    [text.cover.frameworks!, a.frameworks.map((f) => f.title).join('; ') || '—'],
    [text.cover.assessmentId!, a.id],
  ]
  for (const [k, v] of facts) {
    const y = doc.y
    doc.font(FONTS.bold).fontSize(11).fillColor('#111111').text(k, c.left, y, {width: 120})
    doc.font(FONTS.regular).fontSize(11).text(v, c.left + 125, y, {width: c.width - 125})
    doc.x = c.left
    doc.moveDown(0.25)
  }
  doc.moveDown(1.5)
  doc.font(FONTS.bold).fontSize(12).text(text.cover.verdict!, c.left).moveDown(0.3)
  verdictBox(c, true)
  doc.font(FONTS.regular).fontSize(10.5).fillColor('#111111')
  for (const r of a.verdict.reasons) doc.text(`•  ${r}`, {width: c.width})
  doc.moveDown(1)
  doc.font(FONTS.regular).fontSize(8.5).fillColor('#444444').text(`${text.cover.rule} ${a.verdict.rule}`, {width: c.width}).moveDown(0.8)
  doc.text(model.signature.status === 'signed' ? text.cover.signedNote! : text.cover.unsignedNote!, {width: c.width})
  doc.fillColor('#111111')
}

/** Page 1 of the executive summary: verdict, the three biggest risks, and what to ask for each. */
export const summaryRisksPage = (c: PageContext): void => {
  const {doc, model, text} = c
  const s = text.summary
  heading(c, s.title!)
  doc.font(FONTS.regular).fontSize(10.5).text(fill(s.verdictIntro!, {vendor: model.assessment.vendor.name})).moveDown(0.3)
  verdictBox(c, false)
  doc.font(FONTS.regular).fontSize(9.5).fillColor('#333333').text(fill(s.countsLine!, model.counts), {width: c.width}).moveDown(0.8)
  doc.font(FONTS.bold).fontSize(13).fillColor('#111111').text(s.risksTitle!).moveDown(0.4)
  if (model.topRisks.length === 0) doc.font(FONTS.regular).fontSize(10.5).text(s.noRisks!, {width: c.width})
  model.topRisks.forEach((r, i) => {
    const sev = text.severities[r.severity]
    const y = doc.y
    doc.circle(c.left + 9, y + 8, 9).fill(sev.colour)
    doc.font(FONTS.bold).fontSize(11).fillColor('#ffffff').text(String(i + 1), c.left + 3, y + 2.5, {width: 12, align: 'center', lineBreak: false})
    const tx = c.left + 26
    const tw = c.width - 26
    doc.font(FONTS.bold).fontSize(11).fillColor('#111111').text(r.title, tx, y, {width: tw})
    doc.font(FONTS.regular).fontSize(8.5).fillColor(sev.colour).text(`${sev.label} · ${text.statuses[r.status]}${r.citations.length ? ` · ${r.citations.slice(0, 3).join('; ')}` : ''}`, tx, doc.y, {width: tw})
    doc.font(FONTS.bold).fontSize(9.5).fillColor('#111111').text(`${s.why} `, tx, doc.y + 2, {width: tw, continued: true}).font(FONTS.regular).text(r.why)
    doc.font(FONTS.bold).fontSize(9.5).text(`${s.ask} `, tx, doc.y + 2, {width: tw, continued: true}).font(FONTS.regular).text(r.ask)
    doc.font(FONTS.bold).fontSize(9.5).text(`${s.due} ${r.due} · ${s.owner}: ${text.owners[r.owner]}`, tx, doc.y + 2, {width: tw})
    doc.x = c.left
    doc.moveDown(0.9)
  })
}

/** Page 2 of the executive summary: the requests for the vendor, the charts, and the control tallies. */
export const summaryAsksPage = (c: PageContext): void => {
  const {doc, model, text} = c
  const s = text.summary
  heading(c, s.askTitle!, model.conditions.length ? s.askIntro : undefined)
  if (model.conditions.length === 0) doc.font(FONTS.regular).fontSize(10).text(s.noAsks!).moveDown(0.5)
  // Requests for the vendor only (re-running a check is the practice's job), one per rule, fixes first.
  const seen = new Set<string>()
  const shown = [...model.conditions]
    .filter((x) => x.owner === 'vendor')
    .sort((x, y) => (x.kind === y.kind ? 0 : x.kind === 'fix' ? -1 : 1))
    .filter((x) => !seen.has(x.title) && seen.add(x.title))
    .slice(0, 8)
  for (const cond of shown) {
    const sev = text.severities[cond.severity]
    const y = doc.y
    doc.rect(c.left, y + 2, 4, 10).fill(sev.colour)
    doc.font(FONTS.regular).fontSize(9).fillColor('#111111').text(`${cond.id}  ${cond.action}`, c.left + 10, y, {width: c.width - 150})
    const yEnd = doc.y
    doc.font(FONTS.regular).fontSize(8.5).fillColor('#333333').text(`${sev.label} · ${text.owners[cond.owner]} · ${s.due} ${cond.due}`, c.left + c.width - 135, y, {width: 135, align: 'right'})
    doc.x = c.left
    doc.y = Math.max(yEnd, doc.y) + 4
  }
  if (model.conditions.length > shown.length) doc.font(FONTS.regular).fontSize(9).fillColor('#444444').text(fill(s.moreConditions!, {n: model.conditions.length - shown.length}), c.left).moveDown(0.4)
  doc.fillColor('#111111').moveDown(0.6)
  doc.font(FONTS.bold).fontSize(13).text(s.chartsTitle!, c.left).moveDown(0.4)
  const colours = ['#b00020', '#d98200', '#6b4fa0'] as const
  const sevLabels = Object.fromEntries(Object.entries(text.severities).map(([k, v]) => [k, v.label]))
  const y0 = doc.y
  const half = (c.width - 20) / 2
  const h1 = drawBarChart(doc, c.left, y0, half, model.bySeverity, {title: s.chartSeverity!, labels: sevLabels, legend: s.chartLegend, empty: s.chartEmpty!, colours})
  const h2 = drawBarChart(doc, c.left + half + 20, y0, half, model.byArea.slice(0, 10), {title: s.chartArea!, labels: text.areas, legend: s.chartLegend, empty: s.chartEmpty!, colours})
  doc.x = c.left
  doc.y = y0 + Math.max(h1, h2) + 14
  ensureSpace(c, 80)
  doc.font(FONTS.bold).fontSize(13).fillColor('#111111').text(s.frameworksTitle!, c.left).moveDown(0.3)
  const order: ControlStatus[] = ['satisfied', 'partially-satisfied', 'not-satisfied', 'not-assessed', 'manual', 'readiness']
  for (const m of model.matrices) {
    doc.font(FONTS.bold).fontSize(9.5).text(m.title, {width: c.width})
    const parts = order.filter((st) => m.tally[st]).map((st) => `${text.controlStatuses[st].label}: ${m.tally[st]}`)
    doc.font(FONTS.regular).fontSize(9).fillColor('#333333').text(parts.join(' · '), {width: c.width}).fillColor('#111111').moveDown(0.4)
  }
}

export const conditionsPage = (c: PageContext): void => {
  const {doc, model, text} = c
  heading(c, text.sections.conditions!, text.sections.conditionsIntro)
  const groups = model.conditionGroups
  const idsOf = (ids: readonly string[]) => (ids.length > 2 ? `${ids[0]}–${ids.at(-1)}` : ids.join(', '))
  drawTable(
    doc,
    [
      {header: '#', width: 48},
      {header: 'Severity', width: 50},
      {header: 'Finding and what to ask', width: c.width - 48 - 50 - 64 - 62},
      {header: 'Owner', width: 64},
      {header: 'Due', width: 62},
    ],
    groups.map((g) => [
      idsOf(g.ids),
      text.severities[g.severity].label,
      [g.title, g.action, g.targets.length > 1 ? `${text.labels.where} ${g.targets.join(', ')}` : '', g.citations.join('; ')].filter(Boolean).join('\n'),
      text.owners[g.owner],
      g.due,
    ]),
    {font: FONTS.regular, bold: FONTS.bold, fontSize: 8.5},
    (r, col) => (col === 1 ? text.severities[groups[r]!.severity].colour : undefined),
  )
}

export const matrixPage = (c: PageContext, m: ReportModel['matrices'][number]): void => {
  const {doc, text} = c
  heading(c, m.title, fill(text.sections.matrixIntro!, {framework: m.title}))
  drawTable(
    doc,
    [
      {header: 'Citation', width: 105},
      {header: 'Control', width: c.width - 105 - 70 - 95},
      {header: 'Type', width: 70},
      {header: 'Status', width: 95},
    ],
    m.rows.map((r) => [r.citation, `${r.title}\n${r.summary}`, text.controlTypes[r.type] ?? r.type, text.controlStatuses[r.status].label]),
    {font: FONTS.regular, bold: FONTS.bold, fontSize: 8},
    (r, col) => (col === 3 ? text.controlStatuses[m.rows[r]!.status].colour : undefined),
  )
}

export const findingsPages = (c: PageContext): void => {
  const {doc, model, text} = c
  const l = text.labels
  heading(c, text.sections.findings!, text.sections.findingsIntro)
  for (const f of model.findingGroups) {
    ensureSpace(c, 70)
    const colour = text.statusColours[f.status]
    const y = doc.y
    doc.font(FONTS.bold).fontSize(8.5).fillColor(colour).text(`${text.statuses[f.status].toUpperCase()} · ${text.severities[f.severity].label}`, c.left, y, {width: c.width})
    doc.font(FONTS.bold).fontSize(10).fillColor('#111111').text(f.title, {width: c.width})
    doc.font(FONTS.regular).fontSize(9).text(f.message, {width: c.width})
    const line = (label: string, value: string | undefined, font = FONTS.regular) => {
      if (!value) return
      doc.font(FONTS.bold).fontSize(8.5).fillColor('#333333').text(`${label} `, {width: c.width, continued: true}).font(font).text(value)
    }
    line(l.where!, f.target)
    line(l.reason!, f.reason)
    line(l.evidence!, f.evidence)
    line(l.why!, f.rationale)
    line(l.fix!, f.remediation)
    line(l.controls!, f.citations.join('; ') || undefined)
    doc.fillColor('#111111').moveDown(0.7)
  }
  if (model.passed.length > 0) {
    ensureSpace(c, 60)
    doc.font(FONTS.bold).fontSize(12).text(text.sections.passedTitle!, c.left).moveDown(0.3)
    drawTable(
      doc,
      [
        {header: 'Severity', width: 55},
        {header: 'Check or question', width: c.width - 55 - 140},
        {header: 'Where', width: 140},
      ],
      model.passed.map((f) => [text.severities[f.severity].label, f.title, f.target]),
      {font: FONTS.regular, bold: FONTS.bold, fontSize: 7.5, padding: 2},
    )
  }
}

export const sectionPage = (c: PageContext, section: ReportModel['sections'][number]): void => {
  heading(c, section.title, section.intro)
  for (const table of section.tables) {
    drawTable(c.doc, table.columns.map((col) => ({header: col.header, width: col.width * c.width})), table.rows, {font: FONTS.regular, bold: FONTS.bold, fontSize: 8.5})
  }
  for (const note of section.notes ?? []) c.doc.font(FONTS.regular).fontSize(8.5).fillColor('#444444').text(note, {width: c.width}).fillColor('#111111')
}

export const answersPages = (c: PageContext): void => {
  const {doc, model, text} = c
  heading(c, text.sections.answers!, model.answers.length ? text.sections.answersIntro : text.sections.noAnswers)
  if (model.answers.length === 0) return
  drawTable(
    doc,
    [
      {header: 'Question', width: c.width * 0.52},
      {header: 'Answer', width: c.width * 0.33},
      {header: 'Result', width: c.width * 0.15},
    ],
    model.answers.map((r) => [r.question, r.answer, r.status ? text.statuses[r.status] : '—']),
    {font: FONTS.regular, bold: FONTS.bold, fontSize: 7.5, padding: 2},
    (r, col) => (col === 2 && model.answers[r]!.status ? text.statusColours[model.answers[r]!.status!] : undefined),
  )
}

export const evidencePage = (c: PageContext): void => {
  const {doc, model, text} = c
  heading(c, text.sections.evidence!, model.evidence.length ? text.sections.evidenceIntro : text.sections.noEvidence)
  if (model.evidence.length === 0) return
  drawTable(
    doc,
    [
      {header: 'File', width: c.width * 0.3},
      {header: 'From', width: c.width * 0.17},
      {header: 'SHA-256', width: c.width * 0.53},
    ],
    model.evidence.map((e) => [e.name, e.source, e.sha256]),
    {font: FONTS.regular, bold: FONTS.bold, fontSize: 7.5, padding: 2},
  )
}

export const changesPage = (c: PageContext): void => {
  const {doc, model, text} = c
  heading(c, text.sections.changes!)
  const ch = model.changes
  if (!ch) {
    doc.font(FONTS.regular).fontSize(9.5).text(model.assessment.previous ? `Previous assessment: ${model.assessment.previous.id} (SHA-256 ${model.assessment.previous.sha256}).` : text.sections.changesNone!, {width: c.width})
    return
  }
  doc.font(FONTS.regular).fontSize(9.5).text(`Previous assessment: ${ch.previousId}${ch.previousDate ? ` (${ch.previousDate})` : ''}`, {width: c.width})
  if (ch.summary) doc.text(ch.summary, {width: c.width})
  doc.moveDown(0.4)
  if (ch.items.length) drawTable(doc, [{header: 'Change', width: 90}, {header: 'What', width: c.width - 90}], ch.items.map((i) => [i.change, i.text]), {font: FONTS.regular, bold: FONTS.bold, fontSize: 8.5})
}

export const methodPage = (c: PageContext): void => {
  const {doc, model, text} = c
  heading(c, text.sections.method!)
  for (const p of text.method) doc.font(FONTS.regular).fontSize(9.5).text(p, {width: c.width}).moveDown(0.4)
  doc.font(FONTS.bold).fontSize(10).text('Verdict rule').font(FONTS.regular).fontSize(9.5).text(model.assessment.verdict.rule, {width: c.width}).moveDown(0.5)
  doc.font(FONTS.bold).fontSize(10).text('Limits')
  for (const p of text.limits) doc.font(FONTS.regular).fontSize(9.5).text(`•  ${p}`, {width: c.width}).moveDown(0.2)
  const t = model.assessment.tool
  doc.moveDown(0.4).font(FONTS.regular).fontSize(8.5).fillColor('#444444').text(`Tool: scanvet ${t.version}, Node ${t.node}, OpenSSL ${t.openssl}.`, {width: c.width}).fillColor('#111111')
}

/** The last page: who signed, the certificate fingerprint, and the SHA-256 of the attached record. */
export const signaturePage = (c: PageContext, jsonSha256: string): void => {
  const {doc, model, text} = c
  const sp = text.signaturePage
  const sig = model.signature
  heading(c, text.sections.signature!)
  const row = (k: string, v: string, mono = false) => {
    doc.font(FONTS.bold).fontSize(9.5).fillColor('#111111').text(k, {width: c.width})
    doc.font(FONTS.regular).fontSize(mono ? 8.5 : 9.5).text(v, {width: c.width}).moveDown(0.4)
  }
  if (sig.status === 'signed') {
    doc.font(FONTS.regular).fontSize(9.5).text(sp.intro!, {width: c.width}).moveDown(0.6)
    row(sp.signer!, `${sig.signer} (${sig.algorithm})`)
    row(sp.fingerprint!, sig.fingerprint, true)
    row(sp.signedAt!, model.assessment.assessedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))
    row(
      sp.timestamp!,
      sig.timestamp.status === 'rfc3161' ? fill(sp.timestampYes!, {tsa: sig.timestamp.tsaUrl}) : sig.timestamp.status === 'failed' ? fill(sp.timestampFailed!, {tsa: sig.timestamp.tsaUrl, reason: sig.timestamp.reason}) : sp.timestampNo!,
    )
  } else {
    doc.font(FONTS.bold).fontSize(10).fillColor('#b00020').text(sp.unsigned!, {width: c.width}).fillColor('#111111').moveDown(0.6)
  }
  doc.moveDown(0.4).font(FONTS.regular).fontSize(9.5).text(sp.hashIntro!, {width: c.width}).moveDown(0.3)
  doc.font(FONTS.bold).fontSize(9.5).text(sp.hashLabel!, {width: c.width})
  doc.font(FONTS.regular).fontSize(8.5).text(jsonSha256, {width: c.width}).moveDown(1)
  doc.font(FONTS.bold).fontSize(10).text(sp.verifyTitle!, {width: c.width}).moveDown(0.2)
  for (const step of sp.verifySteps) doc.font(FONTS.regular).fontSize(9).text(`•  ${step}`, {width: c.width})
}
