export const REPORT_TYPES = ['Type I', 'Type II'] as const
export type ReportType = (typeof REPORT_TYPES)[number]

export const OPINIONS = ['unqualified', 'qualified', 'adverse', 'disclaimer'] as const
export type Opinion = (typeof OPINIONS)[number]

export const CATEGORIES = ['Security', 'Availability', 'Processing Integrity', 'Confidentiality', 'Privacy'] as const
export type Category = (typeof CATEGORIES)[number]

/** A fact read from a document, with the page it was read on (1-based) and the words it was read from. */
export interface Located<T> {
  readonly value: T
  readonly page: number
  readonly excerpt: string
}

export interface Subservice {
  readonly name: string
  readonly method: 'carve-out' | 'inclusive' | 'unknown'
  readonly page: number
}

export interface Cuec {
  readonly text: string
  readonly criteria: readonly string[]
  readonly page: number
}

export interface ReportException {
  readonly criteria: readonly string[]
  readonly text: string
  readonly page: number
}

/** What was read from a SOC 2 report. An absent field was not found: the fact is unknown, never assumed. */
export interface ExtractedReport {
  readonly type?: Located<ReportType>
  readonly period?: Located<{readonly start?: string; readonly end: string}>
  readonly asOf?: Located<string>
  readonly auditor?: Located<string>
  /** The organisation whose system is described (the vendor, by its legal name). */
  readonly serviceOrganisation?: Located<string>
  readonly opinion?: Located<Opinion>
  /** Why a modified opinion is modified: the "Basis for … Opinion" paragraph. */
  readonly opinionBasis?: Located<string>
  /** How the report writes numeric dates, from its own statement or from a date that can only be read one way. */
  readonly dateOrder?: 'day-first' | 'month-first'
  /** A numeric date that could be read either way, with no statement of the order: not guessed. */
  readonly ambiguousDate?: Located<string>
  readonly categories?: Located<readonly Category[]>
  readonly system?: Located<string>
  readonly services?: Located<string>
  readonly subservice?: {readonly status: 'none'; readonly page?: number} | {readonly status: 'listed'; readonly organisations: readonly Subservice[]}
  readonly cuecs?: {readonly status: 'listed'; readonly items: readonly Cuec[]} | {readonly status: 'none-required'; readonly page: number} | {readonly status: 'absent'}
  readonly exceptions?: {readonly items: readonly ReportException[]; readonly page: number}
}

export interface ExtractedLetter {
  /** Who issues the letter (the service organisation's management). */
  readonly issuer?: Located<string>
  readonly date?: Located<string>
  readonly coversFrom?: Located<string>
  readonly coversThrough?: Located<string>
}

export interface ExtractedCertificate {
  readonly issued?: Located<string>
  readonly expires?: Located<string>
}
