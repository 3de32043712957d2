import {askedAndAnswered} from '../../src/questionnaire/canonical-answers.js'
import type {AnswerValue, AnswersFile, Questionnaire} from '../../src/questionnaire/questionnaire-types.js'

/** The same responses to the mini fixture questionnaire, given through every way of answering. */
export const MINI_RESPONSES: AnswersFile = {
  questionnaire: 'mini',
  version: '2026.2',
  vendor: 'acme',
  respondent: {name: 'Jane Doe', role: 'Security lead', email: 'jane@vendor.example'},
  answers: {
    'mini.hosting': 'hybrid',
    'mini.encrypted': true,
    'mini.algorithm': 'aes-128',
    'mini.regions': ['us', 'eu'],
    'mini.eu-basis': 'sccs',
    'mini.retention': 'P45D',
    'mini.staff': 12,
    'mini.pentest-date': '2026-02-15',
    'mini.policy-url': 'https://vendor.example/security',
    'mini.notes': 'Keys rotate yearly: see policy "K-1" #2',
    'mini.soc2': true,
    'mini.soc2-report': 'soc2.pdf',
  },
  evidence: {'mini.encrypted': {path: 'policy.pdf'}},
}

const typed = (v: AnswerValue): string => (v === true ? 'y' : v === false ? 'n' : Array.isArray(v) ? v.join(',') : String(v))

/** The lines a person types into `scanvet questionnaire answer` to give these responses (Enter skips). */
export const terminalLines = (q: Questionnaire, r: AnswersFile): string[] => {
  const who = r.respondent ?? {}
  const lines = [who.name ?? '', who.role ?? '', who.email ?? '']
  const byId = new Map(q.sections.flatMap((s) => s.questions).map((x) => [x.id, x] as const))
  for (const id of askedAndAnswered(q, r.answers).asked) {
    const v = r.answers[id]
    lines.push(v === undefined ? '' : typed(v))
    // After an answer to a question that names document kinds, the terminal offers to attach one.
    const question = byId.get(id)!
    if (v !== undefined && question.evidence?.length && question.type !== 'evidence-file') lines.push(r.evidence?.[id]?.path ?? '')
  }
  return lines
}
