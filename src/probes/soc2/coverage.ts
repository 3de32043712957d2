import {addDays, addMonths, daysBetween} from './dates.js'

/**
 * Market conventions, not AICPA rules: a SOC 2 report is treated as current for 12 months after its period
 * ends, and a bridge letter for 3 months after its date.
 */
export const REPORT_VALID_MONTHS = 12
export const BRIDGE_VALID_MONTHS = 3

export interface CoverageInput {
  /** The day the coverage is judged on (the assessment date, or today for `scanvet status`), YYYY-MM-DD. */
  readonly on: string
  /** The end of the report's period, or a Type I report's as-of date. */
  readonly periodEnd?: string
  readonly bridgeLetterDate?: string
  readonly reassessmentIntervalDays: number
}

export interface QuarterCoverage {
  readonly quarter: string
  readonly from: string
  readonly to: string
  readonly status: 'covered' | 'partly' | 'not-covered'
}

export type Coverage =
  | {readonly status: 'unknown'; readonly reason: string}
  | {
      readonly status: 'known'
      readonly on: string
      readonly periodEnd: string
      /** The last day the evidence speaks for. */
      readonly coveredUntil: string
      readonly basis: 'report' | 'bridge-letter'
      readonly reportCoversUntil: string
      readonly bridgeCoversUntil?: string
      readonly monthsSincePeriodEnd: number
      readonly periodEndedWithin12Months: boolean
      readonly bridgeWithin3Months: boolean
      readonly nextReassessment: string
      readonly coversUntilNextReassessment: boolean
      /** Days between the end of coverage and the next reassessment (0 when covered throughout). */
      readonly gapDays: number
      readonly quarters: readonly QuarterCoverage[]
    }

const quarterLabel = (isoDate: string): string => {
  const [y, m] = isoDate.split('-').map(Number) as [number, number]
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`
}

const quarterEnd = (isoDate: string): string => {
  const [y, m] = isoDate.split('-').map(Number) as [number, number]
  const q = Math.floor((m - 1) / 3)
  return addDays(addMonths(`${y}-${String(q * 3 + 1).padStart(2, '0')}-01`, 3), -1)
}

const monthsBetween = (from: string, to: string): number => {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number]
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0)
}

/** Until when the SOC 2 evidence covers the vendor, and whether it covers each quarter until the next reassessment. Pure. */
export const soc2Coverage = (input: CoverageInput): Coverage => {
  if (!input.periodEnd) return {status: 'unknown', reason: 'the report’s period end (or as-of date) is not known'}
  const reportCoversUntil = addMonths(input.periodEnd, REPORT_VALID_MONTHS)
  const bridgeCoversUntil = input.bridgeLetterDate ? addMonths(input.bridgeLetterDate, BRIDGE_VALID_MONTHS) : undefined
  const basis = bridgeCoversUntil && bridgeCoversUntil > reportCoversUntil ? 'bridge-letter' : 'report'
  const coveredUntil = basis === 'bridge-letter' ? bridgeCoversUntil! : reportCoversUntil
  const nextReassessment = addDays(input.on, input.reassessmentIntervalDays)
  const quarters: QuarterCoverage[] = []
  for (let from = input.on; from <= nextReassessment; ) {
    const to = quarterEnd(from) < nextReassessment ? quarterEnd(from) : nextReassessment
    const status = coveredUntil >= to ? 'covered' : coveredUntil >= from ? 'partly' : 'not-covered'
    quarters.push({quarter: quarterLabel(from), from, to, status})
    from = addDays(to, 1)
  }
  return {
    status: 'known',
    on: input.on,
    periodEnd: input.periodEnd,
    coveredUntil,
    basis,
    reportCoversUntil,
    ...(bridgeCoversUntil ? {bridgeCoversUntil} : {}),
    monthsSincePeriodEnd: monthsBetween(input.periodEnd, input.on),
    periodEndedWithin12Months: reportCoversUntil >= input.on,
    bridgeWithin3Months: bridgeCoversUntil !== undefined && bridgeCoversUntil >= input.on && input.bridgeLetterDate! <= input.on,
    nextReassessment,
    coversUntilNextReassessment: coveredUntil >= nextReassessment,
    gapDays: Math.max(0, daysBetween(coveredUntil, nextReassessment)),
    quarters,
  }
}

/** The coverage inputs a soc2 observation recorded (`coverage.periodEnd`, `coverage.bridgeLetterDate`), judged on another day. */
export const coverageFromFacts = (facts: Readonly<Record<string, unknown>> | undefined, on: string, reassessmentIntervalDays: number): Coverage => {
  const c = (facts?.coverage ?? {}) as {periodEnd?: unknown; bridgeLetterDate?: unknown}
  return soc2Coverage({
    on,
    reassessmentIntervalDays,
    ...(typeof c.periodEnd === 'string' ? {periodEnd: c.periodEnd} : {}),
    ...(typeof c.bridgeLetterDate === 'string' ? {bridgeLetterDate: c.bridgeLetterDate} : {}),
  })
}
