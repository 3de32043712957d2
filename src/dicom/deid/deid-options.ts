/**
 * The PS3.15 Annex E options scanvet applies, with their CID 7050 codes (scheme DCM) as written into
 * De-identification Method Code Sequence (0012,0064). Ids match the questionnaire's deid.options values.
 */
export const DEID_OPTIONS = [
  'retain-safe-private',
  'retain-uids',
  'retain-device-identity',
  'retain-institution-identity',
  'retain-patient-characteristics',
  'retain-full-dates',
  'retain-modified-dates',
  'clean-descriptors',
  'clean-structured-content',
  'clean-graphics',
] as const

export type DeidOption = (typeof DEID_OPTIONS)[number]

export interface MethodCode {
  readonly code: string
  readonly meaning: string
}

export const BASIC_PROFILE_CODE: MethodCode = {code: '113100', meaning: 'Basic Application Confidentiality Profile'}

/** CID 7050 codes of every option, including the two pixel options scanvet never claims (it cannot clean pixels). */
export const OPTION_CODES: Readonly<Record<DeidOption | 'clean-pixel-data' | 'clean-visual-features', MethodCode>> = {
  'clean-pixel-data': {code: '113101', meaning: 'Clean Pixel Data Option'},
  'clean-visual-features': {code: '113102', meaning: 'Clean Recognizable Visual Features Option'},
  'clean-graphics': {code: '113103', meaning: 'Clean Graphics Option'},
  'clean-structured-content': {code: '113104', meaning: 'Clean Structured Content Option'},
  'clean-descriptors': {code: '113105', meaning: 'Clean Descriptors Option'},
  'retain-full-dates': {code: '113106', meaning: 'Retain Longitudinal Temporal Information Full Dates Option'},
  'retain-modified-dates': {code: '113107', meaning: 'Retain Longitudinal Temporal Information Modified Dates Option'},
  'retain-patient-characteristics': {code: '113108', meaning: 'Retain Patient Characteristics Option'},
  'retain-device-identity': {code: '113109', meaning: 'Retain Device Identity Option'},
  'retain-uids': {code: '113110', meaning: 'Retain UIDs Option'},
  'retain-safe-private': {code: '113111', meaning: 'Retain Safe Private Option'},
  'retain-institution-identity': {code: '113112', meaning: 'Retain Institution Identity Option'},
}

export type ClaimableOption = keyof typeof OPTION_CODES

export const optionOfCode = (code: string): ClaimableOption | undefined =>
  (Object.keys(OPTION_CODES) as ClaimableOption[]).find((k) => OPTION_CODES[k].code === code)

export const isDeidOption = (s: string): s is DeidOption => (DEID_OPTIONS as readonly string[]).includes(s)
