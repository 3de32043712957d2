const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/

const DAY = 86_400

/** Seconds in an ISO 8601 duration (a year counts 365 days, a month 30), or undefined if it is not one. */
export const durationSeconds = (s: string): number | undefined => {
  const m = ISO_DURATION.exec(s)
  if (!m || s === 'P' || s.endsWith('T')) return undefined
  const [y, mo, w, d, h, mi, se] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[]
  return (y! * 365 + mo! * 30 + w! * 7 + d!) * DAY + h! * 3600 + mi! * 60 + se!
}

export const isDuration = (s: unknown): s is string => typeof s === 'string' && durationSeconds(s) !== undefined

/** Unit words (singular, plural, short) → ISO 8601 designator, and whether it belongs after the T. */
const DURATION_UNIT_WORDS: ReadonlyArray<readonly [RegExp, string, boolean]> = [
  [/^(y|yr|yrs|year|years)$/, 'Y', false],
  [/^(mo|mos|month|months)$/, 'M', false],
  [/^(w|wk|wks|week|weeks)$/, 'W', false],
  [/^(d|day|days)$/, 'D', false],
  [/^(h|hr|hrs|hour|hours)$/, 'H', true],
  [/^(min|mins|minute|minutes)$/, 'M', true],
  [/^(s|sec|secs|second|seconds)$/, 'S', true],
]
const DURATION_ORDER = ['Y', 'M', 'W', 'D', 'TH', 'TM', 'TS']

/**
 * A duration as people write it — "30 days", "6 months", "72 hours", "1 year 6 months", "2 weeks and 3 days" —
 * as ISO 8601 (P30D, P6M, PT72H, P1Y6M, P2W3D); an ISO duration is returned as it is (upper-cased). Undefined
 * when it is neither, or names a unit twice. Used by the HTML form, so the saved file holds only ISO durations.
 */
export const durationFromWords = (input: string): string | undefined => {
  const s = input.trim()
  if (durationSeconds(s.toUpperCase()) !== undefined) return s.toUpperCase()
  const parts = s.toLowerCase().replace(/,|\band\b/g, ' ').trim().split(/\s+/)
  const got = new Map<string, string>()
  for (let i = 0; i < parts.length; i++) {
    const m = /^(\d+(?:\.\d+)?)([a-z]*)$/.exec(parts[i]!)
    if (!m) return undefined
    let unit = m[2]!
    if (unit === '') {
      unit = parts[i + 1] ?? ''
      i++
    }
    const found = DURATION_UNIT_WORDS.find(([re]) => re.test(unit))
    if (!found) return undefined
    const key = `${found[2] ? 'T' : ''}${found[1]}`
    if (got.has(key)) return undefined
    got.set(key, m[1]!)
  }
  if (got.size === 0) return undefined
  const date = DURATION_ORDER.filter((k) => !k.startsWith('T') && got.has(k)).map((k) => `${got.get(k)}${k}`).join('')
  const time = DURATION_ORDER.filter((k) => k.startsWith('T') && got.has(k)).map((k) => `${got.get(k)}${k.slice(1)}`).join('')
  const iso = `P${date}${time ? `T${time}` : ''}`
  return durationSeconds(iso) === undefined ? undefined : iso
}
