import type {VendorEvidence, VendorProfile} from '../../workspace/workspace-types.js'
import {soc2Coverage} from './coverage.js'
import {canonicalName} from './extract-subservice.js'
import {FOLLOW_UP_QUESTIONS} from './follow-up.js'
import {matchScope} from './scope-match.js'
import type {Cuec, ExtractedLetter, ExtractedReport, Located, ReportException, Subservice} from './soc2-types.js'

/** Where a fact came from: read from the document (with its page) or stated by the practice in the profile. */
export interface Provenance {
  /** 'ocr': read by OCR from a scanned page; shown with its confidence, never used by a check on its own. */
  readonly source: 'extracted' | 'stated' | 'ocr'
  readonly confidence?: number
  readonly page?: number
  readonly excerpt?: string
  /** When a stated fact overrides a different extracted one, what the document said. */
  readonly extracted?: {readonly value: unknown; readonly page: number}
}

export interface ReportInput {
  readonly evidence: VendorEvidence
  readonly document: {
    readonly source: string
    readonly sha256: string
    readonly pages: number
    readonly pagesWithoutText: readonly number[]
    /** Pages read by OCR (1-based) → mean confidence 0–100. */
    readonly ocrPages?: Readonly<Record<number, number>>
    /** No page has a text layer: the PDF is a scan. */
    readonly scanned?: boolean
  }
  readonly extracted: ExtractedReport
}

export interface LetterInput {
  readonly evidence: VendorEvidence
  readonly document: {readonly source: string; readonly sha256: string; readonly ocrPages?: Readonly<Record<number, number>>}
  readonly extracted: ExtractedLetter
}

export interface SubserviceEvidence {
  readonly organisation: string
  readonly kind: string
  readonly source: string
  readonly ok: boolean
}

/** Criteria whose exceptions the market treats as decisive for an imaging vendor: logical access, transmission, confidentiality. */
export const isKeyCriterion = (c: string): boolean => c === 'CC6.1' || c === 'CC6.7' || /^C1\.\d+$/.test(c)

type Facts = Record<string, unknown>

/*
 * A fact read by OCR goes to `out.ocr`, not among the facts the checks read: OCR can misread a digit or a "not",
 * so it is shown (with its confidence, "confirm from the original") but never passes or fails a check.
 */
let ocrPages: Readonly<Record<number, number>> = {}
const ocrAside = (name: string, value: unknown, page: number, excerpt: string | undefined, out: Facts, prov: Record<string, Provenance>): boolean => {
  const confidence = ocrPages[page]
  if (confidence === undefined) return false
  out.ocr = {...((out.ocr as Facts | undefined) ?? {}), [name]: {value, page, confidence}}
  prov[name] = {source: 'ocr', page, confidence, ...(excerpt ? {excerpt} : {})}
  return true
}

/** One fact: the stated value if the practice gave one, else the extracted value; with its provenance. */
const pick = <T>(name: string, extracted: Located<T> | undefined, stated: unknown, out: Facts, prov: Record<string, Provenance>): T | undefined => {
  if (stated === undefined && extracted && ocrAside(name, extracted.value, extracted.page, extracted.excerpt, out, prov)) return undefined
  if (stated !== undefined) {
    const differs = extracted && JSON.stringify(extracted.value) !== JSON.stringify(stated)
    prov[name] = {source: 'stated', ...(differs ? {extracted: {value: extracted.value, page: extracted.page}} : {})}
    out[name] = stated
    return stated as T
  }
  if (extracted) {
    prov[name] = {source: 'extracted', page: extracted.page, excerpt: extracted.excerpt}
    out[name] = extracted.value
    return extracted.value
  }
  return undefined
}

const reportFacts = (r: ReportInput, prov: Record<string, Provenance>): Facts => {
  const s = (r.evidence.stated ?? {}) as Record<string, unknown>
  const x = r.extracted
  const out: Facts = {document: r.document.source, sha256: r.document.sha256, pages: r.document.pages}
  ocrPages = r.document.ocrPages ?? {}
  if (r.document.scanned) out.scanned = true
  if (r.evidence.title) out.title = r.evidence.title
  pick('type', x.type, s.type, out, prov)
  const period = x.period
  pick('periodStart', period?.value.start ? {...period, value: period.value.start} : undefined, s.periodStart, out, prov)
  pick('periodEnd', period ? {...period, value: period.value.end} : undefined, s.periodEnd, out, prov)
  pick('asOf', x.asOf, s.asOf, out, prov)
  pick('auditor', x.auditor, s.auditor, out, prov)
  pick('opinion', x.opinion, s.opinion, out, prov)
  pick('categories', x.categories, s.categories, out, prov)
  pick('system', x.system, s.system, out, prov)
  pick('services', x.services, undefined, out, prov)
  pick('serviceOrganisation', x.serviceOrganisation, undefined, out, prov)
  pick('opinionBasis', x.opinionBasis, undefined, out, prov)
  if (x.ambiguousDate && !x.period && !x.asOf) out.ambiguousDate = {value: x.ambiguousDate.value, page: x.ambiguousDate.page}

  if (Array.isArray(s.subservice)) {
    out.subserviceStatus = s.subservice.length > 0 ? 'listed' : 'none'
    out.subservice = (s.subservice as {name: string; method: Subservice['method']}[]).map((o) => ({name: o.name, method: o.method, source: 'stated'}))
    prov.subservice = {source: 'stated'}
  } else if (x.subservice && x.subservice.status === 'listed' && ocrAside('subservice', x.subservice.organisations, x.subservice.organisations[0]!.page, undefined, out, prov)) {
    // read by OCR: shown, not judged
  } else if (x.subservice) {
    out.subserviceStatus = x.subservice.status
    out.subservice = x.subservice.status === 'listed' ? x.subservice.organisations.map((o) => ({...o, source: 'extracted'})) : []
    prov.subservice = {source: 'extracted', ...(x.subservice.status === 'listed' ? {page: x.subservice.organisations[0]!.page} : x.subservice.page ? {page: x.subservice.page} : {})}
  }

  if (Array.isArray(s.cuecs)) {
    out.cuecStatus = s.cuecs.length > 0 ? 'listed' : 'none-required'
    out.cuecs = (s.cuecs as string[]).map((text): Cuec & {source: string} => ({text, criteria: [], page: 0, source: 'stated'}))
    prov.cuecs = {source: 'stated'}
  } else if (x.cuecs && x.cuecs.status === 'listed' && ocrAside('cuecs', x.cuecs.items.map((c) => c.text), x.cuecs.items[0]!.page, undefined, out, prov)) {
    // read by OCR: shown, not judged
  } else if (x.cuecs && !(x.cuecs.status === 'none-required' && ocrAside('cuecs', 'none required', x.cuecs.page, undefined, out, prov))) {
    out.cuecStatus = x.cuecs.status
    out.cuecs = x.cuecs.status === 'listed' ? x.cuecs.items.map((c) => ({...c, source: 'extracted'})) : []
    prov.cuecs = {source: 'extracted', ...(x.cuecs.status === 'listed' ? {page: x.cuecs.items[0]!.page} : x.cuecs.status === 'none-required' ? {page: x.cuecs.page} : {})}
  }
  if (Array.isArray(out.cuecs)) out.cuecCount = (out.cuecs as unknown[]).length

  let exceptions: (ReportException & {source: string})[] | undefined
  if (Array.isArray(s.exceptions)) {
    exceptions = (s.exceptions as {criteria: string[]; text: string}[]).map((e) => ({...e, page: 0, source: 'stated'}))
    prov.exceptions = {source: 'stated'}
  } else if (x.exceptions && ocrAside('exceptions', x.exceptions.items.map((e) => e.criteria.join(', ')), x.exceptions.items[0]?.page ?? x.exceptions.page, undefined, out, prov)) {
    // read by OCR: shown, not judged
  } else if (x.exceptions) {
    exceptions = x.exceptions.items.map((e) => ({...e, source: 'extracted'}))
    prov.exceptions = {source: 'extracted', page: x.exceptions.items[0]?.page ?? x.exceptions.page}
  }
  if (exceptions) {
    out.exceptions = exceptions
    out.keyExceptions = exceptions
      .filter((e) => e.criteria.some(isKeyCriterion))
      .map((e) => `${e.criteria.filter(isKeyCriterion).join(', ')}${e.page ? ` (page ${e.page})` : ' (stated)'}`)
  }
  return out
}

const latest = <T>(items: readonly T[], key: (t: T) => string | undefined): T | undefined =>
  [...items].sort((a, b) => (key(b) ?? '').localeCompare(key(a) ?? ''))[0]

const sameOrganisation = (a: string, b: string): boolean => {
  const n = (s: string) => canonicalName(s).toLowerCase().replace(/[^a-z0-9]/g, '')
  const [x, y] = [n(a), n(b)]
  return x === y || x.includes(y) || y.includes(x)
}

export interface Soc2FactsInput {
  readonly vendor: VendorProfile
  /** The assessment day, YYYY-MM-DD. */
  readonly on: string
  readonly reports: readonly ReportInput[]
  readonly letters: readonly LetterInput[]
  readonly subserviceEvidence: readonly SubserviceEvidence[]
}

/**
 * The facts the soc2 checks read, from what was extracted and what the practice stated. Pure. Anything not
 * known is left out (the checks then say "not tested") and turned into a question for the vendor.
 */
export const buildSoc2Facts = (inp: Soc2FactsInput): {facts: Facts; provenance: Record<string, Provenance>} => {
  const provenance: Record<string, Provenance> = {}
  const facts: Facts = {
    vendor: {name: inp.vendor.name, service: inp.vendor.service, euData: inp.vendor.jurisdictions.includes('EU')},
    conventions: 'Market conventions, not AICPA rules.',
  }
  const built = inp.reports.map((r) => ({input: r, prov: {} as Record<string, Provenance>, facts: {} as Facts}))
  for (const b of built) b.facts = reportFacts(b.input, b.prov)
  const main = latest(built, (b) => (b.facts.periodEnd ?? b.facts.asOf) as string | undefined)
  const ask: string[] = []
  if (!main) ask.push('report')
  if (main) {
    Object.assign(provenance, main.prov)
    facts.report = main.facts
    if (built.length > 1) facts.otherReports = built.filter((b) => b !== main).map((b) => b.input.document.source)
    const r = main.facts
    // A scan: one request, for the PDF the auditor issued; the OCR'd facts are for reference until it arrives.
    if (main.input.document.scanned) ask.push('textPdf')
    else {
    if (r.type === undefined) ask.push('type')
    if (r.periodEnd === undefined && r.asOf === undefined) ask.push('period')
    for (const k of ['auditor', 'opinion', 'categories', 'system'] as const) if (r[k] === undefined) ask.push(k)
    if (r.subserviceStatus === undefined) ask.push('subservice')
    if (r.cuecStatus === undefined) ask.push('cuecs')
    if (r.type !== 'Type I' && r.exceptions === undefined) ask.push('exceptions')
    if (r.ambiguousDate !== undefined) ask.push('dateOrder')
    }

    const described = [r.system, r.services, main.input.extracted.system?.excerpt].filter((v): v is string => typeof v === 'string')
    const stated = (main.input.evidence.stated ?? {}) as {coversService?: boolean}
    if (stated.coversService !== undefined) {
      facts.scope = {coversService: stated.coversService ? 'full' : 'none', source: 'stated'}
      provenance.scope = {source: 'stated'}
    } else if (described.length > 0 && inp.vendor.service.trim() !== '') {
      facts.scope = {...matchScope(inp.vendor.service, described), source: 'extracted'}
    }

    if (Array.isArray(r.subservice)) {
      const carved = (r.subservice as {name: string; method: string}[]).filter((o) => o.method !== 'inclusive').map((o) => o.name)
      const withEvidence = carved.filter((name) => inp.subserviceEvidence.some((e) => e.ok && sameOrganisation(e.organisation, name)))
      facts.subservice = {carvedOut: carved, withEvidence, carvedOutWithoutEvidence: carved.filter((n) => !withEvidence.includes(n))}
    }
  }

  const letter = latest(inp.letters, (l) => ((l.evidence.stated as {date?: string} | undefined)?.date ?? l.extracted.date?.value))
  let bridgeDate: string | undefined
  if (letter) {
    const s = (letter.evidence.stated ?? {}) as Record<string, unknown>
    const lp: Record<string, Provenance> = {}
    const lf: Facts = {document: letter.document.source, sha256: letter.document.sha256}
    ocrPages = letter.document.ocrPages ?? {}
    pick('issuer', letter.extracted.issuer, undefined, lf, lp)
    bridgeDate = pick('date', letter.extracted.date, s.date, lf, lp)
    pick('coversFrom', letter.extracted.coversFrom, undefined, lf, lp)
    pick('coversThrough', letter.extracted.coversThrough, s.coversThrough, lf, lp)
    facts.bridgeLetter = lf
    for (const [k, v] of Object.entries(lp)) provenance[`bridgeLetter.${k}`] = v
  }

  const report = facts.report as Facts | undefined
  const periodEnd = (report?.periodEnd ?? report?.asOf) as string | undefined
  const cov = soc2Coverage({on: inp.on, reassessmentIntervalDays: 0, ...(periodEnd ? {periodEnd} : {}), ...(bridgeDate ? {bridgeLetterDate: bridgeDate} : {})})
  if (cov.status === 'known') {
    facts.coverage = {
      on: cov.on,
      periodEnd: cov.periodEnd,
      ...(bridgeDate ? {bridgeLetterDate: bridgeDate} : {}),
      coveredUntil: cov.coveredUntil,
      basis: cov.basis,
      monthsSincePeriodEnd: cov.monthsSincePeriodEnd,
      periodEndedWithin12Months: cov.periodEndedWithin12Months,
      // No bridge letter among the documents is a known "no", not an unknown.
      bridgeWithin3Months: cov.bridgeWithin3Months,
    }
    if (!cov.periodEndedWithin12Months && !cov.bridgeWithin3Months && !main?.input.document.scanned) ask.push('bridge')
  }
  facts.askVendor = [...new Set(ask)].map((fact) => ({fact, question: FOLLOW_UP_QUESTIONS[fact]!}))
  return {facts, provenance}
}
