import {extractCuecs} from './extract-cuecs.js'
import {extractExceptions} from './extract-exceptions.js'
import {dateOrderOf} from './dates.js'
import {extractAuditor, extractOpinion, extractOpinionBasis} from './extract-opinion-auditor.js'
import {extractCategories, extractServiceOrganisation, extractServices, extractSystem} from './extract-scope.js'
import {extractSubservice} from './extract-subservice.js'
import {extractAmbiguousDate, extractAsOf, extractPeriod, extractType} from './extract-type-period.js'
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
  const dateOrder = dateOrderOf(pages)
  const period = type?.value === 'Type I' ? undefined : extractPeriod(pages, dateOrder)
  const asOf = type?.value === 'Type I' || (!type && !period) ? extractAsOf(pages, dateOrder) : undefined
  const ambiguousDate = !dateOrder && !period && !asOf ? extractAmbiguousDate(pages) : undefined
  const serviceOrganisation = extractServiceOrganisation(pages)
  const auditor = extractAuditor(pages, [...(opts.notAuditor ?? []), ...(serviceOrganisation ? [serviceOrganisation.value.replace(/,?\s+(?:Inc\.?|LLC|Ltd\.?|GmbH|Corp\.?|Corporation)$/i, '')] : [])])
  const opinion = extractOpinion(pages)
  const opinionBasis = opinion && opinion.value !== 'unqualified' ? extractOpinionBasis(pages) : undefined
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
    ...(dateOrder ? {dateOrder} : {}),
    ...(ambiguousDate ? {ambiguousDate} : {}),
    ...(serviceOrganisation ? {serviceOrganisation} : {}),
    ...(auditor ? {auditor} : {}),
    ...(opinion ? {opinion} : {}),
    ...(opinionBasis ? {opinionBasis} : {}),
    ...(categories ? {categories} : {}),
    ...(system ? {system} : {}),
    ...(services ? {services} : {}),
    ...(subservice ? {subservice} : {}),
    ...(cuecs ? {cuecs} : {}),
    ...(exceptions ? {exceptions} : {}),
  }
}
