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
import {listFiles} from '../read/list-files.js'
import {checkDataset} from './check-dataset.js'
import {collectOriginals, emptyOriginals, finishOriginals} from './check-files.js'
import {firstText} from '../read/tags.js'
import type {SafePrivateTag} from './deid-check-types.js'
import {deidentifyPart10} from './deid-dataset.js'
import type {DeidOption} from './deid-options.js'
import {keyedFunctions} from './keyed.js'

export type DeidFileResult =
  | {readonly status: 'cleaned'; readonly input: string; readonly output: string; readonly identifyingAfter: number; readonly remaining: readonly string[]}
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

  const keyed = keyedFunctions(settings.key)
  const originals = finishOriginals(acc)
  // A few files in flight at once, so each file's flush to disk overlaps the next one's parsing; results keep
  // input order, and each folder is flushed once at the end.
  const written = new Set<string>()
  const files: DeidFileResult[] = await mapLimit(dicom, DEID_CONCURRENCY, async (l): Promise<DeidFileResult> => {
    const parsed = parseDicom(await fs.readFile(l.file))
    const outcome = deidentifyPart10(parsed, {options: settings.options, safePrivate: settings.safePrivate, keyed})
    if (outcome.status === 'quarantined') return {status: 'quarantined', input: displayPath(l.file), reason: outcome.reason}
    const bytes = encodePart10(outcome.file, parsed.transferSyntax)
    const target = path.join(outAbs, l.relative)
    // Verify what will be written, as written: re-read the bytes and check them against the originals.
    // Re-read from the bytes written, so what is verified is the file, not the dataset in memory.
    const reread = parseDicom(bytes)
    const verdict = checkDataset(displayPath(target), reread.dataset, {options: settings.options, safePrivate: settings.safePrivate, originals, showValues: false}, reread.meta)
    await writeFileAtomic(target, bytes, 0o644, {syncDir: false})
    written.add(path.dirname(target))
    const remaining = verdict.findings.filter((f) => f.identifying).map((f) => `${f.path} ${f.message}`)
    return {status: 'cleaned', input: displayPath(l.file), output: displayPath(target), identifyingAfter: verdict.identifying, remaining}
  })
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
