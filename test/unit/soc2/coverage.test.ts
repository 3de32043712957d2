import {describe, expect, it} from 'vitest'

import {coverageFromFacts, soc2Coverage} from '../../../src/probes/soc2/coverage.js'
import {addMonths, dateOrderOf, parseDate} from '../../../src/probes/soc2/dates.js'

describe('soc2Coverage (pure)', () => {
  it('a report is relied on for 12 months after its period ends; quarters until the next reassessment', () => {
    const c = soc2Coverage({on: '2026-11-15', periodEnd: '2026-09-30', reassessmentIntervalDays: 365})
    expect(c).toMatchObject({
      status: 'known',
      coveredUntil: '2027-09-30',
      basis: 'report',
      periodEndedWithin12Months: true,
      bridgeWithin3Months: false,
      nextReassessment: '2027-11-15',
      coversUntilNextReassessment: false,
      gapDays: 46,
      monthsSincePeriodEnd: 1,
    })
    if (c.status !== 'known') throw new Error('unreachable')
    expect(c.quarters).toEqual([
      {quarter: '2026-Q4', from: '2026-11-15', to: '2026-12-31', status: 'covered'},
      {quarter: '2027-Q1', from: '2027-01-01', to: '2027-03-31', status: 'covered'},
      {quarter: '2027-Q2', from: '2027-04-01', to: '2027-06-30', status: 'covered'},
      {quarter: '2027-Q3', from: '2027-07-01', to: '2027-09-30', status: 'covered'},
      {quarter: '2027-Q4', from: '2027-10-01', to: '2027-11-15', status: 'not-covered'},
    ])
  })

  it('a bridge letter extends coverage by 3 months from its date', () => {
    const c = soc2Coverage({on: '2026-11-15', periodEnd: '2025-06-30', bridgeLetterDate: '2026-10-15', reassessmentIntervalDays: 90})
    expect(c).toMatchObject({coveredUntil: '2027-01-15', basis: 'bridge-letter', periodEndedWithin12Months: false, bridgeWithin3Months: true, nextReassessment: '2027-02-13', gapDays: 29})
    if (c.status !== 'known') throw new Error('unreachable')
    expect(c.quarters.map((q) => [q.quarter, q.status])).toEqual([
      ['2026-Q4', 'covered'],
      ['2027-Q1', 'partly'],
    ])
  })

  it('a stale report without a bridge letter covers nothing now', () => {
    const c = soc2Coverage({on: '2026-11-15', periodEnd: '2025-06-30', reassessmentIntervalDays: 90})
    expect(c).toMatchObject({coveredUntil: '2026-06-30', periodEndedWithin12Months: false, bridgeWithin3Months: false, monthsSincePeriodEnd: 16})
    if (c.status !== 'known') throw new Error('unreachable')
    expect(c.quarters.every((q) => q.status === 'not-covered')).toBe(true)
  })

  it('an old bridge letter does not count', () => {
    expect(soc2Coverage({on: '2026-11-15', periodEnd: '2025-06-30', bridgeLetterDate: '2026-07-01', reassessmentIntervalDays: 90})).toMatchObject({bridgeWithin3Months: false, coveredUntil: '2026-10-01'})
  })

  it('the boundary day counts: a period that ended exactly 12 months ago is still current', () => {
    expect(soc2Coverage({on: '2026-11-15', periodEnd: '2025-11-15', reassessmentIntervalDays: 90})).toMatchObject({periodEndedWithin12Months: true})
    expect(soc2Coverage({on: '2026-11-16', periodEnd: '2025-11-15', reassessmentIntervalDays: 90})).toMatchObject({periodEndedWithin12Months: false})
  })

  it('is unknown without a period end, and reads the facts a soc2 observation recorded', () => {
    expect(soc2Coverage({on: '2026-11-15', reassessmentIntervalDays: 90}).status).toBe('unknown')
    expect(coverageFromFacts({coverage: {periodEnd: '2026-03-31'}}, '2026-11-15', 90)).toMatchObject({coveredUntil: '2027-03-31', coversUntilNextReassessment: true})
    expect(coverageFromFacts(undefined, '2026-11-15', 90).status).toBe('unknown')
  })
})

describe('dates', () => {
  it.each([
    ['December 31, 2025', '2025-12-31'],
    ['Dec. 31st, 2025', '2025-12-31'],
    ['31 December 2025', '2025-12-31'],
    ['1st of July 2024', '2024-07-01'],
    ['2025-12-31', '2025-12-31'],
    ['12/31/2025', '2025-12-31'],
    ['February 30, 2025', undefined],
    // Day-first is the only reading of 13/01; 01/09 reads both ways and, with no stated order, is not guessed.
    ['13/01/2025', '2025-01-13'],
    ['01/09/2025', undefined],
  ])('%s → %s', (s, want) => expect(parseDate(s)).toBe(want))

  it('reads a numeric date in the order the report states', () => {
    expect(parseDate('01/09/2025', 'day-first')).toBe('2025-09-01')
    expect(parseDate('01/09/2025', 'month-first')).toBe('2025-01-09')
    expect(dateOrderOf(['All dates are in DD/MM/YYYY format.'])).toBe('day-first')
    expect(dateOrderOf(['Period 08/31/2025 to 09/01/2025'])).toBe('month-first')
    expect(dateOrderOf(['Period 01/09/2025 to 02/09/2025'])).toBeUndefined()
  })

  it('adds calendar months, clamping to the month end', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28')
    expect(addMonths('2025-08-31', 3)).toBe('2025-11-30')
  })
})
