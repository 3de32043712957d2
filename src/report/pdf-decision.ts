import {FONTS} from './fonts.js'
import type {PageContext} from './pdf-pages.js'
import {drawTrend} from './pdf-visuals.js'
import {decisionText, fill} from './report-text.js'

/** Options only the layout needs: the paper and the practice's logo. */
export interface LayoutOptions {
  readonly paper?: 'letter' | 'a4'
  /** PNG or JPEG bytes. */
  readonly logo?: Uint8Array
}

const bottomOf = (c: PageContext) => c.doc.page.height - c.doc.page.margins.bottom

/**
 * Page 1: who and what was assessed, the verdict with its reasons, and the "since last quarter" box (previous
 * verdict; fixed, new, regressed; overdue and accepted conditions) with the trend over rounds.
 */
export const decisionPage = (c: PageContext, logo?: Uint8Array): void => {
  const {doc, model, text} = c
  const a = model.assessment
  const q = text.quarter
  const top = doc.y
  if (logo) {
    try {
      doc.image(Buffer.from(logo), c.left + c.width - 110, top, {fit: [110, 44], align: 'right'})
    } catch {
      // A logo pdfkit cannot read is left out rather than stopping the report.
    }
  }
  doc.font(FONTS.bold).fontSize(18).fillColor('#111111').text(text.title, c.left, top, {width: c.width - (logo ? 120 : 0)})
  doc.font(FONTS.regular).fontSize(10).fillColor('#444444').text(text.subtitle, {width: c.width - (logo ? 120 : 0)}).moveDown(0.6)
  const facts: [string, string][] = [
    [text.cover.vendor!, `${a.vendor.name} (${a.vendor.id})`],
    [text.cover.date!, a.assessedAt.slice(0, 10)],
    [text.cover.service!, a.vendor.service],
    [text.cover.nextReview!, a.nextReviewDue],
    [text.cover.practice!, a.organisation.name],
    [text.cover.assessmentId!, a.id],
  ]
  const half = (c.width - 16) / 2
  for (let i = 0; i < facts.length; i += 2) {
    const y = doc.y
    let h = 0
    facts.slice(i, i + 2).forEach(([k, v], j) => {
      const x = c.left + j * (half + 16)
      doc.font(FONTS.bold).fontSize(8.5).fillColor('#444444').text(k, x, y, {width: 90})
      doc.font(FONTS.regular).fontSize(9.5).fillColor('#111111').text(v, x + 92, y, {width: half - 92})
      h = Math.max(h, doc.y - y)
    })
    doc.x = c.left
    doc.y = y + h + 2
  }
  doc.moveDown(0.8)
  // The verdict.
  const d = decisionText(text, a.verdict.decision)
  const y = doc.y
  doc.font(FONTS.regular).fontSize(10.5)
  const boxH = 34 + doc.heightOfString(d.meaning, {width: c.width - 24}) + 14
  doc.rect(c.left, y, c.width, boxH).fill(d.colour)
  doc.font(FONTS.bold).fontSize(24).fillColor('#ffffff').text(d.label, c.left + 12, y + 8, {width: c.width - 24, lineBreak: false})
  doc.font(FONTS.regular).fontSize(10.5).text(d.meaning, c.left + 12, y + 40, {width: c.width - 24})
  doc.fillColor('#111111')
  doc.x = c.left
  doc.y = y + boxH + 8
  doc.font(FONTS.bold).fontSize(10).text(q.whyTitle ?? 'Why', c.left)
  doc.font(FONTS.regular).fontSize(10)
  for (const r of a.verdict.reasons) doc.text(`•  ${r}`, {width: c.width})
  // What the practice must obtain before scanvet can decide (CANNOT DECIDE YET) or before images may be sent.
  if (model.missing.length > 0) {
    doc.moveDown(0.3).font(FONTS.bold).fontSize(10).text(text.summary.missingTitle!, c.left, doc.y, {width: c.width})
    doc.font(FONTS.regular).fontSize(10)
    for (const m of model.missing) doc.text(`•  ${m}`, c.left, doc.y, {width: c.width})
  }
  doc.font(FONTS.regular).fontSize(9).fillColor('#333333').text(fill(text.summary.countsLine!, model.counts), {width: c.width}).fillColor('#111111').moveDown(0.8)
  sinceBox(c)
  doc.moveDown(0.6)
  doc.font(FONTS.regular).fontSize(7.5).fillColor('#444444').text(`${text.cover.rule} ${a.verdict.rule}`, c.left, doc.y, {width: c.width}).moveDown(0.4)
  doc.text(model.signature.status === 'signed' ? text.cover.signedNote! : text.cover.unsignedNote!, {width: c.width})
  doc.fillColor('#111111')
}

const sinceBox = (c: PageContext): void => {
  const {doc, model, text} = c
  const q = text.quarter
  const v = model.quarter
  const y0 = doc.y
  const pad = 10
  doc.font(FONTS.bold).fontSize(12).fillColor('#111111').text(q.sinceTitle!, c.left + pad, y0 + pad, {width: c.width - 2 * pad})
  if (v?.previous) {
    const prev = decisionText(text, v.previous.decision)
    const line = fill(q.previousVerdict!, {id: v.previous.id, date: v.previous.date})
    doc.font(FONTS.regular).fontSize(9.5).text(`${line} `, c.left + pad, doc.y + 2, {width: c.width - 2 * pad, continued: true}).font(FONTS.bold).fillColor(prev.colour).text(prev.label)
  } else {
    doc.font(FONTS.regular).fontSize(9.5).text(q.sinceFirst!, c.left + pad, doc.y + 2, {width: c.width - 2 * pad})
  }
  doc.fillColor('#111111')
  const tiles: [keyof typeof q.tiles, number, string][] = [
    ['fixed', v?.fixed ?? 0, '#1b7f3b'],
    ['new', v?.newProblems ?? 0, '#b00020'],
    ['regressed', v?.regressed ?? 0, '#b00020'],
    ['overdue', v?.overdue ?? 0, '#7a0016'],
    ['accepted', v?.accepted ?? 0, '#3a5a8c'],
  ]
  const ty = doc.y + 6
  const tw = (c.width - 2 * pad - 4 * 6) / tiles.length
  tiles.forEach(([k, n, colour], i) => {
    const tx = c.left + pad + i * (tw + 6)
    doc.rect(tx, ty, tw, 38).lineWidth(0.8).strokeColor(n > 0 ? colour : '#c5ccd6').stroke()
    doc.font(FONTS.bold).fontSize(16).fillColor(n > 0 ? colour : '#8a94a6').text(String(n), tx, ty + 3, {width: tw, align: 'center', lineBreak: false})
    doc.font(FONTS.regular).fontSize(7.5).fillColor('#333333').text(q.tiles[k], tx + 2, ty + 24, {width: tw - 4, align: 'center', lineBreak: false})
  })
  doc.y = ty + 44
  const trend = v?.trend ?? []
  if (trend.length > 1 && doc.y + 90 < bottomOf(c)) {
    doc.font(FONTS.bold).fontSize(8.5).fillColor('#333333').text(q.trendTitle!, c.left + pad, doc.y + 2, {width: c.width - 2 * pad})
    doc.y += drawTrend(doc, text, c.left + pad, doc.y + 2, c.width - 2 * pad, trend) + 4
  }
  const h = doc.y - y0 + pad / 2
  doc.rect(c.left, y0, c.width, h).lineWidth(1).strokeColor('#3a5a8c').stroke()
  doc.x = c.left
  doc.y = y0 + h
}

/** Page 2: the risks grouped by cause, worst first, each with where it was seen, what to ask and by when. */
export const risksPage = (c: PageContext): void => {
  const {doc, model, text} = c
  const q = text.quarter
  const s = text.summary
  doc.font(FONTS.bold).fontSize(15).fillColor('#111111').text(q.risksTitle!, c.left, doc.y, {width: c.width}).moveDown(0.2)
  doc.font(FONTS.regular).fontSize(9).fillColor('#333333').text(model.riskGroups.length ? q.risksIntro! : s.noRisks!, {width: c.width}).fillColor('#111111').moveDown(0.6)
  let shown = 0
  for (const [i, r] of model.riskGroups.entries()) {
    const tx = c.left + 26
    const tw = c.width - 26
    doc.font(FONTS.regular).fontSize(9)
    const need = 30 + doc.heightOfString(r.why, {width: tw}) + doc.heightOfString(r.ask, {width: tw}) + (r.targets.length > 1 ? 12 : 0)
    if (doc.y + need > bottomOf(c) - 20) break
    const sev = text.severities[r.severity]
    const y = doc.y
    doc.circle(c.left + 9, y + 8, 9).fill(sev.colour)
    doc.font(FONTS.bold).fontSize(10).fillColor('#ffffff').text(String(i + 1), c.left + 3, y + 3, {width: 12, align: 'center', lineBreak: false})
    doc.font(FONTS.bold).fontSize(10.5).fillColor('#111111').text(r.title, tx, y, {width: tw})
    const standing = r.standing ? ` · ${q.standing[r.standing]}` : ''
    doc.font(FONTS.regular).fontSize(8).fillColor(sev.colour).text(`${sev.label} · ${text.statuses[r.status]}${standing} · ${r.ids.join(', ')}${r.citations.length ? ` · ${r.citations.slice(0, 3).join('; ')}` : ''}`, tx, doc.y, {width: tw})
    if (r.targets.length > 1) doc.font(FONTS.regular).fontSize(8).fillColor('#333333').text(`${q.places} ${r.targets.join(', ')}`, tx, doc.y, {width: tw})
    doc.font(FONTS.bold).fontSize(9).fillColor('#111111').text(`${s.why} `, tx, doc.y + 1, {width: tw, continued: true}).font(FONTS.regular).text(r.why)
    doc.font(FONTS.bold).fontSize(9).text(`${s.ask} `, tx, doc.y + 1, {width: tw, continued: true}).font(FONTS.regular).text(r.ask)
    doc.font(FONTS.bold).fontSize(9).fillColor(r.standing === 'overdue' ? '#b00020' : '#111111').text(`${s.due} ${r.due} · ${s.owner}: ${text.owners[r.owner]}`, tx, doc.y + 1, {width: tw})
    doc.fillColor('#111111')
    doc.x = c.left
    doc.moveDown(0.7)
    c.explained?.add(r.title)
    shown++
  }
  if (model.riskGroups.length > shown) doc.font(FONTS.regular).fontSize(9).fillColor('#444444').text(fill(q.moreRisks!, {n: model.riskGroups.length - shown}), c.left, doc.y, {width: c.width}).fillColor('#111111')
}
