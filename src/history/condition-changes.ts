import type {Assessment} from '../assessment/assessment-types.js'
import type {ConditionRecord, ConditionState} from '../conditions/record-types.js'
import type {Severity} from '../schemas/common.js'
import type {DiffKind} from './diff.js'

/** A condition between two rounds: how it moved, and any decision the practice recorded in between. */
export interface ConditionChange {
  readonly kind: DiffKind
  readonly id: string
  readonly title: string
  readonly severity: Severity
  readonly due: string
  /** Where it stands at the later round. */
  readonly state: ConditionState
  readonly decisions: readonly {readonly state: 'risk-accepted' | 'waived'; readonly by: string; readonly reason: string; readonly at: string}[]
}

/**
 * Conditions compared across rounds `from` → `to` from their records' histories: opened in between is `new`,
 * reopened `regressed`, fixed by `to` `fixed`, open at both `unchanged`. Pure.
 */
export const compareConditions = (records: readonly ConditionRecord[], from: Assessment, to: Assessment): ConditionChange[] => {
  const out: ConditionChange[] = []
  for (const r of records) {
    const upTo = (at: string) => r.history.filter((e) => e.at <= at)
    const atFrom = upTo(from.assessedAt)
    const between = r.history.filter((e) => e.at > from.assessedAt && e.at <= to.assessedAt)
    if (atFrom.length === 0 && between.length === 0) continue
    const stateAt = (events: typeof r.history): ConditionState | undefined => {
      let s: ConditionState | undefined
      for (const e of events) s = e.kind === 'opened' || e.kind === 'reopened' ? 'open' : e.kind
      return s
    }
    const before = stateAt(atFrom)
    const after = stateAt(upTo(to.assessedAt))!
    const kind: DiffKind =
      between.some((e) => e.kind === 'fixed') && after === 'fixed'
        ? 'fixed'
        : between.some((e) => e.kind === 'reopened')
          ? 'regressed'
          : before === undefined
            ? 'new'
            : 'unchanged'
    if (kind === 'unchanged' && after === 'fixed') continue // fixed before: history, not this quarter's news
    const decisions = between.flatMap((e) => (e.kind === 'risk-accepted' || e.kind === 'waived' ? [{state: e.kind, by: e.by, reason: e.reason, at: e.at}] : []))
    out.push({kind, id: r.id, title: r.title, severity: r.severity, due: r.due, state: after, decisions})
  }
  const order: Record<DiffKind, number> = {regressed: 0, new: 1, unchanged: 2, fixed: 3, gone: 4}
  return out.sort((a, b) => order[a.kind] - order[b.kind] || a.due.localeCompare(b.due) || a.id.localeCompare(b.id))
}
