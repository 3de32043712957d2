import type {Finding} from '../model/finding.js'

/**
 * The stable identity of a condition across rounds: the rule and where it was seen, never a round id or a
 * retention canary's token (each round plants a new canary, and "still served" this quarter is the same problem
 * as last quarter's).
 */
export const stableTarget = (target: string | undefined): string => (target ?? '').replace(/\s*\(canary [^)]*\)\s*$/, '').trim()

export const conditionKey = (f: Pick<Finding, 'ruleId' | 'target'>): string => {
  const t = stableTarget(f.target)
  return t ? `${f.ruleId}@${t}` : f.ruleId
}
