import {addDays, addMonths, DATE, isAmbiguousDate, parseDate, type DateOrder} from './dates.js'
import type {Located, ReportType} from './soc2-types.js'
import {firstMatch, located, matchOn} from './text-search.js'

const EXPLICIT_TYPE = /\b(?:Type|TYPE)\s+(II|2|I|1)\b(?!\s*diabetes)/
const SOC_CONTEXT = /SOC\)?\s*2|system and organi[sz]ation controls|service organi[sz]ation|report on controls/i

/** "Type 2" / "Type II" as the report names itself, else the wording of the opinion (design only, or design and operation). */
export const extractType = (pages: readonly string[]): Located<ReportType> | undefined => {
  for (let i = 0; i < pages.length; i++) {
    if (!SOC_CONTEXT.test(pages[i]!)) continue
    const m = matchOn(pages, EXPLICIT_TYPE, i)
    if (m && m.page === i + 1) return located(m.match[1] === 'II' || m.match[1] === '2' ? 'Type II' : 'Type I', m)
  }
  const operating = firstMatch(pages, /operating effectiveness of (?:its |the )?controls[^.]{0,200}?throughout the period/i)
  if (operating) return located('Type II', operating)
  const design = firstMatch(pages, new RegExp(`suitability of the design of (?:its |the )?controls[^.]{0,200}?as (?:of|at) ${DATE}`, 'i'))
  if (design && !firstMatch(pages, /operating effectiveness/i)) return located('Type I', design)
  return undefined
}

const SEP = '(?:through|thru|until|to|and ending(?: on)?|and|[-–—])'
const PERIOD = new RegExp(`(?:period|months)[^.\\d]{0,30}?(${DATE})\\s*,?\\s*${SEP}\\s*(${DATE})`, 'i')
const ENDED = new RegExp(`(twelve|12|six|6|nine|9|three|3)[- ]months?(?: period)? ended (?:on )?(${DATE})|\\byear ended (?:on )?(${DATE})`, 'i')
const ENDED_ONLY = new RegExp(`\\bperiod end(?:ed|ing)?\\s*(?:on\\s*|\\||:)?\\s*(${DATE})`, 'i')
const MONTHS: Readonly<Record<string, number>> = {twelve: 12, '12': 12, six: 6, '6': 6, nine: 9, '9': 9, three: 3, '3': 3}

/**
 * The examination period of a Type II: "for the period January 1, 2025 through December 31, 2025" and its
 * variants; "for the period ended …" gives the end only.
 */
export const extractPeriod = (pages: readonly string[], order?: DateOrder): Located<{start?: string; end: string}> | undefined => {
  const m = firstMatch(pages, PERIOD)
  const e = firstMatch(pages, ENDED)
  if (m && (!e || m.page <= e.page)) {
    const start = parseDate(m.match[1]!, order)
    const end = parseDate(m.match[2]!, order)
    if (start && end && start < end) return located({start, end}, m)
  }
  if (e) {
    const end = parseDate(e.match[2] ?? e.match[3]!, order)
    const months = e.match[1] ? MONTHS[e.match[1].toLowerCase()]! : 12
    if (end) return located({start: addMonths(addDays(end, 1), -months), end}, e)
  }
  const o = firstMatch(pages, ENDED_ONLY)
  const end = o ? parseDate(o.match[1]!, order) : undefined
  return o && end ? located({end}, o) : undefined
}

/** The date a Type I describes: "as of June 30, 2025" / "as at 30 June 2025". */
export const extractAsOf = (pages: readonly string[], order?: DateOrder): Located<string> | undefined => {
  const m = firstMatch(pages, new RegExp(`\\bas (?:of|at)\\s+(${DATE})`, 'i'))
  const d = m ? parseDate(m.match[1]!, order) : undefined
  return m && d ? located(d, m) : undefined
}

/** The first period or as-of date written with numbers that read both ways, when the report does not say its order. */
export const extractAmbiguousDate = (pages: readonly string[]): Located<string> | undefined => {
  for (const re of [PERIOD, ENDED, ENDED_ONLY, new RegExp(`\\bas (?:of|at)\\s+(${DATE})`, 'i')]) {
    const m = firstMatch(pages, re)
    const raw = m?.match.slice(1).find((g) => g !== undefined && isAmbiguousDate(g))
    if (m && raw) return located(raw, m)
  }
  return undefined
}
