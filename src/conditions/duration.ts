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
