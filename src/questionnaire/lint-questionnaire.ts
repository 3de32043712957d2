import type {Condition} from '../conditions/condition-types.js'
import {comparisonParts, evaluate} from '../conditions/evaluate.js'
import {isDuration} from '../conditions/duration.js'
import type {Framework} from '../controls/framework-types.js'
import type {Problem} from '../errors.js'
import {nodeAt, positionOf} from '../validation/locate.js'
import {sortProblems, validateText} from '../validation/validate-document.js'
import {isCalendarDate} from './answer-types.js'
import type {Question, Questionnaire} from './questionnaire-types.js'

export interface LintFramework {
  readonly file: string
  readonly framework: Framework
}

export interface LintOptions {
  readonly text: string
  readonly file: string
  /** The control catalogues; none means the "every question evidences a control" rule is skipped. */
  readonly frameworks: readonly LintFramework[]
}

export interface LintResult {
  readonly file: string
  readonly questionnaire?: {readonly id: string; readonly version: string; readonly questions: number}
  readonly problems: readonly Problem[]
  /** Rules skipped and why, and things worth knowing that are not errors. */
  readonly notes: readonly string[]
}

/** Past this many combinations of earlier answers, reachability is not enumerated (and not reported). */
const MAX_COMBINATIONS = 50_000
const CHOICE_OPS = new Set(['equals', 'notEquals', 'in', 'notIn', 'contains', 'containsAny'])

type Located = {question: Question; pointer: string; index: number}

/** Every comparison in a condition with its JSON pointer. */
const comparisons = (c: Condition, pointer: string): {c: Condition; pointer: string}[] => {
  if ('all' in c && c.all) return c.all.flatMap((x, i) => comparisons(x, `${pointer}/all/${i}`))
  if ('any' in c && c.any) return c.any.flatMap((x, i) => comparisons(x, `${pointer}/any/${i}`))
  if ('not' in c && c.not) return comparisons(c.not, `${pointer}/not`)
  return [{c, pointer}]
}

/** The values an operand names, for option and type checks. */
const operandValues = (op: string, operand: unknown): unknown[] => (['in', 'notIn', 'containsAny'].includes(op) ? (operand as unknown[]) : [operand])

/** Check one comparison's operand against the question it reads: options that exist, values of its type. */
const operandProblem = (subject: Question, op: string, operand: unknown): string | undefined => {
  if (op === 'answered' || op === 'exists' || op === 'isEmpty' || op === 'matches') return undefined
  const values = operandValues(op, operand)
  if (subject.type === 'yes-no') {
    if (!CHOICE_OPS.has(op) || values.some((v) => typeof v !== 'boolean')) return `'${subject.id}' is a yes-no question: compare it with equals: true or equals: false`
    return undefined
  }
  if (subject.type === 'single-choice' || subject.type === 'multi-choice') {
    if (!CHOICE_OPS.has(op)) return `'${op}' does not apply to the choice question '${subject.id}'`
    const options = (subject.options ?? []).map((o) => o.value)
    const flat = values.flatMap((v) => (Array.isArray(v) ? v : [v]))
    const missing = flat.filter((v) => typeof v !== 'string' || !options.includes(v))
    if (missing.length > 0) return `'${subject.id}' has no option ${missing.map((m) => `'${String(m)}'`).join(', ')}; its options: ${options.join(', ')}`
    return undefined
  }
  if (['gt', 'gte', 'lt', 'lte'].includes(op)) {
    const ok =
      subject.type === 'number' ? typeof operand === 'number' : subject.type === 'duration' ? isDuration(operand) : subject.type === 'date' ? typeof operand === 'string' && isCalendarDate(operand) : false
    if (!ok) return `'${op}' on the ${subject.type} question '${subject.id}' needs ${subject.type === 'number' ? 'a number' : subject.type === 'duration' ? 'an ISO 8601 duration such as P30D' : subject.type === 'date' ? 'a date YYYY-MM-DD' : 'a number, duration or date question'}`
  }
  return undefined
}

/** All subsets of a small option list (the empty one is "not answered"). */
const subsets = (values: readonly string[]): string[][] => {
  const out: string[][] = []
  for (let mask = 1; mask < 1 << values.length; mask++) out.push(values.filter((_, i) => mask & (1 << i)))
  return out
}

/** The answers a question can have, or undefined when they cannot be enumerated (free text, numbers, …). */
const domainOf = (q: Question, reachable: boolean): unknown[] | undefined => {
  if (!reachable) return [undefined]
  if (q.type === 'yes-no') return [true, false, undefined]
  if (q.type === 'single-choice') return [...(q.options ?? []).map((o) => o.value), undefined]
  if (q.type === 'multi-choice' && (q.options?.length ?? 0) <= 12) return [...subsets((q.options ?? []).map((o) => o.value)), undefined]
  return undefined
}

/** Can this `when` hold for some combination of answers to the questions it reads? undefined: cannot tell. */
const canHold = (when: Condition, subjects: readonly Question[], reachable: ReadonlyMap<string, boolean>): boolean | undefined => {
  const domains = subjects.map((s) => domainOf(s, reachable.get(s.id) ?? true))
  if (domains.some((d) => d === undefined)) return undefined
  const ds = domains as unknown[][]
  if (ds.reduce((n, d) => n * d.length, 1) > MAX_COMBINATIONS) return undefined
  const pick: unknown[] = new Array(ds.length)
  const walk = (i: number): boolean => {
    if (i === ds.length) {
      const values = new Map(subjects.map((s, k) => [s.id, pick[k]] as const))
      return evaluate(when, (id) => values.get(id)) === true
    }
    for (const v of ds[i]!) {
      pick[i] = v
      if (walk(i + 1)) return true
    }
    return false
  }
  return walk(0)
}

/**
 * Lint a questionnaire as content: the schema, unique ids and option values, every `when` reading an earlier
 * question and options that exist, no question whose `when` can never hold, and every question evidencing
 * at least one control of the catalogues given.
 */
export const lintQuestionnaire = (opts: LintOptions): LintResult => {
  const {file} = opts
  const parsed = validateText<Questionnaire>('questionnaire', opts.text, file)
  if (!parsed.success) return {file, problems: parsed.problems, notes: []}
  const {data: q, doc, lineCounter} = parsed
  const problems: Problem[] = []
  const notes: string[] = []
  const report = (pointer: string, message: string, atKey = false) => problems.push({file, ...positionOf(nodeAt(doc, pointer, atKey), lineCounter), message, pointer})

  const located: Located[] = []
  const sectionIds = new Set<string>()
  q.sections.forEach((s, si) => {
    if (sectionIds.has(s.id)) report(`/sections/${si}/id`, `section id '${s.id}' is used twice`)
    sectionIds.add(s.id)
    s.questions.forEach((question, qi) => located.push({question, pointer: `/sections/${si}/questions/${qi}`, index: located.length}))
  })
  const first = new Map<string, Located>()
  for (const l of located) {
    const dup = first.get(l.question.id)
    if (dup) report(`${l.pointer}/id`, `question id '${l.question.id}' is used twice (first at line ${positionOf(nodeAt(doc, `${dup.pointer}/id`), lineCounter).line})`)
    else first.set(l.question.id, l)
    const values = (l.question.options ?? []).map((o) => o.value)
    values.forEach((v, i) => {
      if (values.indexOf(v) !== i) report(`${l.pointer}/options/${i}/value`, `option '${v}' is listed twice in '${l.question.id}'`)
    })
  }

  const reachable = new Map<string, boolean>()
  for (const l of located) {
    const {question} = l
    const checkRefs = (cond: Condition, base: string, what: 'when' | 'expect', allowSelf: boolean): boolean => {
      let ok = true
      for (const {c, pointer} of comparisons(cond, base)) {
        const parts = comparisonParts(c)
        if (!parts) continue
        if (parts.subject === 'vendor.jurisdictions') {
          // A pseudo-question: the vendor's jurisdictions. Expectations may read it; a `when` uses jurisdictions tags.
          if (what === 'when') {
            report(`${pointer}/question`, `a when cannot read 'vendor.jurisdictions'; tag the question with jurisdictions: instead`)
            ok = false
          } else if (!['contains', 'containsAny', 'notIn', 'in'].includes(parts.op) || operandValues(parts.op, parts.operand).flat().some((v) => v !== 'US' && v !== 'EU')) {
            report(`${pointer}/${parts.op}`, `'vendor.jurisdictions' is a list of US, EU: compare it with contains or containsAny`)
            ok = false
          }
          continue
        }
        const target = first.get(parts.subject)
        const subjectPointer = `${pointer}/question`
        if (!target) {
          report(subjectPointer, `${what} refers to '${parts.subject}', which is not a question of this questionnaire`)
          ok = false
          continue
        }
        if (target.index > l.index || (target.index === l.index && !allowSelf)) {
          report(subjectPointer, `${what} of '${question.id}' refers to '${parts.subject}', which is ${target.index === l.index ? 'the question itself' : 'asked later'}; a question can only depend on earlier ones`)
          ok = false
          continue
        }
        const bad = operandProblem(target.question, parts.op, parts.operand)
        if (bad) {
          report(`${pointer}/${parts.op}`, bad)
          ok = false
        }
      }
      return ok
    }
    if (question.expect) {
      checkRefs(question.expect.condition, `${l.pointer}/expect/condition`, 'expect', true)
      if (question.expect.warn) checkRefs(question.expect.warn, `${l.pointer}/expect/warn`, 'expect', true)
    }
    if (!question.when) {
      reachable.set(question.id, true)
      continue
    }
    if (!checkRefs(question.when, `${l.pointer}/when`, 'when', false)) {
      reachable.set(question.id, true)
      continue
    }
    const subjectIds = [...new Set(comparisons(question.when, '').flatMap(({c}) => comparisonParts(c)?.subject ?? []))]
    const subjects = subjectIds.map((id) => first.get(id)!.question)
    const holds = canHold(question.when, subjects, reachable)
    reachable.set(question.id, holds !== false)
    if (holds === false) {
      const why = subjects.some((s) => reachable.get(s.id) === false) ? ' (it depends on a question that is itself never asked)' : ''
      report(`${l.pointer}/when`, `'${question.id}' can never be asked: no answers to ${subjectIds.join(', ')} make its when hold${why}`)
    }
  }

  if (opts.frameworks.length === 0) {
    notes.push('skipped rule "every question evidences a control": no framework catalogue found in checks/frameworks/')
  } else {
    const evidenced = new Set(opts.frameworks.flatMap((f) => f.framework.controls.flatMap((c) => c.evidence.questions ?? [])))
    const names = opts.frameworks.map((f) => f.framework.id).join(', ')
    for (const l of located) {
      if (!evidenced.has(l.question.id)) report(`${l.pointer}/id`, `'${l.question.id}' evidences no control in ${names}; list it under a control's evidence.questions, or drop it`)
    }
    const ids = new Set(located.map((l) => l.question.id))
    for (const f of opts.frameworks) {
      const dangling = [...new Set(f.framework.controls.flatMap((c) => c.evidence.questions ?? []))].filter((id) => !ids.has(id))
      if (dangling.length > 0) notes.push(`${f.file} names questions that ${q.id} ${q.version} does not have: ${dangling.join(', ')}`)
    }
  }
  return {file, questionnaire: {id: q.id, version: q.version, questions: located.length}, problems: sortProblems(problems), notes}
}
