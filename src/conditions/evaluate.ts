import {COMPARISON_OPS, type ComparisonOp} from '../schemas/condition.js'
import type {Condition, Truth} from './condition-types.js'
import {durationSeconds} from './duration.js'

export type Resolver = (subject: string) => unknown

const DATE = /^\d{4}-\d{2}-\d{2}$/

const isBlank = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/** Order two values: numbers, ISO durations and ISO dates compare naturally; anything else is unknown. */
const order = (a: unknown, b: unknown): number | undefined => {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'string' && typeof b === 'string') {
    const da = durationSeconds(a)
    const db = durationSeconds(b)
    if (da !== undefined && db !== undefined) return da - db
    if (DATE.test(a) && DATE.test(b)) return a < b ? -1 : a > b ? 1 : 0
  }
  return undefined
}

const compare = (op: ComparisonOp, value: unknown, operand: unknown): Truth => {
  if (op === 'answered' || op === 'exists') return !isBlank(value) === operand
  if (value === undefined) return undefined
  switch (op) {
    case 'equals':
      return sameValue(value, operand)
    case 'notEquals':
      return !sameValue(value, operand)
    case 'in':
      return (operand as unknown[]).some((o) => sameValue(value, o))
    case 'notIn':
      return !(operand as unknown[]).some((o) => sameValue(value, o))
    case 'contains':
      if (Array.isArray(value)) return value.some((v) => sameValue(v, operand))
      return typeof value === 'string' && typeof operand === 'string' ? value.includes(operand) : false
    case 'containsAny':
      return Array.isArray(value) ? value.some((v) => (operand as unknown[]).some((o) => sameValue(v, o))) : (operand as unknown[]).some((o) => sameValue(value, o))
    case 'isEmpty':
      return isBlank(value) === operand
    case 'matches': {
      const re = new RegExp(operand as string)
      return Array.isArray(value) ? value.some((v) => re.test(String(v))) : re.test(String(value))
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const o = order(value, operand)
      if (o === undefined) return undefined
      return op === 'gt' ? o > 0 : op === 'gte' ? o >= 0 : op === 'lt' ? o < 0 : o <= 0
    }
  }
}

/** The comparison's subject (question or fact id) and its operator. */
export const comparisonParts = (c: object): {subject: string; op: ComparisonOp; operand: unknown} | undefined => {
  const subject = (c as {question?: string}).question ?? (c as {fact?: string}).fact
  const op = COMPARISON_OPS.find((k) => k in c)
  if (subject === undefined || op === undefined) return undefined
  return {subject, op, operand: (c as Record<string, unknown>)[op]}
}

/** Evaluate a condition in three-valued logic: an unknown subject makes the result unknown unless the rest decides it. */
export const evaluate = (cond: Condition, resolve: Resolver): Truth => {
  if ('all' in cond && cond.all) {
    const r = cond.all.map((c) => evaluate(c, resolve))
    return r.includes(false) ? false : r.includes(undefined) ? undefined : true
  }
  if ('any' in cond && cond.any) {
    const r = cond.any.map((c) => evaluate(c, resolve))
    return r.includes(true) ? true : r.includes(undefined) ? undefined : false
  }
  if ('not' in cond && cond.not) {
    const r = evaluate(cond.not, resolve)
    return r === undefined ? undefined : !r
  }
  const parts = comparisonParts(cond)
  if (!parts) return undefined
  return compare(parts.op, resolve(parts.subject), parts.operand)
}

/** The ids a condition reads, for linting references. */
export const subjectsOf = (cond: Condition): string[] => {
  if ('all' in cond && cond.all) return cond.all.flatMap(subjectsOf)
  if ('any' in cond && cond.any) return cond.any.flatMap(subjectsOf)
  if ('not' in cond && cond.not) return subjectsOf(cond.not)
  const parts = comparisonParts(cond)
  return parts ? [parts.subject] : []
}

/** Resolve a dotted path ("certificate.daysLeft") in a facts object. */
export const factResolver = (facts: unknown): Resolver => (subject) => {
  let v: unknown = facts
  for (const key of subject.split('.')) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[key]
  }
  return v
}
