const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)'
const ORD = '(?:st|nd|rd|th)?'

/**
 * A date as auditors write it: "December 31, 2025", "Dec. 31st, 2025", "31 December 2025", "2025-12-31",
 * "12/31/2025" (US order: SOC 2 is an AICPA product). Non-capturing, for composing larger patterns.
 */
export const DATE = `(?:${MONTH}\\.?\\s+\\d{1,2}${ORD},?\\s+\\d{4}|\\d{1,2}${ORD}\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{4})`

const iso = (y: number, m: number, d: number): string | undefined => {
  const t = new Date(Date.UTC(y, m - 1, d))
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined
  return t.toISOString().slice(0, 10)
}

const monthIndex = (name: string): number => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1

/** "December 31, 2025" and friends → "2025-12-31"; undefined when it is not a real date. */
export const parseDate = (text: string): string | undefined => {
  const s = text.trim()
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]))
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s)
  if (m) return iso(Number(m[3]), Number(m[1]), Number(m[2]))
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
