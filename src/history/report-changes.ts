import type {ReportChanges} from '../report/report-model.js'
import type {AnswerValue} from '../questionnaire/questionnaire-types.js'
import type {AssessmentDiff, DiffKind} from './diff.js'

const CHANGE_WORDS: Readonly<Record<DiffKind, string>> = {fixed: 'Fixed', regressed: 'Regressed', new: 'New', gone: 'Gone', unchanged: 'Still open'}

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
  // Still-open findings are the conditions table's to show; the changes list only what moved.
  for (const f of d.findings.filter((x) => x.kind !== 'unchanged')) {
    const where = f.target ? ` (${f.target})` : ''
    const change = CHANGE_WORDS[f.kind]
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
        : `${c.fixed} fixed, ${c.regressed} regressed, ${c.new} new, ${c.gone} gone; ${c.answersChanged} answer(s) and ${c.evidenceChanged} piece(s) of evidence changed.`,
    items,
  }
}
