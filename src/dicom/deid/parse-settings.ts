import {ScanvetError} from '../../errors.js'
import {canonicalOption} from '../../util/canonical-option.js'
import type {SafePrivateTag} from './deid-check-types.js'
import {DEID_OPTIONS, isDeidOption, type DeidOption} from './deid-options.js'

/** Options as the user typed them (comma lists allowed, any case); unknown names are input errors. */
export const parseOptions = (raw: readonly string[]): Set<DeidOption> => {
  const out = new Set<DeidOption>()
  for (const o of raw.flatMap((r) => r.split(',')).map((s) => canonicalOption(DEID_OPTIONS, s.trim())).filter((s) => s !== '')) {
    if (!isDeidOption(o)) throw new ScanvetError('INVALID_INPUT', `unknown de-identification option "${o}"`, [`use one of: ${DEID_OPTIONS.join(', ')}`])
    out.add(o)
  }
  if (out.has('retain-full-dates') && out.has('retain-modified-dates')) {
    throw new ScanvetError('INVALID_INPUT', 'choose retain-full-dates or retain-modified-dates, not both')
  }
  return out
}

const SAFE_PRIVATE = /^(.+):\(?([0-9A-Fa-f]{4}),\s*[xX]{2}([0-9A-Fa-f]{2})\)?$/

/** "ACME 1.0:(0009,xx01)" → the private creator, its group, and the element byte within its block. */
export const parseSafePrivate = (raw: readonly string[]): SafePrivateTag[] =>
  raw.map((r) => {
    const m = SAFE_PRIVATE.exec(r.trim())
    if (!m || (parseInt(m[2]!, 16) & 1) === 0) {
      throw new ScanvetError('INVALID_INPUT', `"${r}" is not a private element: write CREATOR:(gggg,xxee) with an odd group, e.g. "ACME 1.0:(0009,xx01)"`)
    }
    return {creator: m[1]!.trim(), group: m[2]!.toUpperCase(), element: m[3]!.toUpperCase()}
  })

/** The practice's pseudonym pattern, as a regular expression; a pattern that does not compile is an input error. */
export const parsePseudonymPattern = (raw: string): RegExp => {
  try {
    return new RegExp(raw, 'u')
  } catch (e) {
    throw new ScanvetError('INVALID_INPUT', `--pseudonym-pattern "${raw}" is not a regular expression: ${(e as Error).message}`)
  }
}
