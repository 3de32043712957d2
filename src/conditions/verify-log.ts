import type {StoredRound} from '../history/load-round.js'
import type {StoredEntry} from './condition-log.js'

/**
 * Problems with the condition log, in plain sentences: every entry must link to the one before it, must name a
 * round that is in the history with the bytes it had, and every round written after entries must carry the
 * log's head as it was then (so a signed report seals each decision made before it).
 */
export const verifyConditionLog = (log: readonly StoredEntry[], rounds: readonly StoredRound[]): string[] => {
  const problems: string[] = []
  const roundSha = new Map(rounds.map((r) => [r.id, r.sha256]))
  log.forEach((s, i) => {
    const e = s.entry
    if (e.seq !== i + 1) problems.push(`Condition entry ${i + 1}: it says it is entry ${e.seq}: an entry was removed or inserted.`)
    const prev = i > 0 ? log[i - 1]!.sha256 : undefined
    if (e.previous !== prev) {
      problems.push(
        prev === undefined
          ? `Condition entry 1: it links to an earlier entry, but it is the first: entries were removed.`
          : `Condition entry ${i + 1}: condition entry ${i} was changed after this entry was written (recorded SHA-256 ${(e.previous ?? 'none').slice(0, 12)}…, now ${prev.slice(0, 12)}…).`,
      )
    }
    const sha = roundSha.get(e.round.id)
    if (sha === undefined) problems.push(`Condition entry ${i + 1}: it was made against round ${e.round.id}, which is no longer in the history.`)
    else if (sha !== e.round.sha256) problems.push(`Condition entry ${i + 1}: round ${e.round.id} changed after this decision was recorded.`)
  })
  for (const r of rounds) {
    if (r.status !== 'readable') continue
    const head = r.assessment.conditionLog
    if (!head) continue
    const at = log[head.count - 1]
    if (!at) problems.push(`Round ${r.id}: it seals ${head.count} condition entr${head.count === 1 ? 'y' : 'ies'}, but the log holds ${log.length}: entries were removed.`)
    else if (at.sha256 !== head.sha256) problems.push(`Round ${r.id}: condition entry ${head.count} was changed after this round was written.`)
  }
  return problems
}
