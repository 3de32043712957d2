import type {ReportChanges} from '../report/report-model.js'
import type {AnswerValue} from '../questionnaire/questionnaire-types.js'
import type {AssessmentDiff} from './diff.js'

const words = (s: string | undefined): string => (s ?? 'none').replaceAll('-', ' ')
const answer = (v: AnswerValue | undefined): string =>
  v === undefined || v === null ? 'no answer' : v === true ? 'yes' : v === false ? 'no' : Array.isArray(v) ? v.join(', ') : String(v)

/**
 * The report's "changes since the previous assessment" section, in plain words, from the same diff that
 * `scanvet diff` prints: the verdict, then findings, answers and evidence.
 */
export const reportChangesOf = (d: AssessmentDiff): ReportChanges => {
  const c = d.counts
  const items: {change: string; text: string}[] = []
  if (d.verdict.changed) items.push({change: 'Verdict', text: `${words(d.verdict.from)} → ${words(d.verdict.to)}`})
  for (const f of d.findings) {
    const where = f.target ? ` (${f.target})` : ''
    const change = f.kind === 'new' ? 'New problem' : f.kind === 'resolved' ? 'Resolved' : 'Changed'
    items.push({change, text: `${f.title}${where}: ${words(f.from)} → ${words(f.to)}. ${f.message}`})
  }
  for (const a of d.answers) items.push({change: 'Answer changed', text: `${a.questionId}: ${answer(a.from)} → ${answer(a.to)}`})
  for (const e of d.evidence) items.push({change: `Evidence ${e.kind}`, text: `${e.label}: ${e.detail}`})
  return {
    previousId: d.from.id,
    previousDate: d.from.assessedAt.slice(0, 10),
    summary:
      items.length === 0
        ? 'Nothing changed since the previous assessment.'
        : `${c.newFindings} new problem(s), ${c.resolvedFindings} resolved, ${c.changedFindings} changed; ${c.answersChanged} answer(s) and ${c.evidenceChanged} piece(s) of evidence changed.`,
    items,
  }
}
