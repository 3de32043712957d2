import {describe, expect, it} from 'vitest'

import {annexETable, effectiveAction} from '../../src/dicom/deid/annex-e-table.js'
import {DEID_OPTIONS} from '../../src/dicom/deid/deid-options.js'
import {findIdentifiers} from '../../src/dicom/deid/identifier-patterns.js'
import {keyFromEnv, keyedFunctions} from '../../src/dicom/deid/keyed.js'
import {parseOptions, parseSafePrivate} from '../../src/dicom/deid/parse-settings.js'
import {ScanvetError} from '../../src/errors.js'

const KEY = 'k'.repeat(40)

describe('the PS3.15 Annex E table shipped as data', () => {
  const table = annexETable()

  it('has every row of Table E.1-1, each with a keyword and a known action', () => {
    expect(table.rules.length).toBeGreaterThan(600)
    expect(new Set(table.rules.map((r) => r.tag)).size).toBe(table.rules.length)
    for (const r of table.rules) expect(r.keyword).toMatch(/^[A-Za-z0-9]+$/)
  })

  it('gives the standard actions for well-known attributes', () => {
    expect(table.ruleFor('00100010')?.basic).toBe('Z')
    expect(table.ruleFor('00100020')?.basic).toBe('Z/D')
    expect(table.ruleFor('0020000D')?.basic).toBe('U')
    expect(table.ruleFor('00101100')?.basic).toBe('X')
    expect(table.ruleFor('00081030')?.options['clean-descriptors']).toBe('C')
    expect(table.ruleFor('00080070')).toBeUndefined() // Manufacturer: not in the table, so kept
  })

  it('maps private groups and repeating groups to their pattern rules', () => {
    expect(table.ruleFor('00091001')?.keyword).toBe('PrivateAttributes')
    expect(table.ruleFor('60023000')?.keyword).toBe('OverlayData')
    expect(table.ruleFor('50001000')?.keyword).toBe('CurveData')
    expect(table.ruleFor('60020010')).toBeUndefined()
  })

  it('lets a retain option win over a clean option and over the basic action', () => {
    const studyDate = table.ruleFor('00080020')!
    expect(effectiveAction(studyDate, new Set())).toBe('Z')
    expect(effectiveAction(studyDate, new Set(['retain-modified-dates']))).toBe('C')
    expect(effectiveAction(studyDate, new Set(['retain-full-dates']))).toBe('K')
    const age = table.ruleFor('00101010')!
    expect(effectiveAction(age, new Set(['retain-patient-characteristics', 'clean-descriptors']))).toBe('K')
  })

  it('accepts exactly the nine options of the issue plus the safe-private and date variants', () => {
    expect(DEID_OPTIONS).toHaveLength(10)
    expect(() => parseOptions(['retain-uids,clean-graphics'])).not.toThrow()
    expect(() => parseOptions(['retain-everything'])).toThrow(ScanvetError)
    expect(() => parseOptions(['retain-full-dates', 'retain-modified-dates'])).toThrow(/not both/)
    expect(parseSafePrivate(['ACME 1.0:(0009,xx01)'])).toEqual([{creator: 'ACME 1.0', group: '0009', element: '01'}])
    expect(() => parseSafePrivate(['ACME:(0008,xx01)'])).toThrow(/odd group/)
  })
})

describe('keyed pseudonyms (HMAC-SHA-256)', () => {
  it('maps a UID to the same 2.25 UID every time under one key, and to another under another key', () => {
    const a = keyedFunctions(KEY)
    const b = keyedFunctions(KEY)
    const c = keyedFunctions('z'.repeat(40))
    const uid = '1.2.3.4.5.6'
    expect(a.uid(uid)).toBe(b.uid(uid))
    expect(a.uid(uid)).not.toBe(c.uid(uid))
    expect(a.uid(uid)).toMatch(/^2\.25\.[1-9]\d{0,38}$/)
    expect(a.uid(uid).length).toBeLessThanOrEqual(64)
    expect(a.uid('1.2.3.4.5.7')).not.toBe(a.uid(uid))
  })

  it('shifts all dates of one patient by one offset within a year back', () => {
    const k = keyedFunctions(KEY)
    const d = k.dateShiftDays('MRN1')
    expect(d).toBe(k.dateShiftDays('MRN1'))
    expect(d).toBeLessThanOrEqual(-1)
    expect(d).toBeGreaterThanOrEqual(-365)
  })

  it('refuses a missing or short key without ever echoing it', () => {
    expect(() => keyFromEnv({}, 'SCANVET_DEID_KEY')).toThrow(/SCANVET_DEID_KEY is empty/)
    try {
      keyFromEnv({SCANVET_DEID_KEY: 'short-secret-value'}, 'SCANVET_DEID_KEY')
      expect.unreachable()
    } catch (error) {
      expect((error as Error).message).toMatch(/too short/)
      expect((error as Error).message).not.toContain('short-secret-value')
    }
    expect(keyFromEnv({SCANVET_DEID_KEY: KEY}, 'SCANVET_DEID_KEY')).toBe(KEY)
  })
})

describe('identifier patterns in free text', () => {
  const kinds = (t: string) => findIdentifiers(t).map((h) => h.kind)
  it('finds phone numbers, e-mail addresses, URLs and record numbers', () => {
    expect(kinds('call 555-867-5309')).toEqual(['phone'])
    expect(kinds('(555) 867-5309')).toEqual(['phone'])
    expect(kinds('mail jane.roe@example.org')).toEqual(['email'])
    expect(kinds('see https://portal.example.org/p/1')).toEqual(['url'])
    expect(kinds('MRN: 8837261')).toEqual(['mrn'])
    expect(kinds('id 88372610')).toEqual(['mrn'])
  })
  it('leaves ordinary clinical text alone', () => {
    expect(kinds('PA view, 1.5 mm slices, 120 kVp')).toEqual([])
    expect(kinds('Chest')).toEqual([])
    expect(kinds('1.2.840.10008.5.1.4.1.1.1.1')).toEqual([])
  })
})
