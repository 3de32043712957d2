import type {Located} from './soc2-types.js'

/** A page's text with line breaks turned into spaces, for sentences that wrap. */
export const flatten = (page: string): string => {
  let flat = FLAT.get(page)
  if (flat === undefined) {
    flat = page.replace(/\s*\n\s*/g, ' ')
    // Every extractor searches the same pages: flattened once each, not once per pattern (a third of the read).
    if (FLAT.size > 4096) FLAT.clear()
    FLAT.set(page, flat)
  }
  return flat
}
const FLAT = new Map<string, string>()
const SINGLE = new WeakMap<RegExp, RegExp>()
/** `re` without its g flag, made once: exec on a global pattern would start where the last search stopped. */
const single = (re: RegExp): RegExp => {
  let r = SINGLE.get(re)
  if (!r) {
    r = new RegExp(re.source, re.flags.replace('g', ''))
    SINGLE.set(re, r)
  }
  return r
}

/** The sentence-ish context around a match, for the report's excerpt column. */
export const excerptAt = (text: string, index: number, length: number, radius = 90): string => {
  const start = Math.max(0, index - radius)
  const end = Math.min(text.length, index + length + radius)
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`
}

export interface PageMatch {
  readonly match: RegExpExecArray
  readonly page: number
  readonly text: string
}

/** The first match in reading order (page by page, on flattened text). */
export const firstMatch = (pages: readonly string[], re: RegExp, from = 0): PageMatch | undefined => {
  for (let i = from; i < pages.length; i++) {
    const text = flatten(pages[i]!)
    const match = single(re).exec(text)
    if (match) return {match, page: i + 1, text}
  }
  return undefined
}

/** A match on page `i` (0-based) alone: for rules tried page by page, which would otherwise search every later page from each one. */
export const matchOn = (pages: readonly string[], re: RegExp, i: number): PageMatch | undefined => {
  const text = flatten(pages[i]!)
  const match = single(re).exec(text)
  return match ? {match, page: i + 1, text} : undefined
}

export const located = <T>(value: T, m: PageMatch): Located<T> => ({value, page: m.page, excerpt: excerptAt(m.text, m.match.index, m.match[0].length)})

/** Trust services criteria codes as they are cited: CC6.1, A1.2, C1.1, PI1.3, P4.2. */
export const CRITERION = /\b(?:CC\d{1,2}\.\d{1,2}|A1\.\d{1,2}|C1\.\d{1,2}|PI1\.\d{1,2}|P\d\.\d{1,2})\b/g

export const criteriaIn = (text: string): string[] => [...new Set(text.match(CRITERION) ?? [])]
