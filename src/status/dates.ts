export const DAY_MS = 86_400_000

/** YYYY-MM-DD (UTC) of an instant. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10)

export const addDays = (d: Date, days: number): Date => new Date(d.getTime() + days * DAY_MS)

/** Whole days from `now`'s day to `day` (negative when past), counted on UTC calendar days. */
export const daysBetween = (now: Date, day: string): number => Math.round((Date.parse(`${day.slice(0, 10)}T00:00:00Z`) - Date.parse(`${isoDay(now)}T00:00:00Z`)) / DAY_MS)
