import {describe, expect, it} from 'vitest'

import type {Assessment} from '../../src/assessment/assessment-types.js'
import type {StoredEntry} from '../../src/conditions/condition-log.js'
import {buildLedger} from '../../src/conditions/ledger.js'
import type {ConditionEntry} from '../../src/conditions/record-types.js'
import {verifyConditionLog} from '../../src/conditions/verify-log.js'
import {decide} from '../../src/controls/verdict.js'
import type {StoredRound} from '../../src/history/load-round.js'
import type {Finding} from '../../src/model/finding.js'
import {sha256Hex} from '../../src/workspace/history.js'

const f = (ruleId: string, status: Finding['status'], target?: string, severity: Finding['severity'] = 'medium'): Finding =>
  ({id: target ? `${ruleId}@${target}` : ruleId, ruleId, source: 'check', title: `title ${ruleId}`, severity, message: 'm', status, ...(target ? {target} : {}), ...(status === 'pass' || status === 'fail' || status === 'warn' ? {} : {reason: 'r'})}) as Finding

/** A round as the pipeline makes it: the verdict (and so the conditions) decided from the findings. */
const round = (id: string, at: string, findings: Finding[]): Assessment => ({id, assessedAt: at, findings, verdict: decide(findings, at)}) as unknown as Assessment

const entry = (seq: number, at: string, condition: string, action: ConditionEntry['action'], round = 'r1'): ConditionEntry => ({seq, at, vendor: 'v', condition, action, by: 'B', reason: 'R', round: {id: round, sha256: 'x'}})

describe('buildLedger: conditions as records across rounds', () => {
  const canary = (token: string, status: Finding['status']) => f('retention-canary-not-served', status, `https://v/dicom-web (canary ${token})`)

  it('a retention condition keeps one id across rounds though each round plants a new canary', () => {
    const l = buildLedger([round('r1', '2026-01-01T00:00:00Z', [canary('AAAA', 'fail')]), round('r2', '2026-04-01T00:00:00Z', [canary('BBBB', 'fail')])], [], '2026-04-02T00:00:00Z')
    expect(l.map((c) => [c.id, c.state, c.overdue, c.due])).toEqual([['retention-canary-not-served@https://v/dicom-web', 'open', true, '2026-04-01']])
  })

  it('fixed only by a round where the finding passes; a finding that merely disappears keeps its state', () => {
    const r1 = round('r1', '2026-01-01T00:00:00Z', [f('a', 'warn'), f('b', 'warn')])
    const r2 = round('r2', '2026-04-01T00:00:00Z', [f('a', 'pass'), f('b', 'not-applicable')])
    const l = buildLedger([r1, r2], [], '2026-04-01T00:00:00Z')
    expect(Object.fromEntries(l.map((c) => [c.id, c.state]))).toEqual({a: 'fixed', b: 'open'})
  })

  it('a fixed condition that fails again is reopened with a new due date, and its old decision is dropped', () => {
    const rounds = [
      round('r1', '2026-01-01T00:00:00Z', [f('a', 'warn')]),
      round('r2', '2026-04-01T00:00:00Z', [f('a', 'pass')]),
      round('r3', '2026-07-01T00:00:00Z', [f('a', 'warn')]),
    ]
    const [c] = buildLedger(rounds, [entry(1, '2026-02-01T00:00:00Z', 'a', 'waive')], '2026-07-02T00:00:00Z')
    expect(c).toMatchObject({state: 'open', due: '2026-09-29', openedIn: 'r3', overdue: false})
    expect(c!.decision).toBeUndefined()
    expect(c!.history.map((e) => e.kind)).toEqual(['opened', 'waived', 'fixed', 'reopened'])
  })

  it('accept and waive apply right after the round they were made against; an entry for an unknown or fixed condition changes nothing', () => {
    const rounds = [round('r1', '2026-01-01T00:00:00Z', [f('a', 'warn'), f('b', 'fail', undefined, 'low')]), round('r2', '2026-04-01T00:00:00Z', [f('a', 'warn'), f('b', 'pass')])]
    // Entry 1's clock is behind the round it names (a skewed clock): it still applies after r1.
    const l = buildLedger(rounds, [entry(1, '2025-12-01T00:00:00Z', 'a', 'accept'), entry(2, '2026-05-01T00:00:00Z', 'b', 'waive', 'r2'), entry(3, '2026-05-01T00:00:00Z', 'nothing', 'accept', 'r2')], '2026-06-01T00:00:00Z')
    expect(Object.fromEntries(l.map((c) => [c.id, c.state]))).toEqual({a: 'risk-accepted', b: 'fixed'})
    // Accepted is not overdue however late it is.
    expect(l.find((c) => c.id === 'a')!.overdue).toBe(false)
  })

  it('an approved round opens nothing', () => {
    expect(buildLedger([round('r1', '2026-01-01T00:00:00Z', [f('a', 'pass'), f('b', 'not-applicable')])], [], '2027-01-01T00:00:00Z')).toEqual([])
  })
})

describe('verifyConditionLog: decisions are chained like rounds', () => {
  const stored = (e: ConditionEntry): StoredEntry => {
    const line = JSON.stringify(e)
    return {line, sha256: sha256Hex(line), entry: e}
  }
  const chain = (entries: ConditionEntry[]): StoredEntry[] => {
    const out: StoredEntry[] = []
    for (const e of entries) out.push(stored({...e, ...(out.length ? {previous: out.at(-1)!.sha256} : {})}))
    return out
  }
  const rounds: StoredRound[] = [{status: 'readable', id: 'r1', dir: '', sha256: 'x', assessment: {} as Assessment}]
  const three = chain([entry(1, 'a', 'a', 'accept'), entry(2, 'b', 'b', 'waive'), entry(3, 'c', 'c', 'accept')])

  it('an intact log verifies', () => {
    expect(verifyConditionLog(three, rounds)).toEqual([])
  })

  it('an edited, removed or inserted entry is named', () => {
    const edited = [three[0]!, stored({...three[1]!.entry, reason: 'changed'}), three[2]!]
    expect(verifyConditionLog(edited, rounds).join('\n')).toMatch(/condition entry 2 was changed/)
    expect(verifyConditionLog([three[0]!, three[2]!], rounds).join('\n')).toMatch(/entry was removed or inserted/)
  })

  it('an entry made against a round that changed or vanished is named; a round sealing more entries than there are is named', () => {
    const changed: StoredRound[] = [{...rounds[0]!, sha256: 'y'} as StoredRound]
    expect(verifyConditionLog(three, changed).join('\n')).toMatch(/round r1 changed after this decision was recorded/)
    const sealing: StoredRound[] = [...rounds, {status: 'readable', id: 'r2', dir: '', sha256: 'z', assessment: {conditionLog: {count: 4, sha256: 'q'}} as unknown as Assessment}]
    expect(verifyConditionLog(three, sealing).join('\n')).toMatch(/seals 4 condition entries, but the log holds 3/)
  })
})
