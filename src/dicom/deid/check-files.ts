import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'

import {displayPath} from '../../paths.js'
import {mapLimit} from '../../util/pool.js'
import type {DicomDataset} from '../read/dicom-file.js'
import {DicomReadError, looksLikeDicom, parseDicom} from '../read/parse-dicom.js'
import {ScanvetError} from '../../errors.js'
import {cutShort} from '../read/cut-short.js'
import {listFiles, type ListedFile} from '../read/list-files.js'
import {judgeInWorkers} from './check-in-workers.js'
import {nameTokens} from './identifier-patterns.js'
import {firstText, textsOf} from '../read/tags.js'
import {actionFor, checkDataset} from './check-dataset.js'
import type {CheckSettings, DeidFindingKind, FileCheckResult, OriginalsIndex} from './deid-check-types.js'

export interface CheckTotals {
  readonly files: number
  readonly checked: number
  readonly unreadable: number
  /** Files found in folders that are not DICOM Part 10 (skipped silently, counted). */
  readonly skipped: number
  readonly identifying: number
  readonly identifyingFiles: number
  readonly quarantined: number
  readonly markerMissing: number
  readonly methodMissing: number
  readonly methodContradicted: number
  /** Files that end early (partly checked). */
  readonly incomplete: number
  readonly pixelsChecked: number
  readonly pixelsNotDecoded: number
  readonly pixelsSkipped: number
  readonly byKind: Readonly<Record<DeidFindingKind, number>>
}

export interface DicomCheckResult {
  readonly clean: boolean
  readonly options: readonly string[]
  readonly totals: CheckTotals
  readonly files: readonly FileCheckResult[]
}

const KINDS: readonly DeidFindingKind[] = ['profile', 'uid', 'pseudonym', 'free-text', 'safe-harbor', 'burned-in', 'marker', 'method']

type Read =
  | {status: 'ok'; file: string; dataset: DicomDataset; meta: DicomDataset; transferSyntax: string; notes: readonly string[]; truncated?: string; bytes: Uint8Array}
  | {status: 'skipped'; file: string}
  | {status: 'error'; file: string; reason: string}

export const readOne = async (file: string, explicit: boolean): Promise<Read> => {
  let bytes: Uint8Array
  try {
    // Synchronous: for thousands of small files the promise API's open/fstat/read/close round trips cost more
    // than the parsing (bench/dicom.sh), and a CLI run has nothing else to do meanwhile.
    bytes = readFileSync(file)
  } catch (error) {
    return {status: 'error', file, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`}
  }
  // Found in a folder and not DICOM-shaped at all (a PNG, a text file): skipped and counted, not judged.
  if (!looksLikeDicom(bytes)) return explicit ? {status: 'error', file, reason: 'not DICOM: no "DICM" marker and no readable DICOM element at the start'} : {status: 'skipped', file}
  try {
    const p = parseDicom(bytes)
    const metaClass = p.meta['00020002']?.Value?.[0]
    const truncated = p.truncated ?? cutShort(p.dataset, typeof metaClass === 'string' ? metaClass.replace(/\0/g, '').trim() : undefined)
    return {status: 'ok', file, dataset: p.dataset, meta: p.meta, transferSyntax: p.transferSyntax, notes: p.notes, ...(truncated ? {truncated} : {}), bytes}
  } catch (error) {
    if (error instanceof DicomReadError) return {status: 'error', file, reason: `not readable as DICOM: ${error.message}`}
    return {status: 'error', file, reason: `not readable as DICOM: the reader failed (${(error as Error).message.split('\n')[0]})`}
  }
}

/** Read and judge one listed file: a result, or 'skipped' for a non-DICOM file found in a folder. */
export const judgeFile = async (l: ListedFile, settings: CheckSettings): Promise<FileCheckResult | 'skipped'> => {
  const r = await readOne(l.file, l.explicit)
  const shown = displayPath(r.file)
  if (r.status === 'skipped') return 'skipped'
  if (r.status === 'error') return {status: 'error', file: shown, reason: r.reason}
  const judged = checkDataset(shown, r.dataset, settings, r.meta)
  const px = settings.pixels
    ? await settings.pixels(r, judged)
    : {pixels: {status: 'skipped' as const, reason: r.dataset['7FE00010'] ? 'pixels not read (header check only)' : 'no pixel data'}, findings: [...judged.findings]}
  const findings = px.findings
  return {
    ...judged,
    findings,
    identifying: findings.filter((f) => f.identifying).length,
    quarantine: findings.some((f) => f.kind === 'burned-in' && f.identifying),
    transferSyntax: r.transferSyntax,
    ...(r.notes.length ? {readNotes: r.notes} : {}),
    ...(r.truncated ? {incomplete: r.truncated} : {}),
    pixels: px.pixels,
  }
}

/** Judge every DICOM file under the paths. Unreadable files are results too, never exceptions. */
export const checkFiles = async (paths: readonly string[], settings: CheckSettings, concurrency = 8): Promise<DicomCheckResult> => {
  const listed = await listFiles(paths)
  // Headers only: the files are shared among worker threads (one per core); OCR has its own worker pool.
  const parallel = settings.pixels ? undefined : await judgeInWorkers(listed, settings)
  // Judge each file as soon as it is read so only `concurrency` parsed datasets are ever held in memory.
  const judged = parallel ?? (await mapLimit(listed, concurrency, (l) => judgeFile(l, settings)))
  const files = judged.filter((f): f is FileCheckResult => f !== 'skipped')
  const skipped = judged.length - files.length
  if (files.length === 0) {
    const where = paths.map((p) => displayPath(p)).join(', ')
    throw new ScanvetError('NOT_FOUND', `no DICOM files found in ${where} (${skipped} other file(s) skipped)`, ['point at the folder that holds the .dcm files'])
  }
  const clean = files.every((f) => f.status === 'checked' && f.identifying === 0 && f.incomplete === undefined && f.pixels?.status !== 'not-decoded')
  return {clean, options: [...settings.options], totals: totalsOf(files, skipped), files}
}

export const totalsOf = (files: readonly FileCheckResult[], skipped = 0): CheckTotals => {
  const checked = files.filter((f) => f.status === 'checked')
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<DeidFindingKind, number>
  for (const f of checked) for (const x of f.findings) byKind[x.kind]++
  return {
    files: files.length,
    checked: checked.length,
    unreadable: files.length - checked.length,
    skipped,
    identifying: checked.reduce((n, f) => n + f.identifying, 0),
    identifyingFiles: checked.filter((f) => f.identifying > 0).length,
    quarantined: checked.filter((f) => f.quarantine).length,
    markerMissing: checked.filter((f) => f.patientIdentityRemoved?.toUpperCase() !== 'YES').length,
    methodMissing: checked.filter((f) => !f.methodRecorded).length,
    methodContradicted: checked.filter((f) => f.findings.some((x) => x.kind === 'method' && !x.message.includes('is absent'))).length,
    incomplete: checked.filter((f) => f.incomplete !== undefined).length,
    pixelsChecked: checked.filter((f) => f.pixels?.status === 'checked').length,
    pixelsNotDecoded: checked.filter((f) => f.pixels?.status === 'not-decoded').length,
    pixelsSkipped: checked.filter((f) => f.pixels === undefined || f.pixels.status === 'skipped').length,
    byKind,
  }
}

export interface OriginalsAccumulator {
  readonly uids: Set<string>
  readonly dates: Set<string>
  readonly names: string[]
  readonly ids: string[]
}

export const emptyOriginals = (): OriginalsAccumulator => ({uids: new Set<string>(), dates: new Set<string>(), names: [], ids: []})

export const collectOriginals = (ds: DicomDataset, acc: OriginalsAccumulator): void => {
  for (const [key, el] of Object.entries(ds)) {
    if (el.vr === 'SQ') {
      for (const item of (el.Value ?? []) as DicomDataset[]) collectOriginals(item, acc)
      continue
    }
    const texts = textsOf(el)
    if (el.vr === 'UI') {
      const a = actionFor(ds, key, new Set(), [])
      if (a === 'U' || a === 'X/Z/U*') for (const t of texts) acc.uids.add(t.trim())
    } else if (el.vr === 'DA' || el.vr === 'DT') for (const t of texts) acc.dates.add(t.trim().slice(0, 8))
    else if (el.vr === 'PN') for (const t of texts) acc.names.push(...nameTokens(t))
    if (key === '00100020' || key === '00101000' || key === '00080050') acc.ids.push(...texts.map((t) => t.trim()).filter((t) => t.length >= 4))
  }
}

/** UIDs, dates, names and IDs of the data before de-identification, to prove they were replaced. */
export const indexOriginals = async (paths: readonly string[]): Promise<OriginalsIndex> => {
  const acc = emptyOriginals()
  const listed = await listFiles(paths)
  for (const l of listed) {
    const r = await readOne(l.file, false)
    if (r.status !== 'ok') continue
    collectOriginals(r.dataset, acc)
    const media = firstText(r.meta, '00020003')
    if (media) acc.uids.add(media)
  }
  return finishOriginals(acc)
}

/** The index, from what was gathered file by file. */
export const finishOriginals = (acc: OriginalsAccumulator): OriginalsIndex => {
  const ids = [...new Set(acc.ids)]
  const plainHashes = new Set(ids.flatMap((id) => ['md5', 'sha1', 'sha256'].map((alg) => createHash(alg).update(id).digest('hex'))))
  return {uids: acc.uids, dates: acc.dates, names: [...new Set(acc.names)], ids, plainHashes}
}
