import type {Condition} from '../conditions/condition-types.js'
import {comparisonParts} from '../conditions/evaluate.js'
import {durationWords} from './threshold.js'
import type {Question} from './questionnaire-types.js'

const quote = (s: string): string => `“${s}”`

/**
 * A `when` as the vendor filling the form reads it: the earlier question by its text and the answer by its
 * label ("you answered “Yes” to “Will you sign a HIPAA business associate agreement …?”"), never a question id.
 * Falls back to neutral words for conditions on facts the vendor never sees.
 */
export const describeConditionForVendor = (c: Condition, byId: ReadonlyMap<string, Question>): string => {
  if ('all' in c && c.all) return c.all.map((x) => describeConditionForVendor(x, byId)).join(', and ')
  if ('any' in c && c.any) return c.any.map((x) => describeConditionForVendor(x, byId)).join(', or ')
  if ('not' in c && c.not) return `it is not the case that ${describeConditionForVendor(c.not, byId)}`
  const p = comparisonParts(c)
  const q = p ? byId.get(p.subject) : undefined
  if (!p || !q) return 'of your earlier answers'
  const label = (v: unknown): string => {
    if (v === true) return quote('Yes')
    if (v === false) return quote('No')
    if (q.type === 'duration' && typeof v === 'string') return quote(durationWords(v))
    const o = (q.options ?? []).find((x) => x.value === v)
    return quote(o ? o.label : String(v))
  }
  const labels = (v: unknown): string => (Array.isArray(v) ? v.map(label).join(' or ') : label(v))
  const to = quote(q.text)
  switch (p.op) {
    case 'equals':
    case 'in':
      return `you answered ${labels(p.operand)} to ${to}`
    case 'notEquals':
    case 'notIn':
      return `you did not answer ${labels(p.operand)} to ${to}`
    case 'contains':
    case 'containsAny':
      return `you chose ${labels(p.operand)} for ${to}`
    case 'gt':
      return `your answer to ${to} is more than ${labels(p.operand)}`
    case 'gte':
      return `your answer to ${to} is at least ${labels(p.operand)}`
    case 'lt':
      return `your answer to ${to} is less than ${labels(p.operand)}`
    case 'lte':
      return `your answer to ${to} is at most ${labels(p.operand)}`
    case 'answered':
    case 'exists':
      return p.operand ? `you answered ${to}` : `you left ${to} unanswered`
    case 'isEmpty':
      return p.operand ? `you chose nothing for ${to}` : `you chose something for ${to}`
    case 'matches':
      return `of your answer to ${to}`
  }
}
