import path from 'node:path'

import {checkFiles, indexOriginals} from '../../dicom/deid/check-files.js'
import type {OriginalsIndex} from '../../dicom/deid/deid-check-types.js'
import {parseSafePrivate} from '../../dicom/deid/parse-settings.js'
import {withPixelChecker, type PixelRunOptions, type ShownImage} from '../../dicom/pixels/check-pixels.js'
import {thumbnailPng} from '../../dicom/pixels/thumbnail.js'
import {sha256Hex} from '../../workspace/history.js'
import {ScanvetError} from '../../errors.js'
import type {Observation} from '../../model/observation.js'
import type {VendorProfile} from '../../workspace/workspace-types.js'
import type {Probe, ProbeContext} from '../probe-types.js'
import {answerContradictions} from './answers-consistency.js'
import {readDeidAnswers} from './deid-answers.js'
import {summariseSamples, type SampleSummary} from './sample-summary.js'

const TARGET = 'de-identification samples'

/**
 * The pixel work of one round. OCR costs about 0.3 s per 640×480 frame (more for larger frames, which are read
 * at up to 2× scale), so 24 files of at most 4 frames each stay near half a minute, and 90 s of OCR is the hard
 * stop whatever the frame sizes. Files past the bound are not read and say so; they count as to be reviewed.
 */
export const DEID_PIXEL_BOUND = {maxFiles: 24, maxFrames: 4, maxMs: 90_000} as const satisfies PixelRunOptions

/** Thumbnails kept per round (the first files in which identifying text was found). */
export const MAX_THUMBNAILS = 3

const KIND_LABEL: Readonly<Record<string, string>> = {name: 'name', 'known-id': 'header ID', mrn: 'record number', phone: 'phone number', email: 'e-mail', url: 'URL', date: 'date'}

export interface DeidThumbnail {
  /** The PNG's name in the round's evidence/ folder. */
  readonly file: string
  readonly sha256: string
  readonly sample: string
  readonly set: 'sent' | 'returned'
  readonly caption: string
}

const captionOf = (set: 'sent' | 'returned', file: string, s: ShownImage): string => {
  const kinds = [...new Set(s.boxes.map((b) => KIND_LABEL[b.kind] ?? b.kind))].join(', ')
  const where = s.overlay ? `overlay (${s.overlay},3000)` : `frame ${s.frame ?? 1}`
  return `${set === 'sent' ? 'Sent' : 'Returned'} sample ${file}, ${where}: ${s.boxes.length} text region(s) found by OCR (${kinds}), boxed in red and blacked out here.`
}

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
    // The same pixel checker as `dicom check` (default modalities, values masked), one OCR worker for both sets.
    let set: 'sent' | 'returned' = 'sent'
    const thumbnails: (DeidThumbnail & {bytes: Uint8Array})[] = []
    const onShown = (file: string, shown: readonly ShownImage[]) => {
      if (thumbnails.length >= MAX_THUMBNAILS) return
      const s = shown[0]!
      const bytes = thumbnailPng(s.image, s.boxes, {showValues: false})
      thumbnails.push({file: `deid-burned-in-${thumbnails.length + 1}.png`, sha256: sha256Hex(bytes), sample: file, set, caption: captionOf(set, file, s), bytes})
    }
    const {sent, returned} = await withPixelChecker(
      'auto',
      false,
      async (pixels) => {
        const settings = {options, safePrivate, showValues: false, ...(originals ? {originals} : {}), ...(pixels ? {pixels} : {})}
        const summarise = async (ps: readonly string[] | undefined): Promise<SampleSummary | undefined> =>
          (ps ?? []).length > 0 ? summariseSamples(await checkFiles(resolve(ps), settings)) : undefined
        const sentSet = await summarise(deid.sent)
        set = 'returned'
        return {sent: sentSet, returned: await summarise(deid.returned)}
      },
      {...DEID_PIXEL_BOUND, onShown},
    )
    const facts: Record<string, unknown> = {profile: deid.profile ?? 'basic', options: [...options], originalsKnown: originals !== undefined}
    if (sent) facts.sent = sent
    if (returned) facts.returned = returned
    const sets = [sent, returned].filter((s): s is SampleSummary => s !== undefined)
    facts.burnedIn = {
      // Files to hold for a person to look at: see SampleSummary.toReview (pixels unread count, never pass).
      quarantined: sets.reduce((n, s) => n + s.toReview, 0),
      examples: sets.flatMap((s) => s.burnedInExamples),
      pixels: {
        checked: sets.reduce((n, s) => n + s.pixels.checked, 0),
        notDecoded: sets.reduce((n, s) => n + s.pixels.notDecoded, 0),
        bounded: sets.reduce((n, s) => n + s.pixels.bounded, 0),
        withText: sets.reduce((n, s) => n + s.pixels.withText, 0),
        bound: {...DEID_PIXEL_BOUND},
      },
      thumbnails: thumbnails.map(({bytes: _b, ...t}) => t),
    }
    // The PNGs go to the round's evidence/ folder (detached before assessment.json is written).
    if (thumbnails.length > 0) facts.evidenceFiles = thumbnails.map((t) => ({file: t.file, sha256: t.sha256, bytes: t.bytes}))
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
