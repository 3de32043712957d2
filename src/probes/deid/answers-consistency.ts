import type {DeidAnswers} from './deid-answers.js'
import type {SampleSummary} from './sample-summary.js'

const list = (xs: readonly string[]): string => xs.join(', ')

/**
 * Where the vendor's de-identification answers and the sample studies disagree, in plain words. Pure: only
 * answered questions and observed sample sets are compared; nothing is inferred from silence.
 */
export const answerContradictions = (answers: DeidAnswers, sent: SampleSummary | undefined, returned: SampleSummary | undefined): string[] => {
  const out: string[] = []
  if (sent && answers.gateway === true && sent.identifyingFiles > 0) {
    out.push(`deid.gateway: the vendor says identifiers are removed at your site, but ${sent.identifyingFiles} of ${sent.checked} sample studies you send still carry identifiers.`)
  }
  if (sent && (answers.profile === 'annex-e-basic' || answers.profile === 'annex-e-with-options') && sent.claimsBasic < sent.checked) {
    out.push(`deid.profile: the vendor names the DICOM Annex E Basic Profile, but ${sent.checked - sent.claimsBasic} of ${sent.checked} sent samples do not record it in (0012,0064).`)
  }
  if (sent && answers.profile === 'annex-e-basic' && sent.claimedOptions.length > 0) {
    out.push(`deid.profile: the answer is the Basic Profile without options, but the samples record options: ${list(sent.claimedOptions)}.`)
  }
  if (sent && answers.options && sent.claimsBasic > 0) {
    const answered = new Set(answers.options)
    const claimed = new Set(sent.claimedOptions)
    const missing = [...answered].filter((o) => !claimed.has(o))
    const extra = [...claimed].filter((o) => !answered.has(o))
    if (missing.length) out.push(`deid.options: the answer lists ${list(missing)}, which the sent samples do not record.`)
    if (extra.length) out.push(`deid.options: the sent samples record ${list(extra)}, which the answer does not list.`)
  }
  if (returned && (answers.burnedIn === 'detect-and-redact' || answers.burnedIn === 'reject') && returned.quarantined > 0) {
    out.push(`deid.burned-in: the vendor says it ${answers.burnedIn === 'reject' ? 'refuses' : 'blacks out'} burned-in text, but ${returned.quarantined} returned result(s) are marked or typed as carrying it without Clean Pixel Data recorded.`)
  }
  const shapes = [...(sent?.patientIdShapes ?? []), ...(returned?.patientIdShapes ?? [])]
  if ((answers.pseudonymMethod === 'keyed-function' || answers.pseudonymMethod === 'random-lookup') && shapes.includes('plain-hash-of-original')) {
    out.push('deid.pseudonym-method: the vendor says replacement IDs come from a keyed function or random values, but sample patient IDs are plain hashes of the original IDs.')
  }
  if (answers.pseudonymMethod === 'not-replaced' && shapes.some((s) => s === 'scanvet-pseudonym' || s === 'hex-hash' || s === 'uuid')) {
    out.push('deid.pseudonym-method: the vendor says identifiers are not replaced, but the samples carry replacement patient IDs.')
  }
  return out
}
