/*
 * The canonical answers file: ONE function decides key order and formatting, and every way of answering
 * (the YAML sheet through import, the HTML form, the terminal) ends in it, so the same responses give the
 * same bytes. This file is also embedded, compiled, in the HTML form (see form-script.ts): it must stay
 * self-contained — no imports except types and the embedded modules listed before it in form-script.ts, no
 * Node APIs, and top-level names that no other embedded file uses.
 */
import {base64Lines, isEmbeddedDocument} from './embedded-document.js'
import type {AnswersFile, AnswerValue} from './questionnaire-types.js'

const YAML_RESERVED_WORDS = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null'])
const PLAIN_SAFE = /^[A-Za-z][A-Za-z0-9_.-]*$/

/** YAML's printable set (YAML 1.2 c-printable); anything else is escaped. */
const isPrintableCode = (c: number): boolean =>
  c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd)

const hex4 = (c: number): string => `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`

/** A double-quoted YAML scalar: `"`, `\` and every non-printable or line-breaking character escaped. */
const quoteYamlString = (s: string): string => {
  let out = '"'
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!
        i++
        continue
      }
    }
    if (c === 0x22) out += '\\"'
    else if (c === 0x5c) out += '\\\\'
    else if (c === 0x0a) out += '\\n'
    else if (c === 0x09) out += '\\t'
    else if (c === 0x0d) out += '\\r'
    else if (c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff || !isPrintableCode(c)) out += hex4(c)
    else out += s[i]
  }
  return `${out}"`
}

/** Plain when it cannot be read back as anything but this string; quoted otherwise. */
const yamlString = (s: string): string => (PLAIN_SAFE.test(s) && !YAML_RESERVED_WORDS.has(s.toLowerCase()) ? s : quoteYamlString(s))

const yamlScalar = (v: string | number | boolean): string => {
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'number') return Object.is(v, -0) ? '0' : String(v)
  return yamlString(v)
}

const yamlAnswer = (v: AnswerValue): string =>
  Array.isArray(v) ? `[${(v as readonly string[]).map(yamlString).join(', ')}]` : yamlScalar(v as string | number | boolean)

/** Keys in the questionnaire's order; any key it does not know (never after import) last, sorted. */
const orderedKeys = (keys: readonly string[], order: readonly string[]): string[] => {
  const rank = new Map(order.map((id, i) => [id, i] as const))
  return [...keys].sort((a, b) => {
    const ra = rank.get(a)
    const rb = rank.get(b)
    if (ra !== undefined && rb !== undefined) return ra - rb
    if (ra !== undefined) return -1
    if (rb !== undefined) return 1
    return a < b ? -1 : a > b ? 1 : 0
  })
}

const RESPONDENT_KEYS = ['name', 'role', 'email'] as const

/**
 * The canonical YAML text of an answers file. `questionOrder` is every question id in questionnaire order.
 * Answers that are blank (null, '', []) are left out: an unanswered question has no key.
 */
export const serialiseAnswers = (file: AnswersFile, questionOrder: readonly string[]): string => {
  const lines: string[] = [`questionnaire: ${yamlString(file.questionnaire)}`, `version: ${quoteYamlString(file.version)}`]
  if (file.vendor !== undefined) lines.push(`vendor: ${yamlString(file.vendor)}`)
  const respondent = file.respondent ?? {}
  const who = RESPONDENT_KEYS.filter((k) => typeof respondent[k] === 'string' && respondent[k] !== '')
  if (who.length > 0) {
    lines.push('respondent:')
    for (const k of who) lines.push(`  ${k}: ${yamlString(respondent[k]!)}`)
  }
  const given = Object.keys(file.answers).filter((k) => {
    const v = file.answers[k]
    return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)
  })
  if (given.length === 0) lines.push('answers: {}')
  else {
    lines.push('answers:')
    for (const k of orderedKeys(given, questionOrder)) lines.push(`  ${yamlString(k)}: ${yamlAnswer(file.answers[k]!)}`)
  }
  const comments = file.comments ?? {}
  const commented = Object.keys(comments).filter((k) => typeof comments[k] === 'string' && comments[k] !== '')
  if (commented.length > 0) {
    lines.push('comments:')
    for (const k of orderedKeys(commented, questionOrder)) lines.push(`  ${yamlString(k)}: ${yamlString(comments[k]!)}`)
  }
  const evidence = file.evidence ?? {}
  const hashed = Object.keys(evidence)
  if (hashed.length > 0) {
    lines.push('evidence:')
    for (const k of orderedKeys(hashed, questionOrder)) {
      const e = evidence[k]!
      if (isEmbeddedDocument(e)) {
        // A document the form attached: its bytes travel in the file, as wrapped base64 in a literal block.
        const body = base64Lines(e.content)
        lines.push(`  ${yamlString(k)}:`, `    name: ${yamlString(e.name)}`, `    size: ${yamlScalar(e.size)}`, `    sha256: ${yamlString(e.sha256)}`)
        if (body.length === 0) lines.push('    content: ""')
        else {
          // One push a line: a 10 MiB document is 180,000 lines, too many for a spread's arguments.
          lines.push('    content: |-')
          for (const l of body) lines.push(`      ${l}`)
        }
        continue
      }
      lines.push(`  ${yamlString(k)}:`, `    path: ${yamlString(e.path)}`)
      // The form cannot hash the files it names; import adds the hash.
      if (typeof e.sha256 === 'string') lines.push(`    sha256: ${yamlString(e.sha256)}`)
    }
  }
  return `${lines.join('\n')}\n`
}
