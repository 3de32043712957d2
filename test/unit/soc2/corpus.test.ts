import {writeFileSync} from 'node:fs'
import {beforeAll, describe, expect, it} from 'vitest'

import {runChecks} from '../../../src/checks/evaluate-check.js'
import {loadChecks} from '../../../src/checks/load-checks.js'
import {buildSoc2Facts} from '../../../src/probes/soc2/build-facts.js'
import {extractBridgeLetter} from '../../../src/probes/soc2/extract-letters.js'
import {extractReport} from '../../../src/probes/soc2/extract-report.js'
import {pdfText, readPdfText} from '../../../src/pdf/read-pdf-text.js'
import type {ExtractedReport} from '../../../src/probes/soc2/soc2-types.js'
import {soc2Corpus, type CorpusDoc, type Expected} from '../../helpers/soc2-corpus.js'

/*
 * The SOC 2 reader scored on a generated corpus (ten firm styles, seeded): each expected fact counts once, right
 * only when its value and its page are right. The bar: ≥ 97 % of facts, every cited page.
 */
interface Score {
  right: number
  total: number
  wrong: string[]
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim()

export const scoreReport = (name: string, x: ExtractedReport, e: Expected, s: Score): void => {
  const check = (fact: string, ok: boolean, got: unknown, want: unknown) => {
    s.total++
    if (ok) s.right++
    else s.wrong.push(`${name} ${fact}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`)
  }
  const at = <T>(l: {value: T; page: number} | undefined) => (l ? {value: l.value, page: l.page} : undefined)
  check('type', x.type?.value === e.type.value && x.type.page === e.type.page, at(x.type), e.type)
  if (e.period) check('period', x.period?.value.start === e.period.start && x.period.value.end === e.period.end && x.period.page === e.period.page, x.period && {...x.period.value, page: x.period.page}, e.period)
  if (e.ambiguousPeriod) check('period (ambiguous, flagged)', x.period === undefined && x.ambiguousDate?.page === e.ambiguousPeriod.page, {period: x.period, flagged: x.ambiguousDate}, e.ambiguousPeriod)
  if (e.asOf) check('asOf', x.asOf?.value === e.asOf.value && x.asOf.page === e.asOf.page, at(x.asOf), e.asOf)
  check('serviceOrganisation', x.serviceOrganisation?.value === e.serviceOrganisation.value && x.serviceOrganisation.page === e.serviceOrganisation.page, at(x.serviceOrganisation), e.serviceOrganisation)
  check('system', x.system?.value === e.system.value && x.system.page === e.system.page, at(x.system), e.system)
  check('auditor', x.auditor?.value === e.auditor.value && x.auditor.page === e.auditor.page, at(x.auditor), e.auditor)
  check('opinion', x.opinion?.value === e.opinion.value && x.opinion.page === e.opinion.page, at(x.opinion), e.opinion)
  if (e.opinion.basis) check('opinionBasis', (x.opinionBasis?.value ?? '').includes(e.opinion.basis) && x.opinionBasis?.page === e.opinion.page, at(x.opinionBasis), e.opinion.basis)
  check('categories', JSON.stringify(x.categories?.value) === JSON.stringify(e.categories.value) && x.categories?.page === e.categories.page, at(x.categories), e.categories)
  const sub = x.subservice
  if (e.subservice.status === 'none') check('subservice', sub?.status === 'none', sub, e.subservice)
  else {
    const got = sub?.status === 'listed' ? sub.organisations.map((o) => `${o.name}/${o.method}@${o.page}`).sort() : sub
    const want = e.subservice.organisations.map((o) => `${o.name}/${o.method}@${(e.subservice as {page: number}).page}`).sort()
    check('subservice', JSON.stringify(got) === JSON.stringify(want), got, want)
  }
  const c = x.cuecs
  if (e.cuecs.status === 'none-required') check('cuecs', c?.status === 'none-required' && c.page === e.cuecs.page, c, e.cuecs)
  else {
    const got = c?.status === 'listed' ? c.items.map((i) => `${norm(i.text)}@${i.page}`) : c
    const want = e.cuecs.items.map((t) => `${t}@${(e.cuecs as {page: number}).page}`)
    check('cuecs', JSON.stringify(got) === JSON.stringify(want), got, want)
  }
  if (e.exceptions) {
    const got = x.exceptions?.items.map((i) => `${i.criteria.join(',')}@${i.page}`).sort()
    const want = e.exceptions.map((i) => `${i.criteria.join(',')}@${i.page}`).sort()
    check('exceptions', JSON.stringify(got) === JSON.stringify(want), got, want)
  }
}

/** The generator's expected facts in the reader's own shape, so the same checks can judge both. */
const asExtracted = (e: Expected): ExtractedReport => {
  const at = <T>(value: T, page: number) => ({value, page, excerpt: ''})
  return {
    type: at(e.type.value, e.type.page),
    ...(e.period ? {period: at({start: e.period.start, end: e.period.end}, e.period.page)} : {}),
    ...(e.asOf ? {asOf: at(e.asOf.value, e.asOf.page)} : {}),
    serviceOrganisation: at(e.serviceOrganisation.value, e.serviceOrganisation.page),
    system: at(e.system.value, e.system.page),
    auditor: at(e.auditor.value, e.auditor.page),
    opinion: at(e.opinion.value, e.opinion.page),
    categories: at(e.categories.value, e.categories.page),
    subservice: e.subservice.status === 'none' ? {status: 'none'} : {status: 'listed', organisations: e.subservice.organisations.map((o) => ({...o, page: (e.subservice as {page: number}).page}))},
    cuecs: e.cuecs.status === 'none-required' ? e.cuecs : {status: 'listed', items: e.cuecs.items.map((text) => ({text, criteria: [], page: (e.cuecs as {page: number}).page}))},
    ...(e.exceptions ? {exceptions: {items: e.exceptions.map((x) => ({criteria: x.criteria, text: 'exception', page: x.page})), page: 1}} : {}),
  }
}

const checks = (await loadChecks()).filter((c) => c.probe === 'soc2')
const verdicts = (x: ExtractedReport, e: Expected): Record<string, string> => {
  const {facts} = buildSoc2Facts({
    vendor: {id: 'corpus', name: e.serviceOrganisation.value, service: e.system.value, jurisdictions: ['US', 'EU'], endpoints: []},
    on: '2026-06-01',
    reports: [{evidence: {kind: 'soc2-report', path: 'r.pdf'}, document: {source: 'r.pdf', sha256: '', pages: 12, pagesWithoutText: []}, extracted: x}],
    letters: [],
    subserviceEvidence: [],
  })
  return Object.fromEntries(runChecks(checks, [{probe: 'soc2', target: 'r.pdf', startedAt: '', durationMs: 0, status: 'ok', facts}]).map((f) => [f.ruleId, f.status]))
}

let corpus: CorpusDoc[]
const extracted = new Map<string, ExtractedReport>()

beforeAll(async () => {
  corpus = await soc2Corpus()
  for (const d of corpus) {
    if (d.kind !== 'report') continue
    const t = await pdfText(d.bytes)
    if (t.status !== 'ok') throw new Error(`${d.name}: ${t.reason}`)
    extracted.set(d.name, extractReport(t.pages, {textComplete: true}))
  }
  if (process.env.SOC2_CORPUS_DIR) for (const d of corpus) writeFileSync(`${process.env.SOC2_CORPUS_DIR}/${d.name}.pdf`, d.bytes)
}, 120_000)

describe('SOC 2 corpus (10 firm styles, generated, seeded)', () => {
  it('has at least 20 reports in at least 10 styles, a scan, an encrypted, a corrupt report and a bridge letter', () => {
    const reports = corpus.filter((d) => d.kind === 'report')
    expect(reports.length).toBeGreaterThanOrEqual(20)
    expect(new Set(reports.map((d) => d.style)).size).toBeGreaterThanOrEqual(10)
    expect(corpus.map((d) => d.kind)).toEqual(expect.arrayContaining(['scan', 'encrypted', 'corrupt', 'bridge']))
    expect(reports.filter((d) => d.expected.ambiguousPeriod).length).toBe(1)
    expect(new Set(reports.map((d) => d.expected.type.value)).size).toBe(2)
    expect(new Set(reports.map((d) => d.expected.opinion.value))).toEqual(new Set(['unqualified', 'qualified', 'adverse']))
  })

  it('≥ 97 % of facts right, each with its page', () => {
    const s: Score = {right: 0, total: 0, wrong: []}
    for (const d of corpus) if (d.kind === 'report') scoreReport(d.name, extracted.get(d.name)!, d.expected, s)
    const share = s.right / s.total
    console.log(`SOC 2 corpus: ${s.right}/${s.total} facts right (${(100 * share).toFixed(1)} %)\n${s.wrong.join('\n')}`)
    expect(share).toBeGreaterThanOrEqual(0.97)
  })

  it('zero wrong verdicts: no finding passes or fails against what the report says', () => {
    const wrong: string[] = []
    let decided = 0
    for (const d of corpus) {
      if (d.kind !== 'report') continue
      const want = verdicts(asExtracted(d.expected), d.expected)
      const got = verdicts(extracted.get(d.name)!, d.expected)
      for (const [rule, status] of Object.entries(got)) {
        if (status !== 'pass' && status !== 'fail') continue
        decided++
        if (status !== want[rule]) wrong.push(`${d.name} ${rule}: ${status}, the report says ${want[rule]}`)
      }
    }
    console.log(`SOC 2 corpus verdicts: ${decided} decided, ${wrong.length} wrong\n${wrong.join('\n')}`)
    expect(decided).toBeGreaterThan(100)
    expect(wrong).toEqual([])
  })

  it('the encrypted and the corrupt report give a reason, not facts', async () => {
    for (const d of corpus.filter((x) => x.kind === 'encrypted' || x.kind === 'corrupt')) {
      const t = await readPdfText(d.bytes)
      expect(t.status, d.name).toBe('error')
      if (t.status === 'error') expect(t.code).toBe(d.kind === 'encrypted' ? 'encrypted' : 'damaged')
    }
  })

  it('the bridge letter: its date and the gap it covers', async () => {
    const d = corpus.find((x) => x.kind === 'bridge')!
    const t = await pdfText(d.bytes)
    if (t.status !== 'ok' || d.kind !== 'bridge') throw new Error('unreadable')
    const l = extractBridgeLetter(t.pages)
    expect({issuer: l.issuer?.value, date: l.date?.value, coversFrom: l.coversFrom?.value, coversThrough: l.coversThrough?.value}).toEqual(d.expected)
  })
})
