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
}

const MAX_EXAMPLES = 8

export const summariseSamples = (r: DicomCheckResult): SampleSummary => {
  const checked = r.files.filter((f): f is CheckedFile => f.status === 'checked')
  const t = r.totals
  const examples = checked.flatMap((f) => f.findings.filter((x) => x.identifying && x.kind !== 'burned-in').map((x) => `${f.file} ${x.path} ${x.keyword ?? ''}: ${x.message}`.replace(/ \([^)]*\*[^)]*\)$/, '')))
  const method = checked.flatMap((f) => f.findings.filter((x) => x.kind === 'marker' || x.kind === 'method').map((x) => `${f.file}: ${x.message}`))
  const burned = checked.flatMap((f) => f.findings.filter((x) => x.kind === 'burned-in').map((x) => `${f.file}: ${x.message}`))
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
  }
}
