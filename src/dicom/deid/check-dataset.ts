import type {DicomDataset, DicomElement} from '../read/dicom-file.js'
import {TEXT_VRS, firstText, formatTag, isEmptyElement, isPrivateTag, keywordOf, textsOf} from '../read/tags.js'
import {annexETable, effectiveAction, type AnnexEAction} from './annex-e-table.js'
import type {CheckSettings, CheckedFile, DeidFinding, SafePrivateTag} from './deid-check-types.js'
import {BASIC_PROFILE_CODE, OPTION_CODES, isDeidOption, optionOfCode, type ClaimableOption, type DeidOption} from './deid-options.js'
import {DUMMY_WORDS, compileKnown, findIdentifiers, nameTokens, type IdentifierKind} from './identifier-patterns.js'
import {PSEUDONYM_PATTERN} from './keyed.js'
import {deviceRootOf} from './uid-roots.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DUMMY_DATES = /^(?:19000101|00010101|18000101)(?:\d{6}(?:\.\d+)?)?$/

/**
 * Pseudonym tokens in the forms de-identification tools write: a placeholder prefix (ANON, PSEUDO, SUBJ, ...)
 * then a hex or mixed token, or a short counter. A long run of bare digits after the prefix is still shaped
 * like a record number and is not accepted; names and dates never match (they are letters only, or digits).
 */
const PSEUDONYM_FORMS: readonly RegExp[] = [
  /^(?:anon\w*|pseudo\w*|psn|deid|de-id|subj(?:ect)?|sub|study|trial|case|rs|research|pat)[-_ .#]?(?=[0-9a-z]*[a-f])(?=[0-9a-z]*\d)[0-9a-z]{6,64}$/i,
  /^(?:anon\w*|pseudo\w*|psn|deid|de-id|subj(?:ect)?|sub|study|trial|case|rs|research)[-_ .#]?\d{1,5}$/i,
]

export const isPseudonym = (text: string, practicePattern?: RegExp): boolean => {
  const t = text.trim()
  if (practicePattern?.test(t)) return true
  return PSEUDONYM_FORMS.some((re) => re.test(t))
}

/** A placeholder that de-identification tools write (empty values are handled separately). */
export const isDummyValue = (vr: string, text: string, practicePattern?: RegExp): boolean => {
  const t = text.trim()
  if (t === '') return true
  if (isPseudonym(t, practicePattern)) return true
  if (vr === 'DA' || vr === 'DT') return DUMMY_DATES.test(t)
  if (vr === 'TM') return /^0+(?:\.0+)?$/.test(t)
  if (['DS', 'IS', 'US', 'SS', 'UL', 'SL', 'FL', 'FD'].includes(vr)) return /^[+-]?0*(?:\.0*)?$/.test(t)
  // Pseudonyms: scanvet's, UUIDs, and hex digests (keyed or not: a plain hash is only provable with originals).
  if (PSEUDONYM_PATTERN.test(t) || UUID.test(t) || /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i.test(t)) return true
  const parts = t.split(/[\^=\s_]+/).filter((p) => p !== '')
  return parts.length > 0 && parts.every((p) => DUMMY_WORDS.test(p) || PSEUDONYM_PATTERN.test(p) || isPseudonym(p, practicePattern))
}

const mask = (s: string): string => (s.length <= 2 ? '*'.repeat(s.length) : `${s[0]}${'*'.repeat(Math.min(s.length - 2, 12))}${s[s.length - 1]}`)

/** Coded values (SNOMED codes are 6-9 digit numbers) that would otherwise look like record numbers. */
export const CODE_KEYS: ReadonlySet<string> = new Set(['00080100', '00080101', '00080103', '00080105', '0008010F', '00080117', '00080118', '00080119', '00080120', '00080122'])

const FREE_TEXT_VRS: ReadonlySet<string> = new Set(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT', 'UR', 'UN', 'OB'])

/** Modalities whose images often carry text drawn into the pixels. */
export const BURNED_IN_MODALITIES: ReadonlySet<string> = new Set(['US', 'SC', 'OT', 'XA', 'ES', 'DOC'])

/** Does the file need a person to look at its pixels before it leaves (or is kept)? */
export const burnedInRisk = (ds: DicomDataset): {quarantine: boolean; reason: string} => {
  const burned = firstText(ds, '00280301')?.toUpperCase()
  if (!ds['7FE00010'] && !ds['7FE00008'] && !ds['7FE00009']) return {quarantine: false, reason: 'no pixel data'}
  if (burned === 'YES') return {quarantine: true, reason: 'Burned In Annotation is YES: text is drawn into the pixels'}
  if (burned === 'NO') return {quarantine: false, reason: 'Burned In Annotation is NO'}
  const modality = firstText(ds, '00080060')?.toUpperCase() ?? ''
  const sopClass = firstText(ds, '00080016') ?? ''
  const imageType = (ds['00080008'] ? textsOf(ds['00080008']) : []).join('\\').toUpperCase()
  const secondaryCapture = sopClass.startsWith('1.2.840.10008.5.1.4.1.1.7')
  const screenshot = (modality === 'DX' || modality === 'MG' || modality === 'CR') && (imageType.includes('SECONDARY') || ds['00080064'] !== undefined)
  if (BURNED_IN_MODALITIES.has(modality) || secondaryCapture || screenshot) {
    return {quarantine: true, reason: `Burned In Annotation is absent on a ${secondaryCapture ? 'secondary capture' : modality || 'screen capture'} image, which often shows text in the pixels`}
  }
  return {quarantine: false, reason: 'Burned In Annotation absent; modality rarely carries burned-in text'}
}

/** The de-identification options a file claims in (0012,0064). */
export const claimedOptions = (ds: DicomDataset): {codes: string[]; options: ClaimableOption[]} => {
  const items = (ds['00120064']?.Value ?? []) as DicomDataset[]
  const codes = items.map((it) => firstText(it, '00080100') ?? firstText(it, '00080119') ?? '').filter((c) => c !== '')
  return {codes, options: codes.map(optionOfCode).filter((o): o is ClaimableOption => o !== undefined)}
}

interface WalkContext {
  readonly settings: CheckSettings
  readonly options: ReadonlySet<DeidOption>
  readonly known: ReturnType<typeof compileKnown>
  readonly findings: DeidFinding[]
  readonly datesModified: boolean
}

/** Private creators reserve blocks: (gggg,0010) "ACME" owns (gggg,10xx). */
const privateCreatorOf = (ds: DicomDataset, key: string): string | undefined => {
  const el = parseInt(key.slice(4, 8), 16)
  if (el < 0x1000) return undefined
  const block = (el >> 8).toString(16).toUpperCase().padStart(2, '0')
  return firstText(ds, `${key.slice(0, 4)}00${block}`)
}

/** Is this private element (or private creator) named safe by the practice? */
export const isSafePrivate = (ds: DicomDataset, key: string, safe: readonly SafePrivateTag[]): boolean => {
  const group = key.slice(0, 4).toUpperCase()
  const el = parseInt(key.slice(4, 8), 16)
  if (el >= 0x10 && el <= 0xff) {
    const creator = firstText(ds, key)
    return safe.some((s) => s.group.toUpperCase() === group && s.creator === creator)
  }
  const creator = privateCreatorOf(ds, key)
  const byte = key.slice(6, 8).toUpperCase()
  return creator !== undefined && safe.some((s) => s.group.toUpperCase() === group && s.creator === creator && s.element.toUpperCase() === byte)
}

/** The action that applies to one element of one dataset under the chosen options ('K' when the table is silent). */
export const actionFor = (ds: DicomDataset, key: string, options: ReadonlySet<DeidOption>, safe: readonly SafePrivateTag[]): AnnexEAction => {
  if (isPrivateTag(key)) {
    if (parseInt(key.slice(4, 8), 16) < 0x10) return 'X' // group length and reserved elements of a private group
    return options.has('retain-safe-private') && isSafePrivate(ds, key, safe) ? 'C' : 'X'
  }
  const rule = annexETable().ruleFor(key)
  return rule ? effectiveAction(rule, options) : 'K'
}

const describe = (action: AnnexEAction): string => {
  switch (action) {
    case 'X':
      return 'must be removed'
    case 'Z':
    case 'X/Z':
      return 'must be empty'
    default:
      return 'must be empty or a dummy value'
  }
}

const ageYears = (as: string): number | undefined => {
  const m = /^(\d{3})([DWMY])$/.exec(as.trim())
  if (!m) return undefined
  const n = Number(m[1])
  return m[2] === 'Y' ? n : m[2] === 'M' ? n / 12 : m[2] === 'W' ? n / 52 : n / 365
}

const walk = (ds: DicomDataset, prefix: string, ctx: WalkContext): void => {
  const {settings, findings} = ctx
  const push = (f: Omit<DeidFinding, 'value'>, value?: string) =>
    findings.push(settings.showValues && value !== undefined ? {...f, value} : value !== undefined ? {...f, message: `${f.message} (${mask(value)})`} : f)
  for (const key of Object.keys(ds).sort()) {
    const el = ds[key] as DicomElement
    if (key.startsWith('0002')) continue
    // Pixel data is judged by the pixel checker, never as text (scanning it byte by byte is the costliest step).
    if (key === '7FE00010' || key === '7FE00008' || key === '7FE00009') continue
    const path = `${prefix}${formatTag(key)}`
    const keyword = keywordOf(key) ?? (isPrivateTag(key) ? `private ${privateCreatorOf(ds, key) ?? 'creator'}` : undefined)
    const base = {path, ...(keyword ? {keyword} : {})}
    const action = actionFor(ds, key, ctx.options, settings.safePrivate)
    const empty = isEmptyElement(el)
    const texts = textsOf(el)
    const shown = texts.join('\\')

    if (el.vr === 'SQ') {
      const items = (el.Value ?? []) as DicomDataset[]
      if (items.length > 0 && (action === 'X' || action === 'Z' || action === 'X/Z')) {
        push({...base, kind: 'profile', identifying: true, action, message: `sequence ${action === 'X/Z' ? 'must be removed or emptied' : describe(action)}; it has ${items.length} item(s)`})
      }
      items.forEach((item, i) => walk(item, `${path}[${i}].`, ctx))
      continue
    }
    switch (action) {
      case 'X':
        if (!empty) push({...base, kind: 'profile', identifying: true, action, message: describe(action)}, shown)
        else push({...base, kind: 'profile', identifying: false, action, message: 'should be removed (present but empty)'})
        continue
      case 'Z':
      case 'X/Z':
      case 'D':
      case 'Z/D':
      case 'X/D':
      case 'X/Z/D':
        if (!empty && !texts.every((t) => isDummyValue(el.vr, t, settings.pseudonymPattern))) {
          push({...base, kind: 'profile', identifying: true, action, message: describe(action)}, shown)
        } else if (!empty && texts.length === 0) {
          push({...base, kind: 'profile', identifying: true, action, message: `${describe(action)}; it holds binary data`})
        }
        continue
      case 'U':
      case 'X/Z/U*': {
        const kept = settings.originals ? texts.filter((t) => settings.originals!.uids.has(t.trim())) : []
        const vendor = el.vr === 'UI' ? texts.map((t) => ({t, root: deviceRootOf(t)})).find((x) => x.root) : undefined
        if (kept.length) push({...base, kind: 'uid', identifying: true, action, message: 'UID was not replaced: it is the original UID'}, kept.join('\\'))
        else if (vendor?.root) push({...base, kind: 'uid', identifying: true, action, message: `UID under ${vendor.root.organisation}'s root (${vendor.root.root}): made by the site's equipment (it can embed a device serial and a timestamp), not replaced`}, vendor.t)
        else if (el.vr !== 'UI' && !empty && !texts.every((t) => isDummyValue(el.vr, t))) push({...base, kind: 'profile', identifying: true, action, message: describe(action)}, shown)
        continue
      }
      case 'K':
      case 'C':
        break
    }
    // Kept or cleaned: Safe Harbor limits, then anything in the text that looks like an identifier.
    if (el.vr === 'AS') {
      // Safe Harbor folds every age over 89 into one "90 or older" category; DICOM writes that category as 090Y.
      const over = texts.find((t) => (ageYears(t) ?? 0) > 90)
      if (over) push({...base, kind: 'safe-harbor', identifying: true, action, message: 'age over 89: HIPAA Safe Harbor allows only "90 or older" (write 090Y)'}, over)
      continue
    }
    if (el.vr === 'DA' || el.vr === 'DT') {
      const real = texts.filter((t) => !isDummyValue(el.vr, t))
      if (real.length === 0) continue
      const unshifted = settings.originals ? real.filter((t) => settings.originals!.dates.has(t.trim().slice(0, 8))) : []
      if (unshifted.length && action === 'C') {
        push({...base, kind: 'safe-harbor', identifying: true, action, message: 'date was not shifted: it equals a date in the originals'}, unshifted.join('\\'))
      } else if (action === 'C' && ctx.datesModified) {
        // Shifted dates keep intervals; acceptable under an expert determination, not under Safe Harbor.
        push({...base, kind: 'safe-harbor', identifying: false, action, message: 'shifted date kept (Retain Longitudinal Temporal Information with Modified Dates): not Safe Harbor, needs an expert determination'})
      } else {
        push({...base, kind: 'safe-harbor', identifying: true, action, message: 'full date kept: HIPAA Safe Harbor allows only the year'}, real.join('\\'))
      }
      continue
    }
    if (!FREE_TEXT_VRS.has(el.vr) && !(TEXT_VRS.has(el.vr) && el.vr !== 'CS' && el.vr !== 'AE')) continue
    if (CODE_KEYS.has(key)) continue
    for (const t of texts) {
      const hits = findIdentifiers(t, ctx.known)
      if (hits.length === 0) continue
      const kinds = [...new Set(hits.map((h) => h.kind))] as IdentifierKind[]
      push({...base, kind: 'free-text', identifying: true, action, match: kinds[0]!, message: `text looks like ${kinds.map(kindWords).join(', ')}`}, t)
    }
  }
}

const kindWords = (k: IdentifierKind): string =>
  ({name: 'a name from the header', 'known-id': 'an identifier from the header', mrn: 'a record number', phone: 'a phone number', email: 'an e-mail address', url: 'a URL'})[k]

/** Names and IDs the file itself carries anywhere (so they can be found again in free text). */
const collectKnown = (ds: DicomDataset, names: string[], ids: string[]): void => {
  for (const [key, el] of Object.entries(ds)) {
    if (el.vr === 'SQ') {
      for (const item of (el.Value ?? []) as DicomDataset[]) collectKnown(item, names, ids)
      continue
    }
    if (el.vr === 'PN') for (const t of textsOf(el)) names.push(...nameTokens(t))
    if (key === '00100020' || key === '00101000' || key === '00080050' || key === '00200010') {
      for (const t of textsOf(el)) if (!isDummyValue(el.vr, t) && !isPseudonym(t)) ids.push(t.trim())
    }
  }
}

const patientIdShape = (ds: DicomDataset, settings: CheckSettings): CheckedFile['patientIdShape'] => {
  const id = firstText(ds, '00100020')
  if (!id) return 'empty'
  if (settings.originals?.plainHashes.has(id.toLowerCase())) return 'plain-hash-of-original'
  if (PSEUDONYM_PATTERN.test(id)) return 'scanvet-pseudonym'
  if (/^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i.test(id)) return 'hex-hash'
  if (UUID.test(id)) return 'uuid'
  if (isDummyValue('LO', id)) return 'dummy'
  return 'other'
}

/** Judge one dataset against the profile. Pure. */
export const checkDataset = (file: string, ds: DicomDataset, settings: CheckSettings, meta?: DicomDataset): CheckedFile => {
  const names: string[] = [...(settings.originals?.names ?? [])]
  const ids: string[] = [...(settings.originals?.ids ?? [])]
  collectKnown(ds, names, ids)
  const known = compileKnown({names, ids})
  const claimed = claimedOptions(ds)
  const datesModified = firstText(ds, '00280303')?.toUpperCase() === 'MODIFIED'
  const findings: DeidFinding[] = []
  walk(ds, '', {settings, options: settings.options, known, findings, datesModified})

  const mediaUid = meta ? firstText(meta, '00020003') : undefined
  if (mediaUid && settings.originals?.uids.has(mediaUid)) {
    findings.push({path: '(0002,0003)', keyword: 'MediaStorageSOPInstanceUID', kind: 'uid', identifying: true, action: 'U', message: 'UID was not replaced: it is the original UID'})
  } else if (mediaUid && !settings.options.has('retain-uids') && deviceRootOf(mediaUid)) {
    findings.push({path: '(0002,0003)', keyword: 'MediaStorageSOPInstanceUID', kind: 'uid', identifying: true, action: 'U', message: `UID under ${deviceRootOf(mediaUid)!.organisation}'s root: made by the site's equipment, not replaced`})
  }
  const shape = patientIdShape(ds, settings)
  if (shape === 'plain-hash-of-original') {
    findings.push({path: '(0010,0020)', keyword: 'PatientID', kind: 'pseudonym', identifying: true, message: 'the patient ID is a plain hash of the original ID: anyone can recompute it by hashing candidate IDs; use a keyed function (HMAC) or random values'})
  }
  const risk = burnedInRisk(ds)
  if (risk.quarantine) {
    const cleanedPixels = claimed.codes.includes(OPTION_CODES['clean-pixel-data'].code) && firstText(ds, '00280301')?.toUpperCase() !== 'YES'
    if (!cleanedPixels) findings.push({path: '(0028,0301)', keyword: 'BurnedInAnnotation', kind: 'burned-in', identifying: true, message: `quarantine: ${risk.reason}; header tools cannot see pixels`})
  }
  const identifyingSoFar = findings.filter((f) => f.identifying).length

  const pir = firstText(ds, '00120062')
  if (pir?.toUpperCase() !== 'YES') {
    findings.push({path: '(0012,0062)', keyword: 'PatientIdentityRemoved', kind: 'marker', identifying: false, message: pir ? `Patient Identity Removed is "${pir}", not YES` : 'Patient Identity Removed is absent'})
  } else if (identifyingSoFar > 0) {
    findings.push({path: '(0012,0062)', keyword: 'PatientIdentityRemoved', kind: 'marker', identifying: false, message: `Patient Identity Removed says YES, but ${identifyingSoFar} identifying item(s) remain`})
  }
  const methodRecorded = claimed.codes.length > 0 || firstText(ds, '00120063') !== undefined
  if (claimed.codes.length === 0) {
    findings.push({path: '(0012,0064)', keyword: 'DeidentificationMethodCodeSequence', kind: 'method', identifying: false, message: 'De-identification Method Code Sequence is absent: the method and options used are not recorded'})
  } else {
    findings.push(...methodContradictions(ds, claimed, settings, risk.quarantine, findings))
  }
  return {
    status: 'checked',
    file,
    ...(firstText(ds, '00080060') ? {modality: firstText(ds, '00080060')} : {}),
    ...(firstText(ds, '00080016') ? {sopClassUid: firstText(ds, '00080016')} : {}),
    ...(pir ? {patientIdentityRemoved: pir} : {}),
    claimedOptions: claimed.options,
    methodRecorded,
    claimsBasic: claimed.codes.includes(BASIC_PROFILE_CODE.code),
    quarantine: findings.some((f) => f.kind === 'burned-in'),
    identifying: findings.filter((f) => f.identifying).length,
    findings,
    patientIdShape: shape,
  }
}

/** Claims in the method code sequence that the data itself contradicts. */
const methodContradictions = (ds: DicomDataset, claimed: {codes: string[]; options: ClaimableOption[]}, settings: CheckSettings, burnedIn: boolean, checked: readonly DeidFinding[]): DeidFinding[] => {
  const out: DeidFinding[] = []
  const at = {path: '(0012,0064)', keyword: 'DeidentificationMethodCodeSequence', kind: 'method' as const, identifying: false}
  const has = (o: ClaimableOption) => claimed.options.includes(o)
  if (!claimed.codes.includes(BASIC_PROFILE_CODE.code)) out.push({...at, message: `does not claim the Basic Profile (${BASIC_PROFILE_CODE.code})`})
  const ltim = firstText(ds, '00280303')?.toUpperCase()
  if (has('retain-modified-dates') && ltim !== 'MODIFIED') out.push({...at, message: `claims Retain Longitudinal Modified Dates, but Longitudinal Temporal Information Modified (0028,0303) is ${ltim ?? 'absent'}`})
  if (has('retain-full-dates') && ltim === 'MODIFIED') out.push({...at, message: 'claims Retain Longitudinal Full Dates, but (0028,0303) says the dates were MODIFIED'})
  if (has('clean-pixel-data') && firstText(ds, '00280301')?.toUpperCase() === 'YES') out.push({...at, message: 'claims Clean Pixel Data, but Burned In Annotation is still YES'})
  if (burnedIn && !has('clean-pixel-data')) out.push({...at, message: 'the image may show burned-in text and Clean Pixel Data is not claimed'})
  // Re-judge the data under exactly what the file claims: anything identifying then contradicts the claim.
  const claimedSet = new Set(claimed.options.filter(isDeidOption))
  const sameAsChecked = claimedSet.size === settings.options.size && [...claimedSet].every((o) => settings.options.has(o))
  const underClaim: DeidFinding[] = []
  if (!sameAsChecked) walk(ds, '', {settings: {...settings, options: claimedSet, showValues: false}, options: claimedSet, known: compileKnown({names: [], ids: []}), findings: underClaim, datesModified: ltim === 'MODIFIED'})
  const violations = (sameAsChecked ? checked : underClaim).filter((f) => f.identifying && (f.kind === 'profile' || f.kind === 'uid' || f.kind === 'safe-harbor'))
  if (violations.length > 0) {
    const what = [BASIC_PROFILE_CODE.meaning, ...claimed.options.map((o) => OPTION_CODES[o].meaning)].join(' + ')
    out.push({...at, message: `claims ${what}, but ${violations.length} attribute(s) contradict it, e.g. ${violations.slice(0, 3).map((v) => v.path).join(', ')}`})
  }
  return out
}
