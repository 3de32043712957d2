import type {Assessment} from '../assessment/assessment-types.js'

/** A table in a report section; column widths are fractions of the text width and sum to 1. */
export interface ReportTable {
  readonly columns: readonly {readonly header: string; readonly width: number}[]
  readonly rows: readonly (readonly string[])[]
}

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
}

export type SectionBuilder = (a: Assessment) => ReportSection | undefined
