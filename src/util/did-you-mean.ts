/** Edit distance (Levenshtein), for "did you mean" on commands, flags, vendor ids and round ids. */
export const editDistance = (a: string, b: string): number => {
  const prev = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!
    prev[0] = i
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = up
    }
  }
  return prev[b.length]!
}

/**
 * The closest candidate, or undefined when none is close enough to be a typo (at most a third of the word
 * differs): suggesting an unrelated name is worse than suggesting none.
 */
export const closest = (word: string, candidates: readonly string[]): string | undefined => {
  let best: {c: string; d: number} | undefined
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase())
    if (best === undefined || d < best.d) best = {c, d}
  }
  return best !== undefined && best.d <= Math.max(1, Math.floor(Math.max(word.length, best.c.length) / 3)) ? best.c : undefined
}
