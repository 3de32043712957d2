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

describe('diffFindings', () => {
  it('classifies new, resolved and changed, worst first, and ignores findings that never counted', () => {
    const from = [finding('a', 'pass'), finding('b', 'fail'), finding('c', 'fail', 'medium'), finding('d', 'warn'), finding('e', 'pass'), finding('gone', 'pass'), finding('f', 'not-assessed', 'critical')]
    const to = [finding('a', 'fail', 'critical'), finding('b', 'pass'), finding('c', 'fail', 'high'), finding('d', 'error'), finding('e', 'pass'), finding('new-pass', 'pass'), finding('f', 'fail', 'critical')]
    expect(diffFindings(from, to).map((c) => [c.kind, c.id, c.from, c.to])).toEqual([
      ['new', 'a', 'pass', 'fail'],
      ['new', 'f', 'not-assessed', 'fail'],
      ['changed', 'c', 'fail', 'fail'],
      ['changed', 'd', 'warn', 'error'],
      ['resolved', 'b', 'fail', 'pass'],
    ])
    expect(diffFindings(from, to).find((c) => c.id === 'c')).toMatchObject({fromSeverity: 'medium', severity: 'high'})
  })

  it('a failing finding that disappears is resolved; one that appears failing is new', () => {
    expect(diffFindings([finding('x@old', 'fail')], [finding('x@new', 'fail')]).map((c) => [c.kind, c.id])).toEqual([
      ['new', 'x@new'],
      ['resolved', 'x@old'],
    ])
  })

  it('no change gives an empty list', () => {
    expect(diffFindings([finding('a', 'warn')], [finding('a', 'warn')])).toEqual([])
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
    expect(d.counts).toEqual({newFindings: 0, resolvedFindings: 0, changedFindings: 0, answersChanged: 0, evidenceChanged: 0})
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
