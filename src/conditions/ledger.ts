import type {Assessment} from '../assessment/assessment-types.js'
import {SEVERITY_RANK} from '../model/finding.js'
import {conditionKey, stableTarget} from './condition-key.js'
import type {ConditionEntry, ConditionEvent, ConditionRecord, ConditionState} from './record-types.js'

type Mutable<T> = {-readonly [K in keyof T]: T[K]}
type Working = Mutable<Omit<ConditionRecord, 'history' | 'overdue'>> & {history: ConditionEvent[]}

const day = (iso: string): string => iso.slice(0, 10)

/**
 * Every condition a vendor has had, as records: each round opens, keeps or fixes them, and the practice's
 * decisions (accept as a risk, waive) come from the log, each right after the round it was made against. Pure: the rounds, the log
 * and "today" are passed in. A condition is `fixed` only when a later round shows its finding passing; a
 * condition that disappears without a pass (not applicable, not checked) keeps its state.
 */
export const buildLedger = (rounds: readonly Assessment[], entries: readonly ConditionEntry[], today: string): ConditionRecord[] => {
  const records = new Map<string, Working>()
  const pending = [...entries].sort((a, b) => a.seq - b.seq)
  const apply = (e: ConditionEntry) => {
    const r = records.get(e.condition)
    if (!r || r.state === 'fixed') return // refused when written; a hand-made entry for nothing changes nothing
    const state: ConditionState = e.action === 'accept' ? 'risk-accepted' : 'waived'
    r.state = state
    r.decision = {by: e.by, reason: e.reason, at: e.at}
    r.history.push({kind: state, at: e.at, by: e.by, reason: e.reason, entry: e.seq})
  }
  // A decision is made against a round (the latest when it was recorded): it applies right after that round,
  // before the next one, whatever the clocks say.
  const applyAfter = (roundId: string) => {
    for (const e of pending.filter((x) => x.round.id === roundId)) apply(e)
  }
  for (const a of rounds) {
    const findings = new Map(a.findings.map((f) => [f.id, f]))
    const statusByKey = new Map<string, string>()
    for (const f of a.findings) {
      const k = conditionKey(f)
      // One rule on one target, several findings (a canary per round): the worst status stands.
      if (statusByKey.get(k) !== 'fail' && statusByKey.get(k) !== 'warn') statusByKey.set(k, f.status)
    }
    const listed = new Set<string>()
    for (const c of a.verdict.conditions) {
      const f = findings.get(c.findingId)
      const key = f ? conditionKey(f) : c.findingId
      if (listed.has(key)) continue
      listed.add(key)
      const had = records.get(key)
      const base = {ruleId: f?.ruleId ?? c.findingId, ...(f?.target ? {target: stableTarget(f.target)} : {}), title: c.title, severity: c.severity, owner: c.owner, ask: c.action, latestRef: c.id}
      if (!had) {
        records.set(key, {id: key, ...base, state: 'open', due: c.due, openedIn: a.id, history: [{kind: 'opened', at: a.assessedAt, round: a.id, due: c.due}]})
      } else if (had.state === 'fixed') {
        Object.assign(had, base, {state: 'open', due: c.due, openedIn: a.id})
        delete had.decision
        had.history.push({kind: 'reopened', at: a.assessedAt, round: a.id, due: c.due})
      } else {
        // Worse now than when it was opened: the earlier of the two due dates holds.
        const due = SEVERITY_RANK[c.severity] > SEVERITY_RANK[had.severity] && c.due < had.due ? c.due : had.due
        Object.assign(had, base, {due})
      }
    }
    for (const r of records.values()) {
      if (listed.has(r.id) || r.state === 'fixed') continue
      if (statusByKey.get(r.id) === 'pass') {
        r.state = 'fixed'
        r.history.push({kind: 'fixed', at: a.assessedAt, round: a.id})
      }
    }
    applyAfter(a.id)
  }
  // Entries naming a round that is not in the history (verification reports them) still apply, last.
  const known = new Set(rounds.map((a) => a.id))
  for (const e of pending.filter((x) => !known.has(x.round.id))) apply(e)
  const rank: Record<ConditionState, number> = {open: 0, 'risk-accepted': 1, waived: 2, fixed: 3}
  return [...records.values()]
    .map((r): ConditionRecord => ({...r, overdue: r.state === 'open' && r.due < day(today)}))
    .sort((x, y) => Number(y.overdue) - Number(x.overdue) || rank[x.state] - rank[y.state] || x.due.localeCompare(y.due) || SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity] || x.id.localeCompare(y.id))
}
