import {describe, expect, it} from 'vitest'

import type {Assessment} from '../../src/assessment/assessment-types.js'
import {buildLedger} from '../../src/conditions/ledger.js'
import {decide} from '../../src/controls/verdict.js'
import {quarterViewOf} from '../../src/history/quarter-view.js'
import type {Finding} from '../../src/model/finding.js'
import {buildReportModel} from '../../src/report/report-model.js'
import type {ConditionEntry} from '../../src/conditions/record-types.js'

const AT = '2026-12-01T00:00:00Z'
const unreachable = (target: string): Finding => ({id: `tls-cert-key@${target}`, ruleId: 'tls-cert-key', source: 'check', title: 'The certificate key is strong enough', severity: 'high', target, message: 'm', status: 'error', reason: 'connection refused'})
const weak = (target: string): Finding => ({id: `tls-aead@${target}`, ruleId: 'tls-aead', source: 'check', title: 'AEAD only', severity: 'medium', target, message: 'm', status: 'warn', remediation: 'Offer GCM suites.'})
const TARGETS = ['https://a.example/v1', 'https://b.example/v1', 'https://c.example/v1']
const findings = [...TARGETS.map(unreachable), ...TARGETS.map(weak)]
const a = {id: 'r1', assessedAt: AT, findings, verdict: decide(findings, AT), controls: [], frameworks: [], observations: []} as unknown as Assessment

describe('report model: conditions grouped by cause', () => {
  it('the same ask on three endpoints is one row, even when the ask names its endpoint', () => {
    const m = buildReportModel(a)
    const rerun = m.conditionGroups.find((g) => g.title.startsWith('The certificate key'))!
    expect(rerun.ids).toHaveLength(3)
    expect(rerun.targets).toEqual(TARGETS)
    expect(rerun.action).toContain('each place listed')
    expect(rerun.action).not.toContain('a.example')
    expect(m.riskGroups.map((r) => [r.ruleId, r.targets.length])).toEqual([
      ['tls-aead', 3],
      ['tls-cert-key', 3],
    ])
  })

  it('an endpoint whose condition was accepted as a risk stands apart from the others', () => {
    const entry: ConditionEntry = {seq: 1, at: AT, vendor: 'v', condition: `tls-aead@${TARGETS[1]}`, action: 'accept', by: 'B', reason: 'R', round: {id: 'r1', sha256: 'x'}}
    const ledger = buildLedger([a], [entry], AT)
    const m = buildReportModel(a, undefined, quarterViewOf([a], ledger))
    const aead = m.conditionGroups.filter((g) => g.title === 'AEAD only')
    expect(aead.map((g) => g.targets)).toEqual([[TARGETS[0], TARGETS[2]], [TARGETS[1]]])
    // Page 2 speaks for the cause: two of its three places are still open, so it is not "accepted".
    expect(m.riskGroups.find((r) => r.ruleId === 'tls-aead')!.standing).toBeUndefined()
    const all = buildLedger([a], TARGETS.map((t, i) => ({...entry, seq: i + 1, condition: `tls-aead@${t}`})), AT)
    expect(buildReportModel(a, undefined, quarterViewOf([a], all)).riskGroups.find((r) => r.ruleId === 'tls-aead')!.standing).toBe('risk-accepted')
  })
})
