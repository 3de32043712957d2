import type {DicomCheckResult} from '../../dicom/deid/check-files.js'
import type {CheckedFile} from '../../dicom/deid/deid-check-types.js'

/** What the assessment keeps about a sample set: counts and tag paths, never a patient value. */
export interface SampleSummary {
  readonly files: number
  readonly checked: number
  readonly unreadable: number
  readonly identifying: number
  readonly identifyingFiles: number
  readonly quarantined: number
  readonly markerMissing: number
  readonly methodMissing: number
  readonly methodContradicted: number
  readonly methodProblems: number
  readonly claimedOptions: readonly string[]
  readonly claimsBasic: number
  readonly patientIdShapes: readonly string[]
  readonly examples: readonly string[]
  readonly methodExamples: readonly string[]
  readonly burnedInExamples: readonly string[]
  /** Pixels read with OCR (the same checker as `dicom check`), per file. */
  readonly pixels: {
    readonly checked: number
    /** Files whose pixels should have been read and could not be decoded: not clean, for a person to look at. */
    readonly notDecoded: number
    /** Files whose pixels were not read because the round's OCR bound was reached. */
    readonly bounded: number
    /** Files in which OCR found identifying text. */
    readonly withText: number
  }
  /**
   * Files a person must look at before they count as de-identified: quarantined (burned-in text found, Burned In
   * Annotation YES, or a risky image type whose pixels were not read) or whose pixels should have been read and
   * were not (not decodable, or beyond the round's bound). Never fewer than `quarantined`.
   */
  readonly toReview: number
}

/** The reason withPixelChecker gives a file skipped for the round's bound (see boundReason). */
const BOUND = /the bound was reached$/

const MAX_EXAMPLES = 8

export const summariseSamples = (r: DicomCheckResult): SampleSummary => {
  const checked = r.files.filter((f): f is CheckedFile => f.status === 'checked')
  const t = r.totals
  const examples = checked.flatMap((f) => f.findings.filter((x) => x.identifying && x.kind !== 'burned-in').map((x) => `${f.file} ${x.path} ${x.keyword ?? ''}: ${x.message}`.replace(/ \([^)]*\*[^)]*\)$/, '')))
  const method = checked.flatMap((f) => f.findings.filter((x) => x.kind === 'marker' || x.kind === 'method').map((x) => `${f.file}: ${x.message}`))
  const bounded = (f: CheckedFile) => f.pixels?.status === 'skipped' && BOUND.test(f.pixels.reason)
  const unread = (f: CheckedFile) => f.pixels?.status === 'not-decoded' || bounded(f)
  const burned = [
    ...checked.flatMap((f) => f.findings.filter((x) => x.kind === 'burned-in').map((x) => `${f.file}: ${x.message}`)),
    // A file beyond the bound carries no pixel finding of its own: it is listed so it is never silently passed.
    ...checked.filter((f) => bounded(f) && !f.findings.some((x) => x.kind === 'burned-in')).map((f) => `${f.file}: ${f.pixels!.reason}`),
  ]
  return {
    files: t.files,
    checked: t.checked,
    unreadable: t.unreadable,
    identifying: t.identifying,
    identifyingFiles: t.identifyingFiles,
    quarantined: t.quarantined,
    markerMissing: t.markerMissing,
    methodMissing: t.methodMissing,
    methodContradicted: t.methodContradicted,
    methodProblems: checked.filter((f) => f.findings.some((x) => x.kind === 'marker' || x.kind === 'method')).length,
    claimedOptions: [...new Set(checked.flatMap((f) => f.claimedOptions))].sort(),
    claimsBasic: checked.filter((f) => f.claimsBasic).length,
    patientIdShapes: [...new Set(checked.map((f) => f.patientIdShape ?? 'empty'))].sort(),
    examples: examples.slice(0, MAX_EXAMPLES),
    methodExamples: method.slice(0, MAX_EXAMPLES),
    burnedInExamples: burned.slice(0, MAX_EXAMPLES),
    pixels: {
      checked: t.pixelsChecked,
      notDecoded: t.pixelsNotDecoded,
      bounded: checked.filter(bounded).length,
      withText: checked.filter((f) => f.findings.some((x) => x.kind === 'burned-in' && x.box !== undefined)).length,
    },
    toReview: checked.filter((f) => f.quarantine || unread(f)).length,
  }
}
