import type PDFKit from 'pdfkit'

import type {Observation} from '../model/observation.js'
import type {TrendPoint} from '../history/quarter-view.js'
import {FONTS} from './fonts.js'
import {decisionText, type ReportText} from './report-text.js'

type Doc = PDFKit.PDFDocument

const GREY = '#c5ccd6'

/** Verdicts (coloured dots) and failing-finding counts (bars) over rounds. Returns the height used. */
export const drawTrend = (doc: Doc, text: ReportText, x: number, y: number, width: number, points: readonly TrendPoint[]): number => {
  const h = 70
  const shown = points.slice(-8)
  const max = Math.max(1, ...shown.map((p) => p.failing))
  const step = width / Math.max(1, shown.length)
  doc.moveTo(x, y + h - 16).lineTo(x + width, y + h - 16).lineWidth(0.5).strokeColor(GREY).stroke()
  shown.forEach((p, i) => {
    const cx = x + step * i + step / 2
    const bh = (p.failing / max) * (h - 36)
    doc.rect(cx - 7, y + h - 16 - bh, 14, bh).fill('#8a94a6')
    doc.font(FONTS.regular).fontSize(7).fillColor('#111111').text(String(p.failing), cx - 15, y + h - 26 - bh, {width: 30, align: 'center', lineBreak: false})
    doc.circle(cx, y + 5, 4.5).fill(decisionText(text, p.decision).colour)
    doc.font(FONTS.regular).fontSize(6.5).fillColor('#333333').text(p.date, cx - step / 2, y + h - 12, {width: step, align: 'center', lineBreak: false})
  })
  doc.fillColor('#111111')
  return h
}

const get = (o: unknown, p: string): unknown => p.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o)

const VERSIONS = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const
const OLD = new Set(['SSLv3', 'TLSv1', 'TLSv1.1'])
const GRADE_COLOURS = ['#1b7f3b', '#d98200', '#b00020', '#e8ecf1'] as const

/** One cell of the grid: its text and its colour index in GRADE_COLOURS. */
export const tlsCell = (facts: Readonly<Record<string, unknown>>, version: string): {text: string; grade: 0 | 1 | 2 | 3} => {
  const offered = (get(facts, 'protocols.offered') as string[] | undefined) ?? []
  if (!offered.includes(version)) return {text: 'no', grade: 3}
  const suites = ((get(facts, 'ciphers.byVersion') as Record<string, {grade: string}[]> | undefined) ?? {})[version] ?? []
  const weak = suites.filter((s) => s.grade === 'weak').length
  const legacy = suites.filter((s) => s.grade === 'legacy').length
  const text = suites.length ? `${suites.length} suites${weak ? `, ${weak} weak` : legacy ? `, ${legacy} older` : ''}` : 'offered'
  return {text, grade: OLD.has(version) || weak > 0 ? 2 : legacy > 0 ? 1 : 0}
}

/** Endpoint × protocol, a colour per grade: the suite lists themselves are in the JSON and the appendix. Returns the y below it. */
export const drawTlsGrid = (doc: Doc, text: ReportText, x: number, y: number, width: number, obs: readonly Observation[]): number => {
  const first = Math.min(190, width * 0.34)
  const col = (width - first) / VERSIONS.length
  const rowH = 15
  const header = (hy: number) => {
    doc.font(FONTS.bold).fontSize(7.5).fillColor('#111111')
    doc.text('Endpoint', x + 2, hy + 3, {width: first - 4, lineBreak: false})
    VERSIONS.forEach((v, i) => doc.text(v.replace('TLSv1', 'TLS 1.0').replace('TLS 1.0.', 'TLS 1.'), x + first + col * i, hy + 3, {width: col, align: 'center', lineBreak: false}))
  }
  const bottom = () => doc.page.height - doc.page.margins.bottom
  header(y)
  let cy = y + rowH
  let top = y
  for (const o of obs) {
    // A grid longer than the page continues on the next, header repeated (text drawn past the margin would
    // otherwise make pdfkit start a page per cell).
    if (cy + rowH + 20 > bottom()) {
      doc.addPage()
      top = doc.y
      header(top)
      cy = top + rowH
    }
    doc.font(FONTS.regular).fontSize(7.5).fillColor('#111111').text(o.target, x + 2, cy + 3.5, {width: first - 4, lineBreak: false, ellipsis: true})
    VERSIONS.forEach((v, i) => {
      const cell = o.status === 'ok' ? tlsCell(o.facts, v) : {text: 'error', grade: 3 as const}
      doc.rect(x + first + col * i + 1, cy + 1, col - 2, rowH - 2).fill(GRADE_COLOURS[cell.grade])
      doc.font(FONTS.regular).fontSize(7).fillColor(cell.grade === 3 ? '#333333' : '#ffffff').text(cell.text, x + first + col * i, cy + 4, {width: col, align: 'center', lineBreak: false})
    })
    cy += rowH
  }
  cy += 3
  let lx = x
  text.quarter.tlsGridLegend.forEach((name, i) => {
    doc.rect(lx, cy + 1, 8, 8).fill(GRADE_COLOURS[i]!)
    doc.font(FONTS.regular).fontSize(7).fillColor('#333333').text(name, lx + 11, cy + 1.5, {lineBreak: false})
    lx += 11 + doc.widthOfString(name) + 12
  })
  doc.fillColor('#111111')
  return cy + 14
}

export interface TimelineMark {
  readonly day: string
  readonly label: string
}

/**
 * A horizontal timeline from the first mark to the last: optional shaded spans (a SOC 2 period, a bridge, a
 * retention window) and labelled marks. Returns the height used.
 */
export const drawTimeline = (
  doc: Doc,
  x: number,
  y: number,
  width: number,
  spans: readonly {readonly from: string; readonly to: string; readonly colour: string; readonly label: string}[],
  marks: readonly TimelineMark[],
): number => {
  const days = [...spans.flatMap((s) => [s.from, s.to]), ...marks.map((m) => m.day)].map((d) => Date.parse(d)).filter((n) => !Number.isNaN(n))
  if (days.length === 0) return 0
  const lo = Math.min(...days)
  const hi = Math.max(lo + 1, ...days)
  const at = (d: string) => x + ((Date.parse(d) - lo) / (hi - lo)) * width
  const barY = y + 14
  doc.rect(x, barY, width, 10).fill('#e8ecf1')
  for (const s of spans) {
    const a = at(s.from)
    doc.rect(a, barY, Math.max(2, at(s.to) - a), 10).fill(s.colour)
    doc.font(FONTS.regular).fontSize(7).fillColor('#ffffff').text(s.label, a + 3, barY + 1.5, {width: Math.max(10, at(s.to) - a - 6), lineBreak: false, ellipsis: true})
  }
  marks.forEach((m, i) => {
    const mx = at(m.day)
    doc.moveTo(mx, barY - 3).lineTo(mx, barY + 13).lineWidth(1).strokeColor('#111111').stroke()
    const above = i % 2 === 0
    const lw = 110
    const lx = Math.min(Math.max(x, mx - lw / 2), x + width - lw)
    doc.font(FONTS.regular).fontSize(6.5).fillColor('#111111').text(m.label, lx, above ? y : barY + 15, {width: lw, align: 'center', lineBreak: false, ellipsis: true})
  })
  doc.fillColor('#111111')
  return 44
}
