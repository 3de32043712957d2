import path from 'node:path'

import {checkFiles, indexOriginals} from '../../dicom/deid/check-files.js'
import type {OriginalsIndex} from '../../dicom/deid/deid-check-types.js'
import {parseSafePrivate} from '../../dicom/deid/parse-settings.js'
import {ScanvetError} from '../../errors.js'
import type {Observation} from '../../model/observation.js'
import type {VendorProfile} from '../../workspace/workspace-types.js'
import type {Probe, ProbeContext} from '../probe-types.js'
import {answerContradictions} from './answers-consistency.js'
import {readDeidAnswers} from './deid-answers.js'
import {summariseSamples, type SampleSummary} from './sample-summary.js'

const TARGET = 'de-identification samples'

/** Check the sample studies named in the vendor profile and cross-check them with the vendor's answers. */
export const runDeidProbe = async (vendor: VendorProfile, ctx: ProbeContext): Promise<Observation> => {
  const started = ctx.now()
  const t0 = performance.now()
  const base = {probe: 'deid' as const, target: TARGET, startedAt: started.toISOString()}
  const done = (o: {status: 'ok'; facts: Record<string, unknown>} | {status: 'error'; reason: string} | {status: 'not-applicable'; reason: string}): Observation =>
    ({...base, durationMs: Math.round(performance.now() - t0), ...o}) as Observation
  const deid = vendor.deid
  if (!deid || ((deid.sent ?? []).length === 0 && (deid.returned ?? []).length === 0)) {
    return done({status: 'not-applicable', reason: 'The vendor profile names no sample studies (deid.sent, deid.returned), so de-identification was not checked on real files.'})
  }
  const resolve = (ps: readonly string[] | undefined) => (ps ?? []).map((p) => path.resolve(ctx.vendorDir, p))
  try {
    const options = new Set(deid.options ?? [])
    const safePrivate = parseSafePrivate(deid.safePrivate ?? [])
    const originals: OriginalsIndex | undefined = (deid.originals ?? []).length > 0 ? await indexOriginals(resolve(deid.originals)) : undefined
    const settings = {options, safePrivate, showValues: false, ...(originals ? {originals} : {})}
    const summarise = async (ps: readonly string[] | undefined): Promise<SampleSummary | undefined> =>
      (ps ?? []).length > 0 ? summariseSamples(await checkFiles(resolve(ps), settings)) : undefined
    const sent = await summarise(deid.sent)
    const returned = await summarise(deid.returned)
    const facts: Record<string, unknown> = {profile: deid.profile ?? 'basic', options: [...options], originalsKnown: originals !== undefined}
    if (sent) facts.sent = sent
    if (returned) facts.returned = returned
    const sets = [sent, returned].filter((s): s is SampleSummary => s !== undefined)
    facts.burnedIn = {quarantined: sets.reduce((n, s) => n + s.quarantined, 0), examples: sets.flatMap((s) => s.burnedInExamples)}
    facts.method = {
      problems: sets.reduce((n, s) => n + s.methodProblems, 0),
      files: sets.reduce((n, s) => n + s.checked, 0),
      examples: sets.flatMap((s) => s.methodExamples).slice(0, 8),
    }
    const answers = await readDeidAnswers(ctx.vendorDir, vendor.questionnaire?.answers)
    if (answers) {
      facts.answers = answers
      const contradictions = answerContradictions(answers, sent, returned)
      facts.consistency = {count: contradictions.length, contradictions}
    }
    return done({status: 'ok', facts})
  } catch (error) {
    // A sample path that does not exist, or a bad safe-private entry: the audit goes on with an error here.
    const reason = error instanceof ScanvetError ? error.message : `the samples could not be checked: ${(error as Error).message}`
    return done({status: 'error', reason})
  }
}

export const deidProbe: Probe = {
  family: 'deid',
  description: 'DICOM de-identification of the sample studies sent and results returned (PS3.15 Annex E, HIPAA Safe Harbor)',
  async run(vendor, ctx) {
    return [await runDeidProbe(vendor, ctx)]
  },
}
