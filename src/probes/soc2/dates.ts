const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)'
const ORD = '(?:st|nd|rd|th)?'

/**
 * A date as auditors write it: "December 31, 2025", "Dec. 31st, 2025", "31 December 2025", "2025-12-31",
 * "12/31/2025" (US order: SOC 2 is an AICPA product). Non-capturing, for composing larger patterns.
 */
export const DATE = `(?:${MONTH}\\.?\\s+\\d{1,2}${ORD},?\\s+\\d{4}|\\d{1,2}${ORD}\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{4})`

const iso = (y: number, m: number, d: number): string | undefined => {
  const t = new Date(Date.UTC(y, m - 1, d))
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined
  return t.toISOString().slice(0, 10)
}

const monthIndex = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1

export type DateOrder = 'day-first' | 'month-first'

const NUMERIC = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/

/** A numeric date that reads as a real date both ways (01/09/2025): without the report's order it is not guessed. */
export const isAmbiguousDate = (text: string): boolean => {
  const m = NUMERIC.exec(text.trim())
  return m !== null && m[1] !== m[2] && Number(m[1]) <= 12 && Number(m[2]) <= 12
}

/**
 * "December 31, 2025" and friends → "2025-12-31"; undefined when it is not a real date. A numeric date is read
 * in the report's stated order; with none, only when it can be read one way (31/08/2026, 08/31/2026).
 */
export const parseDate = (text: string, order?: DateOrder): string | undefined => {
  const s = text.trim()
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]))
  m = NUMERIC.exec(s)
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])]
    const dayFirst = order ? order === 'day-first' : a > 12 ? true : b > 12 ? false : a === b ? false : undefined
    if (dayFirst === undefined) return undefined
    return dayFirst ? iso(Number(m[3]), b, a) : iso(Number(m[3]), a, b)
  }
  m = new RegExp(`^(${MONTH})\\.?\\s+(\\d{1,2})${ORD},?\\s+(\\d{4})$`, 'i').exec(s)
  if (m) return iso(Number(m[3]), monthIndex(m[1]!), Number(m[2]))
  m = new RegExp(`^(\\d{1,2})${ORD}\\s+(?:of\\s+)?(${MONTH})\\.?,?\\s+(\\d{4})$`, 'i').exec(s)
  if (m) return iso(Number(m[3]), monthIndex(m[2]!), Number(m[1]))
  return undefined
}

/** Calendar months added to an ISO date, clamped to the month's last day (2024-02-29 + 12 → 2025-02-28). */
export const addMonths = (isoDate: string, months: number): string => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d, last))
  return target.toISOString().slice(0, 10)
}

export const addDays = (isoDate: string, days: number): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

const DAY_FIRST = /\b(?:DD[/.-]MM[/.-](?:YYYY|YY)|day[- ]month[- ]year|dates?[^.]{0,60}\bday first)\b/i
const MONTH_FIRST = /\b(?:MM[/.-]DD[/.-](?:YYYY|YY)|month[- ]day[- ]year|dates?[^.]{0,60}\bmonth first)\b/i

/**
 * How the report writes numeric dates: its own statement ("dates are DD/MM/YYYY"), else any numeric date that
 * can only be read one way. Undefined when neither says: ambiguous dates are then flagged, not guessed.
 */
export const dateOrderOf = (pages: readonly string[]): DateOrder | undefined => {
  const all = pages.join('\n')
  const day = DAY_FIRST.test(all)
  const month = MONTH_FIRST.test(all)
  if (day !== month) return day ? 'day-first' : 'month-first'
  for (const m of all.matchAll(/\b(\d{1,2})[/.](\d{1,2})[/.]\d{4}\b/g)) {
    if (Number(m[1]) > 12 && Number(m[2]) <= 12) return 'day-first'
    if (Number(m[2]) > 12 && Number(m[1]) <= 12) return 'month-first'
  }
  return undefined
}
