import {isDuration} from '../conditions/duration.js'
import type {AnswerValue, Question} from './questionnaire-types.js'

export type ValueCheck = {readonly ok: true; readonly value: AnswerValue; readonly message?: never} | {readonly ok: false; readonly message: string; readonly value?: never}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export const isCalendarDate = (s: string): boolean => {
  const m = DATE.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === s
}

export const isWebUrl = (s: string): boolean => {
  if (!/^https?:\/\/\S+$/i.test(s)) return false
  try {
    return new URL(s).hostname !== ''
  } catch {
    return false
  }
}

const describe = (v: unknown): string =>
  v === null ? 'nothing' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : typeof v === 'string' ? `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"` : String(v)

const optionList = (q: Question): string => (q.options ?? []).map((o) => o.value).join(', ')

/** What a question of this type accepts, in words, for answer sheets, prompts and error messages. */
export const expectedForm = (q: Question): string => {
  switch (q.type) {
    case 'yes-no':
      return 'yes or no'
    case 'single-choice':
      return `one of: ${optionList(q)}`
    case 'multi-choice':
      return `a list of any of: ${optionList(q)}`
    case 'text':
      return 'text'
    case 'number':
      return q.unit ? `a number (${q.unit})` : 'a number'
    case 'date':
      return 'a date, YYYY-MM-DD'
    case 'duration':
      return 'an ISO 8601 duration, e.g. P30D (30 days), PT48H (48 hours), P1Y (a year)'
    case 'url':
      return 'a web address starting with https://'
    case 'evidence-file':
      return 'the file name of a document you send with this file'
  }
}

/**
 * Check one given value against its question's type and return it in canonical form (yes/no → boolean,
 * multi-choice as given — ordering is canonical-answers' job). Never throws: any YAML value is judged.
 */
export const checkValue = (q: Question, v: unknown): ValueCheck => {
  const bad = (): ValueCheck => ({ok: false, message: `'${q.id}' expects ${expectedForm(q)}; got ${describe(v)}`})
  const options = (q.options ?? []).map((o) => o.value)
  switch (q.type) {
    case 'yes-no':
      if (typeof v === 'boolean') return {ok: true, value: v}
      if (typeof v === 'string' && /^(yes|no|true|false)$/i.test(v.trim())) return {ok: true, value: /^(yes|true)$/i.test(v.trim())}
      return bad()
    case 'single-choice':
      return typeof v === 'string' && options.includes(v) ? {ok: true, value: v} : bad()
    case 'multi-choice': {
      const list = typeof v === 'string' ? [v] : v
      if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) return bad()
      const unknown = (list as string[]).filter((x) => !options.includes(x))
      if (unknown.length > 0) return {ok: false, message: `'${q.id}': ${unknown.map((x) => `'${x}'`).join(', ')} ${unknown.length === 1 ? 'is not an option' : 'are not options'}; choose from: ${optionList(q)}`}
      const dupes = (list as string[]).filter((x, i) => list.indexOf(x) !== i)
      if (dupes.length > 0) return {ok: false, message: `'${q.id}': '${dupes[0]}' is listed twice`}
      return {ok: true, value: list as string[]}
    }
    case 'text':
    case 'evidence-file':
      return typeof v === 'string' && v.trim() !== '' ? {ok: true, value: v} : typeof v === 'number' || typeof v === 'boolean' ? {ok: false, message: `'${q.id}' expects ${expectedForm(q)}; got ${describe(v)} (put it in quotes to keep it as text)`} : bad()
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? {ok: true, value: v} : bad()
    case 'date':
      return typeof v === 'string' && isCalendarDate(v) ? {ok: true, value: v} : bad()
    case 'duration':
      return typeof v === 'string' && isDuration(v) ? {ok: true, value: v} : bad()
    case 'url':
      return typeof v === 'string' && isWebUrl(v) ? {ok: true, value: v} : bad()
  }
}

/** Edit distance, for "did you mean" on a mistyped question id. */
export const editDistance = (a: string, b: string): number => {
  const row = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = cur
    }
  }
  return row[b.length]!
}

export const closest = (id: string, ids: readonly string[]): string | undefined => {
  let best: string | undefined
  let bestD = Math.max(3, Math.floor(id.length / 4)) + 1
  for (const c of ids) {
    const d = editDistance(id, c)
    if (d < bestD) {
      best = c
      bestD = d
    }
  }
  return best
}
