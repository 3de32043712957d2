const STOP = new Set(['and', 'the', 'for', 'with', 'our', 'your', 'service', 'services', 'platform', 'system', 'solution', 'software', 'saas', 'inc', 'llc', 'ltd'])

const words = (s: string): string[] =>
  s
    .toLowerCase()
    .replace(/x[\s-]?rays?/g, 'xray')
    .split(/[^a-z0-9]+/)
    .map((w) => w.replace(/s$/, ''))
    .filter((w) => w.length >= 3 && !STOP.has(w))

export interface ScopeMatch {
  readonly coversService: 'full' | 'partial' | 'none'
  readonly matched: readonly string[]
  readonly missing: readonly string[]
}

/**
 * Does the report's system description name the service the practice uses? A word match, so a partial match
 * is a warning for a person to confirm (or to state `coversService: true` in the profile), never a pass.
 */
export const matchScope = (service: string, described: readonly string[]): ScopeMatch => {
  const wanted = [...new Set(words(service))]
  const have = new Set(described.flatMap(words))
  const matched = wanted.filter((w) => have.has(w))
  const missing = wanted.filter((w) => !have.has(w))
  const coversService = wanted.length > 0 && missing.length === 0 ? 'full' : matched.length > 0 && matched.length * 2 >= wanted.length ? 'partial' : 'none'
  return {coversService, matched, missing}
}
