import type {Assessment} from '../../assessment/assessment-types.js'
import type {ReportSection, ReportTable} from '../../report/report-section.js'
import type {Provenance} from './build-facts.js'
import {coverageFromFacts, type Coverage} from './coverage.js'
import {daysBetween} from './dates.js'

type Facts = Readonly<Record<string, unknown>>

export interface FactRow {
  readonly fact: string
  readonly value: string
  readonly page: string
  readonly source: string
}

const SOURCE_LABEL: Readonly<Record<Provenance['source'], string>> = {extracted: 'extracted', stated: 'stated, not extracted', ocr: 'read by OCR: confirm from the original'}

const show = (v: unknown): string => (Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : v === undefined || v === null ? '' : String(v))

/** The facts as rows: value, page and whether the document said it or the practice stated it. */
export const soc2FactRows = (facts: Facts): FactRow[] => {
  const r = (facts.report ?? {}) as Record<string, unknown>
  const prov = (facts.provenance ?? {}) as Record<string, Provenance>
  const bridge = (facts.bridgeLetter ?? {}) as Record<string, unknown>
  const row = (fact: string, key: string, value: unknown): FactRow => {
    const p = prov[key]
    const read = (r.ocr ?? {}) as Record<string, {value: unknown; page: number; confidence: number}>
    const ocr = read[key]
    if (value === undefined && ocr) {
      const shown = key === 'periodEnd' && read.periodStart ? `${show(read.periodStart.value)} to ${show(ocr.value)}` : show(ocr.value)
      return {fact, value: shown, page: String(ocr.page), source: `read by OCR (confidence ${ocr.confidence} %): confirm from the original`}
    }
    if (value === undefined && r.scanned) return {fact, value: 'not read', page: '—', source: 'the PDF is a scan: asked for the text PDF'}
    if (value === undefined || (p === undefined && !Array.isArray(value))) return {fact, value: 'not found', page: '—', source: 'not found: asked the vendor'}
    const differs = p?.extracted ? ` (the document says ${show(p.extracted.value)}, page ${p.extracted.page})` : ''
    return {fact, value: `${show(value)}${differs}`, page: p?.page ? String(p.page) : '—', source: p ? SOURCE_LABEL[p.source] : 'extracted'}
  }
  const subservice = Array.isArray(r.subservice) ? (r.subservice as {name: string; method: string}[]).map((o) => `${o.name} (${o.method})`) : undefined
  const rows: FactRow[] = [
    row('Report type', 'type', r.type),
    r.type === 'Type I' || (r.asOf && !r.periodEnd) ? row('As of', 'asOf', r.asOf) : row('Period', 'periodEnd', r.periodEnd ? (r.periodStart ? `${show(r.periodStart)} to ${show(r.periodEnd)}` : `ended ${show(r.periodEnd)}`) : undefined),
    row('Service organisation', 'serviceOrganisation', r.serviceOrganisation),
    row('Service auditor', 'auditor', r.auditor),
    row('Opinion', 'opinion', r.opinion),
    ...(r.opinionBasis ? [row('Basis for the modified opinion', 'opinionBasis', r.opinionBasis)] : []),
    row('Trust services categories in scope', 'categories', r.categories),
    row('System described', 'system', r.system),
    ...(r.services ? [row('Services described', 'services', r.services)] : []),
    row('Subservice organisations (method)', 'subservice', r.subserviceStatus === 'none' ? 'none used' : subservice),
    row('Exceptions noted', 'exceptions', Array.isArray(r.exceptions) ? `${(r.exceptions as unknown[]).length}` : undefined),
    row('Complementary user entity controls', 'cuecs', r.cuecStatus === 'absent' ? 'none listed' : r.cuecStatus === 'none-required' ? 'none required' : Array.isArray(r.cuecs) ? `${(r.cuecs as unknown[]).length} listed` : undefined),
  ]
  if (facts.bridgeLetter) {
    rows.push(row('Bridge letter dated', 'bridgeLetter.date', bridge.date))
    if (bridge.coversThrough) rows.push(row('Bridge letter covers through', 'bridgeLetter.coversThrough', bridge.coversThrough))
  }
  for (const d of (facts.documents ?? []) as {kind: string; source: string; facts?: {expires?: string; expiresPage?: number; expiresSource?: Provenance['source']}}[]) {
    if (d.facts?.expires) rows.push({fact: `${d.kind} (${d.source}) valid until`, value: d.facts.expires, page: d.facts.expiresPage ? String(d.facts.expiresPage) : '—', source: SOURCE_LABEL[d.facts.expiresSource ?? 'extracted']})
  }
  return rows
}

/** Coverage judged on the assessment day, until the assessment's next review date. */
export const soc2CoverageFor = (facts: Facts, assessedAt: string, nextReviewDue: string): Coverage => {
  const on = assessedAt.slice(0, 10)
  return coverageFromFacts(facts, on, Math.max(1, daysBetween(on, nextReviewDue)))
}

/** The plain-words coverage warning, or undefined when the evidence covers until the next reassessment. */
export const coverageWarning = (c: Coverage): string | undefined => {
  if (c.status === 'unknown') return `Warning: how long the SOC 2 evidence covers is not known (${c.reason}).`
  if (c.coveredUntil < c.on) return `Warning: the SOC 2 evidence stopped covering on ${c.coveredUntil}; nothing covers the vendor now. Ask for the current report or a bridge letter.`
  if (!c.coversUntilNextReassessment) {
    return `Warning: the SOC 2 evidence stops covering on ${c.coveredUntil}, ${c.gapDays} days before the next reassessment (${c.nextReassessment}). Ask the vendor for its next report or a bridge letter by then.`
  }
  return undefined
}

const COVERAGE_WORDS = {covered: 'covered', partly: 'partly covered', 'not-covered': 'NOT covered'} as const

/** The SOC 2 detail section: documents and hashes, the facts with pages, coverage by quarter, what the practice must do. */
export const soc2ReportSection = (a: Assessment): ReportSection | undefined => {
  const obs = a.observations.find((o) => o.probe === 'soc2')
  if (!obs || obs.status === 'not-applicable') return undefined
  const facts: Facts = obs.facts ?? {}
  const tables: ReportTable[] = []
  const notes: string[] = []
  if (obs.status === 'error') notes.push(`Error: ${obs.reason}`)

  const documents = (facts.documents ?? []) as {kind: string; source: string; status: string; sha256?: string; size?: number; file?: string; reason?: string; organisation?: string}[]
  if (documents.length > 0) {
    tables.push({
      columns: [
        {header: 'Document', width: 0.18},
        {header: 'From', width: 0.26},
        {header: 'SHA-256', width: 0.36},
        {header: 'Kept as / problem', width: 0.2},
      ],
      rows: documents.map((d) => [`${d.kind}${d.organisation ? ` (${d.organisation})` : ''}`, d.source, d.sha256 ?? '—', d.status === 'ok' ? `${d.file ?? ''} (${d.size ?? 0} bytes)` : `${d.status}: ${d.reason ?? ''}`]),
    })
  }
  if (facts.report || facts.bridgeLetter) {
    tables.push({
      columns: [
        {header: 'Fact', width: 0.28},
        {header: 'Value', width: 0.44},
        {header: 'Page', width: 0.08},
        {header: 'Source', width: 0.2},
      ],
      rows: soc2FactRows(facts).map((r) => [r.fact, r.value, r.page, r.source]),
    })
  }
  const report = (facts.report ?? {}) as Record<string, unknown>
  const exceptions = (report.exceptions ?? []) as {criteria: string[]; text: string; page: number}[]
  if (exceptions.length > 0) {
    tables.push({
      columns: [
        {header: 'Criteria', width: 0.16},
        {header: 'Exception noted by the auditor', width: 0.74},
        {header: 'Page', width: 0.1},
      ],
      rows: exceptions.map((e) => [e.criteria.join(', ') || '—', e.text, e.page ? String(e.page) : 'stated']),
    })
  }
  const sub = facts.subservice as {carvedOut: string[]; withEvidence: string[]} | undefined
  const orgs = (report.subservice ?? []) as {name: string; method: string; page?: number}[]
  if (orgs.length > 0) {
    tables.push({
      columns: [
        {header: 'Subservice organisation', width: 0.4},
        {header: 'Method', width: 0.2},
        {header: 'Own evidence in profile', width: 0.3},
        {header: 'Page', width: 0.1},
      ],
      rows: orgs.map((o) => [o.name, o.method, o.method === 'inclusive' ? 'not needed (included)' : sub?.withEvidence.includes(o.name) ? 'yes' : 'NO', o.page ? String(o.page) : 'stated']),
    })
  }
  const coverage = soc2CoverageFor(facts, a.assessedAt, a.nextReviewDue)
  if (coverage.status === 'known') {
    notes.push(`The SOC 2 evidence covers until ${coverage.coveredUntil} (basis: ${coverage.basis === 'bridge-letter' ? 'bridge letter dated ' + String((facts.bridgeLetter as Record<string, unknown>).date) + ', plus 3 months' : 'report period end ' + coverage.periodEnd + ', plus 12 months'}).`)
    tables.push({
      columns: [
        {header: 'Quarter until the next reassessment', width: 0.4},
        {header: 'From', width: 0.2},
        {header: 'To', width: 0.2},
        {header: 'SOC 2 evidence', width: 0.2},
      ],
      rows: coverage.quarters.map((q) => [q.quarter, q.from, q.to, COVERAGE_WORDS[q.status]]),
    })
  }
  const warning = facts.report ? coverageWarning(coverage) : undefined
  if (warning) notes.unshift(warning)
  const cuecs = (report.cuecs ?? []) as {text: string; criteria: string[]; page: number}[]
  if (cuecs.length > 0) {
    tables.push({
      columns: [
        {header: '#', width: 0.05},
        {header: 'What your practice must do (complementary user entity controls)', width: 0.7},
        {header: 'Criteria', width: 0.15},
        {header: 'Page', width: 0.1},
      ],
      rows: cuecs.map((c, i) => [String(i + 1), c.text, c.criteria.join(', ') || '—', c.page ? String(c.page) : 'stated']),
    })
    notes.push('Your practice must operate the controls listed above: the vendor’s controls were designed on the assumption that you do. Name an owner for each.')
  }
  const ask = (facts.askVendor ?? []) as {fact: string; question: string}[]
  if (ask.length > 0) {
    tables.push({columns: [{header: 'Not found in the documents: ask the vendor', width: 1}], rows: ask.map((q) => [q.question])})
  }
  const st = facts.securityTxt as {status: string; url: string; contact?: string[]; expires?: string; problems?: string[]; reason?: string} | undefined
  if (st) {
    notes.push(
      st.status === 'found'
        ? `security.txt (${st.url}): contact ${show(st.contact) || 'none'}, expires ${st.expires ?? 'not stated'}${st.problems?.length ? `; problems: ${st.problems.join('; ')}` : ''}.`
        : st.status === 'not-found'
          ? `security.txt: none published at ${st.url} (RFC 9116 asks vendors to publish one).`
          : `security.txt could not be fetched: ${st.reason ?? ''}`,
    )
  }
  const tp = facts.trustPage as {status: string; url: string; title?: string; mentions?: string[]; reason?: string} | undefined
  if (tp) notes.push(tp.status === 'found' ? `Trust page (${tp.url}): “${tp.title ?? 'untitled'}”, mentions ${show(tp.mentions) || 'no attestations'}.` : `Trust page could not be fetched: ${tp.reason ?? ''}`)
  notes.push('The SOC 2 checks apply market conventions (Type II, a 12-month currency window, a 3-month bridge letter, Confidentiality in scope, no exceptions against CC6.1, CC6.7 or C1.x), not AICPA rules. Facts marked “stated, not extracted” come from the vendor profile, not from the document.')
  return {
    id: 'soc2',
    title: 'SOC 2 and security attestations',
    intro: 'What the vendor’s SOC 2 report and related documents say, where (page), how long they cover the vendor, and what your practice must do itself.',
    tables,
    notes,
  }
}
