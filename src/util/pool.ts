/** Map with at most `limit` calls in flight; results keep input order. */
export const mapLimit = async <T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> => {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!, i)
    }
  }
  await Promise.all(Array.from({length: Math.max(1, Math.min(limit, items.length))}, worker))
  return results
}

/** A shared limiter: many callers, one bound (e.g. connections across all endpoints). */
export const limiter = (limit: number) => {
  let active = 0
  const queue: (() => void)[] = []
  return async <R>(fn: () => Promise<R>): Promise<R> => {
    // A released slot is handed straight to the next waiter (active stays counted), so a caller arriving in
    // between cannot slip past the bound.
    if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve))
    else active++
    try {
      return await fn()
    } finally {
      const next = queue.shift()
      if (next) next()
      else active--
    }
  }
}
