import type PDFKit from 'pdfkit'

import {drawTable} from './pdf-table.js'
import {FONTS} from './fonts.js'
import type {ReportModel} from './report-model.js'
import type {ReportImage} from './report-section.js'
import {fill, type ReportText} from './report-text.js'
import {conditionKey} from '../conditions/condition-key.js'
import {drawTimeline, drawTlsGrid} from './pdf-visuals.js'

type Doc = PDFKit.PDFDocument

export interface PageContext {
  readonly doc: Doc
  readonly model: ReportModel
  readonly text: ReportText
  readonly width: number
  readonly left: number
  /** Rules whose "why it matters" page 2 already gave: the detail does not repeat it. */
  readonly explained?: Set<string>
}

const heading = (c: PageContext, title: string, intro?: string) => {
  c.doc.font(FONTS.bold).fontSize(15).fillColor('#111111').text(title, c.left, c.doc.y, {width: c.width}).moveDown(0.3)
  if (intro) c.doc.font(FONTS.regular).fontSize(9.5).fillColor('#333333').text(intro, {width: c.width}).moveDown(0.6)
  c.doc.fillColor('#111111')
}

const ensureSpace = (c: PageContext, h: number) => {
  if (c.doc.y + h > c.doc.page.height - c.doc.page.margins.bottom) c.doc.addPage()
}

/**
 * Sections after the decision pages flow one after another (no near-empty pages): a new section starts on the
 * current page when there is room for its heading and a few lines, else on the next.
 */
export const startSection = (c: PageContext, first = false, need = 110): void => {
  if (first) return
  if (c.doc.y + need > c.doc.page.height - c.doc.page.margins.bottom) c.doc.addPage()
  else c.doc.moveDown(1.2)
  c.doc.x = c.left
}

export const conditionsPage = (c: PageContext): void => {
  const {doc, model, text} = c
  const q = text.quarter
  heading(c, q.conditionsTitle!, q.conditionsIntro)
  const groups = model.conditionGroups
  const idsOf = (ids: readonly string[]) => (ids.length > 2 ? `${ids[0]}–${ids.at(-1)}` : ids.join(', '))
  // Where each group stands, from the condition records (the first condition of the group speaks for it).
  const records = new Map((model.quarter?.conditions ?? []).map((r) => [r.id, r]))
  const findings = new Map(model.assessment.findings.map((f) => [f.id, f]))
  const byRef = new Map(model.conditions.map((x) => [x.id, x]))
  const recordOf = (ids: readonly string[]) => {
    const f = findings.get(byRef.get(ids[0]!)?.findingId ?? '')
    return f ? records.get(conditionKey(f)) : undefined
  }
  const standing = (ids: readonly string[]): string => {
    const r = recordOf(ids)
    if (!r) return 'open'
    if (r.overdue) return q.standing.overdue!
    if (r.state === 'risk-accepted' || r.state === 'waived') return `${q.standing[r.state]}\n${r.decision ? `${r.decision.by}, ${r.decision.at.slice(0, 10)}: ${r.decision.reason}` : ''}`
    return r.openedIn === model.assessment.id ? 'open (new)' : `open since ${r.openedIn.slice(0, 10)}`
  }
  drawTable(
    doc,
    [
      {header: '#', width: 40},
      {header: 'Severity', width: 46},
      {header: 'Finding and what to ask', width: c.width - 40 - 46 - 52 - 58 - 100},
      {header: 'Owner', width: 52},
      {header: 'Due', width: 58},
      {header: 'Standing', width: 100},
    ],
    groups.map((g) => [
      idsOf(g.ids),
      text.severities[g.severity].label,
      [g.title, g.action, g.targets.length > 1 ? `${text.labels.where} ${g.targets.join(', ')}` : ''].filter(Boolean).join('\n'),
      text.owners[g.owner],
      g.due,
      standing(g.ids),
    ]),
    {font: FONTS.regular, bold: FONTS.bold, fontSize: 7.5, padding: 2},
    (r, col) => (col === 1 ? text.severities[groups[r]!.severity].colour : col === 5 && recordOf(groups[r]!.ids)?.overdue ? '#b00020' : undefined),
  )
  const fixed = (model.quarter?.conditions ?? []).filter((r) => r.state === 'fixed' && r.history.at(-1)?.kind === 'fixed' && (r.history.at(-1) as {round?: string}).round === model.assessment.id)
  if (fixed.length > 0) {
    doc.font(FONTS.bold).fontSize(8.5).text(q.fixedTitle!, c.left, doc.y, {width: c.width})
    doc.font(FONTS.regular).fontSize(8).text(fixed.map((r) => `${r.title}${r.target ? ` (${r.target})` : ''}`).join('; '), {width: c.width})
  }
}

/** A framework's controls: those not fully satisfied in a table with why, the satisfied ones as one list of citations. */
export const matrixPage = (c: PageContext, m: ReportModel['matrices'][number]): void => {
  const {doc, text} = c
  heading(c, m.title, fill(text.sections.matrixIntro!, {framework: m.title}))
  // Satisfied controls and proposed rules (readiness, never scored) are listed in one line each: the table is
  // what needs the reader's attention.
  const rest = m.rows.filter((r) => r.status !== 'satisfied' && r.status !== 'readiness' && r.status !== 'manual')
  const manual = m.rows.filter((r) => r.status === 'manual')
  const satisfied = m.rows.filter((r) => r.status === 'satisfied')
  const readiness = m.rows.filter((r) => r.status === 'readiness')
  if (rest.length > 0) {
    drawTable(
      doc,
      [
        {header: 'Citation', width: 95},
        {header: 'Control', width: c.width - 95 - 90},
        {header: 'Status', width: 90},
      ],
      rest.map((r) => [r.citation, `${r.title}: ${r.summary}`, text.controlStatuses[r.status].label]),
      {font: FONTS.regular, bold: FONTS.bold, fontSize: 7.5, padding: 2},
      (r, col) => (col === 2 ? text.controlStatuses[rest[r]!.status].colour : undefined),
    )
  }
  if (satisfied.length > 0) {
    doc.font(FONTS.bold).fontSize(8).fillColor('#1b7f3b').text(`${fill(text.quarter.controlsSatisfied!, {n: satisfied.length})} `, c.left, doc.y, {width: c.width, continued: true})
    doc.font(FONTS.regular).fillColor('#111111').text(satisfied.map((r) => r.citation).join(' · '))
  }
  if (manual.length > 0) {
    doc.moveDown(0.3)
    doc.font(FONTS.bold).fontSize(8).fillColor(text.controlStatuses.manual.colour).text(`${fill(text.quarter.controlsManual!, {n: manual.length})} `, c.left, doc.y, {width: c.width, continued: true})
    doc.font(FONTS.regular).fillColor('#111111').text(manual.map((r) => `${r.title} (${r.citation})`).join(' · '))
  }
  if (readiness.length > 0) {
    doc.moveDown(0.3)
    doc.font(FONTS.bold).fontSize(8).fillColor(text.controlStatuses.readiness.colour).text(`${fill(text.quarter.controlsReadiness!, {n: readiness.length})} `, c.left, doc.y, {width: c.width, continued: true})
    const byCitation = new Map<string, string[]>()
    for (const r of readiness) byCitation.set(r.citation, [...(byCitation.get(r.citation) ?? []), r.title.replace(/^Proposed: /, '')])
    doc.font(FONTS.regular).fillColor('#111111').text([...byCitation].map(([cite, titles]) => `${cite}: ${titles.join(' · ')}`).join('. '))
  }
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
    if (!c.explained?.has(f.title)) line(l.why!, f.rationale)
    line(l.fix!, f.remediation)
    line(l.controls!, f.citations.join('; ') || undefined)
    doc.fillColor('#111111').moveDown(0.7)
  }
  if (model.passedGroups.length > 0) {
    ensureSpace(c, 60)
    doc.font(FONTS.bold).fontSize(11).text(fill(text.quarter.passedTitle!, {n: model.passedGroups.reduce((k, g) => k + g.count, 0)}), c.left).moveDown(0.3)
    // Two columns of (severity, check, where): one row per check, however many endpoints it passed on.
    const rows = model.passedGroups.map((g) => `${text.severities[g.severity].label} · ${g.title}${g.where ? ` — ${g.where}` : ''}`)
    // Newspaper columns: down the left, then down the right, then the next page.
    const colW = (c.width - 12) / 2
    const bottom = () => doc.page.height - doc.page.margins.bottom
    doc.font(FONTS.regular).fontSize(7).fillColor('#111111')
    let top = doc.y
    let col = 0
    let y = top
    let lowest = top
    const heights = rows.map((line) => doc.heightOfString(line, {width: colW, lineGap: 0.5}))
    const total = heights.reduce((a, b) => a + b, 0)
    // A list that fits on this page is split evenly between the two columns.
    let limit = total <= 2 * (bottom() - top) - 20 ? top + total / 2 + 10 : bottom()
    for (const [i, line] of rows.entries()) {
      const h = heights[i]!
      if (y + h > (col === 0 ? limit : bottom())) {
        if (col === 0) {
          col = 1
          y = top
        } else {
          doc.addPage()
          top = doc.y
          col = 0
          y = top
          lowest = top
          limit = bottom()
        }
      }
      doc.text(line, c.left + col * (colW + 12), y, {width: colW, lineGap: 0.5})
      y += h
      lowest = Math.max(lowest, y)
    }
    doc.y = lowest
    doc.x = c.left
    doc.moveDown(0.5)
  }
}

/** A probe section: its picture (TLS grid, SOC 2 coverage, canary timeline) and images (deid thumbnails) first, then its tables; appendix tables wait for the appendix. */
export const sectionPage = (c: PageContext, section: ReportModel['sections'][number]): void => {
  // A section with pictures keeps its heading on the page where the first row of pictures fits.
  if (section.images?.length) ensureSpace(c, 80 + IMAGE_MAX_H + 30)
  heading(c, section.title, section.intro)
  sectionVisual(c, section.id)
  sectionImages(c, section.images ?? [])
  for (const table of section.tables.filter((t) => !t.appendix)) {
    drawTable(c.doc, table.columns.map((col) => ({header: col.header, width: col.width * c.width})), table.rows, {font: FONTS.regular, bold: FONTS.bold, fontSize: 8.5})
  }
  for (const note of section.notes ?? []) c.doc.font(FONTS.regular).fontSize(8.5).fillColor('#444444').text(note, {width: c.width}).fillColor('#111111')
}

const IMAGE_MAX_H = 170

/** Up to three pictures to a row, each scaled to its column (never up) and captioned underneath. */
const sectionImages = (c: PageContext, images: readonly ReportImage[]): void => {
  if (images.length === 0) return
  const {doc} = c
  const perRow = Math.min(3, images.length)
  const gap = 10
  const colW = (c.width - gap * (perRow - 1)) / perRow
  const maxH = IMAGE_MAX_H
  for (let i = 0; i < images.length; i += perRow) {
    const row = images.slice(i, i + perRow).map((im) => {
      const buf = Buffer.from(im.png)
      // The PNG's own size, from its IHDR chunk (bytes 16–23).
      const img = {width: buf.readUInt32BE(16), height: buf.readUInt32BE(20)}
      const scale = Math.min(1, colW / img.width, maxH / img.height)
      return {buf, w: img.width * scale, h: img.height * scale, caption: im.caption}
    })
    doc.font(FONTS.regular).fontSize(7.5)
    const capH = Math.max(...row.map((r) => doc.heightOfString(r.caption, {width: colW})))
    ensureSpace(c, Math.max(...row.map((r) => r.h)) + capH + 8)
    const top = doc.y
    let bottom = top
    row.forEach((r, k) => {
      const x = c.left + k * (colW + gap)
      doc.image(r.buf, x, top, {width: r.w, height: r.h})
      doc.font(FONTS.regular).fontSize(7.5).fillColor('#333333').text(r.caption, x, top + r.h + 3, {width: colW})
      bottom = Math.max(bottom, doc.y)
    })
    doc.fillColor('#111111')
    doc.x = c.left
    doc.y = bottom + 6
  }
}

const day = (v: unknown): string | undefined => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined)

const sectionVisual = (c: PageContext, id: string): void => {
  const {doc, model, text} = c
  const a = model.assessment
  const obs = (probe: string) => a.observations.filter((o) => o.probe === probe && o.status === 'ok')
  if (id === 'tls') {
    const tls = a.observations.filter((o) => o.probe === 'tls')
    if (tls.length === 0) return
    ensureSpace(c, 30 + 15 * tls.length)
    doc.font(FONTS.bold).fontSize(9).text(text.quarter.tlsGridTitle!, c.left, doc.y)
    doc.y = drawTlsGrid(doc, text, c.left, doc.y + 2, c.width, tls) + 6
  }
  if (id === 'soc2') {
    for (const o of obs('soc2')) {
      const f = o.status === 'ok' ? o.facts : {}
      const r = (f.report ?? {}) as {periodStart?: string; periodEnd?: string}
      const cov = (f.coverage ?? {}) as {periodEnd?: string; bridgeLetterDate?: string; coveredUntil?: string; on?: string}
      const start = day(r.periodStart)
      const end = day(r.periodEnd ?? cov.periodEnd)
      if (!start || !end) continue
      const spans = [{from: start, to: end, colour: '#1b7f3b', label: 'audit period'}]
      const bridge = day(cov.bridgeLetterDate)
      if (bridge && bridge > end) spans.push({from: end, to: bridge, colour: '#3a5a8c', label: 'bridge letter'})
      const until = day(cov.coveredUntil)
      if (until && until > (bridge ?? end)) spans.push({from: bridge ?? end, to: until, colour: '#8fbf9f', label: 'relied on until'})
      // The next review shows whether the coverage reaches the next quarter's round.
      const marks = [
        {day: start, label: `period ${start}`},
        {day: end, label: `ends ${end}`},
        {day: a.assessedAt.slice(0, 10), label: `assessed ${a.assessedAt.slice(0, 10)}`},
        {day: a.nextReviewDue, label: `next review ${a.nextReviewDue}`},
        ...(until ? [{day: until, label: `covered to ${until}`}] : []),
      ]
      ensureSpace(c, 60)
      doc.font(FONTS.bold).fontSize(9).text(text.quarter.soc2Title!, c.left, doc.y)
      doc.y += drawTimeline(doc, c.left, doc.y + 2, c.width, spans, marks) + 6
    }
  }
  if (id === 'retention') {
    for (const o of obs('retention')) {
      const f = o.status === 'ok' ? o.facts : {}
      const k = (f.canary ?? {}) as {plantedAt?: string; dueAt?: string; window?: string}
      const del = (f.deletion ?? {}) as {requested?: boolean; honoured?: boolean}
      const v = (f.verify ?? {}) as {performedAt?: string; served?: boolean}
      if (!k.plantedAt || !k.dueAt) continue
      const checked = v.performedAt ?? (del.requested ? a.assessedAt : undefined)
      const outcome = v.served === true ? 'STILL SERVED' : v.served === false || del.honoured ? 'gone' : 'not checked yet'
      const marks = [
        {day: k.plantedAt, label: `uploaded ${k.plantedAt.slice(0, 16).replace('T', ' ')}`},
        ...(del.requested ? [{day: k.plantedAt, label: 'deletion asked'}] : []),
        {day: k.dueAt, label: `window ${k.window ?? ''} ends`},
        ...(checked ? [{day: checked, label: `checked: ${outcome}`}] : []),
      ]
      ensureSpace(c, 60)
      doc.font(FONTS.bold).fontSize(9).fillColor(v.served ? '#b00020' : '#111111').text(`${text.quarter.canaryTitle!}: ${outcome}`, c.left, doc.y).fillColor('#111111')
      doc.y += drawTimeline(doc, c.left, doc.y + 2, c.width, [{from: k.plantedAt, to: k.dueAt, colour: '#3a5a8c', label: 'retention window'}], marks) + 6
    }
  }
}

/** Tables a section sent to the appendix (TLS cipher suites), after the evidence list. */
export const appendixTables = (c: PageContext): void => {
  const tables = c.model.sections.flatMap((s) => s.tables.filter((t) => t.appendix).map((t) => ({s, t})))
  if (tables.length === 0) return
  heading(c, c.text.quarter.appendixTitle!)
  for (const {t} of tables) drawTable(c.doc, t.columns.map((col) => ({header: col.header, width: col.width * c.width})), mergeFirstColumn(t.rows), {font: FONTS.regular, bold: FONTS.bold, fontSize: 6.5, padding: 1.5})
}

/** Rows equal but for their first cell (the same suite on three endpoints) become one row naming them all. */
export const mergeFirstColumn = (rows: readonly (readonly string[])[]): string[][] => {
  const all = new Set(rows.map((r) => r[0]))
  const out = new Map<string, {cells: string[]; firsts: string[]}>()
  for (const r of rows) {
    const key = r.slice(1).join('\u0000')
    const had = out.get(key)
    if (had) had.firsts.push(r[0]!)
    else out.set(key, {cells: [...r], firsts: [r[0]!]})
  }
  return [...out.values()].map(({cells, firsts}) => [all.size > 1 && new Set(firsts).size === all.size ? `all ${all.size}` : firsts.join(', '), ...cells.slice(1)])
}

/** The answers that count against the vendor or could not be judged; the passing ones are counted, all are in the JSON. */
export const answersPages = (c: PageContext): void => {
  const {doc, model, text} = c
  const shown = model.answers.filter((r) => r.status !== 'pass' && r.status !== 'not-applicable')
  heading(c, text.sections.answers!, model.answers.length ? fill(text.quarter.answersIntro!, {n: model.answers.length - shown.length}) : text.sections.noAnswers)
  if (shown.length === 0) return
  drawTable(
    doc,
    [
      {header: 'Question', width: c.width * 0.52},
      {header: 'Answer', width: c.width * 0.33},
      {header: 'Result', width: c.width * 0.15},
    ],
    shown.map((r) => [r.question, r.answer, r.status ? text.statuses[r.status] : '—']),
    {font: FONTS.regular, bold: FONTS.bold, fontSize: 7.5, padding: 2},
    (r, col) => (col === 2 && shown[r]!.status ? text.statusColours[shown[r]!.status!] : undefined),
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
  // The verdict rule itself is on page 1, where the decision is; it is not printed twice.
  doc.font(FONTS.regular).fontSize(9.5).text('The rule that turned these findings into the verdict is printed on page 1.', {width: c.width}).moveDown(0.5)
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
