import {retentionReportSection} from '../probes/retention/retention-report-section.js'
import {deidReportSection} from '../probes/deid/deid-report-section.js'
import {soc2ReportSection} from '../probes/soc2/soc2-report-section.js'
import {tlsReportSection} from '../probes/tls/tls-report-section.js'
import type {SectionBuilder} from './report-section.js'
import {contractReportSection} from '../contract/contract-report-section.js'

/** Probe detail sections, in report order. One line per probe family. */
export const SECTION_BUILDERS: readonly SectionBuilder[] = [contractReportSection, tlsReportSection, soc2ReportSection, retentionReportSection, deidReportSection]
