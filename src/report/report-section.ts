import type {Assessment} from '../assessment/assessment-types.js'

/** A table in a report section; column widths are fractions of the text width and sum to 1. */
export interface ReportTable {
  readonly columns: readonly {readonly header: string; readonly width: number}[]
  readonly rows: readonly (readonly string[])[]
  /** Long reference lists (every cipher suite): laid out in the appendix, not in the section. */
  readonly appendix?: boolean
}

/**
 * A picture in a section (the deid probe's boxed thumbnail of a frame with burned-in text). The PNG must be
 * opaque 8-bit RGB: PDF/A-3b forbids transparency, so an alpha channel would make the report invalid.
 */
export interface ReportImage {
  readonly png: Uint8Array
  readonly caption: string
}

/**
 * The round's detached evidence files by their path in the round folder ("evidence/<file>"), read at render
 * time: pixels never enter assessment.json, only the file's name and SHA-256 do.
 */
export type EvidenceBytes = Readonly<Record<string, Uint8Array>>

/**
 * A probe's detail section of the report (TLS table, retention timeline, SOC 2 facts, …), built from the
 * assessment alone. Probe families contribute builders; the renderer lays any section out the same way.
 */
export interface ReportSection {
  readonly id: string
  readonly title: string
  readonly intro?: string
  readonly tables: readonly ReportTable[]
  readonly notes?: readonly string[]
  /** Drawn after the tables, a few to a row, each with its caption. */
  readonly images?: readonly ReportImage[]
}

/** Builds a section from the assessment; `evidence` gives the bytes of files the assessment names by hash. */
export type SectionBuilder = (a: Assessment, evidence?: EvidenceBytes) => ReportSection | undefined
