import type {Condition} from '../conditions/condition-types.js'
import {comparisonParts} from '../conditions/evaluate.js'

const show = (v: unknown): string => (v === true ? 'yes' : v === false ? 'no' : Array.isArray(v) ? v.map(show).join(' or ') : String(v))

/** A `when` in plain words, e.g. "training.use is opt-in or opt-out", for answer sheets and messages. */
export const describeCondition = (c: Condition): string => {
  if ('all' in c && c.all) return c.all.map(describeCondition).join(' and ')
  if ('any' in c && c.any) return `(${c.any.map(describeCondition).join(') or (')})`
  if ('not' in c && c.not) return `not (${describeCondition(c.not)})`
  const p = comparisonParts(c)
  if (!p) return 'never'
  const s = p.subject
  switch (p.op) {
    case 'equals':
      return `${s} is ${show(p.operand)}`
    case 'notEquals':
      return `${s} is not ${show(p.operand)}`
    case 'in':
      return `${s} is ${show(p.operand)}`
    case 'notIn':
      return `${s} is not ${show(p.operand)}`
    case 'contains':
      return `${s} includes ${show(p.operand)}`
    case 'containsAny':
      return `${s} includes ${show(p.operand)}`
    case 'gt':
      return `${s} is more than ${show(p.operand)}`
    case 'gte':
      return `${s} is at least ${show(p.operand)}`
    case 'lt':
      return `${s} is less than ${show(p.operand)}`
    case 'lte':
      return `${s} is at most ${show(p.operand)}`
    case 'answered':
    case 'exists':
      return p.operand ? `${s} is answered` : `${s} is not answered`
    case 'isEmpty':
      return p.operand ? `${s} is empty` : `${s} is not empty`
    case 'matches':
      return `${s} matches /${String(p.operand)}/`
  }
}
