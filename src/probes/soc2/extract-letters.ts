import {DATE, dateOrderOf, parseDate, type DateOrder} from './dates.js'
import type {ExtractedCertificate, ExtractedLetter, Located} from './soc2-types.js'
import {firstMatch, located} from './text-search.js'

const dateAt = (pages: readonly string[], re: RegExp, group = 1): Located<string> | undefined => {
  const m = firstMatch(pages, re)
  const d = m?.match[group] ? parseDate(m.match[group], dateOrderOf(pages)) : undefined
  return m && d ? located(d, m) : undefined
}

/** The letter's own date: a "Date:" label, "dated …", or a line holding only a date near the top of page 1. */
const letterDate = (pages: readonly string[]): Located<string> | undefined => {
  const labelled = dateAt(pages, new RegExp(`\\b(?:date|dated|letter date)\\s*(?:\\||:)?\\s*(${DATE})`, 'i'))
  if (labelled) return labelled
  const lines = (pages[0] ?? '').split('\n').slice(0, 15)
  for (const line of lines) {
    const d = new RegExp(`^(${DATE})$`, 'i').exec(line.trim())
    const iso = d ? parseDate(d[1]!, dateOrderOf(pages)) : undefined
    if (iso) return {value: iso, page: 1, excerpt: line.trim()}
  }
  return undefined
}

const NAME = "[A-Z][A-Za-z0-9&.'’-]*(?:\\s+(?:[A-Z][A-Za-z0-9&.'’-]*|of|and|&))*?(?:,?\\s+(?:Inc\\.|LLC|Ltd\\.|Ltd\\b|Limited|GmbH|Corp\\.|Corporation|plc|AG))"
const ISSUER = new RegExp(`(${NAME})\\s+(?:confirms|represents|asserts|hereby|management (?:confirms|represents|asserts))\\b|\\bon behalf of (?:the management of )?(${NAME})`)

/**
 * A bridge (gap) letter: the vendor's management says nothing material changed between the end of the last
 * SOC 2 period and a later date. Read: who issues it, its date, and the gap it covers.
 */
export const extractBridgeLetter = (pages: readonly string[]): ExtractedLetter => {
  const date = letterDate(pages)
  const span =
    firstMatch(pages, new RegExp(`(?:from|since)\\s+(${DATE})\\s*,?\\s*(?:through|to|until)\\s+(${DATE}|the date of this letter)`, 'i')) ??
    firstMatch(pages, new RegExp(`between\\s+(${DATE})\\s+and\\s+(${DATE}|the date of this letter)`, 'i'))
  const order: DateOrder | undefined = dateOrderOf(pages)
  const coversFrom = span ? parseDate(span.match[1]!, order) : undefined
  const throughRaw = span?.match[2]
  const coversThrough = throughRaw ? (/date of this letter/i.test(throughRaw) ? date?.value : parseDate(throughRaw, order)) : undefined
  const issuerMatch = firstMatch(pages, ISSUER)
  return {
    ...(issuerMatch ? {issuer: located((issuerMatch.match[1] ?? issuerMatch.match[2]!).trim(), issuerMatch)} : {}),
    ...(date ? {date} : {}),
    ...(span && coversFrom ? {coversFrom: located(coversFrom, span)} : {}),
    ...(span && coversThrough ? {coversThrough: located(coversThrough, span)} : {}),
  }
}

/** An ISO 27001 certificate or HITRUST letter: when it was issued and until when it is valid. */
export const extractCertificate = (pages: readonly string[]): ExtractedCertificate => {
  const expires = dateAt(pages, new RegExp(`(?:valid until|valid through|valid to|expiry date|expiration date|expires(?: on)?|date of expiry)\\s*(?:\\||:)?\\s*(${DATE})`, 'i'))
  const issued = dateAt(pages, new RegExp(`(?:issue date|date of issue|issued on|date of certification|certification date|original certification date)\\s*(?:\\||:)?\\s*(${DATE})`, 'i'))
  return {...(issued ? {issued} : {}), ...(expires ? {expires} : {})}
}
