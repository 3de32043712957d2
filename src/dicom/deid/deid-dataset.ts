import type {DicomDataset, DicomElement, Part10} from '../read/dicom-file.js'
import {firstText, isEmptyElement, isPrivateTag, textsOf, valueText} from '../read/tags.js'
import {CODE_KEYS, actionFor, burnedInRisk} from './check-dataset.js'
import type {SafePrivateTag} from './deid-check-types.js'
import {BASIC_PROFILE_CODE, OPTION_CODES, type DeidOption} from './deid-options.js'
import {compileKnown, findIdentifiers, nameTokens, redact} from './identifier-patterns.js'
import type {KeyedFunctions} from './keyed.js'

export interface DeidSettings {
  readonly options: ReadonlySet<DeidOption>
  readonly safePrivate: readonly SafePrivateTag[]
  readonly keyed: KeyedFunctions
  /** The pixels were OCR'd and the text found blacked out (`--clean-pixels`): the file is written, flagged so. */
  readonly pixelsCleaned?: boolean
}

export type DeidOutcome =
  | {readonly status: 'cleaned'; readonly file: Part10; readonly patientPseudonym?: string; readonly dateShiftDays?: number}
  | {readonly status: 'quarantined'; readonly reason: string}

/**
 * Elements that are Type 1 in the IODs scanvet writes or commonly sees, where a compound action (Z/D, X/D,
 * X/Z/D) must give a dummy value, not an empty one, for the object to stay valid (dciodvfy checks this).
 */
const NEEDS_DUMMY: ReadonlySet<string> = new Set(['00080023', '00080033'])

/** Sequences with a compound action that are Type 2 in common IODs: kept, emptied, rather than removed. */
const TYPE2_SEQUENCES: ReadonlySet<string> = new Set(['00400555'])

const dummyFor = (vr: string, key: string): unknown[] => {
  switch (vr) {
    case 'DA':
      return ['19000101']
    case 'TM':
      return ['000000']
    case 'DT':
      return ['19000101000000']
    case 'PN':
      return [{Alphabetic: 'ANONYMIZED'}]
    case 'AS':
      return ['000Y']
    case 'DS':
    case 'IS':
      return ['0']
    case 'US':
    case 'SS':
    case 'UL':
    case 'SL':
    case 'FL':
    case 'FD':
      return [0]
    case 'UI':
      return []
    case 'OB':
    case 'OW':
    case 'UN':
      return [new ArrayBuffer(0)]
    default:
      return [key === '00100020' ? 'ANONYMIZED' : 'ANONYMIZED']
  }
}

const shiftDate = (value: string, days: number): string => {
  const m = /^(\d{4})(\d{2})(\d{2})(.*)$/.exec(value.trim())
  if (!m) return value
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  if (Number.isNaN(d.getTime())) return value
  d.setUTCDate(d.getUTCDate() + days)
  const iso = d.toISOString()
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${m[4] ?? ''}`
}

interface Run {
  readonly settings: DeidSettings
  readonly known: ReturnType<typeof compileKnown>
  readonly shiftDays: number | undefined
  readonly patientId: string | undefined
}

const el = (vr: string, Value: unknown[]): DicomElement => ({vr, Value})

const transform = (ds: DicomDataset, run: Run): DicomDataset => {
  const out: DicomDataset = {}
  const removedOverlayGroups = new Set<string>()
  for (const key of Object.keys(ds).sort()) {
    const e = ds[key] as DicomElement
    const action = actionFor(ds, key, run.settings.options, run.settings.safePrivate)
    const values = e.Value ?? []
    const empty = isEmptyElement(e)
    const recurse = (): DicomElement => el('SQ', (values as DicomDataset[]).map((item) => transform(item, run)))
    if (key.startsWith('60') && key.endsWith('3000') && action === 'X') removedOverlayGroups.add(key.slice(0, 4))
    switch (action) {
      case 'X':
        continue
      case 'Z':
        out[key] = el(e.vr, [])
        continue
      case 'X/Z':
        // An empty Type 3 sequence is invalid, an absent one is fine; Type 2 sequences stay, empty.
        if (e.vr === 'SQ' && !TYPE2_SEQUENCES.has(key)) continue
        out[key] = el(e.vr, [])
        continue
      case 'X/D':
        if (!NEEDS_DUMMY.has(key)) continue
        out[key] = e.vr === 'SQ' ? recurse() : el(e.vr, empty ? [] : dummyFor(e.vr, key))
        continue
      case 'Z/D':
      case 'X/Z/D':
        if (e.vr === 'SQ') {
          if (TYPE2_SEQUENCES.has(key)) out[key] = el('SQ', [])
        } else if (key === '00100020' && !empty && run.patientId) out[key] = el(e.vr, [run.settings.keyed.pseudonym('patient-id', run.patientId)])
        else out[key] = el(e.vr, NEEDS_DUMMY.has(key) && !empty ? dummyFor(e.vr, key) : [])
        continue
      case 'D':
        out[key] = e.vr === 'SQ' ? recurse() : el(e.vr, empty ? [] : dummyFor(e.vr, key))
        continue
      case 'U':
      case 'X/Z/U*':
        if (e.vr === 'SQ') out[key] = recurse()
        else if (e.vr === 'UI') out[key] = el('UI', values.map((v) => (typeof v === 'string' && v.trim() !== '' ? run.settings.keyed.uid(v.trim().replace(/\0/g, '')) : v)))
        else out[key] = el(e.vr, [])
        continue
      case 'K':
      case 'C':
        out[key] = e.vr === 'SQ' ? recurse() : keepOrClean(key, e, action, run)
        continue
    }
  }
  for (const key of Object.keys(out)) if (removedOverlayGroups.has(key.slice(0, 4))) delete out[key]
  return out
}

/** Kept and cleaned elements: shift dates, cap ages over 89, black out identifier-looking text. */
const keepOrClean = (key: string, e: DicomElement, action: 'K' | 'C', run: Run): DicomElement => {
  const values = e.Value ?? []
  if ((e.vr === 'DA' || e.vr === 'DT') && action === 'C') {
    return run.shiftDays === undefined ? el(e.vr, []) : el(e.vr, values.map((v) => (typeof v === 'string' ? shiftDate(v, run.shiftDays!) : v)))
  }
  if (e.vr === 'AS') return el('AS', values.map((v) => (typeof v === 'string' && /^(\d{3})Y$/.test(v.trim()) && Number(v.trim().slice(0, 3)) > 89 ? '090Y' : v)))
  if (['OB', 'OW', 'UN', 'OF', 'OD', 'OL', 'OV'].includes(e.vr)) {
    // Binary data can only be kept whole or dropped; a cleaned binary (overlay, curve) is dropped.
    return action === 'C' && !isPrivateTag(key) ? el(e.vr, []) : e
  }
  if (!['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT', 'UR'].includes(e.vr) || CODE_KEYS.has(key)) return e
  let changed = false
  const cleaned = values.map((v) => {
    const t = valueText(v)
    if (t === undefined) return v
    const hits = findIdentifiers(t, run.known)
    if (hits.length === 0) return v
    changed = true
    const r = redact(t, hits)
    return e.vr === 'PN' ? {Alphabetic: r} : r
  })
  return changed ? el(e.vr, cleaned) : e
}

const collectNames = (ds: DicomDataset, names: string[], ids: string[]): void => {
  for (const [key, e] of Object.entries(ds)) {
    if (e.vr === 'SQ') for (const item of (e.Value ?? []) as DicomDataset[]) collectNames(item, names, ids)
    else if (e.vr === 'PN') for (const t of textsOf(e)) names.push(...nameTokens(t))
    else if (key === '00100020' || key === '00101000' || key === '00080050') ids.push(...textsOf(e).map((t) => t.trim()))
  }
}

const code = (c: {code: string; meaning: string}): DicomDataset => ({
  '00080100': el('SH', [c.code]),
  '00080102': el('SH', ['DCM']),
  '00080104': el('LO', [c.meaning]),
})

/**
 * De-identify one file (pure: bytes in memory to bytes in memory). Files whose pixels may show text are
 * quarantined unless the caller cleaned their pixels first (`pixelsCleaned`, see pixels/clean-pixels.ts).
 */
export const deidentifyPart10 = (file: Part10, settings: DeidSettings): DeidOutcome => {
  const ds = file.dataset
  const risk = burnedInRisk(ds)
  if (risk.quarantine && !settings.pixelsCleaned) return {status: 'quarantined', reason: risk.reason}
  const patientId = firstText(ds, '00100020') || undefined
  const names: string[] = []
  const ids: string[] = []
  collectNames(ds, names, ids)
  const modifiedDates = settings.options.has('retain-modified-dates')
  const patientKey = patientId ?? firstText(ds, '0020000D') ?? ''
  const shiftDays = modifiedDates ? settings.keyed.dateShiftDays(patientKey) : undefined
  const run: Run = {settings, known: compileKnown({names, ids}), shiftDays, patientId}
  const cleaned = transform(ds, run)

  const options: (DeidOption | 'clean-pixel-data')[] = [...settings.options].sort()
  // PS3.15 E.3.1: pixels cleaned of burned-in text are recorded with the Clean Pixel Data Option's code, and
  // Burned In Annotation then says NO (what was found was removed).
  if (settings.pixelsCleaned) {
    options.push('clean-pixel-data')
    cleaned['00280301'] = el('CS', ['NO'])
  }
  cleaned['00120062'] = el('CS', ['YES'])
  cleaned['00120063'] = el('LO', ['DICOM PS3.15 E.1 Basic Profile', ...options.map((o) => OPTION_CODES[o].meaning.replace(/ Option$/, '').slice(0, 64))])
  cleaned['00120064'] = el('SQ', [code(BASIC_PROFILE_CODE), ...options.map((o) => code(OPTION_CODES[o]))])
  cleaned['00280303'] = el('CS', [modifiedDates ? 'MODIFIED' : settings.options.has('retain-full-dates') ? 'UNMODIFIED' : 'REMOVED'])

  // File meta: keep only what Part 10 needs; AE titles and private information (0002,0016-0102) name stations.
  const meta: DicomDataset = {}
  for (const k of ['00020001', '00020002', '00020003', '00020010', '00020012', '00020013']) if (file.meta[k]) meta[k] = file.meta[k]
  const sop = firstText(cleaned, '00080018')
  if (sop) meta['00020003'] = el('UI', [sop])
  return {
    status: 'cleaned',
    file: {meta, dataset: cleaned},
    ...(patientId ? {patientPseudonym: settings.keyed.pseudonym('patient-id', patientId)} : {}),
    ...(shiftDays !== undefined ? {dateShiftDays: shiftDays} : {}),
  }
}
