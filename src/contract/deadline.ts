const WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fourteen: 14, fifteen: 15, twenty: 20, 'twenty-four': 24, thirty: 30, 'forty-five': 45, 'forty-eight': 48, sixty: 60,
  'seventy-two': 72, ninety: 90, 'one hundred twenty': 120, 'one hundred and twenty': 120,
}

export type Deadline =
  | {readonly kind: 'fixed'; readonly hours: number; readonly words: string}
  | {readonly kind: 'open'; readonly words: string}

const NUM = `(\\d{1,3}|${Object.keys(WORDS).sort((a, b) => b.length - a.length).join('|')})`
const FIXED = new RegExp(`\\b${NUM}(?:\\s*\\((\\d{1,3})\\))?\\s*(business|working|calendar)?\\s*(hours?|days?|weeks?|months?)\\b`, 'gi')
const OPEN = /\b(reasonable (time|period)|reasonably practicable|as soon as (reasonably )?practicable|in a timely manner|timely|promptly|within a reasonable)\b/i

/**
 * The deadlines a sentence sets. "ten (10) business days" → 336 hours (a business week is 7/5 calendar days);
 * "a reasonable time" or "promptly" without a number is open-ended.
 */
export const deadlinesOf = (s: string): Deadline[] => {
  const out: Deadline[] = []
  for (const m of s.matchAll(FIXED)) {
    const n = m[2] ? Number(m[2]) : /^\d/.test(m[1]!) ? Number(m[1]) : WORDS[m[1]!.toLowerCase()]
    if (n === undefined) continue
    const unit = m[4]!.toLowerCase()
    const business = /business|working/i.test(m[3] ?? '')
    const days = unit.startsWith('hour') ? n / 24 : unit.startsWith('day') ? (business ? (n * 7) / 5 : n) : unit.startsWith('week') ? n * 7 : n * 30
    out.push({kind: 'fixed', hours: Math.round(days * 24), words: m[0]})
  }
  const open = OPEN.exec(s)
  if (out.length === 0 && open) out.push({kind: 'open', words: open[0]})
  return out
}
