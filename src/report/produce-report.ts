import type {Assessment, SignatureRecord} from '../assessment/assessment-types.js'
import {describeCertificate} from '../keys/certificate-info.js'
import type {SigningKey, TimestampClient} from '../signing/cms-signer.js'
import {signPdf} from '../signing/sign-pdf.js'
import {toFindingsCsv} from './findings-csv.js'
import {toOscal} from './oscal.js'
import type {QuarterView} from '../history/quarter-view.js'
import type {LayoutOptions} from './pdf-decision.js'
import {buildReportModel, type ReportChanges} from './report-model.js'
import type {EvidenceBytes} from './report-section.js'
import {renderPdf} from './render-pdf.js'

export interface ReportSigning {
  readonly key: SigningKey
  readonly tsaUrl?: string
  readonly tsa?: TimestampClient
}

export interface ReportFiles {
  /** The assessment exactly as written to assessment.json and attached to the PDF. */
  readonly assessment: Assessment
  readonly files: {
    readonly 'assessment.json': string
    readonly 'report.pdf': Buffer
    readonly 'assessment-results.oscal.json': string
    readonly 'findings.csv': string
  }
}

/** What the report shows beyond the record: the quarter (conditions, trend) and the layout (paper, logo). */
export interface ReportExtras extends LayoutOptions {
  readonly quarter?: QuarterView
  /** The round's evidence files (evidence/<file> → bytes): pictures the sections show are read from here. */
  readonly evidence?: EvidenceBytes
}

const serialise = (a: Assessment): string => `${JSON.stringify(a, null, 2)}\n`

/**
 * The record and the signed PDF that attaches it (what bench/report.sh times). When the TSA fails, the record
 * is rewritten to say so and the report is rendered again and signed without a timestamp: the record inside a
 * report never claims what it lacks.
 */
export const signedReport = async (base: Assessment, signing?: ReportSigning, changes?: ReportChanges, extras: ReportExtras = {}): Promise<{assessment: Assessment; json: string; pdf: Buffer}> => {
  const info = signing ? await describeCertificate(signing.key.certificates[0]!, '', signing.key.certificates.length) : undefined
  const record = (timestamp: Extract<SignatureRecord, {status: 'signed'}>['timestamp']): SignatureRecord => ({
    status: 'signed',
    format: 'PAdES (CMS detached, ETSI.CAdES.detached)',
    signer: info!.subject,
    fingerprint: info!.fingerprint,
    algorithm: info!.algorithm,
    timestamp,
  })
  const attempt = async (signature: SignatureRecord, tsa?: TimestampClient) => {
    const assessment: Assessment = {...base, signature}
    const json = serialise(assessment)
    const model = buildReportModel(assessment, changes, extras.quarter, extras.evidence)
    const signingTime = new Date(assessment.assessedAt)
    const layout = {...(extras.paper ? {paper: extras.paper} : {}), ...(extras.logo ? {logo: extras.logo} : {})}
    const unsigned = await renderPdf(model, json, signing ? {...layout, signature: {reason: `Vendor assessment ${assessment.id} of ${assessment.vendor.name}`, name: info!.subject, location: assessment.organisation.name, signingTime}} : layout)
    const pdf = signing ? (await signPdf(unsigned, signing.key, tsa)).pdf : unsigned
    return {assessment, json, pdf}
  }
  let out: Awaited<ReturnType<typeof attempt>>
  if (!signing) out = await attempt({status: 'unsigned', reason: 'no signing key is configured (scanvet keys generate)'})
  else if (signing.tsaUrl && signing.tsa) {
    try {
      out = await attempt(record({status: 'rfc3161', tsaUrl: signing.tsaUrl}), signing.tsa)
    } catch (error) {
      out = await attempt(record({status: 'failed', tsaUrl: signing.tsaUrl, reason: (error as Error).message.replace(/^could not sign the report: /, '')}))
    }
  } else out = await attempt(record({status: 'none'}))
  return out
}

/** Every output of one round from the assessment: the signed report and its record, OSCAL and CSV. */
export const produceReport = async (base: Assessment, signing?: ReportSigning, changes?: ReportChanges, extras: ReportExtras = {}): Promise<ReportFiles> => {
  const out = await signedReport(base, signing, changes, extras)
  return {
    assessment: out.assessment,
    files: {
      'assessment.json': out.json,
      'report.pdf': out.pdf,
      'assessment-results.oscal.json': `${JSON.stringify(toOscal(out.assessment), null, 2)}\n`,
      'findings.csv': toFindingsCsv(out.assessment),
    },
  }
}
