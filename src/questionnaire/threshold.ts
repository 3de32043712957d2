import type {Comparison, Condition} from '../conditions/condition-types.js'

/** An ISO 8601 duration in words ("P30D" → "30 days"); anything else unchanged. */
export const durationWords = (d: string): string => {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(d)
  if (!m || d === 'P' || d.endsWith('T')) return d
  const units = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second']
  const parts = m.slice(1).flatMap((n, i) => (n === undefined ? [] : [`${Number(n)} ${units[i]}${Number(n) === 1 ? '' : 's'}`]))
  return parts.join(' ') || d
}

const ORDER_OPS = ['lte', 'lt', 'gte', 'gt'] as const
export type ThresholdOp = (typeof ORDER_OPS)[number] | 'equals'

/** The comparison of a single-question condition that a threshold sets, if the condition is one. */
export const thresholdOf = (c: Condition, id: string): {op: ThresholdOp; value: unknown} | undefined => {
  const cmp = c as Comparison & Record<string, unknown>
  if (cmp.question !== id) return undefined
  for (const op of ORDER_OPS) if (op in cmp) return {op, value: cmp[op]}
  if ('equals' in cmp) return {op: 'equals', value: cmp.equals}
  return undefined
}

/** How a threshold reads in the report ("72 hours", "1 year"). */
export const thresholdWords = (v: unknown): string => (typeof v === 'string' ? durationWords(v) : String(v))
