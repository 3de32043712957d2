import {promises as fs} from 'node:fs'
import path from 'node:path'

import {ScanvetError} from '../../errors.js'
import {displayPath} from '../../paths.js'
import {parseDicom} from '../read/parse-dicom.js'
import {syncDirs, writeFileAtomic} from '../../workspace/atomic-write.js'
import {mapLimit} from '../../util/pool.js'

/** Files de-identified at once (their parsing is synchronous; the overlap is with the writes). */
const DEID_CONCURRENCY = 4
import {isPart10} from '../read/dicom-file.js'
import {encodePart10} from '../write/encode-part10.js'
import {listFiles, type ListedFile} from '../read/list-files.js'
import {compiledWorker, inWorkers, threadCount} from '../../util/worker-batches.js'
import {checkDataset} from './check-dataset.js'
import {collectOriginals, emptyOriginals, finishOriginals} from './check-files.js'
import {firstText} from '../read/tags.js'
import type {OriginalsIndex, SafePrivateTag} from './deid-check-types.js'
import {deidentifyPart10} from './deid-dataset.js'
import type {DeidOption} from './deid-options.js'
import {keyedFunctions, type KeyedFunctions} from './keyed.js'
import {burnedInRisk} from './check-dataset.js'
import type {OcrEngine} from '../../ocr/ocr.js'
import {cleanPixelText} from '../pixels/clean-pixels.js'
import {overlayImages, pixelsWanted, readImageText} from '../pixels/check-pixels.js'
import {decodeFrames} from '../pixels/decode-frames.js'
import {MAX_CLEAN_FRAMES} from '../pixels/clean-pixels.js'
import {seedsOf, type PixelSeeds} from '../pixels/text-match.js'
import type {PixelBox} from './deid-check-types.js'

export type DeidFileResult =
  | {readonly status: 'cleaned'; readonly input: string; readonly output: string; readonly identifyingAfter: number; readonly remaining: readonly string[]; readonly pixelsCleaned?: readonly PixelBox[]}
  | {readonly status: 'quarantined'; readonly input: string; readonly reason: string}

export interface DeidRunResult {
  readonly outDir: string
  readonly options: readonly DeidOption[]
  readonly cleaned: number
  readonly quarantined: number
  /** Cleaned files in which the checker still finds something identifying (e.g. text it could only redact). */
  readonly notClean: number
  readonly skipped: number
  readonly files: readonly DeidFileResult[]
}

export interface DeidRunSettings {
  readonly options: ReadonlySet<DeidOption>
  readonly safePrivate: readonly SafePrivateTag[]
  /** The secret for HMAC; the caller reads it from the environment. Never logged, never in a result. */
  readonly key: string
  /** `--clean-pixels`: OCR the pixels of files that may show text and black out what is found, instead of quarantining them. */
  readonly cleanPixels?: boolean
}

/** What one file's de-identification needs; crosses to worker threads (the key stays in memory only). */
export interface DeidJob {
  readonly options: ReadonlySet<DeidOption>
  readonly safePrivate: readonly SafePrivateTag[]
  readonly key: string
  readonly originals: OriginalsIndex
  readonly outAbs: string
}

/** Fewer files than this are done in one thread: a thread's start-up would cost more than it saves. */
const MIN_FILES_FOR_THREADS = 64

/** Text still readable in a written file's pixels or overlays after cleaning (frames and overlays all read). */
const textLeft = async (ds: Parameters<typeof decodeFrames>[0], transferSyntax: string, ocr: OcrEngine, seeds: PixelSeeds): Promise<number> => {
  const decoded = decodeFrames(ds, transferSyntax, MAX_CLEAN_FRAMES)
  const images = [...(decoded.status === 'decoded' ? decoded.frames : []), ...overlayImages(ds).map((o) => o.image)]
  let left = 0
  for (const im of images) left += (await readImageText(ocr, im, seeds)).hits.length
  return left
}

/**
 * De-identify one file into the output folder (which exists), verify it as written, and say what remains. With
 * `ocr` (`--clean-pixels`), a file whose pixels may show text is cleaned first and its written pixels read again:
 * text still found there quarantines it.
 */
export const deidOne = async (l: ListedFile, job: DeidJob, keyed: KeyedFunctions, ocr?: () => Promise<OcrEngine>): Promise<DeidFileResult> => {
  const parsed = parseDicom(await fs.readFile(l.file))
  let pixelsCleaned: PixelBox[] | undefined
  let seeds: PixelSeeds | undefined
  const risk = burnedInRisk(parsed.dataset)
  // The files `dicom check --pixels` reads by default, and any the header says may show text.
  if (ocr && (risk.quarantine || pixelsWanted(parsed.dataset, 'auto').wanted)) {
    seeds = seedsOf(parsed.dataset)
    const cleaning = await cleanPixelText(parsed.dataset, parsed.transferSyntax, await ocr(), seeds)
    if (cleaning.status === 'not-cleanable') {
      if (risk.quarantine) return {status: 'quarantined', input: displayPath(l.file), reason: `${risk.reason}; pixels not cleaned: ${cleaning.reason}`}
      // Not held back by its header, but asked to look: text readable in pixels that cannot be cleaned holds it back.
      const left = await textLeft(parsed.dataset, parsed.transferSyntax, await ocr(), seeds)
      if (left > 0) return {status: 'quarantined', input: displayPath(l.file), reason: `${left} identifying text item(s) burned into the pixels, which cannot be cleaned: ${cleaning.reason}`}
    } else if (risk.quarantine || cleaning.boxes.length > 0) pixelsCleaned = [...cleaning.boxes]
  }
  const outcome = deidentifyPart10(parsed, {options: job.options, safePrivate: job.safePrivate, keyed, ...(pixelsCleaned ? {pixelsCleaned: true} : {})})
  if (outcome.status === 'quarantined') return {status: 'quarantined', input: displayPath(l.file), reason: outcome.reason}
  const bytes = encodePart10(outcome.file, parsed.transferSyntax)
  const target = path.join(job.outAbs, l.relative)
  // Verify what will be written, as written: re-read the bytes and check them against the originals, so what
  // is verified is the file, not the dataset in memory.
  const reread = parseDicom(bytes)
  if (pixelsCleaned && ocr && seeds) {
    const left = await textLeft(reread.dataset, reread.transferSyntax, await ocr(), seeds)
    if (left > 0) return {status: 'quarantined', input: displayPath(l.file), reason: `pixels cleaned, but ${left} identifying text item(s) are still readable in them; not written`}
  }
  const verdict = checkDataset(displayPath(target), reread.dataset, {options: job.options, safePrivate: job.safePrivate, originals: job.originals, showValues: false}, reread.meta)
  await writeFileAtomic(target, bytes, 0o644, {syncDir: false, dirExists: true})
  const remaining = verdict.findings.filter((f) => f.identifying).map((f) => `${f.path} ${f.message}`)
  return {status: 'cleaned', input: displayPath(l.file), output: displayPath(target), identifyingAfter: verdict.identifying, remaining, ...(pixelsCleaned ? {pixelsCleaned} : {})}
}

const inside = (child: string, parent: string): boolean => {
  const rel = path.relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/**
 * De-identify every DICOM file under `input` into `outDir`, keeping the folder layout. Every input is parsed
 * before anything is written, so bad input writes nothing. Each output is re-read and checked.
 */
export const deidFiles = async (input: string, outDir: string, settings: DeidRunSettings): Promise<DeidRunResult> => {
  const inAbs = path.resolve(input)
  const outAbs = path.resolve(outDir)
  if (inside(outAbs, inAbs) || inside(inAbs, outAbs)) {
    throw new ScanvetError('INVALID_INPUT', `the output folder ${displayPath(outAbs)} must be outside the input ${displayPath(inAbs)} (and not contain it)`, ['choose an output folder beside the input, e.g. ./deidentified'])
  }
  const listed = await listFiles([input])
  // One reading pass checks every input and gathers what the outputs are verified against (the originals).
  const acc = emptyOriginals()
  const problems: string[] = []
  const dicom: typeof listed = []
  let skipped = 0
  for (const l of listed) {
    let bytes: Uint8Array
    try {
      bytes = await fs.readFile(l.file)
    } catch (error) {
      problems.push(`${displayPath(l.file)}: cannot read: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
      continue
    }
    if (!isPart10(bytes)) {
      if (l.explicit) problems.push(`${displayPath(l.file)}: not a DICOM Part 10 file (no "DICM" after the 128-byte preamble)`)
      else skipped++
      continue
    }
    try {
      const parsed = parseDicom(bytes)
      // A file that ends early would be written without its end: refuse it rather than pass on half a study.
      if (parsed.truncated) problems.push(`${displayPath(l.file)}: the file ends early (${parsed.truncated})`)
      else {
        collectOriginals(parsed.dataset, acc)
        const media = firstText(parsed.meta, '00020003')
        if (media) acc.uids.add(media)
        dicom.push(l)
      }
    } catch (error) {
      problems.push(`${displayPath(l.file)}: not readable as DICOM: ${(error as Error).message.split('\n')[0]}`)
    }
  }
  if (problems.length > 0) throw new ScanvetError('INVALID_INPUT', `nothing was written; these inputs cannot be de-identified:\n${problems.join('\n')}`)
  if (dicom.length === 0) throw new ScanvetError('INVALID_INPUT', `${displayPath(input)}: no DICOM files found; nothing was written`)

  const originals = finishOriginals(acc)
  // Every output folder is made once, before the files (not once per file).
  for (const dir of new Set(dicom.map((l) => path.dirname(path.join(outAbs, l.relative))))) await fs.mkdir(dir, {recursive: true})
  const job: DeidJob = {options: settings.options, safePrivate: settings.safePrivate, key: settings.key, originals, outAbs}
  const file = compiledWorker(new URL('./deid-worker.js', import.meta.url))
  const threads = threadCount()
  // Parsing, cleaning, writing and re-checking are CPU-bound: shared among threads, one per core, when there are
  // enough files; otherwise a few files in flight in this thread so each file's flush overlaps the next's parsing.
  // With --clean-pixels the run stays in this thread: OCR has its own worker, started once on the first file
  // that needs it and always closed.
  const files: DeidFileResult[] =
    settings.cleanPixels
      ? await (async () => {
          const keyed = keyedFunctions(settings.key)
          let engine: Promise<OcrEngine> | undefined
          const ocr = () => (engine ??= import('../../ocr/ocr.js').then((m) => m.openOcr()))
          try {
            return await mapLimit(dicom, DEID_CONCURRENCY, (l) => deidOne(l, job, keyed, ocr))
          } finally {
            if (engine) await (await engine).close()
          }
        })()
      : file && threads > 1 && dicom.length >= MIN_FILES_FOR_THREADS
        ? await inWorkers<ListedFile, DeidFileResult>(file, dicom, job, threads)
        : await (() => {
            const keyed = keyedFunctions(settings.key)
            return mapLimit(dicom, DEID_CONCURRENCY, (l) => deidOne(l, job, keyed))
          })()
  const written = files.flatMap((f) => (f.status === 'cleaned' ? [path.dirname(path.resolve(f.output))] : []))
  await syncDirs(written)
  const cleaned = files.filter((f) => f.status === 'cleaned')
  return {
    outDir: displayPath(outAbs),
    options: [...settings.options],
    cleaned: cleaned.length,
    quarantined: files.length - cleaned.length,
    notClean: cleaned.filter((f) => f.identifyingAfter > 0).length,
    skipped,
    files,
  }
}
