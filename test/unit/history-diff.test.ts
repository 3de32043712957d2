import {describe, expect, it} from 'vitest'

import type {Assessment} from '../../src/assessment/assessment-types.js'
import type {Decision} from '../../src/controls/verdict.js'
import {diffAnswers, diffAssessments, diffFindings} from '../../src/history/diff.js'
import {linkOf} from '../../src/history/verify-history.js'
import type {StoredRound} from '../../src/history/load-round.js'
import type {Finding} from '../../src/model/finding.js'
import type {Observation} from '../../src/model/observation.js'
import type {VendorEvidence} from '../../src/workspace/workspace-types.js'

const finding = (id: string, status: Finding['status'], severity: Finding['severity'] = 'high'): Finding =>
  ({id, ruleId: id.split('@')[0]!, source: 'check', title: `title of ${id}`, severity, message: `${id} is ${status}`, status, ...(status === 'pass' || status === 'fail' || status === 'warn' ? {} : {reason: 'r'})}) as Finding

const tlsObs = (target: string, sha256: string, validTo: string, daysLeft = 100): Observation => ({
  probe: 'tls',
  target,
  startedAt: '2026-01-01T00:00:00Z',
  durationMs: 12,
  status: 'ok',
  facts: {certificate: {sha256, validTo, daysLeft}, tool: {node: 'v20'}},
})

const round = (o: {
  id: string
  at: string
  decision?: Decision
  findings?: Finding[]
  answers?: Record<string, unknown>
  observations?: Observation[]
  evidence?: VendorEvidence[]
}): Assessment =>
  ({
    id: o.id,
    assessedAt: o.at,
    vendor: {id: 'acme', name: 'Acme', service: 's', jurisdictions: ['US'], endpoints: [], ...(o.evidence ? {evidence: o.evidence} : {})},
    verdict: {decision: o.decision ?? 'approved'},
    findings: o.findings ?? [],
    observations: o.observations ?? [],
    ...(o.answers ? {questionnaire: {id: 'q', version: '1', title: 'Q', answers: o.answers}} : {}),
  }) as unknown as Assessment

const at = (id: string, target: string, status: Finding['status'], severity: Finding['severity'] = 'high'): Finding => ({...finding(`${id}@${target}`, status, severity), ruleId: id, target}) as Finding

describe('diffFindings: the quarter\'s words', () => {
  it('FIXED, REGRESSED, NEW, GONE and UNCHANGED, regressions first, worst first', () => {
    const from = [finding('a', 'pass'), finding('b', 'fail'), finding('c', 'fail', 'medium'), finding('d', 'warn'), finding('e', 'pass'), finding('gone', 'fail'), finding('f', 'not-assessed', 'critical'), finding('still', 'warn'), finding('quiet', 'pass')]
    const to = [finding('a', 'fail', 'critical'), finding('b', 'pass'), finding('c', 'fail', 'high'), finding('d', 'error'), finding('e', 'pass'), finding('new-fail', 'fail', 'low'), finding('new-pass', 'pass'), finding('f', 'fail', 'critical'), finding('still', 'warn')]
    expect(diffFindings(from, to).map((c) => [c.kind, c.id, c.from, c.to])).toEqual([
      ['regressed', 'a', 'pass', 'fail'],
      ['regressed', 'f', 'not-assessed', 'fail'],
      ['regressed', 'c', 'fail', 'fail'],
      ['new', 'new-fail', undefined, 'fail'],
      ['unchanged', 'd', 'warn', 'error'],
      ['unchanged', 'still', 'warn', 'warn'],
      ['fixed', 'b', 'fail', 'pass'],
      ['gone', 'gone', 'fail', undefined],
    ])
    expect(diffFindings(from, to).find((c) => c.id === 'c')).toMatchObject({fromSeverity: 'medium', severity: 'high'})
    const d = diffAssessments(round({id: 'r1', at: '2026-01-01T00:00:00Z', findings: from}), round({id: 'r2', at: '2026-04-01T00:00:00Z', findings: to}))
    expect(d.counts).toMatchObject({regressed: 3, new: 2, unchanged: 3, fixed: 1, gone: 2})
  })

  it('retention is compared by rule and endpoint: each round\'s canary is the same problem as last round\'s', () => {
    const q1 = [at('retention-deleted-on-request', 'https://v/dicom-web (canary SCANVET-CANARY-AAAA)', 'fail')]
    const q2 = [at('retention-deleted-on-request', 'https://v/dicom-web (canary SCANVET-CANARY-BBBB)', 'fail')]
    const q3 = [at('retention-deleted-on-request', 'https://v/dicom-web (canary SCANVET-CANARY-CCCC)', 'pass')]
    expect(diffFindings(q1, q2).map((c) => [c.kind, c.id])).toEqual([['unchanged', 'retention-deleted-on-request@https://v/dicom-web']])
    expect(diffFindings(q2, q3).map((c) => [c.kind, c.id, c.from, c.to])).toEqual([['fixed', 'retention-deleted-on-request@https://v/dicom-web', 'fail', 'pass']])
  })

  it('different endpoints are different findings', () => {
    expect(diffFindings([at('x', 'https://old', 'fail')], [at('x', 'https://new', 'fail')]).map((c) => [c.kind, c.id])).toEqual([
      ['new', 'x@https://new'],
      ['gone', 'x@https://old'],
    ])
  })

  it('no change gives an empty list of moves', () => {
    expect(diffFindings([finding('a', 'pass')], [finding('a', 'pass')])).toEqual([])
  })
})

describe('diffAnswers', () => {
  it('finds added, removed and changed answers, comparing lists by value', () => {
    expect(diffAnswers({a: true, b: ['x', 'y'], c: 'P60D', d: null}, {a: true, b: ['x', 'y'], c: 'P400D', e: 3})).toEqual([
      {kind: 'changed', questionId: 'c', from: 'P60D', to: 'P400D'},
      {kind: 'removed', questionId: 'd', from: null},
      {kind: 'added', questionId: 'e', to: 3},
    ])
    expect(diffAnswers({b: ['x', 'y']}, {b: ['y', 'x']})).toEqual([{kind: 'changed', questionId: 'b', from: ['x', 'y'], to: ['y', 'x']}])
  })
})

describe('diffAssessments', () => {
  it('evidence: a certificate replaced, one expired, one added, a document renewed and one dropped; clock-relative facts ignored', () => {
    const from = round({
      id: 'r1',
      at: '2026-01-10T00:00:00Z',
      observations: [tlsObs('https://a', 'aaa', '2027-01-01T00:00:00Z', 356), tlsObs('https://b', 'bbb', '2026-03-01T00:00:00Z'), tlsObs('https://c', 'ccc', '2027-01-01T00:00:00Z', 356)],
      evidence: [
        {kind: 'baa', path: 'baa.pdf', expires: '2026-12-31'},
        {kind: 'dpa', path: 'dpa.pdf'},
      ],
    })
    const to = round({
      id: 'r2',
      at: '2026-04-10T00:00:00Z',
      decision: 'not-approved',
      observations: [tlsObs('https://a', 'a2', '2027-06-01T00:00:00Z'), tlsObs('https://b', 'bbb', '2026-03-01T00:00:00Z', -40), tlsObs('https://c', 'ccc', '2027-01-01T00:00:00Z', 265), tlsObs('https://d', 'ddd', '2027-01-01T00:00:00Z')],
      evidence: [{kind: 'baa', path: 'baa.pdf', expires: '2027-12-31'}],
    })
    const d = diffAssessments(from, to)
    expect(d.evidence.map((e) => [e.kind, e.key, e.detail])).toEqual([
      ['added', 'certificate https://d', 'new evidence'],
      ['expired', 'certificate https://b', 'expired on 2026-03-01'],
      ['changed', 'certificate https://a', 'certificate replaced, now valid until 2027-06-01'],
      ['changed', 'document baa baa.pdf', 'details changed, now ends 2027-12-31'],
      ['removed', 'document dpa dpa.pdf', 'no longer present'],
    ])
    expect(d.verdict).toEqual({from: 'approved', to: 'not-approved', changed: true})
    expect(d.counts.evidenceChanged).toBe(5)
  })

  it('an endpoint that could not be reached is a change of evidence, not an expiry', () => {
    const from = round({id: 'r1', at: '2026-01-10T00:00:00Z', observations: [tlsObs('https://a', 'aaa', '2027-01-01T00:00:00Z')]})
    const to = round({
      id: 'r2',
      at: '2026-04-10T00:00:00Z',
      observations: [{probe: 'tls', target: 'https://a', startedAt: 'x', durationMs: 1, status: 'error', reason: 'connection refused'}],
    })
    expect(diffAssessments(from, to).evidence).toEqual([expect.objectContaining({kind: 'changed', detail: 'could not be observed this time: connection refused'})])
  })

  it('two identical rounds differ in nothing', () => {
    const a = round({id: 'r1', at: '2026-01-10T00:00:00Z', findings: [finding('a', 'fail')], answers: {q: true}, observations: [tlsObs('https://a', 'aaa', '2027-01-01T00:00:00Z')]})
    const d = diffAssessments(a, {...a, id: 'r2'})
    expect(d.counts).toEqual({regressed: 0, new: 0, unchanged: 1, fixed: 0, gone: 0, answersChanged: 0, evidenceChanged: 0})
    expect(d.findings.map((f) => f.kind)).toEqual(['unchanged'])
  })
})

describe('linkOf: the hash chain, one link at a time', () => {
  const stored = (id: string, sha256: string, previous?: {id: string; sha256: string}): StoredRound => ({
    status: 'readable',
    id,
    dir: `/x/${id}`,
    sha256,
    assessment: {id, assessedAt: '2026-01-01T00:00:00Z', ...(previous ? {previous} : {})} as unknown as Assessment,
  })

  it('first, linked, rewritten, deleted, restarted, inserted, unreadable', () => {
    const a = stored('2026-01-01-1', 'h1')
    const b = stored('2026-04-01-1', 'h2', {id: '2026-01-01-1', sha256: 'h1'})
    expect(linkOf([a, b], 0)).toEqual({status: 'first'})
    expect(linkOf([a, b], 1)).toEqual({status: 'linked'})
    expect(linkOf([{...a, sha256: 'h1-rewritten'}, b], 1)).toMatchObject({status: 'broken', reason: expect.stringContaining('round 2026-01-01-1 was changed after this round was written')})
    expect(linkOf([b], 0)).toMatchObject({status: 'broken', reason: expect.stringContaining('2026-01-01-1, which is no longer in the history')})
    expect(linkOf([a, stored('2026-04-01-1', 'h2')], 1)).toMatchObject({status: 'broken', reason: expect.stringContaining('does not link to the round before it')})
    const inserted = stored('2026-02-01-1', 'hx', {id: '2026-01-01-1', sha256: 'h1'})
    expect(linkOf([a, inserted, b], 2)).toMatchObject({status: 'broken', reason: expect.stringContaining('2026-02-01-1 was added afterwards')})
    expect(linkOf([{status: 'unreadable', id: 'z', dir: '/z', sha256: 'h', reason: 'assessment.json is not valid JSON'}], 0)).toMatchObject({status: 'broken'})
  })
})
