import type PDFKit from 'pdfkit'

import {FONTS} from './fonts.js'
import type {ChartBar} from './report-model.js'

export interface ChartStyle {
  readonly title: string
  readonly labels: Readonly<Record<string, string>>
  readonly legend: readonly string[]
  readonly empty: string
  readonly colours: readonly [string, string, string]
}

/**
 * A horizontal stacked bar chart (fail / warn / could not check) drawn with vector graphics, one bar per key,
 * a count at the end of each bar. Returns the height used.
 */
export const drawBarChart = (doc: PDFKit.PDFDocument, x: number, y: number, width: number, bars: readonly ChartBar[], style: ChartStyle): number => {
  const labelW = Math.min(120, width * 0.42)
  const barH = 11
  const gap = 5
  doc.font(FONTS.bold).fontSize(10).fillColor('#111111').text(style.title, x, y, {width, lineBreak: false})
  let cy = y + 16
  const max = Math.max(1, ...bars.map((b) => b.fail + b.warn + b.open))
  const plotW = width - labelW - 24
  if (bars.every((b) => b.fail + b.warn + b.open === 0)) {
    doc.font(FONTS.regular).fontSize(9).fillColor('#444444').text(style.empty, x, cy, {width})
    return cy + 14 - y
  }
  for (const b of bars) {
    doc.font(FONTS.regular).fontSize(8).fillColor('#111111').text(style.labels[b.key] ?? b.key, x, cy + 1.5, {width: labelW - 4, lineBreak: false, ellipsis: true})
    let bx = x + labelW
    const values = [b.fail, b.warn, b.open]
    values.forEach((v, i) => {
      if (v === 0) return
      const w = (v / max) * plotW
      doc.rect(bx, cy, w, barH).fill(style.colours[i]!)
      bx += w
    })
    doc.moveTo(x + labelW, cy - 1).lineTo(x + labelW, cy + barH + 1).lineWidth(0.5).strokeColor('#8a94a6').stroke()
    doc.font(FONTS.regular).fontSize(8).fillColor('#111111').text(String(b.fail + b.warn + b.open), bx + 3, cy + 1.5, {lineBreak: false})
    cy += barH + gap
  }
  cy += 3
  let lx = x + labelW
  style.legend.forEach((name, i) => {
    doc.font(FONTS.regular).fontSize(7.5)
    if (lx + 11 + doc.widthOfString(name) > x + width) {
      lx = x + labelW
      cy += 12
    }
    doc.rect(lx, cy + 1, 8, 8).fill(style.colours[i]!)
    doc.font(FONTS.regular).fontSize(7.5).fillColor('#333333').text(name, lx + 11, cy + 1.5, {lineBreak: false})
    lx += 11 + doc.widthOfString(name) + 12
  })
  doc.fillColor('#111111')
  return cy + 14 - y
}
