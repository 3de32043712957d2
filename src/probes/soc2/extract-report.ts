import {extractCuecs} from './extract-cuecs.js'
import {extractExceptions} from './extract-exceptions.js'
import {extractAuditor, extractOpinion} from './extract-opinion-auditor.js'
import {extractCategories, extractServices, extractSystem} from './extract-scope.js'
import {extractSubservice} from './extract-subservice.js'
import {extractAsOf, extractPeriod, extractType} from './extract-type-period.js'
import type {ExtractedReport} from './soc2-types.js'

export interface ExtractOptions {
  /** Every page yielded text: only then can "not mentioned anywhere" be read as "absent". */
  readonly textComplete: boolean
  /** Names that are not the auditor (the vendor's own). */
  readonly notAuditor?: readonly string[]
}

/** Read a SOC 2 report's text (one string per page) into facts, each with its page. Pure. */
export const extractReport = (pages: readonly string[], opts: ExtractOptions): ExtractedReport => {
  const type = extractType(pages)
  const period = type?.value === 'Type I' ? undefined : extractPeriod(pages)
  const asOf = type?.value === 'Type I' || (!type && !period) ? extractAsOf(pages) : undefined
  const auditor = extractAuditor(pages, opts.notAuditor)
  const opinion = extractOpinion(pages)
  const categories = extractCategories(pages)
  const system = extractSystem(pages)
  const services = extractServices(pages)
  const subservice = extractSubservice(pages, opts.textComplete)
  const cuecs = extractCuecs(pages, opts.textComplete)
  const exceptions = type?.value === 'Type I' ? undefined : extractExceptions(pages)
  return {
    ...(type ? {type} : {}),
    ...(period ? {period} : {}),
    ...(asOf ? {asOf} : {}),
    ...(auditor ? {auditor} : {}),
    ...(opinion ? {opinion} : {}),
    ...(categories ? {categories} : {}),
    ...(system ? {system} : {}),
    ...(services ? {services} : {}),
    ...(subservice ? {subservice} : {}),
    ...(cuecs ? {cuecs} : {}),
    ...(exceptions ? {exceptions} : {}),
  }
}
