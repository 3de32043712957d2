import {describe, expect, it} from 'vitest'

import {evaluate, factResolver, subjectsOf} from '../../src/conditions/evaluate.js'
import {durationSeconds} from '../../src/conditions/duration.js'

const facts = {protocols: {offered: ['TLSv1.2', 'TLSv1.3'], legacy: []}, cert: {daysLeft: 40}, retention: 'P30D', when: '2026-01-05'}
const r = factResolver(facts)

describe('condition language', () => {
  it('compares scalars, lists, durations and dates', () => {
    expect(evaluate({fact: 'cert.daysLeft', gte: 30}, r)).toBe(true)
    expect(evaluate({fact: 'cert.daysLeft', lt: 30}, r)).toBe(false)
    expect(evaluate({fact: 'protocols.offered', contains: 'TLSv1.3'}, r)).toBe(true)
    expect(evaluate({fact: 'protocols.offered', containsAny: ['TLSv1', 'SSLv3']}, r)).toBe(false)
    expect(evaluate({fact: 'protocols.legacy', isEmpty: true}, r)).toBe(true)
    expect(evaluate({fact: 'retention', lte: 'P90D'}, r)).toBe(true)
    expect(evaluate({fact: 'retention', gt: 'PT720H'}, r)).toBe(false)
    expect(evaluate({fact: 'when', gte: '2026-01-01'}, r)).toBe(true)
    expect(evaluate({fact: 'cert.daysLeft', in: [10, 40]}, r)).toBe(true)
  })

  it('is three-valued: an unobserved fact is unknown unless the rest decides', () => {
    expect(evaluate({fact: 'missing', equals: 1}, r)).toBeUndefined()
    expect(evaluate({not: {fact: 'missing', equals: 1}}, r)).toBeUndefined()
    expect(evaluate({all: [{fact: 'missing', equals: 1}, {fact: 'cert.daysLeft', gt: 100}]}, r)).toBe(false)
    expect(evaluate({any: [{fact: 'missing', equals: 1}, {fact: 'cert.daysLeft', gt: 10}]}, r)).toBe(true)
    expect(evaluate({fact: 'missing', exists: false}, r)).toBe(true)
  })

  it('lists the subjects a condition reads', () => {
    expect(subjectsOf({all: [{fact: 'a', equals: 1}, {not: {question: 'b', answered: true}}]})).toEqual(['a', 'b'])
  })

  it('parses ISO 8601 durations and rejects other text', () => {
    expect(durationSeconds('P1D')).toBe(86400)
    expect(durationSeconds('PT72H')).toBe(259200)
    expect(durationSeconds('P1Y')).toBe(365 * 86400)
    expect(durationSeconds('30 days')).toBeUndefined()
    expect(durationSeconds('P')).toBeUndefined()
  })
})
