import {expectedForm} from './answer-types.js'
import {describeCondition} from './describe-condition.js'
import type {Question, Questionnaire} from './questionnaire-types.js'

export interface SheetVendor {
  readonly id: string
  readonly name: string
}

/** Words wrapped to `width`, each line prefixed (a YAML comment). */
const wrap = (text: string, prefix: string, width = 100): string[] => {
  const out: string[] = []
  for (const para of text.split(/\n\s*\n/)) {
    let line = ''
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line !== '' && prefix.length + line.length + 1 + word.length > width) {
        out.push(`${prefix}${line}`)
        line = word
      } else line = line === '' ? word : `${line} ${word}`
    }
    if (line !== '') out.push(`${prefix}${line}`)
  }
  return out.map((l) => l.trimEnd())
}

const example = (q: Question): string => {
  switch (q.type) {
    case 'yes-no':
      return 'yes'
    case 'single-choice':
      return q.options![0]!.value
    case 'multi-choice':
      return `[${q.options!.slice(0, 2).map((o) => o.value).join(', ')}]`
    case 'number':
      return '12'
    case 'date':
      return '2026-03-31'
    case 'duration':
      return 'P30D'
    case 'url':
      return 'https://example.com/security'
    case 'evidence-file':
      return 'soc2-type2-2025.pdf'
    case 'text':
      return '"your answer, in quotes if it has a colon or starts with a symbol"'
  }
}

const questionBlock = (q: Question): string[] => {
  const lines = ['', ...wrap(`${q.required ? '[required] ' : ''}${q.text}`, '  # ')]
  if (q.help) lines.push(...wrap(q.help, '  #   '))
  if (q.when) lines.push(...wrap(`Answer only if ${describeCondition(q.when)}; otherwise leave it empty.`, '  #   '))
  lines.push(...wrap(`Answer: ${expectedForm(q)}.`, '  #   '), `  #   For example: ${example(q)}`)
  if (q.options) {
    const w = Math.max(...q.options.map((o) => o.value.length))
    for (const o of q.options) lines.push(`  #     ${o.value.padEnd(w)}  ${o.label}`)
  }
  if (q.evidence?.length) lines.push(`  #   Back this answer with: ${q.evidence.join(', ')} (add it under evidence: at the end).`)
  lines.push(`  ${q.id}:`)
  return lines
}

/**
 * The answer sheet: the answers file with every question as a comment above an empty value to fill in.
 * `scanvet questionnaire import` reads it back; blank values mean "not answered".
 */
export const renderAnswerSheet = (q: Questionnaire, vendor: SheetVendor): string => {
  const out: string[] = [
    `# ${q.title} — version ${q.version}`,
    `# Answer sheet for ${vendor.name}.`,
    '#',
    ...wrap(q.description ?? '', '# '),
    '#',
    '# How to fill it in: write each answer after the colon of its question, on the same line. Leave a',
    '# question empty if you cannot answer it. Questions marked [required] must be answered. Some',
    '# questions apply only after certain answers ("Answer only if ..."); leave those empty otherwise.',
    '# Lists are written in brackets: [xray, ct]. Yes/no questions take yes or no.',
    '# To explain an answer, add it under comments: at the end, e.g.   at-rest.algorithm: "AES-256 in GCM mode"',
    '# Send this file back with any documents it names. Keep the first three lines as they are.',
    `questionnaire: ${q.id}`,
    `version: "${q.version}"`,
    `vendor: ${vendor.id}`,
    '# Who filled this in (optional):',
    'respondent:',
    '  name:',
    '  role:',
    '  email:',
    'answers:',
  ]
  for (const section of q.sections) {
    out.push('', `  # ${'='.repeat(96)}`, ...wrap(section.title.toUpperCase(), '  # '))
    if (section.intro) out.push(...wrap(section.intro, '  # '))
    out.push(`  # ${'='.repeat(96)}`)
    for (const question of section.questions) out.push(...questionBlock(question))
  }
  out.push(
    '',
    '# Optional: a comment on any question, by its id.',
    'comments:',
    '',
    '# Documents that back an answer, by question id, with the file name as sent beside this file, e.g.',
    '#   <question id>: {path: signed-agreement.pdf}',
    'evidence:',
  )
  return `${out.join('\n')}\n`
}
